# SPDX-License-Identifier: EUPL-1.2
"""Helpers shared by the browser tests.

``follow`` exists because ``click()`` followed by ``content()`` races the navigation: Playwright
returns from the click before the next page has loaded, and on a busy CI machine the old or an
empty document is read. Waiting for the navigation the click starts makes every step deterministic.
"""

from __future__ import annotations

from axe_playwright_python.sync_playwright import Axe


def follow(page, locator) -> None:
    """Click a link or submit button and wait until the page it leads to has loaded."""
    with page.expect_navigation():
        locator.click()


def serious_violations(page) -> list[str]:
    """axe-core findings of impact serious or critical on the current page."""
    results = Axe().run(page)
    return [f"{v['id']}: {v['help']} ({len(v['nodes'])}x)"
            for v in results.response["violations"] if v.get("impact") in {"serious", "critical"}]
