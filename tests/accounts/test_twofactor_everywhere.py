# SPDX-License-Identifier: EUPL-1.2
"""With two-factor authentication on, a coordinator who has entered only a password can open
nothing but the log-in pages: every other request of the access matrix (pages, admin, API with
the browser session) is sent to the code page or refused."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from tests.security.test_access_matrix import _request, build_parts, build_world, is_api, rows

OPEN = {"accounts:2fa_verify", "accounts:2fa_setup", "accounts:2fa_codes", "accounts:security",
        "accounts:sso_start", "accounts:sso_callback", "login", "logout", "health"}


@pytest.mark.django_db
def test_every_url_waits_for_the_code(enforced):
    enforced.AXES_ENABLED = False
    world = build_parts(build_world())
    client = Client(HTTP_ACCEPT="text/html")
    client.force_login(world.users["coordinator"])
    problems = []
    checked = 0
    for key, method, name, kwargs in rows():
        if name in OPEN:
            continue
        params = dict(kwargs(world)) if kwargs else {}
        query = params.pop("?", "")
        url = params.pop("!", None) or reverse(name, kwargs=params or None)
        url += f"?{query}" if query else ""
        response = _request(client, method, url, is_api(name) or url.startswith("/api/"))
        checked += 1
        if url.startswith("/api/"):
            if response.status_code != 403 or "Tweestapsverificatie" not in response.json().get(
                    "detail", ""):
                problems.append(f"{key}: {response.status_code}")
        elif response.status_code != 302 or not response["Location"].startswith(
                "/inloggen/tweestaps/"):
            problems.append(f"{key}: {response.status_code} {response.get('Location', '')}")
    assert checked > 100
    assert not problems, "\n".join(problems)
