# SPDX-License-Identifier: EUPL-1.2
"""End to end: the coordinator runs the register scan and works the worklist: a signal from one
hit (it reaches the inbox), a dismissal with a reason, a planned check. Accessibility: axe-core
finds no serious or critical violations on the worklist."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from tests.e2e.browsing import serious_violations

from schakel.accounts.models import Municipality
from schakel.registers import demo, store
from schakel.registers.importer import import_csv
from schakel.scans.models import Dismissal, HitCheck, ScanRun, ScanSettings
from schakel.signals.models import Signal

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]




@pytest.fixture
def registers(world, settings, tmp_path: Path) -> dict:
    """A generated municipality imported into this test's data directory; its BAG ids (1000…)
    stand in for Alblasserdam's."""
    truth = demo.generate("municipality", tmp_path / "csv", seed=11)
    con = store.connect(tmp_path / store.DB_NAME)
    try:
        for kind in store.KINDS:
            assert import_csv(con, kind, tmp_path / "csv" / f"{kind}.csv", actor="test").imported
    finally:
        con.close()
    settings.DATA_DIR = tmp_path
    ScanSettings.objects.create(municipality=Municipality.objects.get(cbs_code="0482"),
                                object_id_prefixes="1000")
    return truth


def test_coordinator_runs_the_scan_and_works_the_worklist(page, live_server, registers, log_in):
    log_in("coordinator")
    page.get_by_role("link", name="Registerscan").click()
    page.wait_for_url("**/registerscan/")
    assert "Voor Alblasserdam is nog geen scan uitgevoerd" in page.content()
    assert "brp.csv" in page.content()  # what is imported, read only

    page.get_by_label("Peildatum").fill(registers["peildatum"])
    page.get_by_role("button", name="Scan uitvoeren").click()
    page.get_by_text(re.compile(r"^Scan uitgevoerd: \d+ adressen")).wait_for()
    run = ScanRun.objects.get()
    first, second, third = run.hits.all()[:3]
    assert first.score >= second.score >= third.score
    card = page.locator(f"#treffer-{first.pk}")
    assert first.address_label in card.inner_text()
    assert "m² per bewoner" in card.inner_text() and "score" in card.inner_text()
    assert serious_violations(page) == []

    card.get_by_role("button", name="Melding maken").click()
    page.get_by_text("is aangemaakt en staat in de inbox").wait_for()
    signal = Signal.objects.get()
    assert signal.channel == "register_scan"
    assert signal.reference in page.locator(f"#treffer-{first.pk}").inner_text()

    card = page.locator(f"#treffer-{second.pk}")
    card.locator("summary", has_text="Afwijzen").click()
    card.get_by_label("Reden").select_option("explained")
    card.get_by_label("Toelichting").fill("Groot gezin, bekend bij het wijkteam.")
    card.get_by_role("button", name="Afwijzen opslaan").click()
    page.get_by_text("is afgewezen").wait_for()
    assert Dismissal.objects.get().hit == second
    assert page.locator(f"#treffer-{second.pk}").count() == 0  # not shown as new any more

    card = page.locator(f"#treffer-{third.pk}")
    card.locator("summary", has_text="Controle plannen").click()
    card.get_by_label("Soort controle").select_option("inspection")
    card.get_by_role("button", name="Controle opslaan").click()
    page.get_by_text("gepland voor").wait_for()
    check = HitCheck.objects.get()
    assert check.hit == third and check.kind == "inspection" and check.is_open
    assert "Uitkomst vastleggen" in page.locator(f"#treffer-{third.pk}").inner_text()

    page.get_by_role("link", name="Signalen", exact=True).click()
    page.wait_for_url("**/signalen/")
    assert page.get_by_role("link", name=signal.reference).is_visible()
