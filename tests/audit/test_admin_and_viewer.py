# SPDX-License-Identifier: EUPL-1.2
"""Admin changes are audited; the log viewer is for the privacy officer only and logs itself."""

from __future__ import annotations

import pytest
from django.contrib.admin.models import CHANGE, DELETION, LogEntry

from schakel.accounts.models import Municipality
from schakel.audit import chain
from schakel.audit.models import AccessEvent
from schakel.cases import services as case_services
from schakel.signals.services import SubjectInput

LOGBOOK = "/logboek/"


def _login(client, user):
    client.force_login(user)
    return client


def test_admin_addition_is_audited_without_content(client, world):
    response = _login(client, world["admin"]).post(
        "/beheer/accounts/municipality/add/",
        {"cbs_code": "9999", "name": "Testdorp", "region": "", "postcode_prefixes": ""})
    assert response.status_code == 302
    municipality = Municipality.objects.get(cbs_code="9999")
    event = AccessEvent.objects.filter(channel="admin").latest("sequence")
    assert (event.action, event.object_type, event.object_refs, event.actor_label) == (
        "create", "accounts.municipality", [str(municipality.pk)], "admin")
    assert "Testdorp" not in str(vars(event))
    assert chain.verify().ok


def test_admin_change_and_bulk_delete_are_audited(world):
    admin_user = world["admin"]
    municipalities = list(Municipality.objects.order_by("pk")[:2])
    LogEntry.objects.log_actions(admin_user.pk, municipalities[:1], CHANGE, "[]")
    LogEntry.objects.log_actions(admin_user.pk, municipalities, DELETION)  # bulk_create path
    events = AccessEvent.objects.filter(channel="admin").order_by("sequence")
    assert [(e.action, e.object_refs) for e in events] == [
        ("update", [str(municipalities[0].pk)]),
        ("delete", [str(municipalities[0].pk)]),
        ("delete", [str(municipalities[1].pk)]),
    ]


def test_privacy_officer_reads_the_log_and_the_reading_is_logged(client, world):
    response = _login(client, world["privacy"]).get(LOGBOOK, {"action": "login"})
    assert response.status_code == 200
    event = AccessEvent.objects.latest("sequence")
    assert (event.actor_label, event.action, event.object_type) == ("privacy", "list",
                                                                    "access_log")


@pytest.mark.parametrize("username", ["coordinator", "analyst", "melder", "admin"])
def test_other_roles_get_403(client, world, username):
    client = _login(client, world[username])
    for url in (LOGBOOK, LOGBOOK + "export/", LOGBOOK + "persoon/"):
        assert client.get(url).status_code == 403


def test_anonymous_is_sent_to_login(client, world):
    assert client.get(LOGBOOK).status_code == 302


def test_filters_by_user_reference_action_and_result(client, make_signal, world):
    signal = make_signal()
    client = _login(client, world["privacy"])
    response = client.get(LOGBOOK, {"reference": signal.reference.lower(), "user": "melder"})
    page = response.context["page"]
    assert page.object_list and all(
        signal.reference in e.object_refs and e.actor_label == "melder" for e in page)
    assert not client.get(LOGBOOK, {"reference": signal.reference,
                                     "result": "denied"}).context["page"].object_list
    assert client.get(LOGBOOK, {"date_from": "nonsense"}).status_code == 200


def test_export_is_csv_and_is_logged(client, make_signal, world):
    signal = make_signal()
    client = _login(client, world["privacy"])
    response = client.get(LOGBOOK + "export/", {"reference": signal.reference})
    body = b"".join(response.streaming_content).decode()
    assert response["Content-Type"].startswith("text/csv")
    assert body.splitlines()[0].startswith("sequence,at,actor_label")
    assert signal.reference in body and "Veel mensen" not in body
    event = AccessEvent.objects.latest("sequence")
    assert (event.action, event.actor_label, event.object_refs) == (
        "export", "privacy", [signal.reference])


def _person(given: str, surname: str, year: int | None = None) -> SubjectInput:
    return SubjectInput(kind="person", given_names=given, surname=surname, birth_year=year)


def test_person_report_finds_the_events_about_that_person_only(client, make_signal, world):
    about = make_signal(subjects=[_person("Anna Maria", "Jansen", 2008)])
    other = make_signal(subjects=[_person("Anna", "Jansen", 2008)])
    case = case_services.open_case(world["coordinator"], about, title="Overbewoning")
    client = _login(client, world["privacy"])
    response = client.post(LOGBOOK + "persoon/", {"given_names": "anna maria",
                                                  "surname": "JANSEN", "birth_year": "2008"})
    assert response.status_code == 200
    assert response.context["references"] == [about.reference, case.reference]
    events = list(response.context["events"])
    assert events and all(about.reference in e.object_refs or case.reference in e.object_refs
                          for e in events)
    assert not any(other.reference in e.object_refs for e in events)
    logged = AccessEvent.objects.latest("sequence")
    assert (logged.action, logged.object_refs) == ("search", [about.reference, case.reference])
    assert "Jansen" not in str(vars(logged))


def test_person_report_respects_birth_year_and_finds_nothing_for_strangers(client, make_signal,
                                                                          world):
    make_signal(subjects=[_person("Anna", "Jansen", 2008)])
    client = _login(client, world["privacy"])
    wrong_year = client.post(LOGBOOK + "persoon/", {"given_names": "Anna", "surname": "Jansen",
                                                    "birth_year": "1990"})
    assert wrong_year.context["references"] == []
    stranger = client.post(LOGBOOK + "persoon/", {"given_names": "Piet", "surname": "Jansen"})
    assert stranger.context["references"] == []
