"""Referrals to service providers and transfers between organisations, as the referring worker, the provider and
the receiving organisation meet them: through the services, the pages and the API."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from types import SimpleNamespace
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from hamkor.cases import referral_queries, services
from hamkor.cases.models import Case, CaseEvent, Referral, Transfer
from hamkor.cases.services import referrals, transfers
from hamkor.cases.tests.factories import identity, years_ago
from hamkor.cases.views.common import case_url
from hamkor.conftest import verified_client
from hamkor.core import services as core_services
from hamkor.core.audit import verify_chain
from hamkor.core.models import AuditEntry, Organisation
from hamkor.core.roles import Role

TODAY = timezone.now().date()
SOON = TODAY + timedelta(days=14)
API = "/api/v1/cases/referrals"


@pytest.fixture
def worker(persona):
    return persona[Role.CASE_WORKER]


@pytest.fixture
def provider(world) -> Organisation:
    return core_services.create_organisation(
        None, name="Samarqand Family Centre", kind=Organisation.Kind.SERVICE_PROVIDER, country_id="UZ"
    )


@pytest.fixture
def provider_worker(provider):
    return _staff(provider, Role.CASE_WORKER, "samarqand-worker@example.org")


def _staff(org: Organisation, role: str, email: str, clearances: tuple[str, ...] = ()):
    return core_services.create_user(
        None, email=email, full_name=email.split("@")[0], organisation=org, roles=[role], clearances=clearances
    )


@pytest.fixture
def case(worker) -> Case:
    """Dilnoza's case at the personas' organisation, with an assessment and two goals."""
    person, case = services.register_person(worker, identity("Dilnoza", "Karimova", "1990-04-02", nationality="UZ"))
    services.record_consent(worker, person, "services", text_version="2025-1", given_on=TODAY)
    services.transition_case(worker, case, "assessment")
    scores = dict.fromkeys(["psychosocial", "physical_health", "education", "livelihood", "family"], 2)
    scores |= dict.fromkeys(["religious", "legal", "housing", "community"], 3)
    services.record_assessment(
        worker,
        case,
        instrument_code="reintegration-needs-strengths",
        version="1.0",
        assessed_on=TODAY,
        scores=scores,
    )
    services.add_goal(worker, case, domain="livelihood", description="A sewing course and a first paid order.")
    services.add_goal(worker, case, domain="legal", description="A passport for her daughter.")
    return Case.objects.get(pk=case.pk)


def _consent(worker, case: Case, recipient: Organisation):
    return services.record_consent(
        worker, case.person, "referral", text_version="2025-1", given_on=TODAY, recipient=recipient
    )


def _send(worker, case: Case, provider: Organisation, **overrides: Any) -> Referral:
    fields: dict[str, Any] = {
        "service": "vocational",
        "fields": ["given_name", "age", "plan_goals"],
        "follow_up_on": SOON,
    }
    return referrals.send_referral(worker, case, provider=provider, **(fields | overrides))


def _last_seq() -> int:
    return AuditEntry.objects.order_by("-seq").values_list("seq", flat=True).first() or 0


def _written(case: Case) -> tuple[int, int, int]:
    return Referral.objects.count(), CaseEvent.objects.filter(case=case).count(), _last_seq()


def _auth(user) -> dict[str, str]:
    issued = core_services.create_api_token(None, user, name="test", scopes=["read", "write"])
    return {"HTTP_AUTHORIZATION": f"Bearer {issued.secret}"}


def _post(client, path: str, body: dict[str, Any], user):
    return client.post(f"{API}{path}", body, content_type="application/json", **_auth(user))


def _get(client, path: str, user):
    return client.get(path if path.startswith("/api/") else f"{API}{path}", **_auth(user))


# --- consent gates the referral ---------------------------------------------------------------------------------


def test_referral_without_consent_is_refused_and_nothing_written(worker, case, provider):
    before = _written(case)
    with pytest.raises(services.CaseRuleError, match="no active consent to a referral to Samarqand"):
        _send(worker, case, provider)
    assert _written(case) == before


def test_consent_to_another_provider_does_not_count(worker, case, provider, world):
    other = core_services.create_organisation(None, name="Bukhara Clinic", kind="service_provider", country_id="UZ")
    _consent(worker, case, other)
    before = _written(case)
    with pytest.raises(services.CaseRuleError, match="consent"):
        _send(worker, case, provider)
    assert _written(case) == before
    assert _send(worker, case, other).provider == other


def test_withdrawn_consent_blocks_referral(worker, case, provider):
    consent = _consent(worker, case, provider)
    services.withdraw_consent(worker, consent, reason="She wants to wait.")
    before = _written(case)
    with pytest.raises(services.CaseRuleError, match="consent"):
        _send(worker, case, provider)
    assert _written(case) == before


def test_referral_never_crosses_a_border(worker, case, world):
    _consent(worker, case, world["kz"])
    with pytest.raises(ValidationError, match="never crosses a border") as refused:
        _send(worker, case, world["kz"])
    assert "provider" in refused.value.message_dict
    assert not Referral.objects.exists()


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"fields": []}, "fields"),
        ({"fields": ["given_name", "passport_number"]}, "fields"),
        ({"service": "magic"}, "service"),
        ({"follow_up_on": TODAY - timedelta(days=1)}, "follow_up_on"),
    ],
    ids=["no-field", "unknown-field", "unknown-service", "follow-up-in-the-past"],
)
def test_malformed_referral_names_the_field(worker, case, provider, change, field):
    _consent(worker, case, provider)
    with pytest.raises(ValidationError) as refused:
        _send(worker, case, provider, **change)
    assert field in refused.value.message_dict
    assert not Referral.objects.exists()


# --- what the provider sees ---------------------------------------------------------------------------------------


def test_referral_carries_a_sealed_snapshot_of_exactly_the_chosen_fields(worker, case, provider):
    _consent(worker, case, provider)
    referral = _send(worker, case, provider, fields=["plan_goals", "given_name", "latest_scores", "age"])
    assert referral.code.startswith("R-") and len(referral.code) == 11
    assert referral.shared_fields == ["given_name", "age", "latest_scores", "plan_goals"]  # catalogue order
    assert set(referral.shared) == set(referral.shared_fields)
    assert referral.shared["given_name"] == "Dilnoza" and referral.shared["age"] == identity(
        "x", "y", "1990-04-02"
    ).age_on(TODAY)
    # Vocational training serves the livelihood domain: only that goal travels.
    assert referral.shared["plan_goals"] == [
        {"domain": "livelihood", "description": "A sewing course and a first paid order."}
    ]
    assert referral.shared["latest_scores"]["scores"]["legal"] == 3
    services.update_identity(worker, case.person, identity("Dilya", "Karimova", "1990-04-02"))
    assert Referral.objects.get(pk=referral.pk).shared["given_name"] == "Dilnoza"  # sealed at sending
    with connection.cursor() as cursor:
        cursor.execute("SELECT shared FROM cases_referral")
        assert "Dilnoza" not in str(cursor.fetchone()[0])


def test_provider_worker_sees_the_shared_fields_only_and_never_the_case(worker, case, provider, provider_worker):
    _consent(worker, case, provider)
    referral = _send(worker, case, provider, fields=["given_name", "sex", "documents"])
    client = verified_client(provider_worker)
    page = client.get(reverse("cases:referral_detail", kwargs={"code": referral.code}))
    assert page.status_code == 200
    text = page.content.decode()
    assert "Dilnoza" in text and "Female" in text
    assert "Karimova" not in text and "1990-04-02" not in text and case.code not in text
    assert client.get(case_url(case)).status_code == 404
    assert AuditEntry.objects.filter(action="referral.read", actor_id=provider_worker.pk).count() == 1

    api_case = _get(client, f"/api/v1/cases/{case.person.code}/1", provider_worker)
    assert api_case.status_code == 404 and api_case["Content-Type"] == "application/problem+json"
    body = _get(client, f"/{referral.code}", provider_worker).json()
    assert set(body["shared"]) == {"given_name", "sex", "documents"} and body["case"] is None
    assert referral_queries.referrals(provider_worker, direction="received").get() == referral


def test_another_organisation_sees_nothing_of_the_referral(worker, case, provider, world):
    _consent(worker, case, provider)
    referral = _send(worker, case, provider)
    stranger = _staff(world["kz"], Role.CASE_WORKER, "almaty@example.org")
    assert verified_client(stranger).get(reverse("cases:referral_detail", args=[referral.code])).status_code == 404
    assert not referral_queries.referrals(stranger).exists()


# --- the provider's answer ----------------------------------------------------------------------------------------


def test_referral_is_sent_then_accepted_then_completed(worker, case, provider, provider_worker):
    _consent(worker, case, provider)
    referral = _send(worker, case, provider)
    referrals.accept_referral(provider_worker, referral, note="Course starts on Monday.")
    assert (referral.status, referral.responded_by, referral.response_note) == (
        "accepted",
        provider_worker,
        "Course starts on Monday.",
    )
    referrals.complete_referral(provider_worker, referral)
    assert Referral.objects.get(pk=referral.pk).status == "completed" and referral.completed_at is not None
    timeline = list(case.events.filter(kind="referral").order_by("at", "pk").values_list("summary", flat=True))
    assert [s.split(" ", 2)[2] for s in timeline] == [
        "sent to Samarqand Family Centre: Vocational training or job",
        "accepted by Samarqand Family Centre",
        "completed by Samarqand Family Centre",
    ]
    actions = AuditEntry.objects.filter(object_type="cases.referral", object_id=str(referral.pk))
    assert list(actions.order_by("seq").values_list("action", flat=True)) == [
        "referral.send",
        "referral.accept",
        "referral.complete",
    ]
    assert "Course starts" not in str(list(actions.values_list("details", "reason")))
    assert verify_chain()[0] is None


def test_referral_is_declined_with_a_reason(worker, case, provider, provider_worker):
    _consent(worker, case, provider)
    referral = _send(worker, case, provider)
    with pytest.raises(ValidationError, match="Say why"):
        referrals.decline_referral(provider_worker, referral, note="  ")
    referrals.decline_referral(provider_worker, referral, note="No place until spring.")
    assert Referral.objects.get(pk=referral.pk).response_note == "No place until spring."
    assert case.events.filter(summary__contains="declined by Samarqand").exists()


def test_completing_a_declined_referral_is_refused(worker, case, provider, provider_worker):
    _consent(worker, case, provider)
    referral = _send(worker, case, provider)
    referrals.decline_referral(provider_worker, referral, note="No place until spring.")
    before = _written(case)
    with pytest.raises(services.CaseRuleError, match="declined cannot become completed"):
        referrals.complete_referral(provider_worker, referral)
    with pytest.raises(services.CaseRuleError, match="cannot become accepted"):
        referrals.accept_referral(provider_worker, referral)
    assert _written(case) == before and Referral.objects.get(pk=referral.pk).status == "declined"


def test_only_the_provider_answers_a_referral(worker, case, provider):
    _consent(worker, case, provider)
    referral = _send(worker, case, provider)
    with pytest.raises(PermissionDenied, match="received the referral"):
        referrals.accept_referral(worker, referral)
    assert Referral.objects.get(pk=referral.pk).status == "sent"


def test_overdue_follow_up_appears_as_due(worker, case, provider, provider_worker):
    _consent(worker, case, provider)
    month_ago = timezone.now() - timedelta(days=30)
    overdue = _send(worker, case, provider, follow_up_on=TODAY - timedelta(days=10), now=month_ago)
    later = _send(worker, case, provider)
    done = _send(worker, case, provider, follow_up_on=TODAY - timedelta(days=5), now=month_ago)
    referrals.decline_referral(provider_worker, done, note="Full.")
    assert list(referral_queries.due_referrals(worker, today=TODAY)) == [overdue]
    assert list(referral_queries.due_referrals(worker, today=SOON)) == [overdue, later]
    page = verified_client(worker).get(reverse("cases:referral_list")).content.decode()
    assert overdue.code in page.split("Due for follow-up")[1].split("Filter referrals")[0]
    assert "overdue" in page
    case_page = verified_client(worker).get(case_url(case)).content.decode()
    assert overdue.code in case_page and "Send a referral" in case_page
    panel = render_to_string(
        "cases/referrals/dashboard_panel.html", {"panel": referral_queries.due_panel(SimpleNamespace(user=worker))}
    )
    assert overdue.code in panel and later.code not in panel


# --- pages --------------------------------------------------------------------------------------------------------


def test_worker_sends_a_referral_from_the_page_and_is_told_why_when_refused(worker, case, provider):
    client = verified_client(worker)
    url = reverse("cases:referral_create", kwargs={"person_code": case.person.code, "number": 1})
    form = {"provider": provider.pk, "service": "vocational", "fields_shared": ["given_name", "age"]}
    form["follow_up_on"] = SOON.isoformat()
    refused = client.post(url, form)
    assert refused.status_code == 400 and "no active consent to a referral" in refused.content.decode()
    assert not Referral.objects.exists()
    _consent(worker, case, provider)
    sent = client.post(url, form)
    referral = Referral.objects.get()
    assert sent.status_code == 302 and sent["Location"] == reverse("cases:referral_detail", args=[referral.code])
    assert referral.shared_fields == ["given_name", "age"]


def test_provider_answers_on_the_page(worker, case, provider, provider_worker):
    _consent(worker, case, provider)
    referral = _send(worker, case, provider)
    client = verified_client(provider_worker)
    answer = reverse("cases:referral_answer", args=[referral.code])
    silent = client.post(answer, {"decision": "decline", "note": ""})
    assert silent.status_code == 400 and "Say why the referral is declined" in silent.content.decode()
    assert client.post(answer, {"decision": "accept", "note": "Monday."}).status_code == 302
    assert client.post(reverse("cases:referral_complete", args=[referral.code])).status_code == 302
    again = client.post(reverse("cases:referral_complete", args=[referral.code]))
    assert again.status_code == 400 and "cannot become completed" in again.content.decode()
    assert verified_client(worker).post(answer, {"decision": "accept"}).status_code == 403


# --- transfers ----------------------------------------------------------------------------------------------------


def test_transfer_to_another_country_is_refused(worker, case, world):
    before = Transfer.objects.count(), _last_seq()
    with pytest.raises(ValidationError, match="never crosses a border"):
        transfers.request_transfer(worker, case, to_organisation=world["kz"], reason="The family moved to Almaty.")
    with pytest.raises(ValidationError, match="never crosses a border"):
        transfers.request_transfer(worker, case, to_organisation=world["un"], reason="UN office takes it.")
    assert (Transfer.objects.count(), _last_seq()) == before


def test_accepted_transfer_moves_the_case_and_keeps_its_history(worker, case, provider, provider_worker):
    transfer = transfers.request_transfer(worker, case, to_organisation=provider, reason="Moved to Samarqand.")
    receiver = verified_client(provider_worker)
    listing = receiver.get(reverse("cases:transfer_list")).content.decode()
    assert case.code in listing and "Moved to Samarqand." in listing and "Dilnoza" not in listing
    assert receiver.get(case_url(case)).status_code == 404  # a request opens nothing yet
    with pytest.raises(services.CaseRuleError, match="already waiting"):
        transfers.request_transfer(worker, case, to_organisation=provider, reason="Again.")

    transfers.accept_transfer(provider_worker, transfer, region="Samarqand")
    moved = Case.objects.select_related("person").get(pk=case.pk)
    assert (moved.organisation, moved.person.organisation, moved.worker, moved.supervisor) == (
        provider,
        provider,
        provider_worker,
        None,
    )
    assert moved.region == "Samarqand"
    assert receiver.get(case_url(case)).status_code == 200
    assert verified_client(worker).get(case_url(case)).status_code == 404
    assert Transfer.objects.get(pk=transfer.pk).status == "accepted"
    assert moved.events.filter(kind="transfer").count() == 2
    assert moved.events.filter(kind="referral").count() == 0 and moved.assessments.count() == 1
    actions = AuditEntry.objects.filter(object_type="cases.transfer").values_list("action", flat=True)
    assert list(actions.order_by("seq")) == ["transfer.request", "transfer.accept"]


def test_declined_transfer_leaves_the_case_where_it_is(worker, case, provider, provider_worker):
    transfer = transfers.request_transfer(worker, case, to_organisation=provider, reason="Moved to Samarqand.")
    with pytest.raises(PermissionDenied):
        transfers.accept_transfer(worker, transfer)  # the requesting side cannot accept its own request
    transfers.decline_transfer(provider_worker, transfer)
    with pytest.raises(services.CaseRuleError, match="declined"):
        transfers.accept_transfer(provider_worker, transfer)
    case.refresh_from_db()
    assert case.organisation.name == "Tashkent Centre" and case.worker == worker
    assert verified_client(provider_worker).get(case_url(case)).status_code == 404
    assert case.events.filter(summary__contains="declined").exists()
    # Declined, the case can be asked of someone else (or the same organisation) again.
    assert transfers.request_transfer(worker, case, to_organisation=provider, reason="Second try.").pk


def test_requesting_organisation_withdraws_its_request(worker, case, provider, provider_worker):
    transfer = transfers.request_transfer(worker, case, to_organisation=provider, reason="Moved to Samarqand.")
    with pytest.raises(PermissionDenied):
        transfers.cancel_transfer(provider_worker, transfer)
    withdrawn = verified_client(worker).post(reverse("cases:transfer_cancel", args=[transfer.pk]))
    assert withdrawn.status_code == 302 and Transfer.objects.get(pk=transfer.pk).status == "cancelled"
    late = verified_client(provider_worker).post(reverse("cases:transfer_accept", args=[transfer.pk]), {})
    assert late.status_code == 400 and "cancelled" in late.content.decode()
    assert Case.objects.get(pk=case.pk).organisation.name == "Tashkent Centre"


def test_a_childs_case_is_taken_over_only_by_someone_cleared(worker, provider, provider_worker):
    _child, child_case = services.register_person(worker, identity("Madina", "Karimova", years_ago(8)))
    transfer = transfers.request_transfer(worker, child_case, to_organisation=provider, reason="Moved.")
    with pytest.raises(PermissionDenied, match="child protection"):
        transfers.accept_transfer(provider_worker, transfer)
    cleared = _staff(provider, Role.CASE_SUPERVISOR, "samarqand-sup@example.org", ("child_protection",))
    transfers.accept_transfer(cleared, transfer)
    child_case.refresh_from_db()
    assert child_case.worker == cleared and child_case.supervisor == cleared


def test_transfer_on_the_pages(worker, case, provider, provider_worker):
    sender = verified_client(worker)
    url = reverse("cases:transfer_create", kwargs={"person_code": case.person.code, "number": 1})
    abroad = sender.post(url, {"to_organisation": Organisation.objects.get(name="Almaty Agency").pk, "reason": "x"})
    assert abroad.status_code == 400 and "never crosses a border" in abroad.content.decode()
    assert sender.post(url, {"to_organisation": provider.pk, "reason": "Moved."}).status_code == 302
    transfer = Transfer.objects.get()
    accepted = verified_client(provider_worker).post(reverse("cases:transfer_accept", args=[transfer.pk]), {})
    assert accepted.status_code == 302 and accepted["Location"] == case_url(case)
    assert Case.objects.get(pk=case.pk).worker == provider_worker


# --- API ----------------------------------------------------------------------------------------------------------


def test_api_referral_flow_with_problems(client, worker, case, provider, provider_worker):
    body = {
        "case": case.code,
        "provider": provider.pk,
        "service": "vocational",
        "shared_fields": ["given_name", "age"],
        "follow_up_on": SOON.isoformat(),
    }
    refused = _post(client, "/", body, worker)
    assert refused.status_code == 422 and refused["Content-Type"] == "application/problem+json"
    assert "consent" in refused.json()["detail"] and not Referral.objects.exists()
    unknown = _post(client, "/", body | {"shared_fields": ["passport_number"]}, worker)
    assert unknown.status_code == 422 and unknown.json()["errors"][0]["field"].startswith("shared_fields")

    _consent(worker, case, provider)
    created = _post(client, "/", body, worker)
    assert created.status_code == 201, created.content
    code = created.json()["code"]
    assert created.json()["case"] == case.code and set(created.json()["shared"]) == {"given_name", "age"}

    received = _get(client, "/?direction=received", provider_worker).json()
    assert [r["code"] for r in received["items"]] == [code] and received["items"][0]["case"] is None
    assert _get(client, "/?direction=received", worker).json()["count"] == 0
    assert _post(client, f"/{code}/accept", {"note": "Monday."}, worker).status_code == 403
    accepted = _post(client, f"/{code}/accept", {"note": "Monday."}, provider_worker)
    assert accepted.status_code == 200 and accepted.json()["status"] == "accepted"
    assert "shared" not in accepted.json()
    assert _post(client, f"/{code}/complete", {}, provider_worker).json()["status"] == "completed"
    again = _post(client, f"/{code}/decline", {"note": "Too late."}, provider_worker)
    assert again.status_code == 422 and again["Content-Type"] == "application/problem+json"
    assert _get(client, "/R-ZZZZ-ZZZZ", provider_worker).status_code == 404


def test_api_decline_and_due(client, worker, case, provider, provider_worker):
    _consent(worker, case, provider)
    referral = _send(worker, case, provider, follow_up_on=TODAY, now=timezone.now() - timedelta(days=3))
    assert [r["code"] for r in _get(client, "/?due=true", worker).json()["items"]] == [referral.code]
    silent = _post(client, f"/{referral.code}/decline", {}, provider_worker)
    assert silent.status_code == 422 and "Say why" in silent.json()["detail"]
    declined = _post(client, f"/{referral.code}/decline", {"note": "Full."}, provider_worker)
    assert declined.json()["status"] == "declined" and declined.json()["response_note"] == "Full."
    assert _get(client, "/?due=true", worker).json()["count"] == 0


def test_api_transfers(client, worker, case, provider, provider_worker, world):
    body = {"case": case.code, "to_organisation": world["kz"].pk, "reason": "Moved to Almaty."}
    abroad = _post(client, "/transfers", body, worker)
    assert abroad.status_code == 422 and abroad["Content-Type"] == "application/problem+json"
    assert "never crosses a border" in abroad.json()["detail"] and not Transfer.objects.exists()

    created = _post(client, "/transfers", body | {"to_organisation": provider.pk}, worker)
    assert created.status_code == 201, created.content
    ref = created.json()["id"]
    assert ref.startswith("T-") and created.json()["status"] == "requested"
    incoming = _get(client, "/transfers?direction=incoming", provider_worker).json()
    assert [(t["id"], t["case"], t["reason"]) for t in incoming["items"]] == [(ref, case.code, "Moved to Almaty.")]
    assert _get(client, f"/api/v1/cases/{case.person.code}/1", provider_worker).status_code == 404
    assert _post(client, f"/transfers/{ref}/accept", {}, worker).status_code == 403
    assert _post(client, "/transfers/12/accept", {}, provider_worker).status_code == 404

    declined = _post(client, f"/transfers/{ref}/decline", {}, provider_worker)
    assert declined.json()["status"] == "declined"
    second = _post(client, "/transfers", body | {"to_organisation": provider.pk}, worker).json()["id"]
    accepted = _post(client, f"/transfers/{second}/accept", {"region": "Samarqand"}, provider_worker)
    assert accepted.status_code == 200 and accepted.json()["status"] == "accepted"
    assert _get(client, f"/api/v1/cases/{case.person.code}/1", provider_worker).status_code == 200
    assert _get(client, f"/api/v1/cases/{case.person.code}/1", worker).status_code == 404
    history = _get(client, "/transfers", provider_worker).json()
    assert {t["status"] for t in history["items"]} == {"accepted", "declined"}


def test_requests_are_timed_by_the_injected_clock(worker, case, provider):
    at = datetime(2030, 5, 1, 9, 0, tzinfo=timezone.get_current_timezone())
    _consent(worker, case, provider)
    referral = _send(worker, case, provider, now=at, follow_up_on=date(2030, 5, 15))
    transfer = transfers.request_transfer(worker, case, to_organisation=provider, reason="Moved.", now=at)
    assert referral.sent_at == at and transfer.requested_at == at
