"""The cases API as an integrator meets it: registering people, the case flow, and who sees what."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import pytest
from django.db import connection
from django.utils import timezone

from hamkor.cases import services
from hamkor.cases.identity import Identity
from hamkor.cases.models import Assessment, Case, CaseEvent, Consent, Family, Goal, Intervention, Note, Person
from hamkor.core import services as core_services
from hamkor.core.audit import verify_chain
from hamkor.core.models import AuditEntry, Organisation
from hamkor.core.roles import Role

PSEUDONYM = re.compile(r"^UZ-[2-9A-Z]{4}-[2-9A-Z]{4}$")
DOMAINS = ["psychosocial", "physical_health", "education", "livelihood", "family", "religious", "legal"]
DOMAINS += ["housing", "community"]
MOTHER = {"given_name": "Dilnoza", "family_name": "Karimova", "birth_date": "1990-04-02", "sex": "female"}


def _auth(user) -> dict[str, str]:
    issued = core_services.create_api_token(None, user, name="test", scopes=["read", "write"])
    return {"HTTP_AUTHORIZATION": f"Bearer {issued.secret}"}


def _today() -> date:
    return timezone.now().date()


def _years_ago(years: int) -> str:
    today = _today()
    return date(today.year - years, 1, 15).isoformat()


def _post(client, path: str, body: dict[str, Any], headers: dict[str, str]):
    return client.post(f"/api/v1/cases{path}", body, content_type="application/json", **headers)


def _get(client, path: str, headers: dict[str, str]):
    return client.get(f"/api/v1/cases{path}", **headers)


def _last_seq() -> int:
    return AuditEntry.objects.order_by("-seq").values_list("seq", flat=True).first() or 0


def _actions_since(seq: int) -> list[str]:
    return list(AuditEntry.objects.filter(seq__gt=seq).order_by("seq").values_list("action", flat=True))


def _register(worker, given: str, family: str, born: str, sex: str = "female", **extra: Any):
    identity = Identity.model_validate({"names": [{"given": given, "family": family}], "birth_date": born, "sex": sex})
    return services.register_person(worker, identity, **extra)


def _scores(value: int = 2, **overrides: Any) -> dict[str, Any]:
    body = {
        "instrument": "reintegration-needs-strengths",
        "version": "1.0",
        "assessed_on": _today().isoformat(),
        "scores": dict.fromkeys(DOMAINS, value),
    }
    return body | overrides


@pytest.fixture
def worker(persona):
    return persona[Role.CASE_WORKER]


@pytest.fixture
def headers(worker):
    return _auth(worker)


@pytest.fixture
def registered(worker):
    """An adult woman with consent to services, her case still in registration."""
    person, case = _register(worker, "Dilnoza", "Karimova", "1990-04-02", new_family=True, relationship="mother")
    services.record_consent(worker, person, "services", text_version="2025-1", given_on=_today())
    return case


# --- registering people ------------------------------------------------------------------------------------


def test_registering_with_four_fields_answers_201_with_a_pseudonym_and_a_case(client, headers):
    response = _post(client, "/people", MOTHER, headers)
    assert response.status_code == 201, response.content
    body = response.json()
    assert PSEUDONYM.match(body["code"])
    assert body["case"] == f"{body['code']}/1" and body["family"] is None and body["possible_duplicates"] == []
    assert Case.objects.get(code=body["case"]).status == "registration"
    assert AuditEntry.objects.filter(action="person.create", object_id=str(Person.objects.get().pk)).exists()


def test_identity_is_not_stored_in_plain_text(client, headers):
    body = MOTHER | {"patronymic": "Rustamovna", "place_of_birth": "Andijon", "nationality": "Uzbekistan"}
    code = _post(client, "/people", body, headers).json()["code"]
    with connection.cursor() as cursor:
        cursor.execute("SELECT identity FROM cases_person WHERE code = %s", [code])
        (stored,) = cursor.fetchone()
    stored = str(stored)
    for plain in ("Dilnoza", "Karimova", "Rustamovna", "Andijon", "1990-04-02"):
        assert plain not in stored


def test_registering_someone_already_known_names_the_possible_duplicate(client, headers, worker):
    known, _case = _register(worker, "Dilnoza", "Karimova", "1990-06-20")
    response = _post(client, "/people", MOTHER, headers)
    assert response.status_code == 201
    assert response.json()["possible_duplicates"] == [known.code]


def test_registering_into_a_family_and_every_identity_field(client, headers):
    mother = _post(
        client, "/people", MOTHER | {"new_family": True, "relationship": "mother", "is_guardian": True}, headers
    )
    family = mother.json()["family"]
    child = {
        "given_name": "Madina",
        "family_name": "Karimova",
        "birth_date": _years_ago(4),
        "birth_date_estimated": True,
        "sex": "female",
        "other_names": [{"given": "Мадина", "family": "Каримова", "script": "Cyrl"}],
        "place_of_birth": "Raqqa, Syria",
        "documents": [{"kind": "birth_certificate", "status": "missing"}],
        "family": family,
        "relationship": "child",
    }
    response = _post(client, "/people", child, headers)
    assert response.status_code == 201, response.content
    assert response.json()["family"] == family
    members = Family.objects.get(code=family).members.order_by("pk")
    assert [(m.relationship, m.is_guardian) for m in members] == [("mother", True), ("child", False)]
    assert Case.objects.get(code=response.json()["case"]).is_child


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"birth_date": "1990-02-30"}, "birth_date"),
        ({"birth_date": "2999-01-01"}, "birth_date"),
        ({"birth_date": "1900-05-01"}, "birth_date"),
        ({"nickname": "Dili"}, "nickname"),
        ({"sex": "unknown"}, "sex"),
        ({"given_name": "   "}, "given_name"),
        ({"documents": [{"kind": "passport", "status": "lost"}]}, "documents.0.status"),
        ({"family": "UZ-F-ZZZZZZ"}, "family"),
        ({"family": "UZ-F-ZZZZZZ", "new_family": True}, "body"),
        ({"birth_date": _years_ago(10), "new_family": True, "is_guardian": True}, "is_guardian"),
    ],
    ids=[
        "impossible-date",
        "born-in-the-future",
        "over-110",
        "unknown-field",
        "bad-sex",
        "blank-name",
        "bad-document-status",
        "unknown-family",
        "two-families",
        "child-as-guardian",
    ],
)
def test_bad_registration_gets_a_problem_and_writes_nothing(client, headers, worker, change, field):
    _register(worker, "Dilnoza", "Karimova", "1990-04-02")
    before = Person.objects.count(), Case.objects.count(), Family.objects.count(), _last_seq()
    response = _post(client, "/people", MOTHER | change, headers)
    assert response.status_code == 422, response.content
    assert response["Content-Type"] == "application/problem+json"
    problem = response.json()
    assert problem["status"] == 422 and problem["detail"]
    assert field in [e["field"] for e in problem["errors"]]
    assert (Person.objects.count(), Case.objects.count(), Family.objects.count()) == before[:3]
    assert set(_actions_since(before[3])) <= {"token.use"}


def test_refused_registration_leaves_no_duplicate_check_behind(client, headers, worker):
    known_child = {"given_name": "Madina", "family_name": "Karimova", "birth_date": _years_ago(10), "sex": "female"}
    _register(worker, "Madina", "Karimova", known_child["birth_date"])
    before = Person.objects.count(), _last_seq()
    response = _post(client, "/people", known_child | {"new_family": True, "is_guardian": True}, headers)
    assert response.status_code == 422 and "guardian" in response.json()["detail"]
    assert Person.objects.count() == before[0] and Family.objects.count() == 0
    assert _actions_since(before[1]) == ["token.use"]
    assert _post(client, "/people", known_child, headers).json()["possible_duplicates"]


def test_age_limits_are_explained(client, headers):
    future = _post(client, "/people", MOTHER | {"birth_date": "2999-01-01"}, headers).json()
    assert "future" in future["detail"]
    ancient = _post(client, "/people", MOTHER | {"birth_date": "1900-05-01"}, headers).json()
    assert "110" in ancient["detail"]


def test_council_expert_cannot_register(client, persona):
    response = _post(client, "/people", MOTHER, _auth(persona[Role.COUNCIL_EXPERT]))
    assert response.status_code == 403 and not Person.objects.exists()


# --- reading people and cases ------------------------------------------------------------------------------


def test_case_worker_reads_a_persons_identity_and_the_read_is_audited(client, headers, registered):
    code = registered.person.code
    response = _get(client, f"/people/{code}", headers)
    assert response.status_code == 200
    body = response.json()
    assert body["names"][0]["given"] == "Dilnoza" and body["birth_date"] == "1990-04-02"
    assert body["cases"] == [registered.code] and body["families"][0]["members"][0]["person"] == code
    assert AuditEntry.objects.filter(action="person.read", object_id=str(registered.person.pk)).count() == 1


@pytest.mark.parametrize("role", [Role.COUNCIL_EXPERT, Role.OVERSIGHT_OFFICER, Role.ANALYST, Role.ADMINISTRATOR])
def test_roles_without_case_access_never_see_identity(client, persona, registered, role):
    headers = _auth(persona[role])
    person = _get(client, f"/people/{registered.person.code}", headers)
    case = _get(client, f"/{registered.code}", headers)
    listing = _get(client, "/", headers)
    for response in (person, case, listing):
        assert response.status_code == 403, response.content
        assert b"Dilnoza" not in response.content and b"Karimova" not in response.content
    assert not AuditEntry.objects.filter(action__in=["person.read", "case.read", "case.list"]).exists()


def test_kazakh_worker_reaches_no_uzbek_case(client, make_user, registered):
    kazakh = make_user(Role.CASE_WORKER, "kz", clearances=("child_protection",))
    headers = _auth(kazakh)
    assert _get(client, f"/{registered.code}", headers).status_code == 404
    assert _get(client, f"/people/{registered.person.code}", headers).status_code == 404
    assert _get(client, "/", headers).json() == {"items": [], "count": 0}
    note = _post(client, f"/{registered.code}/notes", {"body": "Trying."}, headers)
    assert note.status_code == 404 and note["Content-Type"] == "application/problem+json"
    transition = _post(client, f"/{registered.code}/transition", {"to": "assessment"}, headers)
    assert transition.status_code == 404
    assert not Note.objects.exists() and Case.objects.get().status == "registration"


def test_a_childs_case_stays_hidden_from_a_worker_without_child_protection_clearance(client, make_user, worker):
    _child, case = _register(worker, "Jasur", "Karimov", _years_ago(12), "male")
    uncleared = _auth(make_user(Role.CASE_WORKER, "uz"))
    assert _get(client, f"/{case.code}", uncleared).status_code == 404
    assert _get(client, "/", uncleared).json()["count"] == 0


def test_case_list_is_paginated_filtered_and_its_read_audited(client, headers, worker, registered):
    for given in ("Zarina", "Nodira"):
        _register(worker, given, "Yusupova", "1988-09-11")
    services.transition_case(worker, registered, "assessment")
    page = _get(client, "/?page=1&page_size=2", headers).json()
    assert page["count"] == 3 and len(page["items"]) == 2
    row = page["items"][0]
    assert set(row) == {
        "code",
        "person",
        "display_name",
        "status",
        "worker",
        "organisation",
        "country",
        "opened_at",
        "is_child",
    }
    assert row["display_name"] in {"Yusupova Zarina", "Yusupova Nodira", "Karimova Dilnoza"}
    listed = AuditEntry.objects.filter(action="case.list").latest("seq")
    assert listed.details["cases"] == [r["code"] for r in page["items"]]
    in_assessment = _get(client, "/?status=assessment", headers).json()
    assert [r["code"] for r in in_assessment["items"]] == [registered.code]
    assert _get(client, f"/?worker={worker.pk}&page=2&page_size=2", headers).json()["count"] == 3
    assert _get(client, "/?due=overdue", headers).json() == {"items": [], "count": 0}
    assert _get(client, "/?page_size=500", headers).status_code == 422


def test_case_detail_leaves_out_compartments_the_user_cannot_open(client, make_user, headers, registered):
    officer = make_user(Role.CASE_WORKER, "uz", clearances=("child_protection", "law_enforcement"))
    services.add_note(officer, registered, compartment="law_enforcement", body="Sealed investigation detail.")
    services.add_note(officer, registered, compartment="general", body="Home visit went well.")
    response = _get(client, f"/{registered.code}", headers)
    assert response.status_code == 200
    body = response.json()
    assert [n["body"] for n in body["notes"]] == ["Home visit went well."]
    assert b"law_enforcement" not in response.content and b"Sealed" not in response.content
    assert all(event["compartment"] == "" for event in body["timeline"])
    cleared = _get(client, f"/{registered.code}", _auth(officer)).json()
    assert {n["compartment"] for n in cleared["notes"]} == {"general", "law_enforcement"}
    assert AuditEntry.objects.filter(action="case.read", object_id=str(registered.pk)).count() == 2


def test_writing_in_a_compartment_one_is_not_cleared_for_is_forbidden(client, headers, registered):
    response = _post(client, f"/{registered.code}/notes", {"compartment": "law_enforcement", "body": "x"}, headers)
    assert response.status_code == 403 and "cleared" in response.json()["detail"]
    assert not Note.objects.exists()


def test_unknown_case_is_a_problem_404(client, headers):
    response = _get(client, "/UZ-ZZZZ-ZZZZ/1", headers)
    assert response.status_code == 404 and response["Content-Type"] == "application/problem+json"


# --- refused writes ----------------------------------------------------------------------------------------


def _child_case(worker) -> Case:
    _child, case = _register(worker, "Jasur", "Karimov", _years_ago(9), "male")
    return case


@pytest.mark.parametrize(
    ("path", "body", "phrase"),
    [
        ("/notes", {"body": "x" * 20_001}, "at most 20000 characters"),
        ("/notes", {"body": "   "}, "empty"),
        ("/transition", {"to": "services"}, "cannot move to"),
        ("/transition", {"to": "closed", "closure": "reintegrated"}, "only after a review"),
        ("/assessments", _scores(version="9.9"), "version 9.9"),
        ("/assessments", _scores(), "in assessment"),
        ("/consents", {"purpose": "services", "text_version": "1999-1", "given_on": "2024-01-10"}, "version"),
        ("/goals", {"domain": "livelihood", "description": "x" * 2001}, "2000"),
    ],
    ids=[
        "oversized-note",
        "empty-note",
        "transition-out-of-order",
        "reintegrated-without-review",
        "unknown-instrument-version",
        "assessment-before-its-time",
        "unknown-consent-text",
        "oversized-goal",
    ],
)
def test_refused_case_write_gets_422_and_changes_nothing(client, headers, registered, path, body, phrase):
    _assert_refused(client, headers, registered, path, body, phrase)


def test_childs_consent_without_a_guardian_is_refused(client, headers, worker):
    case = _child_case(worker)
    body = {"purpose": "services", "text_version": "2025-1", "given_on": _today().isoformat(), "child_assent": True}
    _assert_refused(client, headers, case, "/consents", body, "guardian")


def _assert_refused(client, headers, case: Case, path: str, body: dict[str, Any], phrase: str) -> None:
    tables = (Note, CaseEvent, Consent, Assessment, Goal, Intervention)
    before = [t.objects.count() for t in tables], _last_seq()
    response = _post(client, f"/{case.code}{path}", body, headers)
    assert response.status_code == 422, response.content
    assert response["Content-Type"] == "application/problem+json"
    assert phrase in response.json()["detail"]
    assert [t.objects.count() for t in tables] == before[0]
    assert set(_actions_since(before[1])) <= {"token.use"}
    assert Case.objects.get(pk=case.pk).status == case.status


def test_withdrawn_consent_stops_the_case_moving_to_assessment(client, headers, registered):
    consent = Consent.objects.get(person=registered.person)
    response = _post(client, f"/{registered.code}/consents/{consent.pk}/withdraw", {"reason": "Moved away."}, headers)
    assert response.status_code == 200 and response.json()["active"] is False
    refused = _post(client, f"/{registered.code}/transition", {"to": "assessment"}, headers)
    assert refused.status_code == 422 and "consent" in refused.json()["detail"]


# --- break-glass -------------------------------------------------------------------------------------------


def test_supervisor_of_another_organisation_opens_a_case_only_through_break_glass(client, make_user, registered):
    other = core_services.create_organisation(
        None, name="Namangan Centre", kind=Organisation.Kind.SERVICE_PROVIDER, country_id="UZ"
    )
    supervisor = make_user(Role.CASE_SUPERVISOR, "uz")
    supervisor.organisation = other
    supervisor.save(update_fields=["organisation"])
    headers = _auth(supervisor)
    assert _get(client, f"/{registered.code}", headers).status_code == 404
    short = _post(client, f"/{registered.code}/break-glass", {"reason": "urgent"}, headers)
    assert short.status_code == 422 and "20 characters" in short.json()["detail"]
    reason = "The family called at night; their worker is on leave and the child is ill."
    opened = _post(client, f"/{registered.code}/break-glass", {"reason": reason}, headers)
    assert opened.status_code == 201 and opened.json()["case"] == registered.code
    assert _get(client, f"/{registered.code}", headers).status_code == 200
    assert [e.reason for e in AuditEntry.objects.filter(action="case.break_glass")] == [reason]


def test_break_glass_is_for_supervisors_of_the_same_country(client, make_user, persona, registered):
    reason = "The family called at night; their worker is on leave and the child is ill."
    worker = _post(client, f"/{registered.code}/break-glass", {"reason": reason}, _auth(persona[Role.CASE_WORKER]))
    assert worker.status_code == 403
    kazakh = _auth(make_user(Role.CASE_SUPERVISOR, "kz"))
    abroad = _post(client, f"/{registered.code}/break-glass", {"reason": reason}, kazakh)
    assert abroad.status_code == 404  # as for a made-up number: no answer tells that a case exists abroad
    assert not AuditEntry.objects.filter(action="case.break_glass").exists()


# --- the whole flow ----------------------------------------------------------------------------------------


def test_mother_and_child_go_from_registration_to_reintegration_over_the_api(client, headers, worker):
    today = _today().isoformat()
    start = _last_seq()
    mother = _post(
        client, "/people", MOTHER | {"new_family": True, "relationship": "mother", "is_guardian": True}, headers
    ).json()
    child_body = {
        "given_name": "Jasur",
        "family_name": "Karimov",
        "birth_date": _years_ago(9),
        "sex": "male",
        "family": mother["family"],
        "relationship": "child",
    }
    child = _post(client, "/people", child_body, headers).json()
    case = f"/{child['case']}"

    consent = {"purpose": "services", "text_version": "2025-1", "given_on": today}
    assert _post(client, f"/{mother['case']}/consents", consent, headers).status_code == 201
    childs = _post(client, f"{case}/consents", consent | {"guardian": mother["code"], "child_assent": True}, headers)
    assert childs.status_code == 201, childs.content
    assert childs.json()["guardian"] == mother["code"] and childs.json()["person"] == child["code"]

    assert _post(client, f"{case}/transition", {"to": "assessment"}, headers).json()["status"] == "assessment"
    assessed = _post(client, f"{case}/assessments", _scores(1, narratives={"education": "Missed two years."}), headers)
    assert assessed.status_code == 201 and assessed.json()["scores"]["education"] == 1
    assert _post(client, f"{case}/transition", {"to": "planning"}, headers).status_code == 200
    goal = _post(client, f"{case}/goals", {"domain": "education", "description": "Back to school in grade 3."}, headers)
    assert goal.status_code == 201
    intervention = _post(
        client,
        f"{case}/goals/{goal.json()['id']}/interventions",
        {"kind": "schooling", "due_on": today, "provider": worker.organisation_id, "responsible": worker.pk},
        headers,
    )
    assert intervention.status_code == 201, intervention.content
    assert _post(client, f"{case}/transition", {"to": "services"}, headers).status_code == 200
    done = _post(client, f"{case}/interventions/{intervention.json()['id']}/status", {"status": "done"}, headers)
    assert done.json()["status"] == "done" and done.json()["completed_on"] == today
    assert _post(client, f"{case}/notes", {"body": "Attends school every day."}, headers).status_code == 201
    assert _post(client, f"{case}/transition", {"to": "review"}, headers).status_code == 200
    assert _post(client, f"{case}/assessments", _scores(3), headers).status_code == 201
    closed = _post(client, f"{case}/transition", {"to": "closed", "closure": "reintegrated"}, headers).json()
    assert closed["status"] == "closed" and closed["closure"] == "reintegrated" and closed["closed_at"]

    detail = _get(client, case, headers).json()
    assert detail["status"] == "closed" and detail["is_child"] and detail["worker"]["id"] == worker.pk
    assert detail["latest_scores"]["scores"]["education"] == 3
    education = next(s for s in detail["progress"] if s["domain"] == "education")
    assert [p["score"] for p in education["points"]] == [1, 3]
    assert detail["goals"][0]["interventions"][0]["status"] == "done"
    assert [c["guardian"] for c in detail["consents"]] == [mother["code"]]
    assert [n["body"] for n in detail["notes"]] == ["Attends school every day."]
    assert detail["timeline"][0]["summary"].startswith("Status: Closed")

    fault, checked = verify_chain()
    assert fault is None and checked >= _last_seq()
    actions = _actions_since(start)
    for action, times in {
        "family.create": 1,
        "person.create": 2,
        "consent.record": 2,
        "case.transition": 5,
        "case.assessment": 2,
        "case.goal": 1,
        "case.intervention": 1,
        "case.intervention_status": 1,
        "case.note": 1,
        "case.read": 1,
    }.items():
        assert actions.count(action) == times, action
