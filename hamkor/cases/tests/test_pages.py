"""The case pages through the test client, with data built through the services."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from django.urls import reverse

from hamkor.cases import services
from hamkor.cases.identity import Identity
from hamkor.cases.instruments import REINTEGRATION_NEEDS_AND_STRENGTHS
from hamkor.cases.models import Case, Consent, Family, Note, Person
from hamkor.cases.views.common import case_url
from hamkor.conftest import verified_client
from hamkor.core import services as core_services
from hamkor.core.models import AuditEntry, Organisation
from hamkor.core.roles import Role

DOMAINS = [d["code"] for d in REINTEGRATION_NEEDS_AND_STRENGTHS["domains"]]


def identity(given: str, family: str, born: str, sex: str = "female", **extra) -> Identity:
    return Identity.model_validate(
        {"names": [{"given": given, "family": family}], "birth_date": born, "sex": sex, **extra}
    )


def registration(**fields) -> dict[str, str]:
    data = {"given_name": "", "family_name": "", "birth_date": "", "sex": "female", "family": "", "relationship": ""}
    data.update(fields)
    return data


def html(response) -> str:
    return response.content.decode()


@pytest.fixture
def worker(persona):
    return persona[Role.CASE_WORKER]


@pytest.fixture
def adult_case(worker) -> Case:
    return services.register_person(worker, identity("Malika", "Yusupova", "1988-02-14"))[1]


def consented(worker, case: Case) -> Case:
    services.record_consent(worker, case.person, "services", text_version="2025-1", given_on=date(2025, 1, 5))
    return case


def test_worker_registers_a_mother_and_two_children_in_a_new_family(worker):
    client = verified_client(worker)
    response = client.post(
        reverse("cases:register"),
        registration(
            given_name="Dilnoza",
            family_name="Karimova",
            other_given_name="Дилноза",
            other_family_name="Каримова",
            birth_date="1990-05-01",
            passport_status="held",
            passport_number="FA1234567",
            family="new",
            relationship="mother",
            is_guardian="on",
        ),
    )
    assert response.status_code == 302
    mother = Person.objects.get()
    family = Family.objects.get()
    assert response["Location"] == case_url(mother.cases.get())
    mother_page = html(client.get(response["Location"]))
    assert "Next steps" in mother_page and "Record consent to services" in mother_page
    assert family.code in mother_page and "Дилноза" in mother_page

    for given, sex, born, extra in (
        ("Aziz", "male", "2017-06-01", {"birth_certificate_status": "missing", "place_of_birth": "Raqqa, Syria"}),
        (
            "Madina",
            "female",
            "2012-09-15",
            {"birth_certificate_status": "held", "birth_certificate_number": "I-TN 0042"},
        ),
    ):
        response = client.post(
            reverse("cases:register"),
            registration(
                given_name=given,
                family_name="Karimova",
                birth_date=born,
                sex=sex,
                family=family.code,
                relationship="child",
                **extra,
            ),
        )
        assert response.status_code == 302, html(response)

    assert family.members.count() == 3
    assert set(Case.objects.filter(is_child=True).values_list("person__sex", flat=True)) == {"male", "female"}
    aziz = Case.objects.get(person__sex="male")
    aziz_page = html(client.get(case_url(aziz)))
    assert "Raqqa, Syria" in aziz_page and re.search(r"Birth certificate: <span[^>]*>Missing", aziz_page)
    mother_page = html(client.get(case_url(mother.cases.get())))
    assert "Aziz" in mother_page and "Madina" in mother_page and "guardian" in mother_page


def test_cyrillic_spelling_of_a_registered_name_is_shown_as_a_candidate_before_saving(worker):
    existing = services.register_person(worker, identity("Dilnoza", "Karimova", "1990-05-01"))[0]
    client = verified_client(worker)
    data = registration(given_name="Дилноза", family_name="Каримова", birth_date="1990-11-20")

    response = client.post(reverse("cases:register"), data)
    page = html(response)
    assert response.status_code == 200
    assert existing.code in page and "Karimova Dilnoza" in page and "1990-05-01" in page
    assert "None of these is the same person" in page and "born 203 days apart" in page
    assert Person.objects.count() == 1

    response = client.post(reverse("cases:register"), {**data, "not_duplicate": "on"})
    assert response.status_code == 302
    assert Person.objects.count() == 2


def test_impossible_date_of_birth_is_explained_and_nothing_is_saved(worker):
    future = (date.today() + timedelta(days=3)).isoformat()
    response = verified_client(worker).post(
        reverse("cases:register"), registration(given_name="Dilnoza", birth_date=future)
    )
    assert response.status_code == 400
    assert "The date of birth is in the future." in html(response)
    assert not Person.objects.exists()


def test_consent_for_a_child_without_a_guardian_is_refused_and_nothing_is_written(worker):
    mother = services.register_person(
        worker, identity("Dilnoza", "Karimova", "1990-05-01"), new_family=True, relationship="mother", is_guardian=True
    )[0]
    family = mother.memberships.get().family
    child = services.register_person(
        worker, identity("Aziz", "Karimov", "2016-06-01", sex="male"), family=family, relationship="child"
    )[1]
    client = verified_client(worker)
    url = case_url(child, "consent")
    data = {"purpose": "services", "text_version": "2025-1", "given_on": "2025-01-10", "child_assent": "yes"}

    response = client.post(url, data)
    assert response.status_code == 400
    assert "A child&#x27;s consent is given by a guardian from the child&#x27;s family." in html(response)
    assert not Consent.objects.exists()

    response = client.post(url, {**data, "guardian": mother.code})
    assert response.status_code == 302
    assert Consent.objects.get().guardian == mother


def test_case_cannot_skip_ahead_in_its_lifecycle(worker, adult_case):
    client = verified_client(worker)
    url = case_url(adult_case, "transition")

    response = client.post(url, {"to": "planning"})
    assert response.status_code == 400
    assert "A case in Registration cannot move to Planning." in html(response)

    response = client.post(url, {"to": "assessment"})
    assert response.status_code == 400 and "no active consent to services" in html(response)
    adult_case.refresh_from_db()
    assert adult_case.status == Case.Status.REGISTRATION

    consented(worker, adult_case)
    assert client.post(url, {"to": "assessment"}).status_code == 302
    adult_case.refresh_from_db()
    assert adult_case.status == Case.Status.ASSESSMENT


def test_note_in_a_compartment_the_worker_is_not_cleared_for_is_not_shown_at_all(make_user, worker, adult_case):
    officer = make_user(Role.CASE_WORKER, clearances=("law_enforcement",))
    officer_client = verified_client(officer)
    response = officer_client.post(
        case_url(adult_case, "note"), {"compartment": "law_enforcement", "body": "Interviewed by the prosecutor."}
    )
    assert response.status_code == 302
    assert "Interviewed by the prosecutor." in html(officer_client.get(case_url(adult_case)))

    page = html(verified_client(worker).get(case_url(adult_case)))
    assert "Interviewed by the prosecutor." not in page
    assert "Law enforcement" not in page  # neither the timeline line nor a compartment to choose
    assert "No notes you may read." in page


def test_worker_of_another_country_gets_404_and_oversight_403(make_user, persona, adult_case):
    kazakh = make_user(Role.CASE_WORKER, "kz", clearances=("child_protection",))
    assert verified_client(kazakh).get(case_url(adult_case)).status_code == 404
    assert verified_client(persona[Role.OVERSIGHT_OFFICER]).get(case_url(adult_case)).status_code == 403
    assert verified_client(kazakh).post(case_url(adult_case, "note"), {"body": "x"}).status_code == 404
    assert not Note.objects.exists()


def test_every_read_of_a_case_page_is_audited(worker, adult_case):
    client = verified_client(worker)
    reads = AuditEntry.objects.filter(action="case.read", object_id=str(adult_case.pk), actor_id=worker.pk)
    for expected in (1, 2):
        assert client.get(case_url(adult_case)).status_code == 200
        assert reads.count() == expected
    assert reads.latest("seq").details == {"person": adult_case.person.code}


def test_case_list_shows_names_and_audits_the_codes_it_shows(worker, adult_case):
    child = services.register_person(worker, identity("Aziz", "Karimov", "2016-06-01", sex="male"))[1]
    client = verified_client(worker)
    page = html(client.get(reverse("cases:list")))
    assert "Yusupova Malika" in page and "Karimov Aziz" in page and "child" in page
    listed = AuditEntry.objects.filter(action="case.list").latest("seq")
    assert set(listed.details["cases"]) == {adult_case.code, child.code}

    consented(worker, adult_case)
    services.transition_case(worker, adult_case, "assessment")
    page = html(client.get(reverse("cases:list"), {"status": "assessment"}))
    assert "Yusupova Malika" in page and "Karimov Aziz" not in page


def test_overdue_intervention_shows_in_the_panel_and_the_filter(worker, adult_case):
    goal = services.add_goal(worker, adult_case, domain="legal", description="Restore the passport.")
    services.add_intervention(worker, goal, kind="documents", due_on=date.today() - timedelta(days=3))
    client = verified_client(worker)
    page = html(client.get(reverse("cases:list"), {"due": "overdue"}))
    panel = page.split('id="due-heading"')[1]
    assert "overdue" in panel and adult_case.code in panel and "Civil documents" in panel
    assert adult_case.code in page.split('id="due-heading"')[0]
    assert adult_case.code not in html(client.get(reverse("cases:list"), {"due": "due"})).split('id="due-heading"')[0]
    assert "overdue" in html(client.get(case_url(adult_case)))


def _assess(client, case: Case, day: str, score: str):
    data = {"assessed_on": day, **{f"score_{d}": score for d in DOMAINS}, "narrative_housing": "Lives with her aunt."}
    return client.post(case_url(case, "assessment"), data)


def test_chart_appears_on_the_case_page_after_two_assessments(worker, adult_case):
    consented(worker, adult_case)
    services.transition_case(worker, adult_case, "assessment")
    client = verified_client(worker)
    assert _assess(client, adult_case, "2025-01-15", "1").status_code == 302
    assert "<polyline" not in html(client.get(case_url(adult_case)))
    assert _assess(client, adult_case, "2025-04-15", "3").status_code == 302

    page = html(client.get(case_url(adult_case)))
    svg = page.split('<svg xmlns="http://www.w3.org/2000/svg" class="chart"')[1].split("</svg>")[0]
    assert 'role="img"' in svg and '<title id="progress-chart-title">Assessment scores over time</title>' in svg
    assert svg.count("<polyline") == len(DOMAINS) and "Community acceptance" in svg
    assert "2025-01-15" in svg and "2025-04-15" in svg
    assert "<script" not in page and "Lives with her aunt." in page
    assert "The scores as a table" in page


def test_oversized_note_gets_a_clear_message_and_nothing_is_written(worker, adult_case):
    response = verified_client(worker).post(
        case_url(adult_case, "note"), {"compartment": "general", "body": "x" * 20_001}
    )
    assert response.status_code == 400
    assert "A note is at most 20000 characters; this one has 20001." in html(response)
    assert not Note.objects.exists()


def test_supervisor_opens_a_case_of_another_organisation_through_break_glass(make_user, persona, world):
    other = core_services.create_organisation(
        None, name="Samarkand Centre", kind=Organisation.Kind.SERVICE_PROVIDER, country_id="UZ"
    )
    world["samarkand"] = other
    outside = make_user(Role.CASE_WORKER, "samarkand")
    case = services.register_person(outside, identity("Nodira", "Saidova", "1985-07-07"))[1]
    client = verified_client(persona[Role.CASE_SUPERVISOR])
    assert client.get(case_url(case)).status_code == 404

    response = client.post(reverse("cases:break_glass"), {"code": case.code, "reason": "Too short"})
    assert response.status_code == 400 and "at least 20 characters" in html(response)
    response = client.post(
        reverse("cases:break_glass"),
        {"code": case.code, "reason": "She was taken to hospital and the clinic needs her allergies now."},
    )
    assert response["Location"] == case_url(case)
    page = html(client.get(case_url(case)))
    assert "through emergency access" in page and "needs her allergies" in page


def test_withdrawn_consent_stays_on_the_case_page_with_its_reason(worker, adult_case):
    consent = consented(worker, adult_case).person.consents.get()
    client = verified_client(worker)
    response = client.post(case_url(adult_case, "consent_withdraw", pk=consent.pk), {"reason": "She moved away."})
    assert response.status_code == 302
    page = html(client.get(case_url(adult_case)))
    assert "withdrawn" in page and "She moved away." in page
