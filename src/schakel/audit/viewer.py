# SPDX-License-Identifier: EUPL-1.2
"""Queries behind the log viewer: filtering events and finding a person's references.

Kept apart from the views so the subject-access logic can be tested and reused without HTTP.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db.models import Q, QuerySet
from django.utils import timezone

from schakel.audit.models import AccessEvent
from schakel.signals import search
from schakel.signals.models import Signal, SignalSubject


def refs_query(references: Iterable[str]) -> Q:
    """Events naming any of ``references``. ``object_refs`` is a JSON list of strings; matching
    the quoted reference in its text works on SQLite and PostgreSQL alike and cannot match a
    longer reference that merely starts with the same characters."""
    query = Q(pk__in=[])
    for reference in references:
        query |= Q(object_refs__icontains=f'"{reference}"')
    return query


def _day_start(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def filter_events(data: dict) -> QuerySet[AccessEvent]:
    """The events matching the viewer's cleaned filter values, newest first."""
    events = AccessEvent.objects.order_by("-sequence")
    if data.get("user"):
        events = events.filter(actor_label__iexact=data["user"].strip())
    if data.get("reference"):
        events = events.filter(refs_query([data["reference"]]))
    if data.get("date_from"):
        events = events.filter(at__gte=_day_start(data["date_from"]))
    if data.get("date_to"):
        events = events.filter(at__lt=_day_start(data["date_to"] + dt.timedelta(days=1)))
    if data.get("action"):
        events = events.filter(action=data["action"])
    if data.get("result"):
        events = events.filter(result=data["result"])
    return events


def signals_about(given_names: str, surname: str, birth_year: int | None) -> QuerySet[Signal]:
    """Signals with a subject of exactly this name (case and accents aside). The surname may
    be given with its prefix ("de Vries") or without ("Vries" with prefix "de" stored apart).
    Birth years are encrypted, so they are compared here on the rows with that name."""
    subjects = SignalSubject.objects.filter(search.person_named(given_names, surname))
    signal_ids = {subject.signal_id for subject in subjects.only("signal_id", "birth_year")
                  if not birth_year or subject.birth_year == birth_year}
    return Signal.objects.filter(pk__in=signal_ids).order_by("reference")


def person_references(signals: Iterable[Signal]) -> list[str]:
    """The references of these signals and of the cases they were joined into."""
    references: list[str] = []
    for signal in signals:
        references.append(signal.reference)
        if signal.case_id is not None and signal.case.reference not in references:
            references.append(signal.case.reference)
    return references


def events_about(references: list[str]) -> QuerySet[AccessEvent]:
    if not references:
        return AccessEvent.objects.none()
    return AccessEvent.objects.filter(refs_query(references)).order_by("sequence")
