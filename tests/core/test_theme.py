# SPDX-License-Identifier: EUPL-1.2
"""The municipality's own NL Design System theme is pluggable by settings (issue 2, item 1):
``SCHAKEL_THEME_CSS`` (a static path or an absolute URL) and ``SCHAKEL_THEME_CLASS``."""

from __future__ import annotations

import re

from django.urls import reverse


def html_class(page: str) -> list[str]:
    return re.search(r'<html[^>]*class="([^"]*)"', page).group(1).split()


def test_default_theme_is_the_open_licensed_example(client, world, settings):
    page = client.get(reverse("login")).content.decode()
    assert settings.SCHAKEL_THEME_CLASS in html_class(page)
    assert f'href="/static/{settings.SCHAKEL_THEME_CSS}"' in page


def test_a_configured_theme_url_and_class_are_used(client, world, settings):
    settings.SCHAKEL_THEME_CSS = "https://thema.alblasserdam.example/alblasserdam-theme.css"
    settings.SCHAKEL_THEME_CLASS = "alblasserdam-theme"
    pages = [client.get(reverse("login")).content.decode()]  # signed out
    client.force_login(world["melder"])
    pages.append(client.get(reverse("signals:report")).content.decode())  # signed in
    for page in pages:
        assert "alblasserdam-theme" in html_class(page)
        assert "voorbeeld-theme" not in html_class(page)
        assert ('<link rel="stylesheet" '
                'href="https://thema.alblasserdam.example/alblasserdam-theme.css">') in page


def test_a_configured_static_theme_path_is_served_from_static(client, world, settings):
    settings.SCHAKEL_THEME_CSS = "themes/papendrecht/theme.css"
    settings.SCHAKEL_THEME_CLASS = "papendrecht-theme"
    page = client.get(reverse("login")).content.decode()
    assert 'href="/static/themes/papendrecht/theme.css"' in page
    assert "papendrecht-theme" in html_class(page)
