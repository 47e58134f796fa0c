# SPDX-License-Identifier: EUPL-1.2
"""Casework through API v1: triage, transitions, referrals, scope per role."""

from __future__ import annotations

import itertools

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from schakel.cases import workflow
from schakel.cases.models import Case, Referral
from schakel.signals.models import Signal


def api(user) -> APIClient:
    client = APIClient()
    token, _ = Token.objects.get_or_create(user=user)
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


@pytest.fixture
def coordinator(world):
    return api(world["coordinator"])


@pytest.fixture
def case_ref(coordinator, make_signal):
    signal = make_signal(postcode="2952AB", house_number=7)
    response = coordinator.post(f"/api/v1/signals/{signal.reference}/triage/",
                                {"decision": "open_case", "reason": "Overbewoning",
                                 "domains": ["housing", "labour"]}, format="json")
    assert response.status_code == 200, response.content
    return response.json()["case"]


def test_triage_opens_and_joins_a_case(coordinator, case_ref, make_signal):
    case = Case.objects.get(reference=case_ref)
    assert case.status == "open" and set(case.domains.values_list("code", flat=True)) == {
        "housing", "labour"}
    assert case.title  # a non-identifying default title
    second = make_signal()
    response = coordinator.post(f"/api/v1/signals/{second.reference}/triage/",
                                {"decision": "add_to_case", "case": case_ref,
                                 "reason": "Zelfde pand"}, format="json")
    assert response.json()["case"] == case_ref
    assert Signal.objects.get(pk=second.pk).status == "linked"
    body = coordinator.get(f"/api/v1/cases/{case_ref}/").json()
    assert set(body["signals"]) == {case.signals.first().reference, second.reference} or \
        len(body["signals"]) == 2
    kinds = [e["kind"] for e in coordinator.get(f"/api/v1/cases/{case_ref}/timeline/").json()]
    assert kinds[0] == "opened" and kinds.count("signal_added") == 2


def test_no_follow_up_and_forward(coordinator, make_signal):
    one, two = make_signal(), make_signal()
    bad = coordinator.post(f"/api/v1/signals/{one.reference}/triage/",
                           {"decision": "no_follow_up", "reason": "zomaar"}, format="json")
    assert bad.status_code == 400 and "reason" in bad.json()
    ok = coordinator.post(f"/api/v1/signals/{one.reference}/triage/",
                          {"decision": "no_follow_up", "reason": "geen-aanwijzing"},
                          format="json")
    assert ok.status_code == 200 and ok.json()["case"] is None
    forwarded = coordinator.post(f"/api/v1/signals/{two.reference}/triage/",
                                 {"decision": "forward", "forward_to": "politie",
                                  "reason": "acuut"}, format="json")
    assert forwarded.json()["status"] == "forwarded"


def test_smuggling_never_becomes_a_trafficking_case(coordinator, make_signal):
    signal = make_signal()
    response = coordinator.post(f"/api/v1/signals/{signal.reference}/triage/", {
        "decision": "open_case", "assessment": {"smuggling": True}}, format="json")
    assert response.status_code == 400
    assert not Case.objects.exists()


def test_minor_victim_means_not_required(coordinator, make_signal):
    signal = make_signal()
    ref = coordinator.post(f"/api/v1/signals/{signal.reference}/triage/", {
        "decision": "open_case", "assessment": {"act": "indicated", "means": "unknown",
                                                "purpose": "indicated", "minor_victim": True}},
        format="json").json()["case"]
    assessment = coordinator.get(f"/api/v1/cases/{ref}/").json()["assessment"]
    assert assessment["means"] == "not_required" and assessment["gaps"] == []


