"""The score summary of a case (``ScoreSummary``): its first and latest assessment, for the statistics."""

from __future__ import annotations

from hamkor.cases.models import Assessment, Case, ScoreSummary
from hamkor.cases.models.summary import summary_scores


def refresh_score_summary(case: Case) -> ScoreSummary | None:
    """Recompute ``case``'s summary from its assessments, inside the transaction that changed them.

    The case row is locked first, so two assessments recorded at once for the same case are summarised one
    after the other, the second seeing the first. No audit entry of its own: it is part of the change that
    called it. Returns None (and keeps no row) for a case without assessments.
    """
    Case.objects.select_for_update().filter(pk=case.pk).values_list("pk").first()
    assessments = Assessment.objects.filter(case_id=case.pk)
    first = assessments.order_by("assessed_on", "pk").values("assessed_on", "scores").first()
    if first is None:
        ScoreSummary.objects.filter(case_id=case.pk).delete()
        return None
    latest = assessments.order_by("-assessed_on", "-pk").values("assessed_on", "scores").first()
    assert latest is not None  # there is a first, so there is a latest
    summary, _created = ScoreSummary.objects.update_or_create(
        case_id=case.pk,
        defaults={
            "assessments": assessments.count(),
            "first_on": first["assessed_on"],
            "latest_on": latest["assessed_on"],
            **summary_scores(first["scores"], latest["scores"]),
        },
    )
    return summary
