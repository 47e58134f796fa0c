# SPDX-License-Identifier: EUPL-1.2
"""Casework actions through API v1 (issue 3, item 8): completing an intervention with an
outcome, case notes, revoking a referral, and the conference minutes as PDF — each scoped like
the web pages and visible on the case timeline."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from schakel.accounts.models import Organisation
from schakel.audit.models import AccessEvent
from schakel.cases import services
from schakel.cases.models import Intervention, Referral


def api(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


@pytest.fixture
def case(world, make_signal):
    return services.open_case(world["coordinator"], make_signal(), title="API-casus")


def test_intervention_is_completed_with_an_outcome(world, case):
    coordinator = api(world["coordinator"])
    created = coordinator.post(f"/api/v1/cases/{case.reference}/interventions/", {
        "type": "woninginspectie-ozhz", "organisation": "ozhz", "due_on": "2030-03-01",
        "description": "Inspectie van het pand"}, format="json")
    assert created.status_code == 201, created.content
    pk = created.json()["id"]
    no_outcome = coordinator.patch(f"/api/v1/interventions/{pk}/", {"status": "done"},
                                   format="json")
    assert no_outcome.status_code == 400 and "outcome" in no_outcome.json()
    assert Intervention.objects.get(pk=pk).status != "done"
    done = coordinator.patch(f"/api/v1/interventions/{pk}/", {
        "status": "done", "outcome": "Overbewoning vastgesteld; last onder dwangsom opgelegd."},
        format="json")
    assert done.status_code == 200
    assert done.json()["status"] == "done"
    assert done.json()["outcome"].startswith("Overbewoning vastgesteld")
    timeline = coordinator.get(f"/api/v1/cases/{case.reference}/timeline/").json()
    assert any(e["kind"] == "intervention" and "Overbewoning vastgesteld" in e["text"]
               for e in timeline)


@pytest.mark.parametrize("username", ["handler", "coordinator-papendrecht", "analyst"])
def test_others_cannot_change_an_intervention(world, case, username):
    intervention = services.add_intervention(
        case, world["coordinator"], type_code="aangifte-politie",
        organisation=Organisation.objects.get(slug="politie"), due_on=dt.date(2030, 3, 1))
    response = api(world[username]).patch(f"/api/v1/interventions/{intervention.pk}/",
                                          {"status": "done", "outcome": "x"}, format="json")
    assert response.status_code == 404
    assert Intervention.objects.get(pk=intervention.pk).status == "planned"


def test_case_note_through_the_api(world, case):
    coordinator = api(world["coordinator"])
    empty = coordinator.post(f"/api/v1/cases/{case.reference}/notes/", {"text": "  "},
                             format="json")
    assert empty.status_code == 400
    created = coordinator.post(f"/api/v1/cases/{case.reference}/notes/",
                               {"text": "Gebeld met de woningcorporatie."}, format="json")
    assert created.status_code == 201
    assert created.json()["kind"] == "note" and created.json()["actor"] == "coordinator"
    timeline = coordinator.get(f"/api/v1/cases/{case.reference}/timeline/").json()
    assert timeline[-1]["text"] == "Gebeld met de woningcorporatie."
    other = api(world["coordinator-papendrecht"]).post(
        f"/api/v1/cases/{case.reference}/notes/", {"text": "nieuwsgierig"}, format="json")
    assert other.status_code == 404


def test_coordinator_revokes_a_referral_with_a_reason(world, case):
    referral = services.refer(case, world["coordinator"], services.ReferralInput(
        organisation=Organisation.objects.get(slug="politie"), reason="Onderzoek",
        due_on=timezone.localdate() + dt.timedelta(days=7), legal_basis_code="avg-6-1-e"))
    coordinator = api(world["coordinator"])
    no_reason = coordinator.patch(f"/api/v1/referrals/{referral.pk}/", {"status": "revoked"},
                                  format="json")
    assert no_reason.status_code == 400
    handler_try = api(world["handler"]).patch(f"/api/v1/referrals/{referral.pk}/", {
        "status": "revoked", "feedback": "x"}, format="json")
    assert handler_try.status_code == 409  # the partner may not revoke
    revoked = coordinator.patch(f"/api/v1/referrals/{referral.pk}/", {
        "status": "revoked", "feedback": "Verkeerde partner gekozen."}, format="json")
    assert revoked.status_code == 200 and revoked.json()["status"] == "revoked"
    assert Referral.objects.get(pk=referral.pk).status == "revoked"
    timeline = coordinator.get(f"/api/v1/cases/{case.reference}/timeline/").json()
    assert any("Verkeerde partner gekozen." in e["text"] for e in timeline)
    # A revoked referral cannot be answered any more.
    late = api(world["handler"]).patch(f"/api/v1/referrals/{referral.pk}/",
                                       {"status": "accepted"}, format="json")
    assert late.status_code == 409


def test_conference_minutes_pdf_through_the_api(world, case):
    conference = services.schedule_conference(
        world["coordinator"], title="Casusoverleg juni", location="Stadhuis",
        scheduled_at=timezone.now() + dt.timedelta(days=1), cases=[case],
        organisations=[Organisation.objects.get(slug="politie")],
        participants=[world["handler"]])
    url = f"/api/v1/conferences/{conference.pk}/minutes/"
    response = api(world["coordinator"]).get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    event = AccessEvent.objects.filter(action="export", object_type="conference").latest("sequence")
    assert case.reference in event.object_refs and event.channel == "api"
    # The invited handler gets it only after confirming confidentiality.
    handler = api(world["handler"])
    assert handler.get(url).status_code == 404
    services.confirm_confidentiality(conference, world["handler"])
    assert handler.get(url).status_code == 200
    for username in ("coordinator-papendrecht", "melder", "analyst"):
        assert api(world[username]).get(url).status_code == 404
