# SPDX-License-Identifier: EUPL-1.2
"""The signal service functions: registration, deadlines, the status table, journal, audit."""

from __future__ import annotations

import datetime as dt
import itertools
import re

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from schakel.audit.models import AccessEvent, AppendOnlyError
from schakel.catalog.models import Indicator
from schakel.signals import services, workflow
from schakel.signals.models import Signal, SignalNote, SignalStatus


def test_reference_numbers_are_sequential_per_year(make_signal):
    first, second = make_signal(), make_signal()
    year = timezone.localdate().year
    assert re.fullmatch(rf"SIG-{year}-\d{{5}}", first.reference)
    assert int(second.reference[-5:]) == int(first.reference[-5:]) + 1


def test_same_submission_key_creates_one_signal(world):
    data = services.SignalInput(description="Drie busjes halen elke ochtend mensen op.")
    first, created_first = services.register_signal(world["melder"], data, submission_key="k1")
    again, created_again = services.register_signal(world["melder"], data, submission_key="k1")
    assert created_first and not created_again
    assert first.pk == again.pk
    assert Signal.objects.count() == 1


def test_acute_signal_is_due_the_same_day(make_signal):
    signal = make_signal(acute=True)
    due = timezone.localtime(signal.triage_due)
    assert due.date() == timezone.localdate(signal.received_at)


def test_deadline_follows_the_shortest_domain_term(make_signal):
    sexual = Indicator.objects.filter(domain__code="sexual").first()
    housing = Indicator.objects.filter(domain__code="housing").first()
    signal = make_signal(indicator_codes=[sexual.code, housing.code])
    days = min(sexual.domain.triage_days, housing.domain.triage_days)
    assert signal.triage_due - signal.received_at == dt.timedelta(days=days)
    assert {d.code for d in signal.domains.all()} == {"sexual", "housing"}


def test_unknown_indicator_is_refused(world):
    data = services.SignalInput(description="Iets gezien bij de haven.",
                                indicator_codes=["bestaat-niet"])
    with pytest.raises(ValidationError):
        services.register_signal(world["melder"], data)
    assert not Signal.objects.exists()


def test_signal_belongs_to_the_reporters_municipality(make_signal):
    assert make_signal("melder").municipality.cbs_code == "0482"


def test_regional_partner_must_name_a_municipality_in_its_region(world):
    reporter = world["handler"]  # the police are regional
    from schakel.accounts.services import assign_role

    assign_role(reporter, "partner_melder")
    with pytest.raises(ValidationError):
        services.register_signal(reporter, services.SignalInput(description="Melding zonder plek."))
    by_postcode, _ = services.register_signal(
        reporter, services.SignalInput(description="Melding met adres.", postcode="3351AB",
                                       house_number=3))
    assert by_postcode.municipality.name == "Papendrecht"
    named, _ = services.register_signal(
        reporter, services.SignalInput(description="Melding met gemeente.",
                                       municipality_code="0482"))
    assert named.municipality.name == "Alblasserdam"


def test_every_move_outside_the_table_is_refused(make_signal, world):
    coordinator = world["coordinator"]
    partner = world["handler"].organisation
    allowed = {(t.source, t.target) for t in workflow.TRANSITIONS}
    for source, target in itertools.product(workflow.STATUSES, repeat=2):
        if (source, target) in allowed:
            continue
        signal = make_signal()
        Signal.objects.filter(pk=signal.pk).update(status=source)
        signal.refresh_from_db()
        with pytest.raises(workflow.TransitionError):
            services.move_signal(signal, coordinator, target, reason_code="geen-aanwijzing",
                                 explanation="x", forwarded_to=partner)
        signal.refresh_from_db()
        assert signal.status == source


def test_no_follow_up_needs_a_reason_and_reopening_an_explanation(make_signal, world):
    coordinator = world["coordinator"]
    signal = make_signal()
    services.move_signal(signal, coordinator, SignalStatus.IN_TRIAGE)
    with pytest.raises(workflow.TransitionError):
        services.move_signal(signal, coordinator, SignalStatus.NO_FOLLOW_UP)
    services.move_signal(signal, coordinator, SignalStatus.NO_FOLLOW_UP,
                         reason_code="geen-aanwijzing")
    with pytest.raises(workflow.TransitionError):
        services.move_signal(signal, coordinator, SignalStatus.IN_TRIAGE)
    services.move_signal(signal, coordinator, SignalStatus.IN_TRIAGE,
                         explanation="Tweede melding over hetzelfde adres.")
    signal.refresh_from_db()
    assert [c.to_status for c in signal.status_changes.all()] == [
        "received", "in_triage", "no_follow_up", "in_triage"]


def test_starting_triage_assigns_the_coordinator(make_signal, world):
    signal = make_signal()
    services.move_signal(signal, world["coordinator"], SignalStatus.IN_TRIAGE)
    signal.refresh_from_db()
    assert signal.assigned_to == world["coordinator"]


def test_coordinator_of_another_municipality_cannot_handle(make_signal, world):
    signal = make_signal()
    with pytest.raises(PermissionError):
        services.move_signal(signal, world["coordinator-papendrecht"], SignalStatus.IN_TRIAGE)
    with pytest.raises(PermissionError):
        services.add_note(signal, world["coordinator-papendrecht"], "nieuwsgierig")


def test_assignment_only_to_coordinators_in_scope(make_signal, world):
    signal = make_signal()
    with pytest.raises(ValidationError):
        services.assign_signal(signal, world["coordinator-papendrecht"], world["coordinator"])
    services.assign_signal(signal, world["coordinator"], world["coordinator"])
    services.assign_signal(signal, None, world["coordinator"])
    assert [a.assignee for a in signal.assignments.all()] == [world["coordinator"], None]


def test_journal_is_append_only_and_ordered(make_signal, world):
    signal = make_signal()
    services.add_note(signal, world["coordinator"], "Gebeld met melder.")
    services.add_note(signal, world["coordinator"], "Correctie: melder belt terug.")
    with pytest.raises(ValidationError):
        services.add_note(signal, world["coordinator"], "   ")
    kinds = [entry["kind"] for entry in services.history(signal)]
    assert kinds == ["status", "note", "note"]
    assert SignalNote.objects.filter(signal=signal).count() == 2


def test_every_change_is_on_the_access_log_without_content(make_signal, world):
    signal = make_signal(description="Geheime inhoud over Jansen")
    services.add_note(signal, world["coordinator"], "Nog een geheime notitie")
    events = AccessEvent.objects.filter(object_type="signal")
    assert sorted(e.action for e in events) == ["create", "update"]
    assert all(e.object_refs == [signal.reference] for e in events)
    for event in AccessEvent.objects.all():
        logged = " ".join(str(v) for v in vars(event).values())
        assert "Jansen" not in logged and "geheime" not in logged


def test_access_events_cannot_be_changed_or_removed(make_signal):
    make_signal()
    event = AccessEvent.objects.first()
    event.purpose = "anders"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
