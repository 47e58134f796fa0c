# SPDX-License-Identifier: EUPL-1.2
"""Writing the deletion register: the one function every removal goes through."""

from __future__ import annotations

from django.utils import timezone

from schakel.privacy.models import DeletionRecord


def actor_label(actor) -> str:
    if actor is not None and getattr(actor, "is_authenticated", False):
        return actor.get_username()
    return "systeem (retention)"


def register(*, record_type: str, reference: str, municipality_id: int | None, rule: str,
             action: str, run_id: str, actor=None, at=None) -> DeletionRecord:
    """One register line: references only, never content (no names, no texts)."""
    return DeletionRecord.objects.create(
        at=at or timezone.now(), municipality_id=municipality_id, record_type=record_type,
        record_reference=reference[:80], rule=rule[:60], action=action, run_id=run_id[:40],
        actor_label=actor_label(actor))


def already_anonymised(record_type: str) -> set[str]:
    """References of records of this type that were anonymised before (their skeleton stays,
    so the next run must not list them again)."""
    return set(DeletionRecord.objects.filter(record_type=record_type,
                                             action=DeletionRecord.Action.ANONYMISED)
               .values_list("record_reference", flat=True))
