# SPDX-License-Identifier: EUPL-1.2
"""The intake form, receipt, 'my signals' and the coordinator's inbox, per role."""

from __future__ import annotations

import pytest
from django.urls import reverse

from schakel.audit.models import AccessEvent
from schakel.catalog.models import Indicator
from schakel.signals.models import Signal, SignalStatus
from schakel.signals.services import move_signal

SUBJECT_PREFIXES = {"persons": 2, "organisations": 1, "vehicles": 1, "phones": 2}


def intake_post(**fields) -> dict:
    data = {"submission_key": "abc123", "acute": "False", "minor_involved": "unknown",
            "description": "Op het adres wonen zeker twaalf arbeidsmigranten in drie kamers."}
    for prefix, rows in SUBJECT_PREFIXES.items():
        data.update({f"{prefix}-TOTAL_FORMS": str(rows), f"{prefix}-INITIAL_FORMS": "0",
                     f"{prefix}-MIN_NUM_FORMS": "0", f"{prefix}-MAX_NUM_FORMS": "20"})
    data.update(fields)
    return data


def test_acute_question_comes_first(client, world):
    client.force_login(world["melder"])
    page = client.get(reverse("signals:report")).content.decode()
    assert "direct gevaar" in page
    acute = client.get(reverse("signals:report_form") + "?acuut=ja").content.decode()
    assert "Bel nu 112" in acute
    assert acute.index("Bel nu 112") < acute.index("Wat heeft u gezien")


def test_melder_reports_a_signal_with_address_subjects_and_indicators(client, world):
    client.force_login(world["melder"])
    indicators = list(Indicator.objects.filter(domain__code="housing")[:2])
    response = client.post(reverse("signals:report_form"), intake_post(
        postcode="2952 ab", house_number="14", house_number_suffix="a",
        indicators=[str(i.pk) for i in indicators],
        **{"persons-0-given_names": "Jan", "persons-0-surname_prefix": "van der",
           "persons-0-surname": "Berg", "persons-0-estimated_age": "45",
           "vehicles-0-licence_plate": "hj-418-t", "phones-0-phone": "06-41827365"},
    ))
    signal = Signal.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("signals:receipt", args=[signal.reference])
    assert (signal.postcode, signal.house_number, signal.house_number_suffix) == ("2952AB", 14,
                                                                                  "A")
    assert {s.licence_plate for s in signal.subjects.all()} >= {"HJ418T"}
    assert {s.phone for s in signal.subjects.all()} >= {"+31641827365"}
    assert set(signal.indicators.all()) == set(indicators)
    receipt = client.get(response.url).content.decode()
    assert signal.reference in receipt


def test_errors_are_shown_in_dutch_and_nothing_typed_is_lost(client, world):
    client.force_login(world["melder"])
    response = client.post(reverse("signals:report_form"), intake_post(
        postcode="12345", house_number="3", **{"vehicles-0-licence_plate": "ABC-123",
                                               "phones-0-phone": "12"}))
    page = response.content.decode()
    assert response.status_code == 200
    assert "geen geldige postcode" in page
    assert "geen geldig Nederlands kenteken" in page
    assert "telefoonnummer klopt niet" in page
    assert "twaalf arbeidsmigranten" in page  # the description is still there
    assert not Signal.objects.exists()


def test_double_submit_creates_one_signal(client, world):
    client.force_login(world["melder"])
    first = client.post(reverse("signals:report_form"), intake_post())
    second = client.post(reverse("signals:report_form"), intake_post())
    assert Signal.objects.count() == 1
    assert first.url == second.url


def test_my_signals_show_status_only_and_only_my_own(client, world, make_signal):
    mine = make_signal("melder", description="Mijn eigen melding over de loods.")
    theirs = make_signal("boa", description="Melding van een collega.")
    client.force_login(world["melder"])
    page = client.get(reverse("signals:mine")).content.decode()
    assert mine.reference in page and theirs.reference not in page
    assert "loods" not in page
    assert client.get(reverse("signals:receipt", args=[theirs.reference])).status_code == 404
    assert client.get(reverse("signals:detail", args=[theirs.reference])).status_code == 404


def test_melder_opening_own_signal_detail_gets_status_page(client, world, make_signal):
    mine = make_signal("melder")
    client.force_login(world["melder"])
    response = client.get(reverse("signals:detail", args=[mine.reference]))
    assert response.status_code == 302
    assert response.url == reverse("signals:receipt", args=[mine.reference])


@pytest.mark.parametrize("username", ["analyst", "handler", "admin", "privacy"])
def test_roles_without_inbox_get_403(client, world, username):
    client.force_login(world[username])
    assert client.get(reverse("signals:inbox")).status_code == 403


@pytest.mark.parametrize("username", ["analyst", "handler", "admin", "privacy",
                                      "coordinator-papendrecht"])
