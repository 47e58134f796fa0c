# SPDX-License-Identifier: EUPL-1.2
"""End to end: a melder reports, the coordinator finds the signal and starts triage.
Accessibility: axe-core finds no serious or critical violations on the form and the inbox."""

from __future__ import annotations

import pytest
from tests.e2e.browsing import follow, serious_violations

from schakel.catalog.models import Indicator
from schakel.signals.models import Signal

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]




def test_melder_reports_and_coordinator_starts_triage(page, live_server, world, log_in, log_out):
    indicators = list(Indicator.objects.filter(domain__code="housing").order_by("order")[:2])

    log_in("melder")
    follow(page, page.get_by_role("link", name="Signaal melden").first)
    follow(page, page.get_by_role("link", name="Nee, geen direct gevaar"))
    assert serious_violations(page) == []

    description = page.get_by_label("Wat heeft u gezien of gehoord?")
    description.fill(
        "Aan de balie kwamen vier mannen zich inschrijven op één adres; ze wisten hun eigen "
        "adres niet en een man van het uitzendbureau sprak voor hen. Hij reed weg in een "
        "busje met kenteken VTP-54-H.")
    description.press("End")
    description.type(" ")  # typing (an input event) makes Schakel look for identifiers
    detected = page.get_by_label("Kenteken: VTP54H")
    detected.check()
    page.get_by_label("Postcode").click()  # leaving the text must not undo the tick
    assert detected.is_checked()
    page.get_by_label("Postcode").fill("2952 ab")
    page.get_by_label("Huisnummer").fill("14")
    page.locator("summary", has_text=indicators[0].domain.name).click()
    for indicator in indicators:
        page.get_by_label(indicator.label, exact=True).check()
    page.get_by_role("button", name="Melding versturen").click()
    page.wait_for_url("**/melden/ontvangen/**")
    signal = Signal.objects.get()
    assert signal.reference in page.content()
    assert signal.postcode == "2952AB" and signal.indicators.count() == 2
    assert [s.licence_plate for s in signal.subjects.filter(kind="vehicle")] == ["VTP54H"]
    log_out()

    log_in("coordinator")
    page.wait_for_url("**/dashboard/")
    follow(page, page.get_by_role("link", name="Signalen", exact=True).first)
    assert serious_violations(page) == []
    follow(page, page.get_by_role("link", name=signal.reference))
    assert "vier mannen" in page.content()
    suggestion = page.locator("#suggestie").locator("..")
    assert "Suggestie van Schakel" in suggestion.inner_text()
    page.get_by_label("Nieuwe status").select_option("in_triage")
    follow(page, page.get_by_role("button", name="Status opslaan"))
    assert "De status is gewijzigd" in page.content()
    signal.refresh_from_db()
    assert signal.status == "in_triage"


def test_acute_path_shows_what_to_do_first(page, live_server, world, log_in):
    log_in("partner")
    page.goto(f"{live_server.url}/melden/")
    follow(page, page.get_by_role("link", name="Ja, er is nu gevaar"))
    alert = page.get_by_role("alert")
    assert "Bel nu 112" in alert.inner_text()
    box = alert.bounding_box()
    form_top = page.get_by_label("Wat heeft u gezien of gehoord?").bounding_box()
    assert box["y"] < form_top["y"]
