# SPDX-License-Identifier: EUPL-1.2
"""End to end: the analyst assesses barriers and sees them in the barrier-model diagram with
the (suppressed) numbers of closed cases of the demo data, per step and per barrier (failed or
missing); the BBA summary and the signal card print as PDF; the analyst never reaches a page
with personal data."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image
from tests.e2e.browsing import follow, serious_violations

from schakel.accounts.models import User
from schakel.cases.models import Case
from schakel.policy import rules
from schakel.policy.models import BarrierModel, CaseBarrierFinding
from schakel.reporting.suppression import suppress

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


@pytest.fixture
def demo(transactional_db):
    """The demo with a few inbox signals: small enough to be quick, and with the cases closed
    earlier in the year (barrier phases and findings) that the diagram counts."""
    from schakel.core.demo import build_demo

    build_demo(seed=1, signal_count=10)
    return {user.username: user for user in User.objects.all()}


def expected_counts() -> tuple[dict[str, str], dict[str, dict[str, str]]]:
    """Counted here straight from the demo's closed cases in Alblasserdam, independently of
    the policy services: closed cases per step and, per barrier, the cases whose latest
    finding is "failed" or "missing" (for a step the case touched), suppressed as shown."""
    model = BarrierModel.objects.get(code="mensenhandel")
    closed = {case.pk: set(case.barrier_phases) for case in Case.objects.filter(
        municipality__cbs_code="0482", status="closed")}
    steps = {step.code: set(step.case_phases) for step in model.active_steps()}
    per_step = {code: suppress(sum(1 for phases in closed.values() if phases & mapped))
                for code, mapped in steps.items()}
    latest: dict[tuple[int, int], CaseBarrierFinding] = {}
    for row in CaseBarrierFinding.objects.filter(case_id__in=list(closed)).select_related(
            "barrier__step__model", "barrier__instrument").order_by("-recorded_at", "-id"):
        latest.setdefault((row.case_id, row.barrier_id), row)
    tally: dict[str, dict[str, int]] = {}
    for (case_id, _barrier), row in latest.items():
        step = row.barrier.step
        if step.model_id != model.pk or not closed[case_id] & set(step.case_phases):
            continue
        found = tally.setdefault(f"{step.code}/{row.barrier.instrument.code}",
                                 {"failed": 0, "missing": 0})
        if row.finding in found:
            found[row.finding] += 1
    per_barrier = {key: {kind: suppress(n) for kind, n in found.items()}
                   for key, found in tally.items()}
    return per_step, per_barrier


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


def test_analyst_assesses_barriers_and_prints(page, live_server, demo, log_in, tmp_path):
    step_counts, barrier_counts = expected_counts()
    # the demo's closed cases give a number that is shown and numbers that are suppressed
    assert step_counts["huisvesting"] not in {"0", "<5"} and "<5" in step_counts.values()
    assert barrier_counts["huisvesting/verhuurvergunning"]["missing"] not in {"0", "<5"}
    case = Case.objects.filter(municipality__cbs_code="0482", status="closed").first()

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
    shown = {step: diagram.locator(f'g.barrier-step[data-step="{step}"] .step-count')
             .get_attribute("data-count") for step in step_counts}
    assert shown == step_counts
    assert diagram.get_by_text(f"Gesloten casussen: {step_counts['huisvesting']}",
                               exact=True).is_visible()
    for key, found in barrier_counts.items():
        step, code = key.split("/")
        chip = diagram.locator(f'g.barrier-step[data-step="{step}"] g.barrier'
                               f'[data-barrier="{code}"]')
        assert (chip.get_attribute("data-failed"), chip.get_attribute("data-missing")) == (
            found["failed"], found["missing"]), key
    licence = barrier_counts["huisvesting/verhuurvergunning"]
    assert diagram.locator('g.barrier[data-barrier="verhuurvergunning"] .barrier-findings') \
        .text_content() == f"faalde {licence['failed']} · ontbrak {licence['missing']}"
    # the analyst sees counts, never which case
    assert case.reference not in page.content() and case.title not in page.content()
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
    for path in ("/signalen/", f"/casussen/{case.reference}/", "/casussen/",
                 f"/casussen/{case.reference}/barrieres/",
                 f"/signalen/{case.signals.first().reference}/"):
        assert page.goto(f"{live_server.url}{path}").status in {403, 404}, path
