# SPDX-License-Identifier: EUPL-1.2
"""The hash chain: computed on every write, verified, and tampering found and located."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from schakel.audit import chain, services
from schakel.audit.models import GENESIS_HASH, AccessEvent, ChainHead

pytestmark = pytest.mark.django_db


def _events(count: int = 3) -> list[AccessEvent]:
    return [services.record(actor=None, action="view", object_type="signal",
                            object_refs=[f"SIG-2026-{n:05d}"]) for n in range(1, count + 1)]


def _problems(kind: str) -> list[chain.Problem]:
    return [problem for problem in chain.verify().problems if problem.kind == kind]


def test_every_event_is_a_link_of_a_gapless_chain():
    events = _events(3)
    start = events[0].sequence
    assert [event.sequence for event in events] == [start, start + 1, start + 2]
    assert events[1].previous_hash == events[0].hash
    assert events[0].hash == chain.event_hash(AccessEvent.objects.get(pk=events[0].pk))
    head = ChainHead.objects.get()
    assert (head.sequence, head.hash) == (events[-1].sequence, events[-1].hash)
    assert chain.verify().ok


def test_first_event_links_to_genesis():
    _events(1)
    first = AccessEvent.objects.order_by("sequence").first()
    assert first.sequence == 1 and first.previous_hash == GENESIS_HASH


def test_verify_command_passes_on_an_intact_chain(capsys):
    _events(2)
    call_command("audit", "verify")
    assert "ongeschonden" in capsys.readouterr().out


def test_changed_event_is_found_and_located():
    events = _events(3)
    AccessEvent.objects.filter(pk=events[1].pk).update(object_refs=["SIG-2026-99999"])
    problems = chain.verify().problems
    assert [(p.kind, p.sequence, p.event_id) for p in problems] == [
        ("hash_mismatch", events[1].sequence, events[1].pk)]
    with pytest.raises(CommandError) as raised:
        call_command("audit", "verify")
    assert raised.value.returncode == 1


def test_changed_timestamp_via_raw_sql_is_found():
    events = _events(2)
    with connection.cursor() as cursor:
        cursor.execute("UPDATE audit_accessevent SET actor_label = %s WHERE id = %s",
                       ["someone-else", events[0].pk])
    assert [(p.kind, p.event_id) for p in chain.verify().problems] == [
        ("hash_mismatch", events[0].pk)]


def test_removed_event_is_found_and_located():
    events = _events(3)
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_accessevent WHERE id = %s", [events[1].pk])
    gaps = _problems("gap")
    assert [(p.sequence, p.event_id) for p in gaps] == [(events[2].sequence, events[2].pk)]
    assert str(events[1].sequence) in gaps[0].detail
    assert [p.event_id for p in _problems("broken_link")] == [events[2].pk]
    assert not _problems("hash_mismatch")


def test_removed_last_event_is_found_through_the_head():
    events = _events(2)
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_accessevent WHERE id = %s", [events[-1].pk])
    assert [p.kind for p in chain.verify().problems] == ["head_mismatch"]


def _raw_insert(sequence: int, previous_hash: str, hash_: str) -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO audit_accessevent (at, actor_label, organisation_label, action, "
            "object_type, object_refs, result, origin, channel, purpose, legal_basis, path, "
            "sequence, previous_hash, hash) VALUES (%s, '', '', 'view', 'signal', '[]', 'ok', "
            "'', 'web', '', '', '', %s, %s, %s)",
            ["2026-01-01 00:00:00", sequence, previous_hash, hash_])
    return AccessEvent.objects.get(sequence=sequence).pk


def test_inserted_event_is_found_and_located():
    events = _events(2)
    inserted = _raw_insert(events[-1].sequence + 1, events[-1].hash, "f" * 64)
    problems = chain.verify().problems
    assert ("hash_mismatch", inserted) in [(p.kind, p.event_id) for p in problems]
    assert ("head_mismatch", inserted) in [(p.kind, p.event_id) for p in problems]


def test_inserted_event_with_a_forged_hash_is_found_through_the_head():
    events = _events(2)
    forged = AccessEvent(sequence=events[-1].sequence + 1, previous_hash=events[-1].hash,
                         at=events[-1].at, action="view", object_type="signal", result="ok",
                         channel="web")
    inserted = _raw_insert(forged.sequence, forged.previous_hash, "0" * 64)
    row = AccessEvent.objects.get(pk=inserted)
    with connection.cursor() as cursor:
        cursor.execute("UPDATE audit_accessevent SET hash = %s WHERE id = %s",
                       [chain.event_hash(row), inserted])
    assert [(p.kind, p.event_id) for p in chain.verify().problems] == [
        ("head_mismatch", inserted)]


def test_inserted_event_out_of_sequence_is_found():
    events = _events(2)
    inserted = _raw_insert(events[-1].sequence + 50, events[-1].hash, "e" * 64)
    kinds = {p.kind for p in chain.verify().problems if p.event_id == inserted}
    assert {"gap", "hash_mismatch", "head_mismatch"} <= kinds


def test_model_stays_append_only():
    from schakel.audit.models import AppendOnlyError

    event = _events(1)[0]
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
