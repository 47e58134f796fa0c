# SPDX-License-Identifier: EUPL-1.2
"""The worklist pages: only the coordinator, only the own municipality, everything logged."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from schakel.audit.models import AccessEvent
from schakel.scans import services
from schakel.scans.admin import ScanSettingsForm
from schakel.scans.models import Dismissal, Hit, HitCheck, ScanRun, ScanSettings
from schakel.signals.models import Signal

pytestmark = pytest.mark.django_db

WORKLIST = "/registerscan/"
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def scan(world, registers, alblasserdam) -> ScanRun:
    return services.run_worklist_scan(world["coordinator"], alblasserdam, registers.peildatum)


@pytest.mark.parametrize("username", ["melder", "partner", "handler", "analyst", "admin",
                                      "privacy"])
def test_everyone_but_the_coordinator_gets_403(client, world, scan, username):
    client.force_login(world[username])
    hit = scan.hits.first()
    assert client.get(WORKLIST).status_code == 403
    assert client.post(reverse("scans:run"), {"peildatum": "2026-01-01"}).status_code == 403
    for name in ("create_signal", "dismiss", "plan_check"):
        assert client.post(reverse(f"scans:{name}", args=[hit.pk])).status_code == 403
    assert "Registerscan" not in client.get("/").content.decode()  # not in the menu
    assert not Signal.objects.exists() and not Dismissal.objects.exists()


def test_the_coordinator_sees_the_ranked_hits_with_figures(client, world, scan):
    client.force_login(world["coordinator"])
    response = client.get(WORKLIST)
    assert response.status_code == 200
    html = response.content.decode()
    first = scan.hits.first()
    assert first.address_label in html and first.object_id in html
    assert "m² per bewoner" in html and "Gebruiksdoelen (BAG)" in html and "SBI 7820" in html
    assert "Scan uitvoeren" in html and "Gebruikte drempels en gewichten" in html
    assert "brp.csv" in html  # the import status, read only
    assert f'href="{WORKLIST}"' in html  # the menu item
    assert "geen bevinding" in html


def test_every_view_is_logged_with_the_addresses_shown(client, world, scan):
    client.force_login(world["coordinator"])
    client.get(WORKLIST)
    event = AccessEvent.objects.filter(object_type="register_scan_hit", action="list").get()
    shown = [hit.object_id for hit in scan.hits.all()[:25]]
    assert event.object_refs == [scan.reference, *shown]
    assert event.purpose == "register_scan" and event.actor == world["coordinator"]


def test_filter_per_rule(client, world, scan, registers):
    client.force_login(world["coordinator"])
    response = client.get(WORKLIST, {"regel": "non_residential"}, **HTMX,
                          HTTP_HX_TARGET="worklist-results")
    html = response.content.decode()
    listed = Hit.objects.filter(run=scan)
    wanted = [hit for hit in listed if "non_residential" in hit.rules]
    others = [hit for hit in listed if "non_residential" not in hit.rules]
    assert len(wanted) == len(registers.planted("non_residential"))
    assert all(hit.object_id in html for hit in wanted)
    assert not [hit for hit in others if hit.object_id in html]
    assert "<html" not in html  # only the results part
    event = AccessEvent.objects.filter(action="list").latest("id")
    assert sorted(event.object_refs[1:]) == sorted(hit.object_id for hit in wanted)


def test_running_from_the_page(client, world, registers, alblasserdam):
    client.force_login(world["coordinator"])
    response = client.post(reverse("scans:run"), {
        "municipality": alblasserdam.pk, "peildatum": registers.peildatum.isoformat()}, **HTMX)
    assert response.status_code == 200 and response["HX-Redirect"].startswith(WORKLIST)
    run = ScanRun.objects.get()
    assert run.hit_count > 0 and run.started_by == world["coordinator"]
    page = client.get(response["HX-Redirect"]).content.decode()
    assert "Scan uitgevoerd" in page


def test_a_future_peildatum_is_refused(client, world, registers, alblasserdam):
    client.force_login(world["coordinator"])
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    response = client.post(reverse("scans:run"), {"municipality": alblasserdam.pk,
                                                  "peildatum": tomorrow.isoformat()}, **HTMX)
    assert "toekomst" in response.content.decode() and not ScanRun.objects.exists()


def test_a_missing_registers_file_is_explained(client, world, alblasserdam, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    client.force_login(world["coordinator"])
    response = client.post(reverse("scans:run"), {"municipality": alblasserdam.pk,
                                                  "peildatum": "2026-01-01"}, **HTMX)
    assert response.status_code == 200 and "nog geen registers" in response.content.decode()
    page = client.get(WORKLIST).content.decode()
    assert "nog geen registers" in page and "nog geen scan" in page


def test_actions_from_the_page(client, world, scan):
    client.force_login(world["coordinator"])
    first, second, third = scan.hits.all()[:3]
    back = {"terug": "regel=&status=actueel&x=https://evil.example"}
    response = client.post(reverse("scans:create_signal", args=[first.pk]), back)
    assert response.status_code == 302 and "evil" not in response["Location"]
    assert response["Location"].endswith(f"#treffer-{first.pk}")
    signal = Signal.objects.get()
    assert signal.channel == "register_scan"
    client.post(reverse("scans:dismiss", args=[second.pk]),
                {"reason": "explained", "explanation": "Groot gezin."})
    due = (timezone.localdate() + dt.timedelta(days=10)).isoformat()
    client.post(reverse("scans:plan_check", args=[third.pk]),
                {"kind": "brp_address", "due_date": due})
    check = HitCheck.objects.get()
    client.post(reverse("scans:outcome", args=[check.pk]), {"outcome": "not_confirmed"})
    check.refresh_from_db()
    assert check.outcome == "not_confirmed" and check.outcome_by == world["coordinator"]
    html = client.get(WORKLIST).content.decode()
    assert signal.reference in html and second.object_id not in html
    assert "Trefzekerheid per regel" in html and "0%" in html
    inbox = client.get(reverse("signals:inbox")).content.decode()
    assert signal.reference in inbox


def test_another_municipality_sees_none_of_it(client, world, scan):
    client.force_login(world["coordinator-papendrecht"])
    response = client.get(WORKLIST)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Papendrecht" in html and "nog geen scan" in html
    assert not [hit for hit in scan.hits.all() if hit.object_id in html]
    assert client.get(WORKLIST, {"gemeente": "0482"}).status_code == 404
    assert client.get(WORKLIST, {"run": scan.pk}).status_code == 404
    hit = scan.hits.first()
    assert client.post(reverse("scans:dismiss", args=[hit.pk]),
                       {"reason": "explained"}).status_code == 404
    assert client.post(reverse("scans:create_signal", args=[hit.pk])).status_code == 404
    assert not Dismissal.objects.exists() and not Signal.objects.exists()
    refused = AccessEvent.objects.filter(result="not_found", purpose="register_scan")
    assert refused.count() == 4


def test_settings_are_edited_as_yaml_and_only_changes_are_kept(world):
    municipality = world["coordinator"].organisation.municipality
    form = ScanSettingsForm(data={
        "municipality": municipality.pk, "object_id_prefixes": " 0482 ,1000",
        "settings_text": "rules:\n  churn:\n    threshold: 6\n  occupancy:\n    norm_m2: 12\n"})
    assert form.is_valid(), form.errors
    saved = form.save()
    assert saved.overrides == {"rules": {"churn": {"threshold": 6}}}
    assert saved.prefixes() == ["0482", "1000"]
    assert saved.config().rule("churn").params["threshold"] == 6
    assert "threshold: 6" in ScanSettingsForm(instance=saved).fields["settings_text"].initial
    bad = ScanSettingsForm(data={"municipality": municipality.pk, "object_id_prefixes": "",
                                 "settings_text": "rules:\n  churn:\n    treshold: 6\n"})
    assert not bad.is_valid() and "onbekende instelling" in str(bad.errors)
    untouched = ScanSettings(municipality=municipality)
    untouched.set_settings_text(untouched.settings_text())  # the commented defaults file
    assert untouched.overrides == {}
