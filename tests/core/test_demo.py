# SPDX-License-Identifier: EUPL-1.2
"""The demo: one user per role, realistic signals in every status, same seed → same demo."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from schakel.accounts.models import User
from schakel.core.demo import build_demo, listed_users
from schakel.signals.models import Signal, SignalStatus

ROLE_OF = {"melder": "melder", "partner": "partner_melder", "coordinator": "coordinator",
           "handler": "partner_handler", "analyst": "analyst", "admin": "functional_admin",
           "privacy": "privacy_officer"}


def snapshot() -> list[tuple]:
    return list(Signal.objects.order_by("reference").values_list(
        "reference", "description", "status", "postcode", "acute"))


@pytest.mark.django_db
def test_demo_has_a_user_per_role_and_signals_in_every_status():
    totals = build_demo(seed=7, signal_count=60)
    assert totals["signals"] == 60
    for user in listed_users():
        account = User.objects.get(username=user.username)
        assert account.check_password("demo")
        assert list(account.groups.values_list("name", flat=True)) == [ROLE_OF[user.username]]
    statuses = set(Signal.objects.values_list("status", flat=True))
    assert statuses == set(SignalStatus.values)
    assert User.objects.get(username="handler").organisation.slug == "politie"


@pytest.mark.django_db
def test_demo_casework_covers_every_state():
    from django.utils import timezone

    from schakel.cases.models import Case, CaseStatus, Conference, Referral

    build_demo(seed=2026, signal_count=200)
    assert set(Case.objects.values_list("status", flat=True)) == set(CaseStatus.values)
    assert set(Referral.objects.values_list("status", flat=True)) == set(
        Referral.Status.values)
    now = timezone.now()
    assert Conference.objects.filter(scheduled_at__lt=now).exists()
    assert Conference.objects.filter(scheduled_at__gt=now).exists()


@pytest.mark.django_db(transaction=True)
def test_same_seed_same_demo_and_rebuild_is_allowed(capsys):
    call_command("demo", "--seed", "3", "--signals", "30", "--no-serve")
    first = snapshot()
    call_command("demo", "--seed", "3", "--signals", "30", "--no-serve")
    assert snapshot() == first
    out = capsys.readouterr().out
    assert "coordinator" in out and "wachtwoord 'demo'" in out


@pytest.mark.django_db
def test_demo_refuses_to_overwrite_a_real_database():
    from django.core.management.base import CommandError

    from schakel.accounts.models import Organisation

    organisation = Organisation.objects.create(slug="x", name="X", kind="department")
    User.objects.create_user("echt", organisation=organisation)
    with pytest.raises(CommandError, match="niet van de demo"):
        call_command("demo", "--no-serve")
