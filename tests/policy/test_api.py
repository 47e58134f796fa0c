# SPDX-License-Identifier: EUPL-1.2
"""Policy API v1: shapes, role access and writes through the services."""

from __future__ import annotations

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from schakel.policy.models import Barrier, BarrierAssessment, BbaAssessment

pytestmark = pytest.mark.django_db
ENDPOINTS = ("/api/v1/policy/barrier-models/", "/api/v1/policy/barrier-assessments/",
             "/api/v1/policy/bba/")


def api(user) -> APIClient:
    client = APIClient()
    token, _ = Token.objects.get_or_create(user=user)
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


@pytest.mark.parametrize(("username", "allowed"), [
    ("analyst", True), ("coordinator", True), ("melder", False), ("handler", False),
    ("partner", False), ("privacy", False), ("admin", False),
])
def test_only_analyst_and_coordinator_may_use_the_policy_api(world, username, allowed):
    client = api(world[username])
    for url in ENDPOINTS:
        status = client.get(url).status_code
        assert (status == 200) if allowed else status in {403, 404}, (url, status)
    if not allowed:
        response = client.post("/api/v1/policy/bba/", {"item": "A1", "status": "in_place"},
                               format="json")
        assert response.status_code in {403, 404}


def test_signed_out_gets_401_or_403(world):
    assert APIClient().get(ENDPOINTS[0]).status_code in {401, 403}


def test_barrier_models_have_ordered_steps_with_barriers(world):
    body = api(world["analyst"]).get("/api/v1/policy/barrier-models/").json()
    models = {m["code"]: m for m in body["results"]}
    original = models["mensenhandel"]
    assert [s["code"] for s in original["steps"]] == ["entree-identiteit", "huisvesting",
                                                     "werk", "financien"]
    assert [s["order"] for s in original["steps"]] == sorted(s["order"]
                                                           for s in original["steps"])
    step = original["steps"][1]
    assert step["case_phases"] == ["housing"] and step["signals"] and step["needs"]
    barrier = step["barriers"][0]
    assert set(barrier) == {"id", "instrument", "name", "how", "department", "partners",
                            "legal_basis", "case_findings"}
    # the analyst's one municipality: counts from its closed cases (none yet), as on the page
    assert original["municipality"] == "0482" and step["closed_cases"] == "0"
    assert barrier["case_findings"] == {"failed": "0", "missing": "0"}
    one = api(world["coordinator"]).get("/api/v1/policy/barrier-models/seksuele-uitbuiting/")
    assert one.status_code == 200
    assert {s["code"]: s["verified"] for s in one.json()["steps"]}["werkplek"] is False


def test_barrier_assessments_list_current_state_and_accept_new_ones(world):
    client = api(world["analyst"])
    body = client.get("/api/v1/policy/barrier-assessments/?model=mensenhandel").json()
    rows = body["results"]
    assert rows and {r["municipality"] for r in rows} == {"0482"}
    assert set(rows[0]) >= {"model", "step", "barrier", "instrument", "status", "evidence",
                            "owner", "next_step", "next_step_due", "review_on"}
    # one row per barrier: history is not repeated in the current list
    assert len({r["barrier"] for r in rows}) == len(rows)

    target = Barrier.objects.get(step__model__code="mensenhandel", step__code="werk",
                                 instrument__code="inkoop")
    response = client.post("/api/v1/policy/barrier-assessments/", {
        "barrier": target.pk, "status": "in_place", "evidence": "Inkoopvoorwaarden 2026"},
        format="json")
    assert response.status_code == 201, response.content
    assert response.json()["status"] == "in_place" and response.json()["instrument"] == "inkoop"
    assert BarrierAssessment.objects.filter(barrier=target).count() == 2  # demo row + new row
    bad = client.post("/api/v1/policy/barrier-assessments/", {
        "barrier": target.pk, "status": "absent", "next_step": "Iets"}, format="json")
    assert bad.status_code == 400 and "next_step_due" in bad.json()
    other = client.post("/api/v1/policy/barrier-assessments/", {
        "municipality": "0590", "barrier": target.pk, "status": "absent"}, format="json")
    assert other.status_code == 403


def test_bba_lists_every_item_with_status_and_accepts_an_assessment(world):
    client = api(world["coordinator"])
    rows = client.get("/api/v1/policy/bba/").json()
    assert [r["code"] for r in rows][:3] == ["A1", "A2", "A3"] and len(rows) == 14
    assert set(rows[0]) >= {"municipality", "group", "title", "status", "evidence", "links",
                            "owner", "assessed_on"}
    response = client.post("/api/v1/policy/bba/", {
        "item": "E2", "status": "in_place", "links": ["https://example.org/plan"]},
        format="json")
    assert response.status_code == 201, response.content
    assert response.json()["status"] == "in_place"
    assert BbaAssessment.objects.filter(item__code="E2").order_by("-id").first().links == [
        "https://example.org/plan"]
    papendrecht = api(world["coordinator-papendrecht"]).get("/api/v1/policy/bba/").json()
    assert {r["municipality"] for r in papendrecht} == {"0590"}
    assert {r["status"] for r in papendrecht} == {"not_assessed"}