def test_every_disallowed_case_transition_is_refused(world, make_signal):
    from schakel.cases import services

    allowed = {(m.source, m.target) for m in workflow.CASE_MOVES}
    client = api(world["coordinator"])
    for source, target in itertools.product(workflow.CASE_STATUSES, repeat=2):
        if (source, target) in allowed:
            continue
        signal = make_signal()
        case = services.open_case(world["coordinator"], signal, title="Test")
        Case.objects.filter(pk=case.pk).update(status=source)
        response = client.post(f"/api/v1/cases/{case.reference}/transitions/",
                               {"to": target, "reason": "x", "outcome": "geen-mensenhandel"},
                               format="json")
        assert response.status_code == 409, (source, target)
        assert set(response.json()["allowed"]) == set(workflow.allowed_case_targets(source))
        assert Case.objects.get(pk=case.pk).status == source


def test_unknown_state_is_400_and_closing_needs_an_outcome(coordinator, case_ref):
    assert coordinator.post(f"/api/v1/cases/{case_ref}/transitions/",
                            {"to": "finished", "reason": "x"}, format="json").status_code == 400
    no_outcome = coordinator.post(f"/api/v1/cases/{case_ref}/transitions/",
                                  {"to": "closed", "reason": "klaar"}, format="json")
    assert no_outcome.status_code == 400 and "outcome" in no_outcome.json()
    closed = coordinator.post(f"/api/v1/cases/{case_ref}/transitions/",
                              {"to": "closed", "reason": "klaar",
                               "outcome": "geen-mensenhandel"}, format="json")
    assert closed.json()["status"] == "closed"
    reopen_wrong = coordinator.post(f"/api/v1/cases/{case_ref}/transitions/",
                                    {"to": "action", "reason": "x"}, format="json")
    assert reopen_wrong.status_code == 409 and reopen_wrong.json()["allowed"] == ["analysis"]


def test_optimistic_locking(coordinator, case_ref):
    version = coordinator.get(f"/api/v1/cases/{case_ref}/").json()["version"]
    first = coordinator.patch(f"/api/v1/cases/{case_ref}/", {"version": version,
                                                             "title": "Pand Oost"},
                              format="json")
    assert first.status_code == 200
    stale = coordinator.patch(f"/api/v1/cases/{case_ref}/", {"version": version,
                                                             "title": "Iets anders"},
                              format="json")
    assert stale.status_code == 409
    assert Case.objects.get(reference=case_ref).title == "Pand Oost"


def test_referral_needs_a_basis_or_consent(coordinator, case_ref):
    base = {"organisation": "politie", "due_on": "2030-01-10", "reason": "Onderzoek",
            "shared_fields": ["summary", "addresses"]}
    for consent in ("unknown", "refused"):
        response = coordinator.post(f"/api/v1/cases/{case_ref}/referrals/",
                                    {**base, "consent": consent}, format="json")
        assert response.status_code == 400 and "legal_basis" in response.json()
    with_basis = coordinator.post(f"/api/v1/cases/{case_ref}/referrals/",
                                  {**base, "legal_basis": "avg-6-1-e"}, format="json")
    assert with_basis.status_code == 201 and isinstance(with_basis.json()["id"], int)
    with_consent = coordinator.post(f"/api/v1/cases/{case_ref}/referrals/",
                                    {**base, "consent": "given"}, format="json")
    assert with_consent.status_code == 201


