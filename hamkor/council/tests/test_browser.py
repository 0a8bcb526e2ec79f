"""Consultations in a real browser: a thematic question and a question on a dossier, each from the request to
the recommendation the requester reads, answered by a panel of three disciplines from two countries."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from hamkor.browser import browser_page, screenshot, sign_in
from hamkor.conftest import PASSWORD
from hamkor.core.roles import Role
from hamkor.council.models import Consultation
from hamkor.council.tests.consultation_world import council, sent_dossier

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ASKED = ["psychology", "social_work", "theology"]


def _sign_in(page, user) -> None:
    sign_in(page, user, "/council/consultations/", PASSWORD)


def _said(page, text: str) -> None:
    page.wait_for_load_state()
    assert text in page.locator(".messages").inner_text()


def _request(page, kind: str, question: str, dossier_code: str = "") -> str:
    page.goto("/council/consultations/")
    page.get_by_role("link", name="Ask the Council").click()
    page.locator("#id_kind").select_option(kind)
    if dossier_code:
        page.locator("#id_dossier_code").fill(dossier_code)
    page.locator("#id_question").fill(question)
    for code in ASKED:
        page.locator(f'input[name="disciplines"][value="{code}"]').check()
    page.locator('input[name="languages"][value="ru"]').check()
    page.locator("#id_deadline").fill((date.today() + timedelta(days=14)).isoformat())
    page.get_by_role("button", name="Send the request").click()
    _said(page, "Your request is sent to the Council.")
    return page.url.rstrip("/").rsplit("/", 1)[-1]


def test_a_thematic_and_a_dossier_consultation_reach_a_recommendation(live_server, make_user, persona):
    worker, officer = persona[Role.CASE_WORKER], persona[Role.PROGRAMME_OFFICER]
    experts = council(make_user, officer)
    dossier = sent_dossier(worker)
    with browser_page(live_server.url) as page:
        _sign_in(page, worker)
        thematic = _request(page, "thematic", "How should schools welcome children returning from the camps?")
        on_dossier = _request(page, "dossier", "Which support should come first for her?", dossier.code)

        _sign_in(page, officer)
        for code in (thematic, on_dossier):
            page.goto(f"/council/consultations/{code}/")
            page.get_by_role("button", name="Propose a panel").click()
            _said(page, "A panel is proposed.")
            panel = page.locator("table").first.inner_text()
            assert "adds requested disciplines" in panel and "Conflicted Psychologist" not in panel
            page.get_by_role("button", name="Confirm the panel").click()
            _said(page, "The panel is confirmed and its members invited.")

        for discipline in ASKED:
            _sign_in(page, experts[discipline].user)
            for code in (thematic, on_dossier):
                page.goto(f"/council/consultations/{code}/")
                if code == on_dossier:
                    assert "Attends evening classes." in page.locator(".dossier-text").inner_text()
                page.get_by_role("button", name="Accept").click()
                _said(page, "Your answer is recorded.")
                page.locator("#id_text").fill(f"From {discipline}: start with the family's own plans.")
                page.get_by_role("button", name="Submit the opinion").click()
                _said(page, "Your opinion is submitted.")

        _sign_in(page, officer)
        for code in (thematic, on_dossier):
            page.goto(f"/council/consultations/{code}/")
            assert page.locator("article.opinion").count() == 3
            page.locator("#id_text").fill("Begin with a teacher and a psychologist together; review in three months.")
            page.locator("#id_dissent").fill("Theology: involve the local imam from the start.")
            page.get_by_role("button", name="Issue the recommendation").click()
            _said(page, "The recommendation is issued to the requester.")

        _sign_in(page, worker)
        for code, name in ((thematic, "thematic"), (on_dossier, "dossier")):
            page.goto(f"/council/consultations/{code}/")
            recommendation = page.locator("section.recommendation").inner_text()
            assert "Begin with a teacher" in recommendation and "involve the local imam" in recommendation
            assert page.locator(".consultation-status").inner_text() == "Recommendation issued"
            screenshot(page, f"council-consultation-{name}")

    for consultation in Consultation.objects.all():
        seated = consultation.panel.select_related("expert")
        assert consultation.status == Consultation.Status.RECOMMENDED
        assert {d for m in seated for d in m.expert.disciplines} >= set(ASKED)
        assert len({m.expert.country_id for m in seated}) >= 2
