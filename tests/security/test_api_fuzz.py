# SPDX-License-Identifier: EUPL-1.2
"""Schema-driven fuzzing of API v1 with schemathesis, in-process through WSGI.

Every operation of the OpenAPI schema served at ``/api/v1/schema/`` gets a bounded number of
generated requests, as the coordinator and as a partner (with a valid token each). Path
parameters are either generated (mostly 404) or real references made in the fixture, so the
handlers behind the lookups run too. Checks: never a 5xx, the status code is documented, the
content type and the body match the schema.
"""

from __future__ import annotations

import datetime as dt

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient
from schemathesis import GenerationMode
from schemathesis import checks as sc

from schakel.catalog.models import InterventionType
from schakel.wsgi import application

MAX_EXAMPLES = 20
CHECKS = [sc.not_a_server_error, sc.status_code_conformance, sc.content_type_conformance,
          sc.response_schema_conformance]


@pytest.fixture
def wsgi_in_test_transaction():
    """Django closes 'obsolete' connections around each request; inside the test transaction
    that would roll it back. The test client disconnects these handlers too."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def _api(user) -> APIClient:
    client = APIClient()
    token, _ = Token.objects.get_or_create(user=user)
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


@pytest.fixture
def references(world, make_signal) -> dict[str, list[str]]:
    """Real objects for the path parameters, per collection: signals, a case with a referral
    (to the partner's own organisation) and an intervention, a conference, catalogue codes."""
    coordinator = _api(world["coordinator"])
    signals = [make_signal(postcode="2952AB", house_number=7).reference,
               make_signal(username="partner").reference,
               make_signal().reference, make_signal().reference]
    case = coordinator.post(f"/api/v1/signals/{signals[0]}/triage/",
                            {"decision": "open_case", "reason": "Overbewoning",
                             "domains": ["housing", "labour"]}, format="json").json()["case"]
    due = (dt.date.today() + dt.timedelta(days=14)).isoformat()
    refs = {"signals": signals, "cases": [case], "referrals": [], "interventions": [],
            "conferences": []}
    partner_org = world["partner"].organisation.slug
    referral = coordinator.post(f"/api/v1/cases/{case}/referrals/", {
        "organisation": partner_org, "reason": "Onderzoek", "due_on": due,
        "consent": "given"}, format="json")
    assert referral.status_code == 201, referral.content
    refs["referrals"].append(str(referral.json()["id"]))
    kind = InterventionType.objects.filter(active=True).first()
    intervention = coordinator.post(f"/api/v1/cases/{case}/interventions/", {
        "type": kind.code, "organisation": partner_org, "due_on": due}, format="json")
    assert intervention.status_code == 201, intervention.content
    refs["interventions"].append(str(intervention.json()["id"]))
    conference = coordinator.post("/api/v1/conferences/", {
        "title": "Casusoverleg", "scheduled_at": f"{due}T10:00:00+01:00", "cases": [case],
        "organisations": [partner_org], "participants": ["partner"]}, format="json")
    assert conference.status_code == 201, conference.content
    refs["conferences"].append(str(conference.json()["id"]))
    for collection in ("domains", "indicators", "organisations", "legal-bases", "outcomes",
                       "no-follow-up-reasons"):
        items = coordinator.get(f"/api/v1/catalog/{collection}/").json()["results"][:3]
        refs[collection] = [item.get("code") or item.get("slug") for item in items]
    return refs


def _strategy(operation, refs: dict[str, list[str]]):
    """Generated cases (positive and negative data), and for operations with one path
    parameter also cases on real objects of that collection."""
    strategies = [operation.as_strategy(generation_mode=mode) for mode in GenerationMode]
    names = [p.name for p in operation.path_parameters]
    collection = operation.path.split("{")[0].rstrip("/").rsplit("/", 1)[-1]
    if len(names) == 1 and refs.get(collection):
        strategies.insert(0, st.sampled_from(refs[collection]).flatmap(
            lambda value: operation.as_strategy(path_parameters={names[0]: value})))
    return st.one_of(strategies)


@pytest.mark.parametrize("role", ["coordinator", "partner"])
def test_api_conforms_to_its_schema(role, world, references, wsgi_in_test_transaction):
    token, _ = Token.objects.get_or_create(user=world[role])
    auth = {"Authorization": f"Token {token.key}"}
    # The schema, like every API call, needs a token.
    schema = schemathesis.openapi.from_wsgi("/api/v1/schema/?format=json", application,
                                            headers=auth)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 40
    failures = []
    for operation in operations:

        @settings(max_examples=MAX_EXAMPLES, deadline=None, derandomize=True, database=None,
                  suppress_health_check=list(HealthCheck), print_blob=False)
        @given(case=_strategy(operation, references))
        def run(case):
            case.headers = {**(case.headers or {}), **auth}
            case.call_and_validate(checks=CHECKS)

        try:
            run()
        except (Exception, BaseExceptionGroup) as error:  # noqa: BLE001 - report all at once
            failures.append(f"{operation.label}: {str(error)[:1500]}")
    assert not failures, "\n\n".join(failures)
