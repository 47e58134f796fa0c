# SPDX-License-Identifier: EUPL-1.2
"""Conference minutes as PDF: they render, and they hold no more personal data than needed."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess

import pytest
from django.urls import reverse
from django.utils import timezone

from schakel.accounts.models import Organisation
from schakel.cases import services
from schakel.signals.services import SubjectInput

pytest.importorskip("weasyprint")


@pytest.fixture
def conference(world, make_signal):
    signal = make_signal(description="Zes mannen slapen op matrassen in de loods.",
                         subjects=[SubjectInput(kind="person", given_names="Oksana",
                                                surname="Kovalenko", birth_year=1998)])
    case = services.open_case(world["coordinator"], signal, title="Overbewoning loods Oost")
    conference = services.schedule_conference(
        world["coordinator"], title="Casusoverleg mei", location="Stadhuis",
        scheduled_at=timezone.now(), cases=[case],
        organisations=[Organisation.objects.get(slug="politie")], participants=[world["handler"]])
    services.record_decision(conference, case, world["coordinator"], services.DecisionInput(
        text="Politie controleert het pand", owner=Organisation.objects.get(slug="politie"),
        due_on=timezone.localdate() + dt.timedelta(days=14)))
    return conference


def pdf_text(content: bytes) -> str:
    executable = shutil.which("pdftotext")
    if executable is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    return subprocess.run([executable, "-layout", "-", "-"], input=content,  # noqa: S603
                          capture_output=True, check=True).stdout.decode()


def test_minutes_hold_decisions_but_no_personal_data(client, world, conference):
    client.force_login(world["coordinator"])
    response = client.get(reverse("cases:conference_minutes", args=[conference.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    content = b"".join(response.streaming_content) if response.streaming else response.content
    assert content.startswith(b"%PDF")
    text = " ".join(pdf_text(content).split())
    case = conference.agenda.get().case
    assert case.reference in text and "Overbewoning loods Oost" in text
    assert "Politie controleert het pand" in text and "Politie eenheid Rotterdam" in text
    assert "Kovalenko" not in text and "Oksana" not in text
    assert "matrassen" not in text
    assert "El Amrani" not in text and "van den Berg" not in text  # participants by org only


def test_minutes_are_not_for_outsiders(client, world, conference):
    for username in ("melder", "coordinator-papendrecht", "handler"):  # handler: not confirmed
        client.force_login(world[username])
        url = reverse("cases:conference_minutes", args=[conference.pk])
        assert client.get(url).status_code == 404
