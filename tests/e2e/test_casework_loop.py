# SPDX-License-Identifier: EUPL-1.2
"""End to end, in Chromium: the whole casework loop.

A signal is triaged into a new case, a second signal joins it, the case goes to a case
conference where a decision refers it to the police, the police handler (another organisation)
accepts and reports back, an enforcement intervention is completed and the case is closed with
an outcome. At every step people who must not see the case get 404.
"""

from __future__ import annotations

import pytest
from django.test import Client
from tests.e2e.browsing import follow, serious_violations

from schakel.cases.models import Case, Intervention, Referral
from schakel.signals.services import SubjectInput

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

OUTSIDERS = ("coordinator-papendrecht", "melder")




def assert_hidden_from_outsiders(world, *paths: str) -> None:
    for username in OUTSIDERS:
        client = Client()
        client.force_login(world[username])
        for path in paths:
            assert client.get(path).status_code == 404, (username, path)


def new_page(browser, live_server, username: str):
    """A separate browser context per person, logged in through the real login page."""
    context = browser.new_context(locale="nl-NL", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15000)
    page.goto(f"{live_server.url}/inloggen/")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill("demo")
    follow(page, page.get_by_role("button", name="Inloggen"))
    return page


def move_case(page, status: str, reason: str) -> None:
    page.get_by_label("Nieuwe status").select_option(status)
    page.get_by_label("Waarom deze stap?").fill(reason)
    follow(page, page.get_by_role("button", name="Status opslaan"))
    assert "De status van de casus is gewijzigd" in page.content()


