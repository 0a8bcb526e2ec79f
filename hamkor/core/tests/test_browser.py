"""The foundation's main flow in a real browser: sign in with the second factor, dashboard, switch to Russian."""

from __future__ import annotations

import base64

import pytest
from django_otp.oath import totp

from hamkor.browser import browser_page, screenshot
from hamkor.conftest import PASSWORD
from hamkor.core.roles import Role

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _code_for(secret_text: str) -> str:
    secret = secret_text.replace(" ", "")
    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    return str(totp(key)).zfill(6)


def test_case_worker_signs_in_with_second_factor_and_switches_to_russian(live_server, make_user):
    worker = make_user(Role.CASE_WORKER, name="Dilnoza Karimova")
    with browser_page(live_server.url) as page:
        page.goto("/")
        page.get_by_label("Email address").fill(worker.email)
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Sign in").click()

        page.wait_for_url("**/accounts/second-factor/setup/**")
        assert page.locator("img.qr").is_visible()
        secret = page.get_by_test_id("totp-secret").inner_text()
        screenshot(page, "core-second-factor-setup")
        page.get_by_label("Six-digit code from your authenticator app").fill(_code_for(secret))
        page.get_by_role("button", name="Confirm").click()

        page.wait_for_url(live_server.url + "/")
        assert page.get_by_role("heading", level=1).inner_text() == "Welcome, Dilnoza"
        assert page.get_by_role("navigation", name="Main").get_by_role("link", name="Organisations").is_visible()

        page.get_by_label("Language").select_option("ru")
        page.get_by_role("button", name="Switch").click()
        page.wait_for_load_state()
        assert page.locator("html").get_attribute("lang") == "ru"
        assert "Добро пожаловать" in page.get_by_role("heading", level=1).inner_text()
        screenshot(page, "core-dashboard-ru")


def test_keyboard_reaches_the_main_content_first(live_server, make_user):
    make_user(Role.LEARNER)
    with browser_page(live_server.url, width=390, height=844) as page:
        page.goto("/accounts/login/")
        page.keyboard.press("Tab")
        focused = page.evaluate("document.activeElement.textContent")
        assert focused.strip() == "Skip to content"
        screenshot(page, "core-login-mobile")