def test_partner_sees_only_its_referrals_and_only_shared_fields(world, coordinator, case_ref):
    response = coordinator.post(f"/api/v1/cases/{case_ref}/referrals/", {
        "organisation": "politie", "legal_basis": "avg-6-1-e", "due_on": "2030-01-10",
        "reason": "Onderzoek", "shared_fields": ["addresses"]}, format="json")
    referral_id = response.json()["id"]
    coordinator.post(f"/api/v1/cases/{case_ref}/referrals/", {
        "organisation": "nla", "legal_basis": "avg-6-1-e", "due_on": "2030-01-10",
        "reason": "Arbeid"}, format="json")
    handler = api(world["handler"])
    listed = handler.get("/api/v1/referrals/").json()["results"]
    assert [r["id"] for r in listed] == [referral_id]
    shared = listed[0]["shared"]
    assert set(shared) == {"addresses"} and shared["addresses"] == ["2952AB 7"]
    assert handler.get(f"/api/v1/cases/{case_ref}/").status_code == 404
    other = Referral.objects.get(organisation__slug="nla")
    assert handler.get(f"/api/v1/referrals/{other.pk}/").status_code == 404
    assert handler.patch(f"/api/v1/referrals/{referral_id}/", {"status": "done"},
                         format="json").status_code == 409
    assert handler.patch(f"/api/v1/referrals/{referral_id}/", {"status": "accepted"},
                         format="json").json()["status"] == "accepted"
    done = handler.patch(f"/api/v1/referrals/{referral_id}/",
                         {"status": "done", "feedback": "Onderzoek gestart"}, format="json")
    assert done.json()["status"] == "done" and done.json()["feedback"] == "Onderzoek gestart"
    timeline = coordinator.get(f"/api/v1/cases/{case_ref}/timeline/").json()
    assert any("Onderzoek gestart" in e["text"] for e in timeline)


@pytest.mark.parametrize("username", ["melder", "partner", "analyst", "admin", "privacy",
                                      "coordinator-papendrecht", "handler"])
def test_case_outside_scope_is_404(world, case_ref, username):
    client = api(world[username])
    assert client.get(f"/api/v1/cases/{case_ref}/").status_code == 404
    listed = client.get("/api/v1/cases/")
    assert listed.status_code == 403 or listed.json()["results"] == []
    assert client.post(f"/api/v1/cases/{case_ref}/transitions/",
                       {"to": "analysis", "reason": "x"}, format="json").status_code == 404


def test_conference_participant_sees_agenda_case_only_after_confirming(world, coordinator,
                                                                       case_ref):
    response = coordinator.post("/api/v1/conferences/", {
        "title": "Casusoverleg", "scheduled_at": "2030-01-05T10:00:00+01:00",
        "cases": [case_ref], "organisations": ["politie"], "participants": ["handler"]},
        format="json")
    assert response.status_code == 201
    conference_id = response.json()["id"]
    handler = api(world["handler"])
    assert handler.get(f"/api/v1/conferences/{conference_id}/").status_code == 200
    confirmed = handler.post(f"/api/v1/conferences/{conference_id}/confirm/").json()
    assert {"user": "handler", "confirmed": True} in confirmed["participants"]
    assert confirmed["agenda"] == [case_ref]
    # Participants read agenda cases on the web agenda page (limited view), not via the API.
    assert handler.get(f"/api/v1/cases/{case_ref}/").status_code == 404
    assert handler.post(f"/api/v1/conferences/{conference_id}/decisions/", {},
                        format="json").status_code == 404
    decision = coordinator.post(f"/api/v1/conferences/{conference_id}/decisions/", {
        "case": case_ref, "text": "Politie start onderzoek", "owner": "politie",
        "due_on": "2030-02-01", "referral": {"organisation": "politie", "legal_basis": "wgs",
                                             "due_on": "2030-02-01", "reason": "Onderzoek"}},
        format="json")
    assert decision.status_code == 201 and len(decision.json()["referrals"]) == 1


def test_catalog_lists_for_casework(world):
    client = api(world["partner"])
    slugs = {o["slug"] for o in client.get("/api/v1/catalog/organisations/?page_size=1000")
             .json()["results"]}
    assert {"politie", "nla", "ozhz", "comensha", "veilig-thuis", "riec", "zvh"} <= slugs
    outcomes = {o["code"] for o in client.get("/api/v1/catalog/outcomes/").json()["results"]}
    assert "geen-mensenhandel" in outcomes
    bases = client.get("/api/v1/catalog/legal-bases/?page_size=100").json()["results"]
    assert any(b["code"] == "avg-6-1-e" for b in bases)
