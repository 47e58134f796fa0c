# SPDX-License-Identifier: EUPL-1.2
"""Demo data for the privacy pages: a photo on the first open case, an access request and an
erasure request awaiting the coordinator's confirmation (all fictional)."""

from __future__ import annotations

import struct
import zlib

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone


def _png(width: int = 48, height: int = 32) -> bytes:
    """A small grey PNG made by hand (no imaging library needed)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))

    rows = b"".join(b"\x00" + bytes([160, 160, 160]) * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows))
            + chunk(b"IEND", b""))


def build_privacy_demo(users: dict) -> None:
    from schakel.cases.models import Case, CaseStatus
    from schakel.privacy import attachments, subjects
    from schakel.signals.models import SignalSubject

    coordinator, officer = users.get("coordinator"), users.get("privacy")
    if coordinator is None or officer is None:
        return
    case = (Case.objects.filter(municipality__cbs_code="0482").exclude(status=CaseStatus.CLOSED)
            .order_by("opened_at").first())
    if case is not None:
        attachments.add_attachment(coordinator, case=case, description="Voorgevel (demo)",
                                   upload=SimpleUploadedFile("voorgevel.png", _png()))
    person = (SignalSubject.objects.filter(kind="person", signal__municipality__cbs_code="0482")
              .exclude(surname="").order_by("id").first())
    if person is None:
        return
    surname = " ".join(filter(None, [person.surname_prefix, person.surname]))
    for kind in ("access", "erasure"):
        subjects.register_request(
            officer, kind=kind, municipality=person.signal.municipality,
            received_on=timezone.localdate(), requester=f"{person.given_names} {surname}",
            given_names=person.given_names, surname=surname, birth_year=person.birth_year)
