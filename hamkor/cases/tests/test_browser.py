"""The main flow of case management in a real browser: register a mother and her child, record consents, move
the child's case to assessment, assess twice and read the chart."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from hamkor.browser import browser_page, screenshot
from hamkor.cases.instruments import REINTEGRATION_NEEDS_AND_STRENGTHS
from hamkor.cases.models import Case, Consent
from hamkor.conftest import PASSWORD
from hamkor.core.roles import Role

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DOMAINS = [d["code"] for d in REINTEGRATION_NEEDS_AND_STRENGTHS["domains"]]


def _sign_in(page, worker) -> None:
    device = TOTPDevice.objects.create(user=worker, name="phone", confirmed=True)
    page.goto("/cases/")
    page.get_by_label("Email address").fill(worker.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/accounts/second-factor/**")
    page.get_by_label("Six-digit code from your authenticator app").fill(str(totp(device.bin_key)).zfill(6))
    page.get_by_role("button", name="Verify").click()
    page.wait_for_url("**/cases/")


def _record_consent(page, guardian: bool = False) -> None:
    page.locator("#id_consent_purpose").select_option("services")
    if guardian:
        page.locator("#id_consent_guardian").select_option(index=1)
        page.locator("#id_consent_child_assent").select_option("yes")
    page.get_by_role("button", name="Record the consent", exact=True).click()
    page.wait_for_load_state()
    assert "Consent to Receiving services is recorded." in page.locator(".messages").inner_text()


def _assess(page, day: date, scores: list[int]) -> None:
    page.get_by_text("Record an assessment", exact=True).click()
    page.get_by_label("Assessed on").fill(day.isoformat())
    for domain, score in zip(DOMAINS, scores, strict=True):
        page.locator(f"#id_assessment_score_{domain}_{score}").check()
    page.get_by_role("button", name="Record the assessment").click()
    page.wait_for_load_state()
    assert "The assessment is recorded." in page.locator(".messages").inner_text()


def test_case_worker_registers_a_family_consents_and_assesses_the_child(live_server, make_user):
    worker = make_user(Role.CASE_WORKER, name="Shahnoza Ergasheva", clearances=("child_protection",))
    with browser_page(live_server.url) as page:
        _sign_in(page, worker)
        page.get_by_role("link", name="Register a person").click()

        page.locator("#id_given_name").fill("Dilnoza")
        page.locator("#id_family_name").fill("Karimova")
        page.locator("#id_other_given_name").fill("Дилноза")
        page.locator("#id_other_family_name").fill("Каримова")
        page.get_by_label("Date of birth:", exact=True).fill("1990-05-01")
        page.get_by_label("Sex").select_option("female")
        page.locator("#id_passport_status").select_option("held")
        page.locator("#id_family").select_option("new")
        page.locator("#id_relationship").select_option("mother")
        page.get_by_label("Guardian of the children").check()
        screenshot(page, "cases-register")
        page.get_by_role("button", name="Check and register").click()
        page.wait_for_url("**/cases/UZ-*/1/")
        assert page.get_by_role("heading", name="Next steps").is_visible()
        _record_consent(page)

        page.get_by_role("link", name="Register another member of this family").click()
        page.locator("#id_given_name").fill("Aziz")
        page.locator("#id_family_name").fill("Karimov")
        page.get_by_label("Date of birth:", exact=True).fill("2015-03-10")
        page.get_by_label("Sex").select_option("male")
        page.get_by_label("Place of birth").fill("Al-Hol camp, Syria")
        page.locator("#id_birth_certificate_status").select_option("missing")
        page.locator("#id_relationship").select_option("child")
        page.get_by_role("button", name="Check and register").click()
        page.wait_for_url("**/cases/UZ-*/1/")
        assert page.locator(".badge.child").first.is_visible()

        _record_consent(page, guardian=True)
        page.locator("#id_transition_to").select_option("assessment")
        page.get_by_role("button", name="Move", exact=True).click()
        page.wait_for_load_state()
        assert "The case is now in Assessment." in page.locator(".messages").inner_text()

        today = date.today()
        _assess(page, today - timedelta(days=120), [1, 2, 0, 1, 2, 1, 0, 2, 1])
        _assess(page, today - timedelta(days=7), [2, 3, 2, 2, 3, 2, 1, 3, 2])
        chart = page.locator("svg.chart")
        assert chart.is_visible()
        assert chart.locator("polyline").count() == len(DOMAINS)
        assert page.get_by_role("img", name="Assessment scores over time").is_visible()
        screenshot(page, "cases-case-page")

        page.get_by_role("navigation", name="Main").get_by_role("link", name="Cases").click()
        assert page.get_by_role("cell", name="Karimov Aziz child").is_visible()
        screenshot(page, "cases-list")

    child = Case.objects.get(is_child=True)
    assert child.status == Case.Status.ASSESSMENT and child.assessments.count() == 2
    assert Consent.objects.filter(person=child.person, guardian__isnull=False).exists()


def test_a_dossier_crosses_to_the_council_only_after_a_supervisor_approves_it_on_her_phone(live_server, make_user):
    from hamkor.cases import services
    from hamkor.cases.services import dossiers
    from hamkor.cases.tests.factories import identity

    worker = make_user(Role.CASE_WORKER, name="Shahnoza Ergasheva", clearances=("child_protection",))
    supervisor = make_user(Role.CASE_SUPERVISOR, name="Dilbar Yusupova", clearances=("child_protection",))
    person, case = services.register_person(worker, identity("Nargiza", "Olimova", "1989-02-11"))
    services.record_consent(worker, person, "council", text_version="2025-1", given_on=date.today())
    draft = dossiers.build_dossier(worker, case, text="Attends the sewing course twice a week.")
    with browser_page(live_server.url) as page:
        _sign_in(page, worker)
        # A name search goes in the form's body: the address bar never shows the name.
        page.get_by_label("Name or number").fill("Olimova")
        page.get_by_role("button", name="Filter").click()
        page.wait_for_load_state()
        assert "Olimova" not in page.url and "Nargiza" in page.locator("table").inner_text()
        page.goto(f"/cases/dossiers/{draft.code}/")
        page.get_by_role("button", name="Submit for a supervisor's approval").click()
        page.wait_for_load_state()
        assert "The dossier waits for a supervisor's approval." in page.locator(".messages").inner_text()
        assert page.get_by_role("button", name="Approve and send to the Expert Council").count() == 0
        screenshot(page, "cases-dossier-submitted")
    with browser_page(live_server.url, width=390, height=844) as phone:
        _sign_in(phone, supervisor)
        phone.goto("/cases/dossiers/")
        phone.locator("#awaiting-heading + ul").get_by_role("link", name=draft.code).click()
        phone.get_by_role("button", name="Approve and send to the Expert Council").click()
        phone.wait_for_load_state()
        assert "approved and sent" in phone.locator(".messages").inner_text()
        width = phone.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, f"the dossier page is {width} px wide on a phone"
        screenshot(phone, "cases-dossier-approved-phone")
    draft.refresh_from_db()
    assert draft.status == "sent" and draft.approved_by == supervisor and draft.submitted_by == worker
