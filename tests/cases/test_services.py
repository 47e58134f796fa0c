# SPDX-License-Identifier: EUPL-1.2
"""Casework service functions: the rules a coordinator and an auditor rely on."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from schakel import scope
from schakel.accounts.models import Organisation
from schakel.audit.models import AccessEvent
from schakel.cases import services
from schakel.cases.models import Case, CaseEvent, Conference


@pytest.fixture
def case(world, make_signal) -> Case:
    signal = make_signal(postcode="2952AB", house_number=7)
    return services.triage_signal(signal, world["coordinator"], services.TriageDecision(
        "open_case", title="Overbewoning Oost", domains=["housing"]))


def organisation(slug: str) -> Organisation:
    return Organisation.objects.get(slug=slug)


def test_reference_and_timeline_start(case):
    assert case.reference.startswith(f"CAS-{timezone.localdate().year}-")
    assert len(case.reference.split("-")[-1]) == 4
    assert [e.kind for e in case.events.all()][:2] == ["opened", "signal_added"]


def test_stale_edit_is_refused_and_changes_nothing(case, world):
    version = case.version
    services.update_case(case, world["coordinator"], expected_version=version, title="Nieuw")
    with pytest.raises(services.ConcurrentEditError):
        services.update_case(Case.objects.get(pk=case.pk), world["coordinator"],
                             expected_version=version, title="Overschreven?")
    assert Case.objects.get(pk=case.pk).title == "Nieuw"


def test_reopening_a_closed_case_keeps_its_history(case, world):
    coordinator = world["coordinator"]
    services.move_case(case, coordinator, "closed", reason="Niets gevonden",
                       outcome_code="geen-mensenhandel", barrier_phases=["housing"])
    closed = Case.objects.get(pk=case.pk)
    assert closed.closed_at is not None and closed.barrier_phases == ["housing"]
    services.move_case(closed, coordinator, "analysis", reason="Nieuwe melding over het pand")
    reopened = Case.objects.get(pk=case.pk)
    assert reopened.status == "analysis" and reopened.closed_at is None
    moves = [(e.from_status, e.to_status) for e in reopened.events.filter(kind="status")]
    assert moves == [("open", "closed"), ("closed", "analysis")]


def test_move_needs_a_reason(case, world):
    with pytest.raises(ValidationError):
        services.move_case(case, world["coordinator"], "analysis", reason=" ")


def test_unknown_barrier_phase_is_refused(case, world):
    with pytest.raises(ValidationError):
        services.move_case(case, world["coordinator"], "closed", reason="x",
                           outcome_code="geen-mensenhandel", barrier_phases=["moon"])


def test_signal_of_another_municipality_cannot_join(case, world):
    from schakel.signals.services import SignalInput, register_signal

    other, _ = register_signal(world["coordinator-papendrecht"],
                               SignalInput(description="Signaal in Papendrecht."))
    with pytest.raises(PermissionError):
        services.add_signal_to_case(case, other, world["coordinator-papendrecht"])


def test_referral_life_cycle_and_who_may_do_what(case, world):
    coordinator, handler = world["coordinator"], world["handler"]
    referral = services.refer(case, coordinator, services.ReferralInput(
        organisation=organisation("politie"), reason="Onderzoek", legal_basis_code="wgs",
        due_on=timezone.localdate() - dt.timedelta(days=1), shared_fields=["summary"]))
    assert referral.is_overdue
    with pytest.raises(PermissionError):
        services.respond_to_referral(referral, world["inspecteur-nla"], "accepted")
    with pytest.raises(services.workflow.CaseTransitionError):
        services.respond_to_referral(referral, coordinator, "accepted")  # partner's move
    with pytest.raises(ValidationError):
        services.respond_to_referral(referral, handler, "rejected", "")
    services.respond_to_referral(referral, handler, "accepted")
    services.respond_to_referral(referral, coordinator, "revoked", "Niet meer nodig")
    assert [e.to_status for e in referral.events.all()] == ["in_progress", "accepted", "revoked"]


def test_referral_shares_only_known_fields(case, world):
    with pytest.raises(ValidationError):
        services.refer(case, world["coordinator"], services.ReferralInput(
            organisation=organisation("politie"), reason="x", legal_basis_code="wgs",
            due_on=timezone.localdate(), shared_fields=["everything"]))


def test_intervention_done_needs_an_outcome(case, world):
    intervention = services.add_intervention(
        case, world["coordinator"], type_code="woninginspectie-ozhz",
        organisation=organisation("ozhz"), due_on=timezone.localdate())
    with pytest.raises(ValidationError):
        services.update_intervention(intervention, world["coordinator"], status="done")
    services.update_intervention(intervention, world["coordinator"], status="done",
                                 outcome="Twaalf bewoners aangetroffen")
    assert case.events.filter(kind=CaseEvent.Kind.INTERVENTION).count() == 2


def test_conference_access_needs_confirmation_and_ends_after_the_window(case, world):
    handler = world["handler"]
    conference = services.schedule_conference(
        world["coordinator"], title="Overleg", scheduled_at=timezone.now(), location="Stadhuis",
        cases=[case], organisations=[organisation("politie")], participants=[handler],
        access_days_after=3)
    assert not scope.visible_cases(handler).exists()
    services.confirm_confidentiality(conference, handler)
    assert list(scope.visible_cases(handler)) == [case]
    assert not scope.can_manage_case(handler, case)
    Conference.objects.filter(pk=conference.pk).update(
        scheduled_at=timezone.now() - dt.timedelta(days=4))
    assert not scope.visible_cases(handler).exists()
    with pytest.raises(PermissionError):
        services.confirm_confidentiality(conference, world["melder"])


def test_decision_creates_intervention_and_is_on_the_timeline(case, world):
    conference = services.schedule_conference(
        world["coordinator"], title="Overleg", scheduled_at=timezone.now(), location="",
        cases=[case], organisations=[], participants=[])
    decision = services.record_decision(conference, case, world["coordinator"],
                                        services.DecisionInput(
                                            text="OZHZ inspecteert het pand",
                                            owner=organisation("ozhz"),
                                            due_on=timezone.localdate(),
                                            intervention_type="woninginspectie-ozhz"))
    assert decision.interventions.count() == 1
    assert case.events.filter(kind="decision").exists()


def test_casework_changes_are_audited(case, world):
    services.add_case_note(case, world["coordinator"], "Gebeld met OZHZ")
    events = AccessEvent.objects.filter(object_type="case")
    assert events.filter(action="create").exists() and events.filter(action="update").exists()
    assert all("OZHZ" not in str(e.object_refs) for e in events)
