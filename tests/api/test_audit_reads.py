# SPDX-License-Identifier: EUPL-1.2
"""Access logging of signal reads (issue 2, item 7): every page and API call that shows a
signal records who saw what, when, from where (network origin and channel), for which purpose
and with which result; a request outside scope answers 404 and is logged as ``not_found``."""

from __future__ import annotations

import pytest
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from schakel.audit.models import AccessEvent

ORIGIN = "203.0.113.7"  # documentation address (RFC 5737)


def api(user) -> APIClient:
    client = APIClient(REMOTE_ADDR=ORIGIN)
    token, _ = Token.objects.get_or_create(user=user)
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


def last_event(**lookup) -> AccessEvent:
    return AccessEvent.objects.filter(object_type="signal", **lookup).latest("sequence")


def test_api_read_of_a_signal_is_logged_with_who_what_where_and_why(world, make_signal):
    signal = make_signal()
    response = api(world["coordinator"]).get(f"/api/v1/signals/{signal.reference}/")
    assert response.status_code == 200
    event = last_event(action="view")
    assert event.actor == world["coordinator"]
    assert event.actor_label == "coordinator"
    assert event.organisation_label == world["coordinator"].organisation.name
    assert event.object_refs == [signal.reference]
    assert event.result == "ok"
    assert event.origin == ORIGIN and event.channel == "api"
    assert event.purpose and event.legal_basis
    assert event.path == f"/api/v1/signals/{signal.reference}/"
    assert event.at is not None


def test_api_list_logs_every_signal_shown(world, make_signal):
    signals = [make_signal(), make_signal("partner")]
    response = api(world["coordinator"]).get("/api/v1/signals/")
    assert response.status_code == 200
    event = last_event(action="list")
    assert set(event.object_refs) == {s.reference for s in signals}
    assert event.channel == "api" and event.origin == ORIGIN


@pytest.mark.parametrize("username", ["coordinator-papendrecht", "analyst", "handler"])
def test_api_request_outside_scope_is_404_and_logged_not_found(world, make_signal, username):
    signal = make_signal()
    response = api(world[username]).get(f"/api/v1/signals/{signal.reference}/")
    assert response.status_code == 404
    event = last_event(result="not_found")
    assert event.actor == world[username]
    assert event.object_refs == [signal.reference]
    assert event.action == "view" and event.channel == "api" and event.origin == ORIGIN


def test_api_request_for_an_unknown_reference_is_logged_not_found(world):
    response = api(world["coordinator"]).get("/api/v1/signals/SIG-2026-99999/")
    assert response.status_code == 404
    assert last_event(result="not_found").object_refs == ["SIG-2026-99999"]


@pytest.mark.parametrize("username", ["coordinator-papendrecht", "analyst", "handler"])
def test_web_request_outside_scope_is_404_and_logged_not_found(client, world, make_signal,
                                                               username):
    signal = make_signal()
    client.force_login(world[username])
    response = client.get(reverse("signals:detail", args=[signal.reference]),
                          REMOTE_ADDR=ORIGIN)
    assert response.status_code == 404
    event = last_event(result="not_found")
    assert event.actor == world[username] and event.object_refs == [signal.reference]
    assert event.channel == "web" and event.origin == ORIGIN


def test_web_read_records_the_origin_and_channel(client, world, make_signal):
    signal = make_signal()
    client.force_login(world["coordinator"])
    client.get(reverse("signals:detail", args=[signal.reference]), REMOTE_ADDR=ORIGIN)
    event = last_event(action="view", result="ok")
    assert event.object_refs == [signal.reference]
    assert (event.origin, event.channel, event.purpose) == (ORIGIN, "web", "triage")


def test_the_log_holds_references_never_content(world, make_signal):
    signal = make_signal(description="Vertrouwelijk: mevrouw Jansen werkt 70 uur per week.")
    api(world["coordinator"]).get(f"/api/v1/signals/{signal.reference}/")
    for event in AccessEvent.objects.all():
        assert "Jansen" not in " ".join(str(v) for v in vars(event).values())
