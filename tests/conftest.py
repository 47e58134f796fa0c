# SPDX-License-Identifier: EUPL-1.2
"""Shared fixtures: a small world (the demo's region, organisations and one user per role)."""

from __future__ import annotations

import pytest

from schakel.accounts.models import User
from schakel.signals import services


@pytest.fixture
def world(db):
    """The demo region without signals: municipalities, organisations, catalogue, users."""
    from schakel.core.demo import build_demo

    build_demo(seed=1, signal_count=0)
    return {user.username: user for user in User.objects.all()}


@pytest.fixture
def make_signal(world):
    """Register a signal through the service, as ``username`` (default: the melder)."""

    def _make(username: str = "melder", **fields) -> services.Signal:
        data = services.SignalInput(description=fields.pop("description",
                                                           "Veel mensen in een kleine woning."),
                                    **fields)
        signal, _ = services.register_signal(world[username], data)
        return signal

    return _make


def login(client, user: User):
    client.force_login(user)
    return client
