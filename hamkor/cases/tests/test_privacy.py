"""The privacy breaks a security review found in case management, each reproduced as the reviewer did it."""

from __future__ import annotations

import json
import re
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from hamkor.cases import queries, services
from hamkor.cases.services import referrals
from hamkor.cases.tests.factories import assess, identity, years_ago
from hamkor.conftest import verified_client
from hamkor.core import services as core_services
from hamkor.core.models import AuditEntry, Organisation
from hamkor.core.roles import Role

TODAY = timezone.now().date()


def _bearer(user) -> dict[str, str]:
    issued = core_services.create_api_token(None, user, name="review", scopes=["read", "write"])
    return {"HTTP_AUTHORIZATION": f"Bearer {issued.secret}"}


def _assessed(worker, given: str = "Malika"):
    person, case = services.register_person(worker, identity(given, "Saidova", "1988-03-03"))
    services.record_consent(worker, person, "services", text_version="2025-1", given_on=TODAY)
    services.transition_case(worker, case, "assessment")
    return person, case


def test_subject_access_export_leaves_out_a_law_enforcement_note_the_supervisor_may_not_open(make_user, client):
    officer = make_user(Role.CASE_WORKER, clearances=("law_enforcement",))
    supervisor = make_user(Role.CASE_SUPERVISOR)
    person, case = _assessed(officer)
    services.add_note(officer, case, compartment="law_enforcement", body="Interviewed by the police on 3 May.")
    services.add_note(officer, case, compartment="general", body="Started the sewing course.")

    response = client.get(f"/api/v1/cases/retention/people/{person.code}/export", **_bearer(supervisor))
    assert response.status_code == 200
    notes = [n["text"] for n in response.json()["cases"][0]["notes"]]
    assert notes == ["Started the sewing course."]
    assert "law_enforcement" in response.json()["withheld_compartments"]
    page = verified_client(supervisor).get(reverse("cases:retention_export", args=[person.code]))
    document = json.loads(b"".join(page.streaming_content) if page.streaming else page.content)
    assert "police" not in json.dumps(document)
    # The same export by a supervisor cleared for the compartment carries the note.
    cleared = make_user(Role.CASE_SUPERVISOR, clearances=("law_enforcement",))
    full = client.get(f"/api/v1/cases/retention/people/{person.code}/export", **_bearer(cleared)).json()
    assert "Interviewed by the police on 3 May." in [n["text"] for n in full["cases"][0]["notes"]]
    assert "law_enforcement" not in full["withheld_compartments"]


def test_psychosocial_and_health_narratives_belong_to_their_compartments(make_user):
    psychologist = make_user(Role.CASE_WORKER, clearances=("psychosocial",))
    worker = make_user(Role.CASE_WORKER)
    _person, case = _assessed(worker)
    with pytest.raises(ValidationError, match="cleared"):
        assess(worker, case, {"psychosocial": "Sleeps badly since the camp."})
    assessment = assess(psychologist, case, {"psychosocial": "Sleeps badly since the camp.", "education": "Reads."})
    assert queries.narratives(psychologist, assessment) == {
        "psychosocial": "Sleeps badly since the camp.",
        "education": "Reads.",
    }
    assert queries.narratives(worker, assessment) == {"education": "Reads."}
    page = verified_client(worker).get(reverse("cases:detail", args=case.code.split("/")))
    assert "Sleeps badly" not in page.content.decode() and "Reads." in page.content.decode()
    # The worker's assessment form offers no narrative field for a compartment they may not open.
    assert 'name="narrative_psychosocial"' not in page.content.decode()
    assert 'name="narrative_education"' in page.content.decode()


@pytest.fixture
def child_referral(make_user, world):
    worker = make_user(Role.CASE_WORKER, clearances=("child_protection",))
    provider = core_services.create_organisation(
        None, name="Fergana Youth Centre", kind=Organisation.Kind.SERVICE_PROVIDER, country_id="UZ"
    )
    mother, _case = services.register_person(
        worker, identity("Gulnora", "Azimova", years_ago(30)), new_family=True, relationship="mother", is_guardian=True
    )
    child, case = services.register_person(
        worker,
        identity("Sevara", "Azimova", years_ago(5)),
        family=mother.memberships.get().family,
        relationship="child",
    )
    services.record_consent(worker, child, "services", text_version="2025-1", given_on=TODAY, guardian=mother)
    services.record_consent(
        worker, child, "referral", text_version="2025-1", given_on=TODAY, recipient=provider, guardian=mother
    )
    referral = referrals.send_referral(
        worker,
        case,
        provider=provider,
        service="schooling",
        fields=["given_name", "age"],
        follow_up_on=TODAY + timedelta(days=7),
    )
    return provider, referral


