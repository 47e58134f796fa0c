# SPDX-License-Identifier: EUPL-1.2
"""The hash chain over the access log: appending a link and checking the whole chain.

Each event's hash is SHA-256 over a canonical JSON of its fields and the previous event's hash,
so changing any stored field, removing a row or slipping one in breaks the chain at that point
(BIO 8.15.05: improper change or deletion of logs must be detectable; 8.15.06: periodic check).
The hash is not keyed: someone who can rewrite the whole table *and* the chain head can forge a
consistent chain. That is why ``verify`` prints the head, to be noted outside the database.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from django.db import transaction
from django.utils import timezone

from schakel.audit.models import GENESIS_HASH, AccessEvent, ChainHead

# The fields a link covers, in a fixed order (``id`` is left out: the database assigns it after
# the hash is computed; ``sequence`` fixes the position instead).
HASHED_FIELDS: tuple[str, ...] = (
    "sequence", "at", "actor_id", "actor_label", "organisation_label", "action", "object_type",
    "object_refs", "result", "origin", "channel", "purpose", "legal_basis", "path",
    "previous_hash",
)
HEAD_PK = 1


def _canonical_time(value: datetime) -> str:
    """UTC with microseconds, so the same instant always gives the same text on every backend."""
    if timezone.is_aware(value):
        value = value.astimezone(UTC)
    return value.strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def compute_hash(data: Mapping[str, Any]) -> str:
    """SHA-256 (hex) over the canonical JSON of the hashed fields of one event."""
    payload = {name: data[name] for name in HASHED_FIELDS}
    payload["at"] = _canonical_time(payload["at"])
    payload["object_refs"] = [str(ref) for ref in (payload["object_refs"] or [])]
    text = json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def event_hash(event: AccessEvent) -> str:
    return compute_hash({name: getattr(event, name) for name in HASHED_FIELDS})


def _locked_head() -> ChainHead:
    """The chain head, locked for the rest of the transaction (created on first use)."""
    head = ChainHead.objects.select_for_update().filter(pk=HEAD_PK).first()
    if head is None:
        ChainHead.objects.get_or_create(pk=HEAD_PK)
        head = ChainHead.objects.select_for_update().get(pk=HEAD_PK)
    return head


def append(event: AccessEvent, insert: Callable[[], None]) -> None:
    """Make ``event`` the next link and insert it, atomically with moving the head.

    The head row lock makes concurrent writers wait for each other, so sequence numbers stay
    gapless and every link names its true predecessor. A rolled-back transaction takes the
    event and the head move back together.
    """
    with transaction.atomic():
        head = _locked_head()
        event.sequence = head.sequence + 1
        event.previous_hash = head.hash
        if event.at is None:
            event.at = timezone.now()
        event.object_refs = [str(ref) for ref in (event.object_refs or [])]
        event.hash = event_hash(event)
        insert()
        ChainHead.objects.filter(pk=head.pk).update(sequence=event.sequence, hash=event.hash)


# --- verification -------------------------------------------------------------------------------

@dataclass(frozen=True)
class Problem:
    """One place where the chain is broken."""

    kind: str  # hash_mismatch | gap | broken_link | head_mismatch
    sequence: int | None
    event_id: int | None
    detail: str

    def __str__(self) -> str:
        where = f"volgnummer/sequence {self.sequence}" if self.sequence is not None else "kop/head"
        if self.event_id is not None:
            where += f" (id {self.event_id})"
        return f"{where}: {self.detail}"


@dataclass
class Report:
    checked: int = 0
    head_sequence: int = 0
    head_hash: str = GENESIS_HASH
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def _check_row(row: Mapping[str, Any], expected_sequence: int, previous_hash: str
               ) -> list[Problem]:
    """What is wrong with one stored row, given where the chain stood before it."""
    problems: list[Problem] = []
    sequence, event_id = row["sequence"], row["id"]
    if sequence != expected_sequence:
        if sequence > expected_sequence:
            missing = (f"{expected_sequence}" if sequence == expected_sequence + 1
                       else f"{expected_sequence}–{sequence - 1}")
            detail = f"ontbrekende volgnummers {missing} (verwijderd) / missing (removed)"
        else:
            detail = "volgnummer buiten de reeks (ingevoegd) / out-of-order sequence (inserted)"
        problems.append(Problem("gap", sequence, event_id, detail))
    if row["previous_hash"] != previous_hash:
        problems.append(Problem(
            "broken_link", sequence, event_id,
            "verwijst niet naar de vorige gebeurtenis / does not link to the previous event"))
    if compute_hash(row) != row["hash"]:
        problems.append(Problem(
            "hash_mismatch", sequence, event_id,
            "inhoud klopt niet met de hash (gewijzigd of ingevoegd) / "
            "hash mismatch (changed or inserted)"))
    return problems


def _rows() -> Iterable[Mapping[str, Any]]:
    return (AccessEvent.objects.order_by("sequence")
            .values("id", "hash", *HASHED_FIELDS).iterator(chunk_size=2000))


def verify() -> Report:
    """Walk the chain from the first link (or from the retention checkpoint, when old events
    were removed under the retention policy) and compare its end with the stored head."""
    head = ChainHead.objects.filter(pk=HEAD_PK).first() or ChainHead(sequence=0)
    report = Report(head_sequence=head.sequence, head_hash=head.hash)
    expected, previous_hash, last_id = 1, GENESIS_HASH, None
    start = checkpoint()
    if start is not None:
        expected, previous_hash = start.sequence + 1, start.hash
        report.problems.extend(_checkpoint_problems(start))
    for row in _rows():
        report.checked += 1
        report.problems.extend(_check_row(row, expected, previous_hash))
        expected, previous_hash, last_id = row["sequence"] + 1, row["hash"], row["id"]
    last_sequence = expected - 1
    if last_sequence != head.sequence or previous_hash != head.hash:
        if last_sequence > head.sequence:
            detail = (f"laatste gebeurtenis {last_sequence} ligt na de kop {head.sequence} "
                      f"(ingevoegd) / events beyond the chain head (inserted)")
        elif last_sequence < head.sequence:
            detail = (f"kop staat op {head.sequence}, laatste gebeurtenis is {last_sequence} "
                      f"(verwijderd) / events missing at the end (removed)")
        else:
            detail = "laatste hash wijkt af van de kop / last hash differs from the head"
        report.problems.append(Problem("head_mismatch", last_sequence or None, last_id, detail))
    return report


# --- retention checkpoint -----------------------------------------------------------------------
# Access events older than the retention period are removed (``schakel retention --apply``).
# The chain then no longer starts at the genesis hash, so the cut is recorded as a checkpoint:
# the sequence and hash of the last removed event, kept in a second ``ChainHead`` row. The cut
# itself is written as a chained event whose reference names the same sequence and hash, so a
# checkpoint moved by hand (to hide a removal) no longer matches the recorded cut and ``verify``
# reports it. Without a checkpoint row, verification is exactly as before.

CHECKPOINT_PK = 2
CHECKPOINT_OBJECT_TYPE = "access_log"
CHECKPOINT_PREFIX = "checkpoint"


def checkpoint() -> ChainHead | None:
    """Where verification starts after a retention cut; ``None`` when nothing was removed."""
    return ChainHead.objects.filter(pk=CHECKPOINT_PK).first()


def checkpoint_ref(sequence: int, hash_: str) -> str:
    return f"{CHECKPOINT_PREFIX}:{sequence}:{hash_}"


def _checkpoint_problems(start: ChainHead) -> list[Problem]:
    recorded = (AccessEvent.objects.filter(object_type=CHECKPOINT_OBJECT_TYPE, action="delete",
                                           object_refs__icontains=f'"{CHECKPOINT_PREFIX}:')
                .order_by("-sequence").values_list("object_refs", flat=True).first())
    if recorded and checkpoint_ref(start.sequence, start.hash) in recorded:
        return []
    return [Problem("checkpoint_mismatch", start.sequence, None,
                    "startpunt komt niet overeen met de vastgelegde bewaartermijnsnede / "
                    "checkpoint does not match the recorded retention cut")]


def cut_before(sequence: int, *, actor=None, purpose: str = "retention",
               run_ref: str = "") -> int:
    """Remove every event with a sequence below ``sequence`` and move the checkpoint to the
    last removed one; return how many were removed. Atomic: the removal, the checkpoint and
    the chained event recording the cut commit together or not at all."""
    from schakel.audit import services

    with transaction.atomic():
        _locked_head()
        last = (AccessEvent.objects.filter(sequence__lt=sequence).order_by("-sequence")
                .values("sequence", "hash").first())
        if last is None:
            return 0
        removed, _ = AccessEvent.objects.filter(sequence__lte=last["sequence"]).delete()
        ChainHead.objects.update_or_create(
            pk=CHECKPOINT_PK, defaults={"sequence": last["sequence"], "hash": last["hash"]})
        refs = [checkpoint_ref(last["sequence"], last["hash"])] + ([run_ref] if run_ref else [])
        services.record(actor=actor, action="delete", object_type=CHECKPOINT_OBJECT_TYPE,
                        object_refs=refs, purpose=purpose, channel="cli", origin="cli")
        return removed
