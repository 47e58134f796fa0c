# SPDX-License-Identifier: EUPL-1.2
"""The text analysis inside the product: suggestions at intake, the shadow record of the
coordinator's decision, and agreement figures.

The lexicon is built from the database's indicators (so phrases a functional administrator adds
in the admin count) plus the shipped cue words, and cached for a few minutes per process.
"""

from __future__ import annotations

import time
from collections import defaultdict
from typing import Any

from django.db.models import QuerySet
from django.dispatch import receiver

from schakel.analysis import Lexicon, extract, suggest
from schakel.analysis.identifiers import normalise_kvk, normalise_licence_plate, normalise_phone
from schakel.catalog.models import CatalogLoad, Indicator
from schakel.signals import events
from schakel.signals.models import Signal, SignalStatus, SignalSuggestion
from schakel.signals.services import SubjectInput

LEXICON_SECONDS = 300
_cache: dict[str, Any] = {"built": 0.0, "lexicon": None}
FINAL_STATUSES = {SignalStatus.NO_FOLLOW_UP, SignalStatus.FORWARDED, SignalStatus.LINKED}
IDENTIFIER_SUBJECTS = {"licence_plate": "vehicle", "phone": "phone", "kvk": "organisation"}


def lexicon() -> Lexicon:
    """The lexicon of the current catalogue in the database, rebuilt every few minutes."""
    if _cache["lexicon"] is None or time.monotonic() - _cache["built"] > LEXICON_SECONDS:
        rows = Indicator.objects.filter(active=True).values("code", "domain__code", "phrases")
        _cache["lexicon"] = Lexicon.from_indicators(
            [{"code": r["code"], "domain": r["domain__code"], "phrases": r["phrases"]}
             for r in rows])
        _cache["built"] = time.monotonic()
    return _cache["lexicon"]


def reset_lexicon() -> None:
    _cache["lexicon"] = None


def detect_identifiers(text: str) -> list[dict[str, str]]:
    """Identifiers in free text that can become subjects or the location (shown to the melder,
    who decides whether to add them)."""
    return [{"type": e.type, "value": e.value, "raw": e.raw} for e in extract(text)]


def detected_context(text: str, checked: list[str]) -> dict[str, Any]:
    """The identifiers in ``text`` that can become a subject, as checkboxes; what the melder
    ticked before stays ticked."""
    found = [dict(item, key=f"{item['type']}:{item['value']}")
             for item in detect_identifiers(text) if item["type"] in IDENTIFIER_SUBJECTS]
    return {"found": found, "checked": set(checked)}


def detected_subjects(checked: list[str], typed: list[SubjectInput]) -> list[SubjectInput]:
    """Subjects for the identifiers the melder ticked, skipping ones they also typed."""
    known = {(s.kind, s.licence_plate or s.phone or s.kvk_number) for s in typed}
    subjects = []
    for key in dict.fromkeys(checked):
        kind_code, _, value = key.partition(":")
        normalised = _normalise_detected(kind_code, value)
        kind = IDENTIFIER_SUBJECTS.get(kind_code)
        if kind is None or normalised is None or (kind, normalised) in known:
            continue
        field = {"licence_plate": "licence_plate", "phone": "phone", "kvk": "kvk_number"}[kind_code]
        subjects.append(SubjectInput(kind=kind, **{field: normalised}))
        known.add((kind, normalised))
    return subjects


def _normalise_detected(kind_code: str, value: str) -> str | None:
    """Posted values are re-validated: a tampered form cannot store an invalid identifier."""
    normalisers = {"licence_plate": normalise_licence_plate, "phone": normalise_phone,
                   "kvk": normalise_kvk}
    normalise = normalisers.get(kind_code)
    return normalise(value) if normalise else None


def store_suggestion(signal: Signal) -> SignalSuggestion:
    codes = list(signal.indicators.values_list("code", flat=True))
    result = suggest(signal.description, indicators=codes, lexicon=lexicon())
    latest = CatalogLoad.objects.first()
    evidence = [{"kind": e.kind, "code": e.code, "domain": e.domain, "text": e.text,
                 "start": e.start, "end": e.end} for e in result.evidence]
    suggestion, _ = SignalSuggestion.objects.update_or_create(signal=signal, defaults={
        "label": result.label, "label_score": result.label_score, "domains": result.domains,
        "domain_scores": result.domain_scores, "minor": result.minor, "acute": result.acute,
        "evidence": evidence, "identifiers": detect_identifiers(signal.description),
        "catalog_version": latest.version if latest else "",
    })
    return suggestion


def final_label(signal: Signal) -> str:
    """The label the coordinator's decision amounts to ('' when it says nothing about one)."""
    if signal.status == SignalStatus.NO_FOLLOW_UP:
        reason = signal.status_changes.filter(to_status=SignalStatus.NO_FOLLOW_UP) \
            .order_by("-at", "-id").values_list("reason__code", flat=True).first()
        if reason == "mensensmokkel-doorgezet":
            return "smuggling"
        if reason == "geen-aanwijzing":
            return "none"
    domains = list(signal.domains.order_by("order").values_list("code", flat=True))
    return domains[0] if domains else ""


@receiver(events.signal_registered)
def _suggest_on_intake(sender, instance: Signal, **kwargs) -> None:
    store_suggestion(instance)


@receiver(events.signal_status_changed)
def _record_decision(sender, instance: Signal, change, **kwargs) -> None:
    if change.to_status not in FINAL_STATUSES:
        return
    signal = Signal.objects.get(pk=instance.pk)
    SignalSuggestion.objects.filter(signal=signal).update(
        final_label=final_label(signal),
        final_domains=list(signal.domains.order_by("order").values_list("code", flat=True)),
        decided_at=change.at)


def agreement(suggestions: QuerySet[SignalSuggestion]) -> dict[str, Any]:
    """Agreement between suggestion and decision, per final label and per month."""
    decided = [s for s in suggestions.exclude(final_label="").select_related()
               .only("label", "final_label", "decided_at")]
    per_label: dict[str, dict[str, int]] = defaultdict(lambda: {"n": 0, "agree": 0,
                                                                "suggested": 0})
    per_month: dict[str, dict[str, int]] = defaultdict(lambda: {"n": 0, "agree": 0})
    for item in decided:
        per_label[item.final_label]["n"] += 1
        per_label[item.label]["suggested"] += 1
        month = item.decided_at.strftime("%Y-%m") if item.decided_at else "?"
        per_month[month]["n"] += 1
        if item.label == item.final_label:
            per_label[item.final_label]["agree"] += 1
            per_month[month]["agree"] += 1
    return {"total": len(decided),
            "agree": sum(1 for s in decided if s.label == s.final_label),
            "per_label": dict(per_label), "per_month": dict(sorted(per_month.items()))}
