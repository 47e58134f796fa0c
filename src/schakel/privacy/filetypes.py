# SPDX-License-Identifier: EUPL-1.2
"""Which files may be attached, decided on the bytes (never on the name or the browser's type).

An explicit signature table instead of a detection library: the allow-list is short, and a
privacy officer or auditor can read here exactly what is accepted and why (docs/adr/0005).
Pure Python, no Django.

Accepted: photos (JPEG, PNG, HEIC from phones) and documents (PDF, Word .docx, OpenDocument
text .odt). Refused on purpose: everything executable or scriptable (Office files with macros,
PDFs with JavaScript or launch actions, HTML, SVG), archives, and anything unrecognised.
The checks on PDF and ZIP content are defence in depth; downloads are always served as
``attachment`` with ``nosniff``, so the browser never renders a file inside Schakel.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass

MAX_ZIP_ENTRIES = 2000
MAX_ZIP_RATIO = 100  # uncompressed / compressed: more than this is treated as a zip bomb


class RefusedFile(ValueError):
    """The file is not on the allow-list; ``str()`` is a Dutch message for the user."""


@dataclass(frozen=True)
class FileType:
    code: str
    content_type: str
    extension: str
    label: str


JPEG = FileType("jpeg", "image/jpeg", "jpg", "JPEG-foto")
PNG = FileType("png", "image/png", "png", "PNG-afbeelding")
HEIC = FileType("heic", "image/heic", "heic", "HEIC-foto")
PDF = FileType("pdf", "application/pdf", "pdf", "PDF-document")
DOCX = FileType("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                "docx", "Word-document")
ODT = FileType("odt", "application/vnd.oasis.opendocument.text", "odt", "OpenDocument-tekst")
ALLOWED: tuple[FileType, ...] = (JPEG, PNG, HEIC, PDF, DOCX, ODT)

ALLOWED_LABEL = "foto's (JPEG, PNG, HEIC) en documenten (PDF, Word .docx, OpenDocument .odt)"

# ISO-BMFF "ftyp" major brands used by HEIF/HEIC photos (iPhone and Android cameras).
HEIC_BRANDS = {b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"mif1", b"msf1"}
# PDF names that run code or open other things; ``#xx`` escapes are decoded before matching.
PDF_ACTIVE = re.compile(rb"/(JavaScript|JS|Launch|EmbeddedFile|RichMedia)\b")


def _pdf_names_decoded(data: bytes) -> bytes:
    return re.sub(rb"#([0-9A-Fa-f]{2})", lambda m: bytes([int(m.group(1), 16)]), data)


def _check_pdf(data: bytes) -> FileType:
    if PDF_ACTIVE.search(_pdf_names_decoded(data)):
        raise RefusedFile("Deze PDF bevat scripts, ingesloten bestanden of startopdrachten en "
                          "wordt daarom niet geaccepteerd. Sla hem opnieuw op als gewone PDF.")
    return PDF


def _open_zip(data: bytes) -> zipfile.ZipFile:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise RefusedFile("Dit bestand is beschadigd of geen geldig document.") from None
    infos = archive.infolist()
    total = sum(info.file_size for info in infos)
    if len(infos) > MAX_ZIP_ENTRIES or total > MAX_ZIP_RATIO * max(len(data), 1):
        raise RefusedFile("Dit document is ongebruikelijk opgebouwd en wordt niet geaccepteerd.")
    return archive


def _check_zip(data: bytes) -> FileType:
    """A .docx or .odt is a ZIP; which one it is, and whether it carries macros, is read from
    the names inside it (never by extracting anything)."""
    archive = _open_zip(data)
    names = set(archive.namelist())
    lowered = {name.lower() for name in names}
    if any("vbaproject" in name or name.endswith(".bin") and "activex" in name
           for name in lowered):
        raise RefusedFile("Dit document bevat macro's en wordt daarom niet geaccepteerd. "
                          "Sla het op als .docx zonder macro's of als PDF.")
    if "[Content_Types].xml" in names and "word/document.xml" in names:
        content_types = archive.read("[Content_Types].xml")
        if b"macroEnabled" in content_types:
            raise RefusedFile("Dit document bevat macro's en wordt daarom niet geaccepteerd.")
        return DOCX
    if "mimetype" in names and archive.read("mimetype").strip() == ODT.content_type.encode():
        if any(name.startswith("basic/") or name.startswith("scripts/") for name in lowered):
            raise RefusedFile("Dit document bevat macro's en wordt daarom niet geaccepteerd.")
        return ODT
    raise RefusedFile(f"Dit soort bestand kan niet worden toegevoegd. Toegestaan zijn "
                      f"{ALLOWED_LABEL}.")


def detect(data: bytes) -> FileType:
    """The allowed type of ``data``, or :class:`RefusedFile` with the reason in Dutch."""
    if not data:
        raise RefusedFile("Het bestand is leeg.")
    if data.startswith(b"\xff\xd8\xff"):
        return JPEG
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if data[4:8] == b"ftyp" and data[8:12] in HEIC_BRANDS:
        return HEIC
    if data.startswith(b"%PDF-"):
        return _check_pdf(data)
    if data.startswith(b"PK\x03\x04"):
        return _check_zip(data)
    raise RefusedFile(f"Dit soort bestand kan niet worden toegevoegd. Toegestaan zijn "
                      f"{ALLOWED_LABEL}.")


def check_size(size: int, limit_bytes: int) -> None:
    if size > limit_bytes:
        megabytes = limit_bytes // (1024 * 1024)
        raise RefusedFile(f"Het bestand is te groot: maximaal {megabytes} MB.")


SAFE_NAME = re.compile(r"[^\w.\- ]+", re.UNICODE)


def safe_filename(name: str, file_type: FileType) -> str:
    """A download name without path parts or control characters, with the extension that
    matches the detected type (a photo named ``.exe`` downloads as ``.jpg``)."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    stem = base.rsplit(".", 1)[0] if "." in base else base
    stem = SAFE_NAME.sub("_", stem).strip(" ._")[:80] or "bijlage"
    return f"{stem}.{file_type.extension}"
