# SPDX-License-Identifier: EUPL-1.2
"""Fixtures for the log-in security tests: 2FA switched on, and logging in with a password."""

from __future__ import annotations

import pytest


@pytest.fixture
def enforced(settings):
    """Two-factor authentication required, as in production (the test settings switch it off)."""
    settings.SCHAKEL_REQUIRE_2FA = True
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # no waiting between attempts in these tests
    settings.OTP_STATIC_THROTTLE_FACTOR = 0
    return settings


@pytest.fixture
def password_login():
    def _login(client, username: str, password: str = "demo"):  # noqa: S107 - demo accounts
        return client.post("/inloggen/", {"username": username, "password": password})

    return _login