def test_casework_loop(browser, live_server, world, make_signal):
    first = make_signal(
        description="Bij de loods aan de Kade slapen zes mannen op matrassen tussen de machines.",
        postcode="2952AB", house_number=14,
        subjects=[SubjectInput(kind="person", role="victim", given_names="Oksana",
                               surname="Kovalenko", birth_year=1998)])
    second = make_signal("boa", description="'s Nachts busjes met arbeiders bij de loods.",
                         postcode="2952AB", house_number=14)
    coordinator = new_page(browser, live_server, "coordinator")

    # 1. Triage: the first signal opens a new case.
    coordinator.goto(f"{live_server.url}/signalen/{first.reference}/")
    coordinator.get_by_label("Illegale huisvesting", exact=True).check()
    coordinator.get_by_label("Handeling (werven, vervoeren, huisvesten, …)").select_option(
        "indicated")
    coordinator.get_by_label("Nieuwe casus openen").check()
    coordinator.get_by_label("Titel van de nieuwe casus").fill("Overbewoning loods Kade")
    coordinator.get_by_label("Prioriteit").select_option("high")
    coordinator.get_by_role("button", name="Besluit opslaan").click()
    coordinator.wait_for_url("**/casussen/CAS-*/")
    case = Case.objects.get()
    case_path = f"/casussen/{case.reference}/"
    assert "Overbewoning loods Kade" in coordinator.content()
    assert serious_violations(coordinator) == []
    assert_hidden_from_outsiders(world, case_path)

    # 2. The second signal shares the address and is added to the case.
    coordinator.goto(f"{live_server.url}/signalen/{second.reference}/")
    related = coordinator.locator(".related-table").first.inner_text()
    assert case.reference in related and "zelfde adres" in related
    coordinator.get_by_label("Toevoegen aan een lopende casus").check()
    coordinator.get_by_label("Lopende casus", exact=True).select_option(case.reference)
    coordinator.get_by_role("button", name="Besluit opslaan").click()
    coordinator.wait_for_url(f"**{case_path}")
    assert case.signals.count() == 2
    assert_hidden_from_outsiders(world, case_path, f"/signalen/{second.reference}/")

    # 3. Analysis, then onto the agenda of a case conference with the police.
    move_case(coordinator, "analysis", "Beeld compleet maken met de partners.")
    move_case(coordinator, "conference", "Bespreken in het casusoverleg.")
    follow(coordinator, coordinator.get_by_role("link", name="Agenderen voor een casusoverleg"))
    coordinator.get_by_label("Datum en tijd").fill("2030-06-03T10:00")
    coordinator.get_by_label("Locatie").fill("Stadhuis, kamer 2")
    coordinator.get_by_label("Politie eenheid Rotterdam (AVIM)", exact=True).check()
    coordinator.get_by_label("Hamid El Amrani (Politie eenheid Rotterdam (AVIM))").check()
    coordinator.get_by_role("button", name="Overleg plannen").click()
    coordinator.wait_for_url("**/casusoverleg/*/")
    conference_path = coordinator.url.removeprefix(live_server.url)
    assert_hidden_from_outsiders(world, conference_path)

    # 4. In the meeting: a decision that refers the case to the police.
    follow(coordinator, coordinator.get_by_role("link", name=case.reference))
    decision = coordinator.get_by_role("textbox", name="Besluit (verplicht)")
    decision.fill("Politie controleert de loods.")
    coordinator.get_by_label("Eigenaar (organisatie)").select_option("politie")
    coordinator.get_by_label("Ook een doorverwijzing maken naar de eigenaar").check()
    coordinator.get_by_label("Grondslag voor het delen").select_option("avg-6-1-e")
    coordinator.get_by_label("adressen", exact=True).check()
    follow(coordinator, coordinator.get_by_role("button", name="Besluit opslaan"))
    assert "Het besluit is vastgelegd" in coordinator.content()
    referral = Referral.objects.get()
    assert referral.organisation.slug == "politie" and referral.decision is not None
    assert_hidden_from_outsiders(world, f"/doorverwijzingen/{referral.pk}/")

    # 5. The police handler: confidentiality first, then the referral: accept and report back.
    handler = new_page(browser, live_server, "handler")
    assert handler.goto(f"{live_server.url}{case_path}").status == 404
    handler.goto(f"{live_server.url}{conference_path}")
    assert case.reference not in handler.content()
    handler.get_by_label("Ik heb de geheimhoudingsverklaring gelezen en ga ermee akkoord").check()
    follow(handler, handler.get_by_role("button", name="Verklaring bevestigen"))
    follow(handler, handler.get_by_role("link", name=case.reference))
    assert "matrassen" in handler.content() and "Kovalenko" not in handler.content()
    follow(handler, handler.get_by_role("link", name="Doorverwijzingen"))
    follow(handler, handler.get_by_role("link", name=f"doorverwijzing {referral.pk}"))
    shared = handler.content()
    assert "2952AB 14" in shared and "Kovalenko" not in shared and "matrassen" not in shared
    assert serious_violations(handler) == []
    follow(handler, handler.get_by_role("button", name="Doorverwijzing accepteren"))
    handler.get_by_label("Terugkoppeling: wat heeft u gedaan?").fill(
        "Controle uitgevoerd; proces-verbaal opgemaakt.")
    follow(handler, handler.get_by_role("button", name="Afronden"))
    referral.refresh_from_db()
    assert referral.status == "done" and "proces-verbaal" in referral.feedback
    handler.context.close()

    # 6. Back at the coordinator: action, an enforcement intervention, completed.
    coordinator.goto(f"{live_server.url}{case_path}")
    assert "proces-verbaal" in coordinator.content()
    move_case(coordinator, "action", "Het overleg besloot tot interventies.")
    coordinator.get_by_label("Soort interventie").select_option("woninginspectie-ozhz")
    follow(coordinator, coordinator.get_by_role("button", name="Interventie plannen"))
    intervention = Intervention.objects.get()
    assert intervention.organisation.slug == "ozhz"
    coordinator.get_by_label("Status (verplicht)", exact=True).select_option("done")
    coordinator.get_by_label("Resultaat").fill("Overbewoning vastgesteld; last onder dwangsom.")
    follow(coordinator, coordinator.get_by_role("button", name="Interventie bijwerken"))
    intervention.refresh_from_db()
    assert intervention.status == "done"
    assert_hidden_from_outsiders(world, case_path)

    # 7. Closing: an outcome is required.
    coordinator.get_by_label("Nieuwe status").select_option("closed")
    coordinator.get_by_label("Waarom deze stap?").fill("Interventies afgerond.")
    follow(coordinator, coordinator.get_by_role("button", name="Status opslaan"))
    assert "Kies een uitkomst" in coordinator.content()
    coordinator.get_by_label("Uitkomst (bij sluiten)").select_option("bestuurlijke-maatregel")
    coordinator.get_by_label("Samenvatting bij sluiten").fill("Pand aangepakt, bewoners geholpen.")
    coordinator.get_by_label("huisvesting", exact=True).check()
    follow(coordinator, coordinator.get_by_role("button", name="Status opslaan"))
    case.refresh_from_db()
    assert case.status == "closed" and case.outcome.code == "bestuurlijke-maatregel"
    assert case.barrier_phases == ["housing"]
    assert_hidden_from_outsiders(world, case_path, f"/doorverwijzingen/{referral.pk}/")
    coordinator.context.close()