def test_signal_outside_scope_is_404(client, world, make_signal, username):
    signal = make_signal()
    client.force_login(world[username])
    assert client.get(reverse("signals:detail", args=[signal.reference])).status_code == 404
    post = client.post(reverse("signals:note", args=[signal.reference]), {"text": "x"})
    assert post.status_code == 404


def test_inbox_lists_the_municipality_and_logs_what_was_shown(client, world, make_signal):
    signals = [make_signal("melder"), make_signal("partner"), make_signal("boa")]
    client.force_login(world["coordinator"])
    page = client.get(reverse("signals:inbox")).content.decode()
    for signal in signals:
        assert signal.reference in page
    event = AccessEvent.objects.filter(action="list", actor=world["coordinator"]).latest("id")
    assert set(event.object_refs) == {s.reference for s in signals}
    assert event.purpose == "triage"


def test_inbox_filters(client, world, make_signal):
    acute = make_signal(acute=True, description="Meisje wordt nu vastgehouden in woning.")
    minor = make_signal(minor_involved=True, description="Jongen van 15 bezorgt pakketjes.")
    done = make_signal(description="Gewone burenruzie over geluid en parkeren.")
    move_signal(done, world["coordinator"], SignalStatus.NO_FOLLOW_UP,
                reason_code="geen-aanwijzing")
    client.force_login(world["coordinator"])

    def shown(**query):
        page = client.get(reverse("signals:inbox"), query).content.decode()
        return {s.reference for s in (acute, minor, done) if s.reference in page}

    assert shown() == {acute.reference, minor.reference}
    assert shown(acute="yes") == {acute.reference}
    assert shown(minor="yes") == {minor.reference}
    assert shown(status="no_follow_up") == {done.reference}
    assert shown(status="all", q="pakketjes") == {minor.reference}
    assert shown(status="all", q=done.reference) == {done.reference}
    assert shown(assigned="none") == {acute.reference, minor.reference}


def test_inbox_marks_overdue(client, world, make_signal):
    late = make_signal()
    Signal.objects.filter(pk=late.pk).update(triage_due="2020-01-01T00:00:00Z")
    make_signal()
    client.force_login(world["coordinator"])
    page = client.get(reverse("signals:inbox"), {"overdue": "on"}).content.decode()
    assert late.reference in page and "verlopen" in page


def test_htmx_filter_returns_only_the_results(client, world, make_signal):
    make_signal()
    client.force_login(world["coordinator"])
    response = client.get(reverse("signals:inbox"), HTTP_HX_REQUEST="true")
    assert b"<html" not in response.content and b"inbox-table" in response.content


def test_coordinator_triages_from_the_detail_page(client, world, make_signal):
    signal = make_signal()
    client.force_login(world["coordinator"])
    detail = client.get(reverse("signals:detail", args=[signal.reference]))
    assert detail.status_code == 200
    assert AccessEvent.objects.filter(action="view", object_refs=[signal.reference]).exists()
    client.post(reverse("signals:status", args=[signal.reference]), {"to_status": "in_triage"})
    client.post(reverse("signals:note", args=[signal.reference]), {"text": "Buurt bellen."})
    response = client.post(reverse("signals:status", args=[signal.reference]),
                           {"to_status": "no_follow_up"}, follow=True)
    assert "Kies een reden" in response.content.decode()
    signal.refresh_from_db()
    assert signal.status == "in_triage" and signal.assigned_to == world["coordinator"]
    assert "Buurt bellen." in client.get(reverse("signals:detail",
                                                 args=[signal.reference])).content.decode()


def test_login_and_failed_login_are_logged(client, world):
    client.post(reverse("login"), {"username": "melder", "password": "fout"})
    client.post(reverse("login"), {"username": "melder", "password": "demo"})
    actions = list(AccessEvent.objects.filter(object_type="session").values_list("action",
                                                                                 flat=True))
    assert "login_failed" in actions and "login" in actions


def test_demo_banner_on_every_page(client, world):
    assert "Demo-omgeving" in client.get(reverse("login")).content.decode()


def test_repeated_failed_logins_lock_the_account_out(client, world):
    for _ in range(5):
        client.post(reverse("login"), {"username": "melder", "password": "fout"})
    locked = client.post(reverse("login"), {"username": "melder", "password": "demo"})
    assert locked.status_code in {403, 429}
    assert "Te vaak een verkeerd wachtwoord" in locked.content.decode()
    assert "_auth_user_id" not in client.session


def test_pages_send_a_content_security_policy_without_inline_scripts(client, world):
    client.force_login(world["melder"])
    policy = client.get(reverse("signals:report")).headers["Content-Security-Policy"]
    script_src = next(d for d in policy.split(";") if d.strip().startswith("script-src"))
    assert "'self'" in script_src and "unsafe-inline" not in script_src
    assert "frame-ancestors 'none'" in policy
