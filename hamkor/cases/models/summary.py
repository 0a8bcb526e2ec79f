from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from hamkor.cases.domains import Domain


class ScoreSummary(models.Model):
    """A case's first and latest assessment, kept by the assessment service inside its own transaction, so that
    the statistics read one row per case rather than every assessment.

    ``first_<domain>`` and ``latest_<domain>`` (one pair per ``Domain``, added below) hold the domain's score in
    the first and in the latest assessment, both or neither: a domain that one of the two instrument versions
    does not score is left empty, so it counts in no progress figure. Scores describe needs, not a person, and
    the row holds nothing else; anonymisation keeps it (the statistics outlive the identity).
    """

    case = models.OneToOneField("cases.Case", on_delete=models.CASCADE, primary_key=True, related_name="score_summary")
    assessments = models.PositiveIntegerField(_("assessments"))
    first_on = models.DateField(_("first assessed on"))
    latest_on = models.DateField(_("latest assessed on"))

    class Meta:
        verbose_name = _("score summary")
        verbose_name_plural = _("score summaries")

    def __str__(self) -> str:
        return f"{self.case_id} ({self.assessments})"


def first_field(domain: str) -> str:
    return f"first_{domain}"


def latest_field(domain: str) -> str:
    return f"latest_{domain}"


for _domain in Domain.values:
    ScoreSummary.add_to_class(first_field(_domain), models.PositiveSmallIntegerField(null=True, blank=True))
    ScoreSummary.add_to_class(latest_field(_domain), models.PositiveSmallIntegerField(null=True, blank=True))


def summary_scores(first: dict[str, int], latest: dict[str, int]) -> dict[str, int | None]:
    """The per-domain fields of a summary whose first and latest assessments scored ``first`` and ``latest``."""
    fields: dict[str, int | None] = {}
    for domain in Domain.values:
        both = domain in first and domain in latest and first[domain] is not None and latest[domain] is not None
        fields[first_field(domain)] = first[domain] if both else None
        fields[latest_field(domain)] = latest[domain] if both else None
    return fields
