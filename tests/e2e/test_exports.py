# SPDX-License-Identifier: EUPL-1.2
"""End to end: from a case the coordinator records consent for a 15-year-old possible victim
(the page refuses her own signature, accepts a parent's), prints the CoMensha checklist, and
downloads a record-level HTCDS export with a purpose and legal basis; the pages have no serious
accessibility problems."""

from __future__ import annotations

import pytest
from django.utils import timezone
from tests.e2e.browsing import follow, serious_violations

from schakel.audit.models import AccessEvent
from schakel.cases import services as case_services
from schakel.exports.models import ConsentRecord
from schakel.signals import services as signal_services

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_consent_checklist_and_export(page, live_server, world, log_in):
    signal, _ = signal_services.register_signal(world["coordinator"], signal_services.SignalInput(
        description="Meisje van 15 wordt 's avonds opgehaald door oudere mannen.",
        municipality_code="0482",
        subjects=[signal_services.SubjectInput(
            kind="person", role="victim", given_names="Noa", surname="Visser", sex="female",
            birth_year=timezone.localdate().year - 15, nationality="Nederlands")]))
    case = case_services.open_case(world["coordinator"], signal, title="Jongere Centrum")

    log_in("coordinator")
    page.goto(f"{live_server.url}/casussen/{case.reference}/")
    follow(page, page.get_by_role("link", name="Aanmelding CoMensha: toestemming en checklist"))
    assert "jonger dan 16: ouder met gezag of voogd tekent" in page.content()
    assert serious_violations(page) == []

    page.get_by_label("toestemming gegeven").check()
    page.get_by_label("Ondertekend door").select_option("self")
    page.get_by_label("Datum toestemming").fill(timezone.localdate().isoformat())
    follow(page, page.get_by_role("button", name="Toestemming opslaan"))
    assert "Onder de 16 jaar tekent een ouder met gezag of de voogd." in page.content()
    assert not ConsentRecord.objects.exists()

    page.get_by_label("Ondertekend door").select_option("parent")
    follow(page, page.get_by_role("button", name="Toestemming opslaan"))
    assert "De toestemming is vastgelegd." in page.content()
    assert ConsentRecord.objects.get().signatory == "parent"

    href = page.get_by_role("link", name="Checklist aanmelding CoMensha (PDF)") \
        .get_attribute("href")
    response = page.request.get(f"{live_server.url}{href}")
    assert response.ok and response.body().startswith(b"%PDF")

    page.goto(f"{live_server.url}/casussen/{case.reference}/")
    follow(page, page.get_by_role("link", name="Exporteren in HTCDS-vorm"))
    assert page.get_by_label(f"{case.reference} — Jongere Centrum", exact=False).is_checked()
    assert serious_violations(page) == []
    page.get_by_label("Op persoonsniveau (alleen met doel en grondslag)").check()
    page.get_by_label("Doel", exact=True).select_option("care_coordination")
    page.get_by_label("Grondslag (bij persoonsniveau)").select_option("avg-6-1-e")
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Export downloaden").click()
    content = open(download_info.value.path(), encoding="utf-8").read()
    assert "sch_CaseReference,sch_PersonPseudonym,cas_Status" in content
    assert case.reference in content and "Visser" not in content
    assert AccessEvent.objects.filter(action="export", purpose="care_coordination").exists()