def test_a_childs_referral_opens_at_the_provider_only_with_the_child_protection_clearance(child_referral, client):
    provider, referral = child_referral
    staff = {
        cleared: core_services.create_user(
            None,
            email=f"fergana-{cleared}@example.org",
            full_name="Fergana staff",
            organisation=provider,
            roles=[Role.CASE_WORKER],
            clearances=("child_protection",) if cleared else (),
        )
        for cleared in (True, False)
    }
    url = f"/api/v1/cases/referrals/{referral.code}"
    assert client.get(url, **_bearer(staff[False])).status_code == 404
    listed = client.get("/api/v1/cases/referrals/", **_bearer(staff[False])).json()
    assert referral.code not in json.dumps(listed)
    page = verified_client(staff[False]).get(reverse("cases:referral_detail", args=[referral.code]))
    assert page.status_code == 404
    shown = client.get(url, **_bearer(staff[True]))
    assert shown.status_code == 200 and "Sevara" in shown.content.decode()


def test_emergency_access_answers_alike_for_a_foreign_case_and_a_made_up_number(make_user, client):
    kazakh_worker = make_user(Role.CASE_WORKER, "kz")
    _person, foreign = _assessed(kazakh_worker)
    supervisor = make_user(Role.CASE_SUPERVISOR)
    body = {"reason": "The mother called at night: the child has a high fever."}
    person_code, number = foreign.code.split("/")
    real = client.post(
        f"/api/v1/cases/{person_code}/{number}/break-glass",
        body,
        content_type="application/json",
        **_bearer(supervisor),
    )
    made_up = client.post(
        "/api/v1/cases/KZ-ZZZZ-ZZZZ/1/break-glass", body, content_type="application/json", **_bearer(supervisor)
    )
    assert real.status_code == made_up.status_code == 404
    assert {**real.json(), "instance": ""} == {**made_up.json(), "instance": ""}
    pages = verified_client(supervisor)
    answers = [
        pages.post(reverse("cases:break_glass"), {"code": code, **body}) for code in (foreign.code, "KZ-ZZZZ-ZZZZ/1")
    ]
    assert answers[0].status_code == answers[1].status_code
    shown = [re.sub(r'value="[A-Za-z0-9]{64}"', "", a.content.decode()) for a in answers]  # CSRF tokens differ
    assert shown[0].replace(foreign.code, "KZ-ZZZZ-ZZZZ/1") == shown[1]
    assert not AuditEntry.objects.filter(action="case.break_glass").exists()


def test_a_name_search_travels_in_the_body_and_never_in_the_url(make_user, client):
    worker = make_user(Role.CASE_WORKER)
    _assessed(worker, "Malika")
    _assessed(worker, "Zilola")
    pages = verified_client(worker)
    listing = pages.get(reverse("cases:list")).content.decode()
    assert '<form method="post" action="/cases/"' in listing
    found = pages.post(reverse("cases:list"), {"q": "Zilola"}).content.decode()
    assert "Zilola" in found and "Malika" not in found
    # A name in the query string is not a search: the list is unfiltered and the name is not echoed back.
    ignored = pages.get(reverse("cases:list"), {"q": "Zilola"}).content.decode()
    assert "Malika" in ignored and 'value="Zilola"' not in ignored
    api = client.post(
        "/api/v1/cases/search", {"q": "Зилола"}, content_type="application/json", **_bearer(worker)
    ).json()
    assert [row["display_name"] for row in api["items"]] == ["Saidova Zilola"]
    assert "Zilola" not in json.dumps(list(AuditEntry.objects.values()), default=str)


def test_a_corrected_date_of_birth_that_makes_a_child_applies_the_child_protection_clearance_at_once(make_user):
    cleared = make_user(Role.CASE_WORKER, clearances=("child_protection",))
    uncleared = make_user(Role.CASE_WORKER)
    person, case = services.register_person(cleared, identity("Laylo", "Hamidova", "1990-05-05"))
    assert queries.cases(uncleared).filter(pk=case.pk).exists()
    services.update_identity(
        cleared, person, identity("Laylo", "Hamidova", years_ago(9)), reason="The year of birth was mistyped."
    )
    assert not queries.cases(uncleared).filter(pk=case.pk).exists()
    assert queries.cases(cleared).filter(pk=case.pk).exists()
