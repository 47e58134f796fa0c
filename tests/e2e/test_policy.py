# SPDX-License-Identifier: EUPL-1.2
"""End to end: the analyst assesses barriers and sees them in the barrier-model diagram with
the (suppressed) numbers of closed cases; the BBA summary and the signal card print as PDF;
the analyst never reaches a page with personal data."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image
from tests.e2e.browsing import follow, serious_violations

from schakel.cases import services as case_services
from schakel.cases.models import Case
from schakel.policy import rules
from schakel.signals import services as signal_services

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# barrier → (step, instrument code, step name, status label to choose, expected status)
ASSESSMENTS = [
    ("huisvesting", "verhuurvergunning", "Verhuurvergunning en Wet goed verhuurderschap",
     "Huisvesting", "op orde", "in_place"),
    ("huisvesting", "omgevingsplan-handhaving",
     "Omgevingsplan en handhaving wonen en brandveiligheid", "Huisvesting", "op orde",
     "in_place"),
    ("werk", "integrale-controle", "Integrale controles met partners", "Werk", "ontbreekt",
     "absent"),
]


def close_cases(world, phase_lists: list[list[str]]) -> list[Case]:
    """Closed cases in Alblasserdam, made with the casework services."""
    coordinator = world["coordinator"]
    cases = []
    for index, phases in enumerate(phase_lists):
        signal, _ = signal_services.register_signal(world["melder"], signal_services.SignalInput(
            description=f"Overbewoning bij bedrijfspand {index}."))
        case = case_services.open_case(coordinator, signal, title=f"Overbewoning {index}")
        cases.append(case_services.move_case(case, coordinator, "closed", reason="Afgerond.",
                                             outcome_code="bestuurlijke-maatregel",
                                             barrier_phases=phases))
    return cases




def assert_pdf_page_is_not_blank(content: bytes, tmp_path: Path, name: str) -> None:
    """Turn the first page into a PNG with pdftoppm and check it is a real, printed page."""
    assert content.startswith(b"%PDF")
    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm is None:
        if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
            pytest.fail("pdftoppm (poppler-utils) is needed to check the PDFs")
        pytest.skip("pdftoppm is not installed (apt-get install poppler-utils)")
    pdf = tmp_path / f"{name}.pdf"
    pdf.write_bytes(content)
    # fixed arguments and our own temporary files: nothing untrusted reaches the command
    subprocess.run([pdftoppm, "-png", "-r", "50", "-f", "1", "-l", "1", "-singlefile",  # noqa: S603
                    str(pdf), str(tmp_path / name)], check=True, timeout=60)
    png = tmp_path / f"{name}.png"
    assert png.stat().st_size > 5000
    with Image.open(png) as image:
        width, height = image.size
        assert width > 300 and height > 300
        dark = sum(image.convert("L").histogram()[:128])
        assert dark > 0.005 * width * height, "page looks blank"
        colours = image.convert("RGB").getcolors(maxcolors=width * height) or []
        assert len(colours) > 20  # text, lines and coloured statuses, not one flat colour


def test_analyst_assesses_barriers_and_prints(page, live_server, world, log_in, tmp_path):
    cases = close_cases(world, [["housing"]] * 6 + [["work"], ["entry", "identity"]])
    assert Case.objects.filter(status="closed").count() == 8

    log_in("analyst")
    follow(page, page.get_by_role("link", name="Beleid", exact=True))
    follow(page, page.get_by_role("link", name="Barrièremodel mensenhandel"))
    model_url = page.url
    for _step, _code, name, step_name, label, _status in ASSESSMENTS:
        follow(page, page.get_by_role("link", name=f"{name} bij {step_name} beoordelen"))
        page.get_by_label(label, exact=True).check()
        page.get_by_label("Onderbouwing").fill("Vastgesteld in de werkgroep.")
        page.get_by_role("button", name="Beoordeling opslaan").click()
        page.wait_for_url(model_url)
        assert "De beoordeling is opgeslagen" in page.content()

    diagram = page.locator("svg.barrier-diagram")
    for step, code, _name, _step_name, _label, status in ASSESSMENTS:
        chip = diagram.locator(f'g.barrier-step[data-step="{step}"] g.barrier'
                               f'[data-barrier="{code}"]')
        assert chip.get_attribute("data-status") == status
        assert chip.locator("rect").get_attribute("fill") == rules.fill(status)
    housing = diagram.locator('g.barrier-step[data-step="huisvesting"]')
    assert housing.locator("polygon").get_attribute("fill") == rules.fill("in_place")
    counts = {step: diagram.locator(f'g.barrier-step[data-step="{step}"] .step-count')
              .get_attribute("data-count")
              for step in ("entree-identiteit", "huisvesting", "werk", "financien")}
    assert counts == {"entree-identiteit": "<5", "huisvesting": "6", "werk": "<5",
                      "financien": "0"}
    assert diagram.get_by_text("Gesloten casussen: 6", exact=True).is_visible()
    assert serious_violations(page) == []

    follow(page, page.get_by_role("link", name="BBA-zelfevaluatie").first)
    assert "Bereik trainingen" in page.content()
    href = page.get_by_role("link", name="Samenvatting voor het college").get_attribute("href")
    response = page.request.get(f"{live_server.url}{href}")
    assert response.ok and response.headers["content-type"] == "application/pdf"
    assert_pdf_page_is_not_blank(response.body(), tmp_path, "bba")

    follow(page, page.get_by_role("link", name="Signalenkaart").first)
    assert "0800-2000" in page.content()
    assert serious_violations(page) == []
    href = page.get_by_role("link", name="Printen (PDF, A4 per vorm)").get_attribute("href")
    response = page.request.get(f"{live_server.url}{href}")
    assert response.ok
    assert_pdf_page_is_not_blank(response.body(), tmp_path, "signalenkaart")

    # aggregates only: no signal, no case, no case list for the analyst
    for path in ("/signalen/", f"/casussen/{cases[0].reference}/", "/casussen/",
                 f"/signalen/{cases[0].signals.first().reference}/"):
        assert page.goto(f"{live_server.url}{path}").status in {403, 404}, path
