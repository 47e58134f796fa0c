# SPDX-License-Identifier: EUPL-1.2
"""End to end: a second signal on a known address raises the banner, the coordinator confirms
that the woman in it is the one from the first signal, and the network view shows both
signals. A user without access to the first signal (the Papendrecht coordinator, the melder)
sees none of it. Accessibility: axe-core finds no serious or critical violations."""

from __future__ import annotations

import pytest
from tests.e2e.browsing import follow, serious_violations

from schakel.linking.models import Mention
from schakel.signals import services
from schakel.signals.models import Signal

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_second_signal_banner_confirm_and_network(page, live_server, world, log_in, log_out):
    first, _ = services.register_signal(world["wmo"], services.SignalInput(
        description="Jonge vrouw zonder paspoort, wordt elke ochtend opgehaald.",
        postcode="2952AB", house_number=14,
        subjects=[services.SubjectInput(kind="person", role="victim", given_names="Marta",
                                        surname="Kowalczyk", estimated_age=27, sex="female")]))

    log_in("melder")
    page.goto(f"{live_server.url}/melden/")
    follow(page, page.get_by_role("link", name="Nee, geen direct gevaar"))
    page.get_by_label("Wat heeft u gezien of gehoord?").fill(
        "Op dit adres wonen volgens de buren acht mensen; een vrouw vertelde over inhoudingen.")
    page.get_by_label("Postcode").fill("2952 ab")
    page.get_by_label("Huisnummer").fill("14")
    page.locator("summary", has_text="Personen").click()
    page.locator("[name=persons-0-given_names]").fill("Martha")
    page.locator("[name=persons-0-surname]").fill("Kowalczyk")
    page.locator("[name=persons-0-estimated_age]").fill("28")
    page.get_by_role("button", name="Melding versturen").click()
    page.wait_for_url("**/melden/ontvangen/**")
    second = Signal.objects.exclude(pk=first.pk).get()
    receipt = page.content()
    assert "eerder signaal" not in receipt and first.reference not in receipt
    # the melder cannot open the network or the entity of the first signal
    entity = Mention.objects.get(signal=first, kind="person").entity
    for path in (f"/koppelingen/netwerk/signaal/{first.reference}/",
                 f"/koppelingen/entiteit/{entity.pk}/"):
        response = page.goto(f"{live_server.url}{path}")
        assert response.status == 404 and "Kowalczyk" not in page.content()
    log_out()

    log_in("coordinator")
    page.goto(f"{live_server.url}/signalen/{second.reference}/")
    banner = page.locator(".linking-banner").first
    assert "1 eerder signaal op dit adres" in banner.inner_text()
    assert first.reference in banner.inner_text()
    proposal = page.locator(".linking-proposal").first
    assert "Marta Kowalczyk" in proposal.inner_text()
    assert serious_violations(page) == []
    page.get_by_label("Toelichting (optioneel)").first.fill("Zelfde vrouw volgens de BOA.")
    follow(page, proposal.get_by_role("button", name="Ja, dezelfde"))
    assert "Gekoppeld" in page.content()
    assert page.locator(".linking-proposal").count() == 0  # never asked twice
    assert "eerder signaal over Martha Kowalczyk" in page.locator(".linking-panel").inner_text()
    assert Mention.objects.get(signal=second, kind="person").entity == Mention.objects.get(
        signal=first, kind="person").entity

    follow(page, page.get_by_role("link", name="Netwerk bekijken"))
    svg = page.locator("svg.network-svg")
    refs = {svg.locator("a.network-node--signal").nth(i).get_attribute("data-ref")
            for i in range(svg.locator("a.network-node--signal").count())}
    assert refs == {first.reference, second.reference}
    titles = page.locator("svg.network-svg line title")
    reasons = [titles.nth(i).text_content() for i in range(titles.count())]
    assert any("adres van signaal" in r for r in reasons)
    assert serious_violations(page) == []
    page.get_by_label("Adres", exact=True).uncheck()
    follow(page, page.get_by_role("button", name="Filteren"))
    assert page.locator("svg a.network-node--address").count() == 0
    log_out()

    log_in("coordinator-papendrecht")
    for path in (f"/signalen/{second.reference}/",
                 f"/koppelingen/netwerk/signaal/{second.reference}/",
                 f"/koppelingen/entiteit/{entity.pk}/"):
        response = page.goto(f"{live_server.url}{path}")
        assert response.status == 404, path
        assert "Kowalczyk" not in page.content() and first.reference not in page.content()
    page.goto(f"{live_server.url}/koppelingen/treffers/")
    assert "Geen treffers" in page.content()
