"""Consultations from request to recommendation; bad input refused with a clear reason and nothing written."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from hamkor.cases import queries_dossiers
from hamkor.core.models import AuditEntry
from hamkor.core.roles import Role
from hamkor.council import services
from hamkor.council.models import Consultation, Opinion, PanelMember, Recommendation
from hamkor.council.tasks import send_deadline_reminders
from hamkor.council.tests.consultation_world import sent_dossier

NOW = datetime(2025, 6, 2, 9, tzinfo=UTC)
DEADLINE = date(2025, 6, 20)
ASKED = ["psychology", "social_work", "theology"]


def ask(worker, **overrides) -> Consultation:
    fields: dict[str, Any] = {
        "kind": "thematic",
        "question": "How should a school welcome children returning from camps?",
        "disciplines": ASKED,
        "languages": ["ru"],
        "deadline": DEADLINE,
        "now": NOW,
    } | overrides
    return services.request_consultation(worker, **fields)


def confirmed(worker, officer) -> Consultation:
    consultation = ask(worker)
    services.propose_panel(officer, consultation, now=NOW)
    return services.confirm_panel(officer, consultation, now=NOW)


def accepted(worker, officer, experts) -> Consultation:
    consultation = confirmed(worker, officer)
    for code in ASKED:
        services.accept_invitation(experts[code].user, consultation, now=NOW)
    return consultation


def writes() -> tuple[int, int, int, int]:
    return (
        AuditEntry.objects.count(),
        Opinion.objects.count(),
        Recommendation.objects.count(),
        PanelMember.objects.exclude(status=PanelMember.Status.PROPOSED).count(),
    )


def test_proposal_ranks_by_coverage_excludes_the_conflicted_and_explains(worker, officer, experts):
    consultation = ask(worker)
    proposal = services.propose_panel(officer, consultation, now=NOW)
    panel = list(consultation.panel.select_related("expert"))
    assert {m.expert_id for m in panel} == {experts[c].pk for c in ASKED}
    assert experts["conflicted"].pk in {e.expert.id for e in proposal.excluded}
    assert all("adds requested disciplines" in m.reasons for m in panel)
    consultation.refresh_from_db()
    assert consultation.status == Consultation.Status.PANEL_PROPOSED


def test_thematic_consultation_goes_from_request_to_recommendation(worker, officer, experts):
    consultation = accepted(worker, officer, experts)
    for code in ASKED:
        services.submit_opinion(experts[code].user, consultation, discipline=code, text=f"From {code}.", now=NOW)
    recommendation = services.consolidate(
        officer, consultation, text="Prepare teachers first.", dissent="Theology: involve imams.", now=NOW
    )
    consultation.refresh_from_db()
    assert consultation.status == Consultation.Status.RECOMMENDED
    assert recommendation.dissent == "Theology: involve imams."
    actions = list(
        AuditEntry.objects.filter(object_type="council.consultation", object_id=str(consultation.pk))
        .order_by("seq")
        .values_list("action", flat=True)
    )
    assert actions == [
        "consultation.request",
        "consultation.propose",
        "consultation.confirm",
        *["consultation.accept"] * 3,
        *["consultation.opinion"] * 3,
        "consultation.recommend",
    ]


def test_a_panel_with_a_conflicted_expert_is_refused_and_nothing_written(worker, officer, experts):
    consultation = ask(worker)
    services.propose_panel(officer, consultation, now=NOW)
    before = writes()
    chosen = [experts["conflicted"], experts["social_work"]]
    with pytest.raises(ValidationError) as refused:
        services.confirm_panel(officer, consultation, chosen, now=NOW)
    assert "Conflicted Psychologist: declared a conflict of interest with the requester's country (UZ)." in (
        refused.value.messages
    )
    assert writes() == before
    consultation.refresh_from_db()
    assert consultation.status == Consultation.Status.PANEL_PROPOSED and consultation.coordinator is None


def test_only_the_secretariat_confirms(worker, officer, experts):
    consultation = ask(worker)
    services.propose_panel(officer, consultation, now=NOW)
    with pytest.raises(PermissionDenied):
        services.confirm_panel(worker, consultation, now=NOW)


def test_an_opinion_after_the_deadline_is_refused(worker, officer, experts):
    consultation = accepted(worker, officer, experts)
    before = writes()
    late = datetime(2025, 6, 21, 8, tzinfo=UTC)
    with pytest.raises(ValidationError) as refused:
        services.submit_opinion(experts["theology"].user, consultation, discipline="theology", text="x", now=late)
    assert refused.value.messages == ["The deadline (2025-06-20) has passed; no opinion can be submitted now."]
    assert writes() == before


def test_an_opinion_from_someone_not_on_the_panel_is_refused(worker, officer, experts, persona):
    consultation = confirmed(worker, officer)
    before = writes()
    for outsider in (experts["conflicted"].user, persona[Role.COUNCIL_EXPERT], experts["theology"].user):
        # the last one is on the panel but has not accepted yet
        with pytest.raises(ValidationError) as refused:
            services.submit_opinion(outsider, consultation, discipline="theology", text="Mine.", now=NOW)
        assert refused.value.messages == ["Only a panel member who accepted the invitation may write an opinion."]
    assert writes() == before


def test_a_consolidation_without_quorum_is_refused(worker, officer, experts):
    consultation = accepted(worker, officer, experts)
    services.submit_opinion(experts["theology"].user, consultation, discipline="theology", text="One.", now=NOW)
    before = writes()
    with pytest.raises(ValidationError) as refused:
        services.consolidate(officer, consultation, text="Too early.", now=NOW)
    assert refused.value.messages == ["The quorum is not reached: 1 of the 2 opinions needed are submitted."]
    assert writes() == before
    consultation.refresh_from_db()
    assert consultation.status == Consultation.Status.OPINIONS


def test_the_quorum_is_configurable(worker, officer, experts):
    consultation = ask(worker, quorum=3)
    services.propose_panel(officer, consultation, now=NOW)
    services.confirm_panel(officer, consultation, now=NOW)
    assert consultation.required_quorum() == 3
    assert ask(worker).required_quorum() == 2  # nobody seated yet: at least two


def test_an_opinion_is_immutable_and_a_correction_is_a_new_version(worker, officer, experts):
    consultation = accepted(worker, officer, experts)
    expert = experts["psychology"]
    first = services.submit_opinion(expert.user, consultation, discipline="psychology", text="First.", now=NOW)
    with pytest.raises(ValidationError):
        services.submit_opinion(expert.user, consultation, discipline="psychology", text="Again.", now=NOW)
    second = services.correct_opinion(expert.user, first, text="Corrected.", now=NOW)
    first.refresh_from_db()
    assert first.text == "First." and (second.version, second.supersedes_id) == (2, first.pk)
    assert list(services.consultations.current_opinions(consultation)) == [second]
    with pytest.raises(ValidationError):
        services.correct_opinion(expert.user, first, text="Branch.", now=NOW)


def test_declining_frees_the_seat(worker, officer, experts):
    consultation = confirmed(worker, officer)
    services.decline_invitation(experts["theology"].user, consultation, now=NOW)
    with pytest.raises(ValidationError):
        services.accept_invitation(experts["theology"].user, consultation, now=NOW)
    assert consultation.panel.get(expert=experts["theology"]).status == PanelMember.Status.DECLINED


def test_a_dossier_consultation_needs_a_sent_dossier_of_the_requesters_organisation(worker, officer, make_user):
    dossier = sent_dossier(worker)
    consultation = ask(worker, kind="dossier", dossier_code=dossier.code)
    assert consultation.dossier == dossier
    stranger = make_user(Role.CASE_WORKER, "kz")
    with pytest.raises(ValidationError):
        ask(stranger, kind="dossier", dossier_code=dossier.code)
    with pytest.raises(ValidationError):
        ask(worker, kind="dossier", dossier_code="D-XXXX-XXXX")
    assert Consultation.objects.count() == 1


def test_experts_see_only_the_dossiers_of_consultations_they_sit_on(worker, officer, experts, persona):
    dossier = sent_dossier(worker)
    other = sent_dossier(worker, "Nodira", "Saidova")
    consultation = ask(worker, kind="dossier", dossier_code=dossier.code)
    services.propose_panel(officer, consultation, now=NOW)
    seated = experts["theology"].user
    assert not queries_dossiers.sent_dossiers(seated).exists()  # proposed is not yet seated
    services.confirm_panel(officer, consultation, now=NOW)
    assert list(queries_dossiers.sent_dossiers(seated)) == [dossier]
    assert other not in queries_dossiers.sent_dossiers(seated)
    assert not queries_dossiers.sent_dossiers(persona[Role.COUNCIL_EXPERT]).exists()
    assert not queries_dossiers.sent_dossiers(experts["conflicted"].user).exists()
    services.decline_invitation(seated, consultation, now=NOW)
    assert not queries_dossiers.sent_dossiers(seated).exists()


def test_reminders_go_three_days_and_one_day_before_to_members_without_an_opinion(worker, officer, experts):
    consultation = accepted(worker, officer, experts)
    services.submit_opinion(experts["theology"].user, consultation, discipline="theology", text="Done.", now=NOW)
    mail.outbox.clear()
    assert send_deadline_reminders(date(2025, 6, 16)) == 0
    assert send_deadline_reminders(date(2025, 6, 17)) == 2
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [experts["psychology"].user.email, experts["social_work"].user.email]
    )
    assert "due in 3 day(s)" in mail.outbox[0].subject
    assert send_deadline_reminders(date(2025, 6, 19)) == 2
    assert send_deadline_reminders(date(2025, 6, 20)) == 0


@pytest.mark.parametrize(
    "fields",
    [
        {"question": " "},
        {"disciplines": []},
        {"disciplines": ["astrology"]},
        {"deadline": date(2025, 6, 1)},
        {"kind": "dossier", "dossier_code": ""},
        {"quorum": 9},
    ],
)
def test_bad_requests_are_refused(worker, fields):
    with pytest.raises(ValidationError):
        ask(worker, **fields)
    assert not Consultation.objects.exists()


def test_roles_outside_the_request_roles_cannot_ask(persona):
    with pytest.raises(PermissionDenied):
        ask(persona[Role.COUNCIL_EXPERT])


def test_figures_page_draws_charts_with_tables(worker, officer, experts, persona):
    from hamkor.conftest import verified_client

    consultation = accepted(worker, officer, experts)
    for code in ASKED[:2]:
        services.submit_opinion(experts[code].user, consultation, discipline=code, text="Yes.", now=NOW)
    services.consolidate(officer, consultation, text="Do it.", now=datetime(2025, 6, 6, 9, tzinfo=UTC))
    page = verified_client(persona[Role.ANALYST]).get("/council/figures/").content.decode()
    assert page.count('<svg xmlns="http://www.w3.org/2000/svg" class="chart"') == 4
    assert "mean 4.0, median 4.0" in page and "<td>2025-06</td><td>1</td>" in page
    assert "<td>Social work</td><td>1</td>" in page
    assert "<script" not in page.split("<main", 1)[-1]


def test_the_requester_reads_the_recommendation_and_every_view_is_audited(worker, officer, experts):
    from hamkor.conftest import verified_client

    consultation = accepted(worker, officer, experts)
    for code in ASKED[:2]:
        services.submit_opinion(experts[code].user, consultation, discipline=code, text="Yes.", now=NOW)
    services.consolidate(officer, consultation, text="Train the teachers.", dissent="Not all agree.", now=NOW)
    page = verified_client(worker).get(f"/council/consultations/{consultation.code}/").content.decode()
    assert "Train the teachers." in page and "Not all agree." in page
    assert AuditEntry.objects.filter(action="consultation.read", actor_id=worker.pk).count() == 1


def test_opening_a_dossier_consultation_is_audited_as_reading_the_dossier(worker, officer, experts):
    from django.urls import reverse

    from hamkor.conftest import verified_client

    dossier = sent_dossier(worker)
    consultation = ask(worker, kind="dossier", dossier_code=dossier.code)
    services.propose_panel(officer, consultation, now=NOW)
    services.confirm_panel(officer, consultation, now=NOW)
    seated = experts["theology"].user
    page = verified_client(seated).get(reverse("council:consultation", args=[consultation.code]))
    assert "Attends evening classes." in page.content.decode()
    reads = AuditEntry.objects.filter(action="dossier.read", actor_id=seated.pk, object_id=str(dossier.pk))
    assert reads.count() == 1


def test_asking_on_an_unknown_dossier_is_a_form_message_in_the_readers_language(worker):
    """The service names the form's own field; a refusal naming any other field still shows, never a 500."""
    from django.urls import reverse

    from hamkor.conftest import verified_client

    client = verified_client(worker)
    client.post(reverse("set_language"), {"language": "ru", "next": "/"})
    response = client.post(
        reverse("council:consultation_request"),
        {
            "kind": "dossier",
            "dossier_code": "D-XXXX-XXXX",
            "question": "Which support should come first for her?",
            "disciplines": ["psychology"],
            "deadline": (date.today() + timedelta(days=30)).isoformat(),
            "panel_size": "3",
        },
    )
    assert response.status_code == 200
    assert "У вашей организации нет досье с таким кодом." in response.content.decode()
    assert response.context["form"].errors["dossier_code"] == ["У вашей организации нет досье с таким кодом."]
    assert not Consultation.objects.exists()
