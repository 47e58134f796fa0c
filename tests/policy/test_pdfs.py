# SPDX-License-Identifier: EUPL-1.2
"""The printed exports as a reader gets them: the barrier-model PDF carries the drawing (step
names, status labels and counts are text in the PDF), the BBA summary for the college fits on
exactly one page, and the signal card has one A4 page per exploitation domain."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.urls import reverse

from schakel.catalog.models import Domain
from schakel.policy.models import BarrierModel

pytestmark = pytest.mark.django_db


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
            pytest.fail(f"{name} (poppler-utils) is needed to check the PDFs")
        pytest.skip(f"{name} is not installed (apt-get install poppler-utils)")
    return path


def _pdf(client, user, url: str, tmp_path: Path) -> Path:
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    target = tmp_path / "export.pdf"
    target.write_bytes(response.content)
    return target


def pages(pdf: Path) -> int:
    # fixed arguments and our own temporary file: nothing untrusted reaches the command
    info = subprocess.run([_tool("pdfinfo"), str(pdf)], capture_output=True, text=True,  # noqa: S603
                          check=True, timeout=60).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))


def text_of(pdf: Path, first: int | None = None, last: int | None = None) -> str:
    command = [_tool("pdftotext"), "-raw"]
    if first:
        command += ["-f", str(first), "-l", str(last or first)]
    text = subprocess.run([*command, str(pdf), "-"], capture_output=True, text=True,  # noqa: S603
                          check=True, timeout=60).stdout
    return " ".join(text.split())  # wrapped lines (a long step name in an arrow) join again


def test_barrier_model_pdf_has_the_diagram_on_its_first_page(client, world, close_cases,
                                                             tmp_path):
    close_cases([["housing"]] * 5)
    pdf = _pdf(client, world["analyst"], reverse("policy:model_pdf", args=["mensenhandel"]),
               tmp_path)
    first_page = text_of(pdf, 1)
    for step in BarrierModel.objects.get(code="mensenhandel").active_steps():
        assert step.name in first_page
    # the drawing's counts and legend are on the page, not only in the table behind it
    assert "Gesloten casussen: 5" in first_page
    for label in ("op orde", "deels op orde", "ontbreekt", "nog niet beoordeeld"):
        assert label in first_page
    assert "Verhuurvergunning" in text_of(pdf)


def test_bba_summary_is_exactly_one_page(client, world, tmp_path):
    from schakel.policy.demo import build_policy_demo

    build_policy_demo()  # every checklist item with evidence: the fullest realistic summary
    pdf = _pdf(client, world["analyst"], reverse("policy:bba_pdf"), tmp_path)
    assert pages(pdf) == 1
    assert "Alblasserdam" in text_of(pdf)


def test_signal_card_has_one_page_per_domain(client, world, tmp_path):
    domains = list(Domain.objects.filter(active=True, is_exploitation=True))
    assert len(domains) >= 4
    pdf = _pdf(client, world["melder"], reverse("policy:signal_card_pdf"), tmp_path)
    assert pages(pdf) == len(domains)
    for number, domain in enumerate(domains, start=1):
        page = text_of(pdf, number)
        assert domain.name in page, domain.code
        # a printed page on its own still says whom to call and what to do (issue 6)
        for words in ("Wie bel je?", "112", "0800-2000", "Wat doe je?",
                      "Cora van den Berg", "Meld het dezelfde dag."):
            assert words in page, (domain.code, words)
