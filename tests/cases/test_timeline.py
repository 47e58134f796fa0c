# SPDX-License-Identifier: EUPL-1.2
"""The case timeline (issue 3, item 2) shows every kind of event — status changes, signals
added, notes, assessments, referrals, interventions and decisions — in chronological order, on
the case page and through the API."""

from __future__ import annotations

import datetime as dt
import re

from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from schakel.accounts.models import Organisation
from schakel.cases import services
from schakel.cases.models import CaseEvent

REQUIRED_KINDS = {"status", "signal_added", "note", "assessment", "referral", "intervention",
                  "decision"}


def build_case(world, make_signal):
    coordinator = world["coordinator"]
    police = Organisation.objects.get(slug="politie")
    due = timezone.localdate() + dt.timedelta(days=14)
    case = services.open_case(coordinator, make_signal(), title="Tijdlijncasus")
    services.add_signal_to_case(case, make_signal(), coordinator)
    services.record_assessment(coordinator, services.AssessmentInput(
        act="indicated", means="unknown", purpose="indicated"), case=case)
    services.add_case_note(case, coordinator, "Eerste notitie")
    case = services.move_case(case, coordinator, "analysis", reason="Beeld opbouwen")
    services.refer(case, coordinator, services.ReferralInput(
        organisation=police, reason="Onderzoek", due_on=due, legal_basis_code="avg-6-1-e"))
    services.add_intervention(case, coordinator, type_code="aangifte-politie",
                              organisation=police, due_on=due)
    services.record_decision(None, case, coordinator, services.DecisionInput(
        text="Politie onderzoekt", owner=police, due_on=due))
    services.add_case_note(case, coordinator, "Laatste notitie")
    return case


def test_timeline_has_every_kind_in_chronological_order(world, make_signal):
    case = build_case(world, make_signal)
    events = services.timeline(case)
    kinds = [e.kind for e in events]
    assert REQUIRED_KINDS <= set(kinds)
    assert kinds[0] == "opened" and kinds.count("signal_added") == 2
    assert [e.at for e in events] == sorted(e.at for e in events)
    # the order things happened in
    order = ["opened", "signal_added", "signal_added", "assessment", "note", "status",
             "referral", "intervention", "decision", "note"]
    assert kinds == order
    assert events[-1].text == "Laatste notitie"


def test_a_backdated_event_is_placed_by_its_time_not_by_when_it_was_stored(world, make_signal):
    case = build_case(world, make_signal)
    # the text is encrypted: find the note in Python, not in the database
    first_note = next(e for e in case.events.filter(kind="note") if e.text == "Eerste notitie")
    CaseEvent.objects.filter(pk=first_note.pk).update(at=timezone.now() + dt.timedelta(hours=1))
    kinds = [e.kind for e in services.timeline(case)]
    assert kinds[-1] == "note" and kinds.index("note") > kinds.index("decision")
    assert [e.text for e in services.timeline(case)][-1] == "Eerste notitie"


def test_api_timeline_matches_in_the_same_order(world, make_signal):
    case = build_case(world, make_signal)
    client = APIClient()
    client.force_authenticate(world["coordinator"])
    body = client.get(f"/api/v1/cases/{case.reference}/timeline/").json()
    assert [e["kind"] for e in body] == [e.kind for e in services.timeline(case)]
    assert [e["at"] for e in body] == sorted(e["at"] for e in body)
    status = next(e for e in body if e["kind"] == "status")
    assert (status["from_status"], status["to_status"], status["text"]) == (
        "open", "analysis", "Beeld opbouwen")
    assert {e["related_ref"].split(":")[0] for e in body if e["related_ref"]} >= {
        "referral", "intervention", "decision"}


def test_case_page_shows_the_timeline_in_the_same_order(client, world, make_signal):
    case = build_case(world, make_signal)
    client.force_login(world["coordinator"])
    page = client.get(reverse("cases:detail", args=[case.reference])).content.decode()
    shown = re.findall(r"journal__item--([a-z_]+)", page)
    assert shown == [e.kind for e in services.timeline(case)]
    assert page.index("Eerste notitie") < page.index("Laatste notitie")
