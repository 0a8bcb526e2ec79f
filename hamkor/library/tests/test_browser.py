"""The issue's done-when in a real browser: a partner's good practice in Russian, uploaded, reviewed and
published by a Council expert, is the first result of a search in Uzbek Latin; a partners-only item stays
invisible to an anonymous visitor of the public portal."""

from __future__ import annotations

import pytest

from hamkor.browser import browser_page, screenshot, sign_in
from hamkor.conftest import PASSWORD
from hamkor.core.roles import Role
from hamkor.library.models import Item
from hamkor.library.tests.conftest import published

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TITLE = "Реабилитация семей, вернувшихся из зон конфликта"
SUMMARY = "Реабилитация и реинтеграция женщин и детей через поддержку семьи, школы и махалли."
HIDDEN = "Закрытый отчёт о реабилитации в учреждениях"


def _sign_in(page, user) -> None:
    sign_in(page, user, "/library/", PASSWORD)


def _said(page, text: str) -> None:
    page.wait_for_load_state()
    assert text in page.locator(".messages").inner_text()


def _create_practice(page) -> str:
    page.get_by_role("link", name="Add an item").click()
    page.locator("#id_kind").select_option("good_practice")
    page.locator("#id_title").fill(TITLE)
    page.locator("#id_summary").fill(SUMMARY)
    page.locator('input[name="languages"][value="ru"]').check()
    page.locator('input[name="pillars"][value="I"]').check()
    page.locator("#id_access").select_option("public")
    page.locator("#id_approach").fill("Социальный работник сопровождает семью в течение года после возвращения.")
    page.locator("#id_aims").fill("Восстановить связи с родственниками и вернуть детей в школу.")
    page.locator("#id_target_group").fill("Женщины и дети, вернувшиеся в 2019–2023 годах.")
    page.locator("#id_methods").fill("Визиты на дом, групповые встречи матерей, консультации психолога.")
    page.locator("#id_lessons_learned").fill("Начинать с семьи, а не с учреждения.")
    page.get_by_role("button", name="Save").click()
    _said(page, "The draft is saved.")
    return page.url


def test_a_russian_practice_is_reviewed_published_and_found_in_uzbek_latin(
    live_server, persona, reviewer, media, make_user
):
    supervisor, officer = persona[Role.CASE_SUPERVISOR], persona[Role.PROGRAMME_OFFICER]
    hidden = published(persona, reviewer, kind="research_paper", title=HIDDEN, access="partners", languages=["ru"])
    outsider_reader = make_user(Role.CASE_WORKER, "kz")
    with browser_page(live_server.url) as page:
        _sign_in(page, supervisor)
        item_url = _create_practice(page)
        page.get_by_role("link", name="Upload a document").click()
        text = "Программа реабилитации: первые шаги семьи после возвращения.".encode()
        page.locator("#id_file").set_input_files(
            files=[{"name": "практика.txt", "mimeType": "text/plain", "buffer": text}]
        )
        page.get_by_role("button", name="Upload").click()
        _said(page, "Version 1 of the document is stored.")
        page.get_by_role("button", name="Submit for peer review").click()
        _said(page, "The item is submitted for peer review.")

        _sign_in(page, officer)
        page.goto(item_url)
        page.get_by_label(reviewer.name).check()
        page.get_by_role("button", name="Assign the reviewers").click()
        _said(page, "The reviewers are asked to review the item.")

        _sign_in(page, persona[Role.COUNCIL_EXPERT])
        page.goto("/library/reviews/")
        page.get_by_role("link", name=TITLE).click()
        page.locator('input[name="recommendation"][value="publish"]').check()
        page.locator("#id_comment").fill("Ясная и переносимая практика; рекомендую к публикации.")
        page.get_by_role("button", name="Send the review").click()
        _said(page, "Your review is recorded.")
        page.get_by_role("button", name="Publish", exact=True).click()
        _said(page, "The item is published.")
        assert page.locator(".item-status").inner_text() == "Published"
        screenshot(page, "library-item")

        _sign_in(page, outsider_reader)
        library_search = page.get_by_role("search", name="Search the library")
        library_search.get_by_label("Words (any language or script)").fill("reabilitatsiya")
        library_search.get_by_role("button", name="Search").click()
        page.wait_for_load_state()
        first = page.locator(".search-results .result-title").first
        assert first.inner_text() == TITLE
        assert HIDDEN in page.locator(".search-results").inner_text()  # partners see the partners-only paper
        screenshot(page, "library-search")

        page.context.clear_cookies()
        page.goto("/public/library/?q=reabilitatsiya")
        results = page.locator(".search-results").inner_text()
        assert TITLE in results and HIDDEN not in results
        screenshot(page, "library-public")
        page.locator(".search-results .result-title").first.click()
        page.wait_for_load_state()
        assert "Download практика.txt" in page.content()
        assert page.goto(f"/public/library/{hidden.pk}/").status == 404

    practice = Item.objects.get(title=TITLE)
    assert practice.status == Item.Status.PUBLISHED and practice.created_by == supervisor
    assert practice.files.get().extracted_text.startswith("Программа реабилитации")
