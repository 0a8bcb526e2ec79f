"""Playwright with Debian's chromium, for the browser tests of every module (never a downloaded browser)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

CHROMIUM = os.environ.get("HAMKOR_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
SCREENSHOTS = Path(__file__).resolve().parent.parent / "var" / "screenshots"


@contextmanager
def browser_page(base_url: str, *, width: int = 1280, height: int = 900) -> Iterator[Any]:
    """A fresh page in headless chromium; requests to any other host are refused and fail the test."""
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        raise RuntimeError(f"{CHROMIUM} is missing: `make test` installs Debian's chromium package.")
    # Playwright's sync API runs an event loop in this thread; the ORM calls of the test are still synchronous.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    foreign: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        context = browser.new_context(viewport={"width": width, "height": height}, base_url=base_url)

        def guard(route: Any) -> None:
            if route.request.url.startswith(base_url) or route.request.url.startswith("data:"):
                route.continue_()
            else:
                foreign.append(route.request.url)
                route.abort()

        context.route("**/*", guard)
        page = context.new_page()
        try:
            yield page
        finally:
            context.close()
            browser.close()
    assert not foreign, f"The page asked another host for: {foreign}"


def screenshot(page: Any, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def sign_in(page: Any, user: Any, landing: str, password: str) -> None:
    """Sign ``user`` in through the login page reached from ``landing``, with the second factor when their roles
    ask for it, and wait until ``landing`` is shown. The same user may sign in again within 30 seconds."""
    from django_otp.oath import totp
    from django_otp.plugins.otp_totp.models import TOTPDevice

    page.context.clear_cookies()
    device, _created = TOTPDevice.objects.get_or_create(user=user, defaults={"name": "phone", "confirmed": True})
    TOTPDevice.objects.filter(pk=device.pk).update(last_t=-1)
    page.goto(landing)
    page.get_by_label("Email address").fill(user.email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(lambda url: "/accounts/login" not in url)
    if "/accounts/second-factor/" in page.url:
        page.get_by_label("Six-digit code from your authenticator app").fill(str(totp(device.bin_key)).zfill(6))
        page.get_by_role("button", name="Verify").click()
    page.wait_for_url(f"**{landing}")
