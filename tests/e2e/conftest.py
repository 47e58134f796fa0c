# SPDX-License-Identifier: EUPL-1.2
"""Browser tests in Debian's Chromium, driven by Playwright (no downloaded browser).

Outside CI the tests skip when Chromium is missing; in CI (``CI=true``) a missing browser is a
failure, so the browser tests can never silently not run there.
"""

from __future__ import annotations

import os
import shutil

import pytest

CHROMIUM = os.environ.get("SCHAKEL_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


def _chromium_available() -> bool:
    return os.path.exists(CHROMIUM) or shutil.which("chromium") is not None


@pytest.fixture(scope="session")
def browser():
    if not _chromium_available():
        if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
            pytest.fail(f"Chromium not found at {CHROMIUM}; browser tests must run in CI")
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="nl-NL", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15000)
    yield page
    context.close()


@pytest.fixture
def log_in(page, live_server):
    """Log in through the real login page with the demo password."""

    def _log_in(username: str) -> None:
        page.goto(f"{live_server.url}/inloggen/")
        page.get_by_label("Gebruikersnaam").fill(username)
        page.get_by_label("Wachtwoord").fill("demo")
        page.get_by_role("button", name="Inloggen").click()
        page.wait_for_load_state()

    return _log_in


@pytest.fixture
def log_out(page):
    def _log_out() -> None:
        page.get_by_role("button", name="Uitloggen").click()
        page.wait_for_load_state()

    return _log_out
