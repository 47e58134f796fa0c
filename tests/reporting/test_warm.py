# SPDX-License-Identifier: EUPL-1.2
"""`schakel reports warm`: after the nightly run, the first dashboard view of the day counts
only the selected year — the earlier years come from the shared cache."""

from __future__ import annotations

from io import StringIO

from django.core.management import call_command
from django.utils import timezone

from schakel.accounts.models import Municipality
from schakel.reporting import figures, protection, services


def _counted_years(monkeypatch) -> list[list[int]]:
    calls: list[list[int]] = []
    original = figures.count_signals

    def counting(ids, years):
        calls.append(list(years))
        return original(ids, years)

    monkeypatch.setattr(figures, "count_signals", counting)
    return calls


def test_warm_counts_every_area_and_the_first_view_reuses_them(demo_world, monkeypatch):
    out = StringIO()
    call_command("reports", "warm", stdout=out)
    municipalities = Municipality.objects.count()
    assert f"cijfers van {len(services.warm_areas())} gebieden" in out.getvalue()
    assert len(services.warm_areas()) > municipalities  # each one, plus the region
    calls = _counted_years(monkeypatch)
    area = services.resolve_scope(demo_world["analyst"], None)
    services.get_report(area, timezone.localdate().year, protection.internal_policy())
    assert calls == [[timezone.localdate().year]], "earlier years were counted again"


def test_without_warming_the_first_view_counts_the_earlier_years(demo_world, monkeypatch):
    calls = _counted_years(monkeypatch)
    area = services.resolve_scope(demo_world["analyst"], None)
    services.get_report(area, timezone.localdate().year, protection.internal_policy())
    assert len(calls) > 1  # the test above is therefore not vacuous
