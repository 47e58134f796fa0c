# SPDX-License-Identifier: EUPL-1.2
"""The API agrees with the pages: entities and proposals in scope, decisions recorded."""

from __future__ import annotations

from rest_framework.test import APIClient

from schakel.linking.models import LinkEvent, Mention, Proposal
from schakel.signals.services import SubjectInput


def person(given, age):
    return SubjectInput(kind="person", role="victim", given_names=given, surname="Kowalczyk",
                        estimated_age=age)


def test_entities_and_decision_through_the_api(world, make_signal):
    first = make_signal("melder", postcode="2952AB", house_number=14,
                        subjects=[person("Marta", 27)])
    second = make_signal("boa", postcode="2952AB", house_number=14,
                         subjects=[person("Martha", 28)])
    address = Mention.objects.get(signal=first, kind="address").entity
    api = APIClient()
    api.force_authenticate(world["coordinator"])
    body = api.get(f"/api/v1/entities/{address.pk}/").json()
    assert body["label"] == "2952AB 14"
    assert {m["signal"] for m in body["mentions"]} == {first.reference, second.reference}
    proposals = api.get("/api/v1/link-proposals/").json()["results"]
    assert [p["candidate"]["signal"] for p in proposals] == [first.reference]
    response = api.post(f"/api/v1/link-proposals/{proposals[0]['id']}/decision/",
                        {"decision": "reject", "reason": "andere vrouw"}, format="json")
    assert response.status_code == 200 and response.json()["status"] == "rejected"
    assert LinkEvent.objects.filter(action="reject", actor=world["coordinator"]).exists()
    assert api.get("/api/v1/link-proposals/").json()["results"] == []

    other = APIClient()
    other.force_authenticate(world["coordinator-papendrecht"])
    assert other.get(f"/api/v1/entities/{address.pk}/").status_code == 404
    assert other.get("/api/v1/entities/").json()["results"] == []
    proposal = Proposal.objects.get()
    assert other.post(f"/api/v1/link-proposals/{proposal.pk}/decision/",
                      {"decision": "confirm"}, format="json").status_code == 404
    melder = APIClient()
    melder.force_authenticate(world["melder"])
    assert melder.get("/api/v1/entities/").status_code == 403
