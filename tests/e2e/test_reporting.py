# SPDX-License-Identifier: EUPL-1.2
"""End to end: the analyst opens the reporting dashboard, filters a year, and downloads the
council letter as PDF and as Word. The PDF's first page is rendered to an image and shows the
title and a chart; the analyst never sees a count from 1 to 4."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.core.cache import cache
from django.utils import timezone
from PIL import Image
from tests.e2e.browsing import follow, serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CHART_BLUE = (0x15, 0x42, 0x73)


@pytest.fixture
def demo(live_server):
    from schakel.core.demo import build_demo

    cache.clear()
    build_demo(seed=1, signal_count=200)


def _first_page(content: bytes, tmp_path: Path) -> tuple[str, Image.Image]:
    pdftoppm, pdftotext = shutil.which("pdftoppm"), shutil.which("pdftotext")
    if pdftoppm is None or pdftotext is None:
        pytest.skip("poppler-utils is not installed")
    pdf = tmp_path / "brief.pdf"
    pdf.write_bytes(content)
    # fixed arguments and our own temporary files: nothing untrusted reaches the command
    subprocess.run([pdftoppm, "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile",  # noqa: S603
                    str(pdf), str(tmp_path / "brief")], check=True, timeout=60)
    text = subprocess.run([pdftotext, "-f", "1", "-l", "1", str(pdf), "-"],  # noqa: S603
                          check=True, timeout=60, capture_output=True, text=True).stdout
    return text, Image.open(tmp_path / "brief.png").convert("RGB")


def _chart_pixels(image: Image.Image) -> int:
    """Pixels of the chart colour below the title block (the title is the same blue)."""
    width, height = image.size
    region = image.crop((0, int(height * 0.3), width, int(height * 0.8)))
    data = region.tobytes()
    pixels = (data[i:i + 3] for i in range(0, len(data), 3))
    return sum(1 for pixel in pixels
               if all(abs(a - b) < 40 for a, b in zip(pixel, CHART_BLUE, strict=True)))


def test_analyst_dashboard_filter_and_council_letter(page, live_server, demo, log_in,
                                                     tmp_path):
    year = timezone.localdate().year
    log_in("analyst")
    follow(page, page.get_by_role("link", name="Rapportage", exact=True))
    assert page.get_by_role("heading", name="Rapportage mensenhandel").is_visible()
    assert serious_violations(page) == []

    # filter the previous year (htmx swaps the figures in place), then back to this year
    page.get_by_label("Jaar", exact=True).select_option(str(year - 1))
    with page.expect_response(lambda r: "/rapportage/" in r.url and f"jaar={year - 1}" in r.url):
        page.get_by_role("button", name="Toon cijfers").click()
    page.get_by_role("heading", name=f"Alblasserdam, {year - 1}").wait_for()
    page.get_by_label("Jaar", exact=True).select_option(str(year))
    with page.expect_response(lambda r: f"jaar={year}" in r.url and "/rapportage/" in r.url):
        page.get_by_role("button", name="Toon cijfers").click()
    page.get_by_role("heading", name=f"Alblasserdam, {year}").wait_for()
    assert f"jaar={year}" in page.url
    html = page.content()
    counts = re.findall(r'<td class="utrecht-table__cell n">([^<]*)</td>', html)
    assert counts and not {"1", "2", "3", "4"} & set(counts)
    assert "&lt;5" in html
    # each chart is an image with a text alternative, its table beside it
    chart = page.get_by_role("img", name=re.compile("^Signalen naar uitbuitingsvorm"))
    chart.scroll_into_view_if_needed()
    assert chart.evaluate("img => img.complete && img.naturalWidth > 0")

    follow(page, page.get_by_role("link", name="Raadsinformatiebrief", exact=True))
    with page.expect_download() as pdf_download:
        page.get_by_role("link", name=re.compile("als PDF")).click()
    pdf = Path(pdf_download.value.path()).read_bytes()
    assert pdf.startswith(b"%PDF")
    text, image = _first_page(pdf, tmp_path)
    assert f"Raadsinformatiebrief aanpak mensenhandel {year}" in " ".join(text.split())
    assert _chart_pixels(image) > 150, "no chart on the first page"

    with page.expect_download() as docx_download:
        page.get_by_role("link", name=re.compile("als Word-bestand")).click()
    from docx import Document

    document = Document(io.BytesIO(Path(docx_download.value.path()).read_bytes()))
    assert document.paragraphs[0].text.startswith("Raadsinformatiebrief aanpak mensenhandel")
    cells = [row.cells[1].text for table in document.tables for row in table.rows[1:]]
    assert cells and not {"1", "2", "3", "4"} & set(cells)
    assert serious_violations(page) == []
