# SPDX-License-Identifier: EUPL-1.2
"""Adding, reading, removing and re-keying attachments: one function per action.

The bytes are checked against the allow-list (:mod:`.filetypes`), encrypted with
:mod:`schakel.core.crypto` and written to ``SCHAKEL_ATTACHMENT_DIR/<public_id>``; plaintext is
never written to disk (the upload is read from memory or Django's temporary file, which
``FILE_UPLOAD_MAX_MEMORY_SIZE`` keeps in memory up to the size limit). Every action writes an
access-log event with the attachment's and its owner's reference.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from schakel.audit import services as audit
from schakel.core import crypto
from schakel.privacy import filetypes
from schakel.privacy.models import Attachment

PURPOSE = "case_management"


def storage_dir() -> Path:
    return Path(settings.SCHAKEL_ATTACHMENT_DIR)


def blob_path(attachment: Attachment) -> Path:
    return storage_dir() / str(attachment.public_id)


def size_limit() -> int:
    return int(settings.SCHAKEL_ATTACHMENT_MAX_MB) * 1024 * 1024


def _write_blob(path: Path, token: bytes) -> None:
    """Write atomically (temporary name, then rename) with owner-only permissions."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    temporary = path.with_suffix(".tmp")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(token)
    os.replace(temporary, path)


def remove_blob(attachment: Attachment) -> None:
    blob_path(attachment).unlink(missing_ok=True)


def _read_upload(upload, limit: int) -> bytes:
    """Read at most ``limit + 1`` bytes, so an oversized upload is refused without holding it."""
    if getattr(upload, "size", 0) and upload.size > limit:
        filetypes.check_size(upload.size, limit)
    data = b"".join(_chunks(upload, limit + 1))
    filetypes.check_size(len(data), limit)
    return data


def _chunks(upload, budget: int) -> Iterator[bytes]:
    for chunk in upload.chunks():
        yield chunk[:budget]
        budget -= len(chunk)
        if budget <= 0:
            return


def add_attachment(actor, *, upload, signal=None, case=None, description: str = "",
                   request=None) -> Attachment:
    """Check, encrypt and store one uploaded file on a signal or a case. The caller has
    checked the actor's right to add (``scope.can_attach_to_*``)."""
    owner = signal or case
    data = _read_upload(upload, size_limit())
    file_type = filetypes.detect(data)
    attachment = Attachment(
        signal=signal, case=case, municipality_id=owner.municipality_id,
        original_name=filetypes.safe_filename(getattr(upload, "name", "") or "", file_type),
        content_type=file_type.content_type, size=len(data),
        sha256=hashlib.sha256(data).hexdigest(), description=description[:200],
        uploaded_by=actor)
    token = crypto.encrypt(data)
    with transaction.atomic():
        attachment.save()
        _write_blob(blob_path(attachment), token)
        audit.record(actor=actor, action="create", object_type="attachment",
                     object_refs=[attachment.reference, owner.reference], request=request,
                     purpose=PURPOSE)
    return attachment


def read_attachment(actor, attachment: Attachment, request=None) -> bytes:
    """The plaintext, after logging the download (BIO 8.15.01; NEN 7513 'copy')."""
    audit.record(actor=actor, action="export", object_type="attachment",
                 object_refs=[attachment.reference, attachment.owner_reference],
                 request=request, purpose=PURPOSE)
    data = crypto.decrypt(blob_path(attachment).read_bytes())
    if hashlib.sha256(data).hexdigest() != attachment.sha256:
        raise crypto.DecryptionError("attachment content does not match its checksum")
    return data


def remove_attachment(actor, attachment: Attachment, *, reason: str, request=None,
                      run_id: str = "", rule: str = "") -> None:
    """Remove the file; the row stays with who, when and why, and the deletion register gets
    a line. Used by the coordinator (with a reason) and by retention and erasure."""
    from schakel.privacy.register import register

    if attachment.is_removed:
        return
    with transaction.atomic():
        Attachment.objects.filter(pk=attachment.pk).update(
            removed_at=timezone.now(), removed_by=actor if _is_user(actor) else None,
            removal_reason=reason[:300])
        register(record_type="attachment", reference=attachment.reference,
                 municipality_id=attachment.municipality_id, rule=rule or "handmatig",
                 action="deleted", run_id=run_id or f"handmatig-{attachment.reference}",
                 actor=actor)
        audit.record(actor=actor if _is_user(actor) else None, action="delete",
                     object_type="attachment",
                     object_refs=[attachment.reference, attachment.owner_reference],
                     request=request, purpose=PURPOSE if not rule else "retention")
    remove_blob(attachment)
    attachment.refresh_from_db()


def _is_user(actor) -> bool:
    return actor is not None and getattr(actor, "is_authenticated", False)


# --- key rotation ---------------------------------------------------------------------------

@dataclass
class RotationReport:
    total: int = 0
    rotated: int = 0
    already_current: int = 0
    missing: int = 0
    failed: int = 0


def rotate_all(progress: Callable[[int, int], None] | None = None) -> RotationReport:
    """Re-encrypt every stored blob under the newest key (``schakel keys rotate``). A blob that
    cannot be decrypted with any configured key is counted as failed and left untouched."""
    report = RotationReport()
    rows = Attachment.objects.filter(removed_at__isnull=True).order_by("pk")
    report.total = rows.count()
    for done, attachment in enumerate(rows.iterator(chunk_size=500), start=1):
        _rotate_one(attachment, report)
        if progress is not None:
            progress(done, report.total)
    return report


def _rotate_one(attachment: Attachment, report: RotationReport) -> None:
    path = blob_path(attachment)
    if not path.exists():
        report.missing += 1
        return
    token = path.read_bytes()
    if crypto.is_current(token):
        report.already_current += 1
        return
    try:
        _write_blob(path, crypto.rotate(token))
    except crypto.DecryptionError:
        report.failed += 1
        return
    report.rotated += 1
