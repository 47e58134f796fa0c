# SPDX-License-Identifier: EUPL-1.2
"""End to end: the coordinator adds a photo to a signal and downloads it again; the privacy
officer registers a subject-access request, sees what was found and downloads the export.
Accessibility: axe-core finds no serious or critical violations on these pages."""

from __future__ import annotations

import pytest
from tests.e2e.browsing import follow, serious_violations

from schakel.privacy.models import Attachment, SubjectRequest
from schakel.signals import services as signals

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.fixture
def signal(world, settings, tmp_path):
    settings.SCHAKEL_ATTACHMENT_DIR = tmp_path / "bijlagen"
    data = signals.SignalInput(
        description="Jonge vrouw werkt 's nachts in de nagelsalon.", municipality_code="0482",
        subjects=[signals.SubjectInput(kind="person", role="victim", given_names="Marieke",
                                       surname="Jansen", birth_year=2008)])
    return signals.register_signal(world["melder"], data)[0]


def test_coordinator_adds_and_downloads_an_attachment(page, live_server, log_in, signal,
                                                      tmp_path):
    log_in("coordinator")
    page.goto(f"{live_server.url}/signalen/{signal.reference}/")
    photo = tmp_path / "voorgevel.png"
    photo.write_bytes(PNG)
    page.get_by_label("Bestand").set_input_files(str(photo))
    follow(page, page.get_by_role("button", name="Bijlage toevoegen"))
    assert "De bijlage is versleuteld opgeslagen." in page.content()
    assert Attachment.objects.count() == 1
    assert serious_violations(page) == []
    with page.expect_download() as download:
        page.get_by_role("link", name="voorgevel.png").click()
    assert download.value.suggested_filename == "voorgevel.png"
    assert open(download.value.path(), "rb").read() == PNG

    wrong = tmp_path / "foto.png"
    wrong.write_bytes(b"MZ\x90\x00 programma")
    page.get_by_label("Bestand").set_input_files(str(wrong))
    follow(page, page.get_by_role("button", name="Bijlage toevoegen"))
    assert "Dit soort bestand kan niet worden toegevoegd" in page.content()
    assert Attachment.objects.count() == 1


def test_privacy_officer_registers_a_request_and_exports(page, live_server, log_in, signal):
    log_in("privacy")
    follow(page, page.get_by_role("link", name="Privacy"))
    assert serious_violations(page) == []
    follow(page, page.get_by_role("link", name="Verzoeken van betrokkenen"))
    page.get_by_label("Soort verzoek").select_option("access")
    page.get_by_label("Verzoeker").fill("M. Jansen")
    page.get_by_label("Voornamen van de betrokkene").fill("Marieke")
    page.get_by_label("Achternaam (met tussenvoegsel)").fill("Jansen")
    follow(page, page.get_by_role("button", name="Registreren"))
    assert signal.reference in page.content()
    assert serious_violations(page) == []
    number = SubjectRequest.objects.get().number
    with page.expect_download() as download:
        page.get_by_role("link", name="Export (JSON)").click()
    assert download.value.suggested_filename == f"inzage-{number}.json"
    assert b"Jansen" in open(download.value.path(), "rb").read()
