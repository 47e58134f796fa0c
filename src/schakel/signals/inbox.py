# SPDX-License-Identifier: EUPL-1.2
"""Filtering, searching and sorting the coordinator's inbox (shared by the page and the API)."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.utils import timezone

from schakel.accounts.models import User
from schakel.signals.models import Signal, SignalStatus
from schakel.signals.search import matching

OPEN_STATUSES = (SignalStatus.RECEIVED, SignalStatus.IN_TRIAGE)
SORTS = {"-received_at", "received_at", "triage_due", "reference"}


def filter_signals(signals: QuerySet[Signal], filters: dict, user: User) -> QuerySet[Signal]:
    """Apply the inbox filters; ``filters`` holds cleaned values of the filter form."""
    status = filters.get("status") or ""
    if status == "":
        signals = signals.filter(status__in=OPEN_STATUSES)
    elif status != "all":
        signals = signals.filter(status=status)
    if filters.get("domain"):
        signals = signals.filter(domains=filters["domain"])
    signals = _yes_no(signals, "acute", filters.get("acute"), lambda yes: Q(acute=yes))
    signals = _yes_no(signals, "minor", filters.get("minor"), lambda yes: Q(minor_involved=yes))
    if filters.get("source"):
        signals = signals.filter(source_organisation=filters["source"])
    assigned = filters.get("assigned")
    if assigned == "me":
        signals = signals.filter(assigned_to=user)
    elif assigned == "none":
        signals = signals.filter(assigned_to__isnull=True)
    if filters.get("overdue"):
        signals = signals.filter(status__in=OPEN_STATUSES, triage_due__lt=timezone.now())
    signals = search(signals, filters.get("q") or "")
    sort = filters.get("sort") or "-received_at"
    return signals.order_by(sort if sort in SORTS else "-received_at", "-id")


def _yes_no(signals: QuerySet[Signal], _name: str, value: str | None, condition) -> QuerySet:
    if value == "yes":
        return signals.filter(condition(True))
    if value == "no":
        return signals.exclude(condition(True))
    return signals


def search(signals: QuerySet[Signal], text: str) -> QuerySet[Signal]:
    """A reference (``SIG-2026-00042`` or just ``42``), or whole words of the description,
    the place or the names in a signal (through the blind index of
    :mod:`schakel.signals.search`, because those texts are encrypted)."""
    text = text.strip()
    if not text:
        return signals
    if text.upper().startswith("SIG-"):
        return signals.filter(reference__iexact=text)
    query = Q(pk__in=matching(signals, text).values("pk"))
    if text.isdigit():
        query |= Q(reference__endswith=f"-{int(text):05d}")
    return signals.filter(query)
