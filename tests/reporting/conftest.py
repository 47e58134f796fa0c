# SPDX-License-Identifier: EUPL-1.2
"""Fixtures for the reporting tests: the demo world *with* signals and cases, where many
figures are small (few cases, several categories) — the hard case for suppression."""

from __future__ import annotations

import pytest
from django.core.cache import cache

from schakel.accounts.models import User


@pytest.fixture
def demo_world(db):
    from schakel.core.demo import build_demo

    cache.clear()
    build_demo(seed=1, signal_count=200)
    yield {user.username: user for user in User.objects.all()}
    cache.clear()
