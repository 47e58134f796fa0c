# SPDX-License-Identifier: EUPL-1.2
"""Referrals (issue 3, item 3): consent ``not_needed`` is a valid ground to send, and every
move outside the referral life-cycle table is refused — for the receiving partner and for the
coordinator alike, through the service and the API — leaving the referral unchanged."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from schakel.accounts.models import Organisation
from schakel.cases import services, workflow
from schakel.cases.models import Referral


def api(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


@pytest.fixture
def case(world, make_signal):
    return services.open_case(world["coordinator"], make_signal(), title="Verwijzingscasus")


def refer(case, world, **extra) -> Referral:
    data = {"organisation": Organisation.objects.get(slug="politie"), "reason": "Onderzoek",
            "due_on": timezone.localdate() + dt.timedelta(days=7),
            "legal_basis_code": "avg-6-1-e", **extra}
    return services.refer(case, world["coordinator"], services.ReferralInput(**data))


def test_consent_not_needed_is_accepted_without_a_legal_basis(world, case):
    referral = refer(case, world, legal_basis_code="", consent="not_needed")
    assert referral.consent == "not_needed" and referral.legal_basis is None
    body = api(world["coordinator"]).post(f"/api/v1/cases/{case.reference}/referrals/", {
        "organisation": "politie", "consent": "not_needed", "due_on": "2030-01-10",
        "reason": "Onderzoek"}, format="json")
    assert body.status_code == 201, body.content
    assert body.json()["consent"] == "not_needed" and body.json()["legal_basis"] is None


ALLOWED = {(source, target, side) for source, target, side in workflow.REFERRAL_MOVES}
DISALLOWED = [(source, target, side)
              for source, target in itertools.product(workflow.REFERRAL_STATUSES, repeat=2)
              for side in ("partner", "coordinator")
              if (source, target, side) not in ALLOWED]


def test_the_table_is_what_the_issue_describes():
    assert ALLOWED == {
        ("in_progress", "accepted", "partner"), ("in_progress", "rejected", "partner"),
        ("accepted", "done", "partner"), ("in_progress", "revoked", "coordinator"),
        ("accepted", "revoked", "coordinator")}


@pytest.mark.parametrize("source, target, side", DISALLOWED)
def test_every_disallowed_referral_move_is_refused(world, case, source, target, side):
    referral = refer(case, world)
    Referral.objects.filter(pk=referral.pk).update(status=source)
    actor = world["handler"] if side == "partner" else world["coordinator"]
    with pytest.raises(workflow.CaseTransitionError):
        services.respond_to_referral(referral, actor, target, "Een reden")
    referral.refresh_from_db()
    assert referral.status == source
    assert referral.events.count() == 1  # only the creation


@pytest.mark.parametrize("source, target, side", DISALLOWED)
def test_every_disallowed_referral_move_is_409_through_the_api(world, case, source, target,
                                                               side):
    referral = refer(case, world)
    Referral.objects.filter(pk=referral.pk).update(status=source)
    actor = world["handler"] if side == "partner" else world["coordinator"]
    response = api(actor).patch(f"/api/v1/referrals/{referral.pk}/",
                                {"status": target, "feedback": "Een reden"}, format="json")
    assert response.status_code == 409, (source, target, side, response.content)
    allowed = {t for s, t, who in workflow.REFERRAL_MOVES if s == source and who == side}
    assert set(response.json()["allowed"]) == allowed
    assert Referral.objects.get(pk=referral.pk).status == source


def test_unknown_referral_status_is_400(world, case):
    referral = refer(case, world)
    response = api(world["handler"]).patch(f"/api/v1/referrals/{referral.pk}/",
                                           {"status": "lost"}, format="json")
    assert response.status_code == 400 and "status" in response.json()
