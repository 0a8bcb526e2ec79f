"""The one search in a real browser: from the header of a public page, across scripts, narrowed by a facet."""

from __future__ import annotations

import pytest

from hamkor.browser import browser_page, screenshot
from hamkor.library.demo import seed_library

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_visitor_searches_in_uzbek_latin_from_the_header_and_narrows_by_language(live_server, world):
    seed_library()
    with browser_page(live_server.url) as page:
        page.goto("/public/library/")
        page.locator("#header-search-q").fill("reabilitatsiya")
        page.locator(".header-search").get_by_role("button", name="Search").click()
        page.wait_for_url("**/search/?q=reabilitatsiya")
        results = page.locator(".search-results")
        assert "Илоҳиёт маслаҳати орқали реабилитация" in results.inner_text()  # Uzbek Cyrillic title
        assert results.locator("mark").count() >= 1
        assert "partners only" not in results.inner_text()
        screenshot(page, "core-search")
        page.locator(".facets").get_by_role("link", name="Uzbek (Cyrillic)").click()
        page.wait_for_url("**language=uz-Cyrl**")
        narrowed = page.locator(".search-results").inner_text()
        assert "Илоҳиёт маслаҳати орқали реабилитация" in narrowed
        assert "Семейная поддержка" not in narrowed
