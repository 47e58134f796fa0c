# SPDX-License-Identifier: EUPL-1.2
"""Attachments: only allowed types, encrypted on disk, served only within scope as a download,
every upload, download and removal logged, removal with a reason in the register."""

from __future__ import annotations

import hashlib

import pytest
from cryptography.fernet import Fernet
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from schakel.audit.models import AccessEvent
from schakel.privacy import attachments
from schakel.privacy.models import Attachment, DeletionRecord

PNG = b"\x89PNG\r\n\x1a\n" + b"GEHEIME-FOTO-INHOUD" * 20


@pytest.fixture
def signal(make_signal):
    return make_signal("melder", municipality_code="0482")


def _upload(client, signal, data=PNG, name="foto van de woning.png"):
    return client.post(reverse("privacy:signal_upload", args=[signal.reference]),
                       {"file": SimpleUploadedFile(name, data), "description": "voorgevel"})


def test_coordinator_uploads_and_the_file_is_encrypted_on_disk(client, world, signal):
    client.force_login(world["coordinator"])
    response = _upload(client, signal)
    assert response.status_code == 302
    attachment = Attachment.objects.get()
    stored = attachments.blob_path(attachment).read_bytes()
    assert b"GEHEIME-FOTO-INHOUD" not in stored and b"PNG" not in stored
    assert attachment.sha256 == hashlib.sha256(PNG).hexdigest()
    assert attachment.content_type == "image/png" and attachment.size == len(PNG)
    assert attachment.original_name == "foto van de woning.png"
    assert AccessEvent.objects.filter(action="create", object_type="attachment",
                                      object_refs__icontains=signal.reference).exists()
    page = client.get(reverse("signals:detail", args=[signal.reference]))
    assert "foto van de woning.png" in page.content.decode()


def test_download_is_a_logged_attachment_with_nosniff(client, world, signal):
    client.force_login(world["coordinator"])
    _upload(client, signal)
    attachment = Attachment.objects.get()
    response = client.get(reverse("privacy:download", args=[attachment.public_id]))
    assert response.status_code == 200 and response.content == PNG
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Type"] == "image/png"
    assert "no-store" in response["Cache-Control"]
    assert AccessEvent.objects.filter(action="export", object_type="attachment",
                                      object_refs__icontains=attachment.reference).exists()


@pytest.mark.parametrize("who", ["melder", "coordinator-papendrecht", "handler", "privacy",
                                 "admin", "analyst"])
def test_outside_scope_the_attachment_does_not_exist(client, world, signal, who):
    client.force_login(world["coordinator"])
    _upload(client, signal)
    attachment = Attachment.objects.get()
    client.force_login(world[who])
    assert client.get(reverse("privacy:download", args=[attachment.public_id])).status_code == 404
    assert client.post(reverse("privacy:remove", args=[attachment.public_id]),
                       {"reason": "x"}).status_code == 404
    assert _upload(client, signal).status_code == 404
    assert Attachment.objects.count() == 1
    assert AccessEvent.objects.filter(object_type="attachment", result="not_found",
                                      actor=world[who]).exists()


def test_a_disguised_program_is_refused_with_a_dutch_message(client, world, signal):
    client.force_login(world["coordinator"])
    response = _upload(client, signal, data=b"MZ\x90\x00programma", name="foto.jpg")
    assert Attachment.objects.count() == 0
    page = client.get(response["Location"])
    assert "Dit soort bestand kan niet worden toegevoegd" in page.content.decode()
    assert AccessEvent.objects.filter(object_type="attachment", result="invalid").exists()


def test_a_file_over_the_limit_is_refused(client, world, signal, settings):
    settings.SCHAKEL_ATTACHMENT_MAX_MB = 1
    client.force_login(world["coordinator"])
    big = b"\x89PNG\r\n\x1a\n" + b"\x00" * (1024 * 1024)
    response = _upload(client, signal, data=big)
    assert Attachment.objects.count() == 0
    assert "te groot" in client.get(response["Location"]).content.decode()


def test_case_attachments_follow_the_case(client, world, signal):
    from schakel.cases import services as cases

    case = cases.open_case(world["coordinator"], signal, title="Woning Oost")
    client.force_login(world["coordinator"])
    response = client.post(reverse("privacy:case_upload", args=[case.reference]),
                           {"file": SimpleUploadedFile("verslag.pdf", b"%PDF-1.4 verslag")})
    assert response.status_code == 302
    attachment = Attachment.objects.get(case=case)
    assert "verslag.pdf" in client.get(reverse("cases:detail", args=[case.reference])
                                       ).content.decode()
    client.force_login(world["coordinator-papendrecht"])
    assert client.get(reverse("privacy:download", args=[attachment.public_id])).status_code == 404


def test_removal_needs_a_reason_keeps_the_row_and_registers_it(client, world, signal):
    client.force_login(world["coordinator"])
    _upload(client, signal)
    attachment = Attachment.objects.get()
    url = reverse("privacy:remove", args=[attachment.public_id])
    assert client.post(url, {"reason": ""}).status_code == 400
    assert client.post(url, {"reason": "verkeerde foto"}).status_code == 302
    attachment.refresh_from_db()
    assert attachment.is_removed and attachment.removal_reason == "verkeerde foto"
    assert not attachments.blob_path(attachment).exists()
    record = DeletionRecord.objects.get(record_reference=attachment.reference)
    assert record.action == "deleted" and record.actor_label == "coordinator"
    assert client.get(reverse("privacy:download", args=[attachment.public_id])).status_code == 404


def test_keys_rotate_re_encrypts_every_attachment(client, world, signal, settings, capsys):
    client.force_login(world["coordinator"])
    _upload(client, signal)
    _upload(client, signal, name="tweede.png")
    new_key = Fernet.generate_key().decode()
    settings.SCHAKEL_FERNET_KEYS = [new_key, *settings.SCHAKEL_FERNET_KEYS]
    call_command("keys", "rotate")
    assert "Bijlagen: 2, opnieuw versleuteld 2" in capsys.readouterr().out
    settings.SCHAKEL_FERNET_KEYS = [new_key]  # old keys retired
    for attachment in Attachment.objects.all():  # names and descriptions were rotated too
        assert attachments.read_attachment(world["coordinator"], attachment) == PNG
    assert {a.original_name for a in Attachment.objects.all()} == {"foto van de woning.png",
                                                                 "tweede.png"}
    call_command("keys", "rotate")
    output = capsys.readouterr().out
    assert "Bijlagen: 2, opnieuw versleuteld 0, al met nieuwste sleutel 2" in output
    assert "opnieuw versleuteld 0, al met nieuwste sleutel" in output.splitlines()[0]


def test_the_demo_builds_a_readable_attachment_and_two_requests(db, settings):
    from schakel.core.demo import build_demo
    from schakel.privacy import filetypes
    from schakel.privacy.models import SubjectRequest

    build_demo(seed=3, signal_count=40)
    attachment = Attachment.objects.get()  # on the first open Alblasserdam case
    assert attachment.case.status != "closed"
    assert filetypes.detect(attachments.read_attachment(None, attachment)).code == "png"
    assert SubjectRequest.objects.count() == 2


def test_a_non_ascii_name_downloads_safely(client, world, signal):
    client.force_login(world["coordinator"])
    _upload(client, signal, name='café "straat".png')
    attachment = Attachment.objects.get()
    response = client.get(reverse("privacy:download", args=[attachment.public_id]))
    assert response["Content-Disposition"] == "attachment; filename*=utf-8''caf%C3%A9%20_straat.png"
