# SPDX-License-Identifier: EUPL-1.2
"""Which other signals and cases share an identifier with a signal, shown before triage.

Exact matching on identifiers that intake already stored in normalised form (postcode, licence
plate, E.164 phone number, KvK number), plus a person's given names, surname and birth year
(compared through the keyed name hash, because names are stored encrypted).
Fuzzy matching belongs to :mod:`schakel.matching`; here a coordinator must be able to see at a
glance *why* two records belong together, so only exact hits count. The search is restricted to
the coordinator's inbox (:func:`schakel.scope.inbox_signals`): nothing outside scope is revealed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils.translation import gettext as _

from schakel import scope
from schakel.accounts.models import User
from schakel.signals.models import Signal, SignalSubject, address_hash, identifier_hash

MAX_MATCHES = 50

Key = tuple[str, str]  # (kind, normalised value)


@dataclass
class Match:
    """A related record and the identifiers it shares, e.g. ``["zelfde kenteken HJ418T"]``."""

    record: object
    reasons: list[str] = field(default_factory=list)


@dataclass
class Related:
    signals: list[Match] = field(default_factory=list)
    cases: list[Match] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.signals or self.cases)


def subject_keys(subject: SignalSubject) -> set[Key]:
    keys: set[Key] = set()
    if subject.licence_plate:
        keys.add(("plate", subject.licence_plate))
    if subject.phone:
        keys.add(("phone", subject.phone))
    if subject.kvk_number:
        keys.add(("kvk", subject.kvk_number))
    if subject.name_hash and subject.birth_year:
        keys.add(("person", f"{subject.name_hash}|{subject.birth_year}"))
    return keys


def signal_keys(signal: Signal, subjects: Iterable[SignalSubject] | None = None) -> set[Key]:
    """All identifier keys of a signal: its address and those of the subjects mentioned."""
    keys: set[Key] = set()
    if signal.postcode and signal.house_number:
        keys.add(("address", f"{signal.postcode} {signal.house_number}"))
    for subject in signal.subjects.all() if subjects is None else subjects:
        keys |= subject_keys(subject)
    return keys


def _candidate_filter(keys: set[Key], inbox) -> Q:
    """A database pre-filter that finds every signal that could share a key; the exact
    comparison happens in Python on the normalised keys."""
    query = Q(pk__in=[])
    values: dict[str, list[str]] = {}
    for kind, value in keys:
        values.setdefault(kind, []).append(value)
    # addresses and identifiers are encrypted: the database compares their keyed hashes
    if values.get("address"):
        query |= Q(address_hash__in=[address_hash(*_split_address(a)) for a in values["address"]])
    if values.get("plate"):
        query |= Q(subjects__plate_hash__in=_hashes("licence_plate", values["plate"]))
    if values.get("phone"):
        query |= Q(subjects__phone_hash__in=_hashes("phone", values["phone"]))
    if values.get("kvk"):
        query |= Q(subjects__kvk_hash__in=_hashes("kvk_number", values["kvk"]))
    if values.get("person"):
        query |= Q(pk__in=_signals_with_person(set(values["person"]), inbox))
    return query


def _split_address(address: str) -> tuple[str, int]:
    postcode, number = address.split(" ")
    return postcode, int(number)


def _hashes(purpose: str, identifiers: list[str]) -> list[str]:
    return [identifier_hash(purpose, value) for value in identifiers]


def _signals_with_person(person_keys: set[str], inbox) -> set[int]:
    """Names are encrypted, so the database compares their keyed hashes (normalised for
    case, accents and spacing before hashing); the birth year, encrypted too, is compared
    here on the few rows with the same name."""
    name_hashes = {key.rsplit("|", 1)[0] for key in person_keys}
    rows = SignalSubject.objects.filter(
        kind=SignalSubject.Kind.PERSON, name_hash__in=name_hashes, signal__in=inbox,
    ).values_list("signal_id", "name_hash", "birth_year")
    return {signal_id for signal_id, name_hash, year in rows
            if f"{name_hash}|{year}" in person_keys}


def describe(key: Key) -> str:
    kind, value = key
    if kind == "address":
        return _("zelfde adres (%(v)s)") % {"v": value}
    if kind == "plate":
        return _("zelfde kenteken (%(v)s)") % {"v": value}
    if kind == "phone":
        return _("zelfde telefoonnummer (%(v)s)") % {"v": value}
    if kind == "kvk":
        return _("zelfde KvK-nummer (%(v)s)") % {"v": value}
    return _("zelfde persoon (naam en geboortejaar)")


def related_records(user: User, signal: Signal) -> Related:
    """Signals in the user's inbox, and the cases they run, that share an identifier with
    ``signal``. Each match says which identifiers it shares."""
    subjects = list(signal.subjects.all())
    keys = signal_keys(signal, subjects)
    if not keys:
        return Related()
    inbox = scope.inbox_signals(user).exclude(pk=signal.pk)
    candidates = (
        inbox.filter(_candidate_filter(keys, inbox)).distinct()
        .select_related("case").prefetch_related("subjects")
        .order_by("-received_at")[:MAX_MATCHES]
    )
    result = Related()
    case_reasons: dict[int, Match] = {}
    managed = set(scope.managed_cases(user).values_list("pk", flat=True))
    for candidate in candidates:
        shared = sorted(keys & signal_keys(candidate))
        if not shared:
            continue
        reasons = [describe(key) for key in shared]
        result.signals.append(Match(candidate, reasons))
        if candidate.case_id in managed:
            match = case_reasons.setdefault(candidate.case_id, Match(candidate.case, []))
            match.reasons.extend(r for r in reasons if r not in match.reasons)
    result.cases = list(case_reasons.values())
    return result
