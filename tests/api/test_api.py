# SPDX-License-Identifier: EUPL-1.2
"""REST API v1: intake by partner systems, scoped reading, actions, catalogue, schema."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from schakel.catalog.models import Indicator
from schakel.signals.models import Signal


def api(user) -> APIClient:
    client = APIClient()
    token, _ = Token.objects.get_or_create(user=user)
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


def payload(**extra) -> dict:
    indicator = Indicator.objects.filter(domain__code="labour").first()
    return {
        "description": "Werknemers van een uitzendbureau moeten hun paspoort inleveren.",
        "observed_on": "2026-11-01", "acute": False, "minor_involved": False,
        "location": {"postcode": "2952 ab", "house_number": 12, "house_number_suffix": "",
                     "description": ""},
        "indicators": [indicator.code],
        "subjects": [
            {"kind": "person", "role": "victim", "given_names": "Piotr", "surname": "Nowak",
             "estimated_age": 30},
            {"kind": "organisation", "role": "perpetrator", "name": "Flex B.V.",
             "kvk_number": "12345678"},
            {"kind": "vehicle", "licence_plate": "VTP-54-H"},
            {"kind": "phone", "phone": "+40 742 318 905"},
        ],
        **extra,
    }


def test_partner_creates_a_signal(world):
    response = api(world["partner"]).post("/api/v1/signals/", payload(), format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["reference"].startswith("SIG-") and body["status"] == "received"
    signal = Signal.objects.get(reference=body["reference"])
    assert signal.channel == "api" and signal.postcode == "2952AB"
    assert {s.phone for s in signal.subjects.all()} >= {"+40742318905"}
    assert {s.licence_plate for s in signal.subjects.all()} >= {"VTP54H"}


def test_idempotency_key_prevents_duplicates(world):
    client = api(world["partner"])
    first = client.post("/api/v1/signals/", payload(), format="json", HTTP_IDEMPOTENCY_KEY="x1")
    second = client.post("/api/v1/signals/", payload(), format="json", HTTP_IDEMPOTENCY_KEY="x1")
    assert first.status_code == 201 and second.status_code == 200
    assert first.json()["reference"] == second.json()["reference"]


@pytest.mark.parametrize("change, field", [
    ({"location": {"postcode": "ABCD12", "house_number": 1}}, "location"),
    ({"subjects": [{"kind": "vehicle", "licence_plate": "QQ-QQ-QQ"}]}, "subjects"),
    ({"subjects": [{"kind": "phone", "phone": "12"}]}, "subjects"),
    ({"indicators": ["bestaat-niet"]}, "indicators"),
    ({"description": ""}, "description"),
    ({"observed_on": "2999-01-01"}, "observed_on"),
    ({"observed_on": "gisteren"}, "observed_on"),
    ({"subjects": [{"kind": "alien"}]}, "subjects"),
    ({"acute": "misschien"}, "acute"),
])
def test_invalid_input_is_400_per_field(world, change, field):
    response = api(world["partner"]).post("/api/v1/signals/", payload(**change), format="json")
    assert response.status_code == 400
    assert field in response.json()
    assert not Signal.objects.exists()


def test_garbage_body_is_400_not_500(world):
    client = api(world["partner"])
    response = client.post("/api/v1/signals/", "{not json", content_type="application/json")
    assert response.status_code == 400
    assert client.post("/api/v1/signals/", [1, 2], format="json").status_code == 400


def test_melder_never_sees_another_melders_signal(world, make_signal):
    mine, theirs = make_signal("melder"), make_signal("boa")
    client = api(world["melder"])
    listed = [s["reference"] for s in client.get("/api/v1/signals/").json()["results"]]
    assert listed == [mine.reference]
    own = client.get(f"/api/v1/signals/{mine.reference}/").json()
    assert set(own) == {"reference", "status", "received_at"}  # status only, no content
    assert client.get(f"/api/v1/signals/{theirs.reference}/").status_code == 404


def test_coordinator_sees_all_of_the_municipality_and_nothing_else(world, make_signal):
    ours = [make_signal("melder"), make_signal("partner"), make_signal("boa")]
    api(world["coordinator-papendrecht"])  # another municipality's coordinator exists
    client = api(world["coordinator"])
    listed = {s["reference"] for s in client.get("/api/v1/signals/").json()["results"]}
    assert listed == {s.reference for s in ours}
    other = api(world["coordinator-papendrecht"])
    assert other.get("/api/v1/signals/").json()["results"] == []
    assert other.get(f"/api/v1/signals/{ours[0].reference}/").status_code == 404


@pytest.mark.parametrize("username", ["analyst", "handler", "admin", "privacy"])
def test_roles_without_signal_access_see_nothing(world, make_signal, username):
    signal = make_signal()
    client = api(world[username])
    assert client.get("/api/v1/signals/").status_code == 403
    assert client.get(f"/api/v1/signals/{signal.reference}/").status_code == 404
    assert client.post("/api/v1/signals/", payload(), format="json").status_code == 403


def test_coordinator_actions_through_the_api(world, make_signal):
    signal = make_signal()
    client = api(world["coordinator"])
    base = f"/api/v1/signals/{signal.reference}"
    assert client.post(f"{base}/status/", {"to": "in_triage"}, format="json").status_code == 200
    assert client.post(f"{base}/notes/", {"text": "Gebeld."}, format="json").status_code == 201
    response = client.post(f"{base}/status/", {"to": "closed"}, format="json")
    assert response.status_code == 409
    assert set(response.json()["allowed"]) == {"no_follow_up", "forwarded", "linked"}
    response = client.post(f"{base}/status/", {"to": "forwarded", "forwarded_to": "politie"},
                           format="json")
    assert response.status_code == 200 and response.json()["status"] == "forwarded"
    assert client.post(f"{base}/assign/", {"assignee": None}, format="json").status_code == 200
    kinds = [e["kind"] for e in client.get(f"{base}/history/").json()]
    assert kinds.count("status") == 3 and "note" in kinds
    melder = api(world["melder"])
    assert melder.post(f"{base}/notes/", {"text": "x"}, format="json").status_code == 404


def test_unauthenticated_is_refused(world):
    assert APIClient().get("/api/v1/signals/").status_code == 401


def test_catalog_endpoints(world):
    client = api(world["partner"])
    domains = client.get("/api/v1/catalog/domains/").json()["results"]
    assert {d["code"] for d in domains} == {"sexual", "labour", "housing", "criminal",
                                           "dependency", "smuggling", "none"}
    assert all(d["name"] for d in domains)
    body = client.get("/api/v1/catalog/indicators/?page_size=1000").json()
    assert body["count"] == len(body["results"]) >= 75
    assert {"code", "domain", "label"} <= set(body["results"][0])
    capped = client.get("/api/v1/catalog/indicators/?page_size=5000").json()
    assert len(capped["results"]) <= 1000


def test_openapi_schema_and_docs(world):
    client = api(world["partner"])
    schema = client.get("/api/v1/schema/", HTTP_ACCEPT="application/json").json()
    assert schema["openapi"].startswith("3.")
    assert "/api/v1/signals/" in schema["paths"]
    assert client.get("/api/v1/docs/").status_code == 200


def test_token_command_prints_a_working_token(world, capsys):
    call_command("token", "create", "partner")
    key = capsys.readouterr().out.strip()
    assert Token.objects.get(user=world["partner"]).key == key


def test_coordinator_reads_decrypted_subjects_with_their_types(world):
    data = payload()
    data["subjects"][0]["birth_year"] = 1996
    created = api(world["partner"]).post("/api/v1/signals/", data, format="json").json()
    body = api(world["coordinator"]).get(f"/api/v1/signals/{created['reference']}/").json()
    person = next(s for s in body["subjects"] if s["kind"] == "person")
    assert person["surname"] == "Nowak" and person["birth_year"] == 1996  # a number, not text
    assert body["description"].startswith("Werknemers van een uitzendbureau")
