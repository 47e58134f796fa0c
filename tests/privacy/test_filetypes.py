# SPDX-License-Identifier: EUPL-1.2
"""The allow-list decides on the bytes: photos and plain documents in, anything executable,
scriptable or unknown out, with a Dutch reason."""

from __future__ import annotations

import io
import zipfile

import pytest

from schakel.privacy import filetypes
from schakel.privacy.filetypes import RefusedFile, detect

JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 50
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 50
HEIC = b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + b"\x00" * 20
PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF"


def _zip(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


DOCX = _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"})
ODT = _zip({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<x/>"})


@pytest.mark.parametrize("data,code", [(JPEG, "jpeg"), (PNG, "png"), (HEIC, "heic"),
                                       (PDF, "pdf"), (DOCX, "docx"), (ODT, "odt")])
def test_photos_and_documents_are_accepted(data, code):
    assert detect(data).code == code


@pytest.mark.parametrize("data", [
    b"MZ\x90\x00" + b"\x00" * 60,                       # Windows program
    b"\x7fELF" + b"\x00" * 60,                          # Linux program
    b"<html><script>alert(1)</script></html>",          # web page
    b"<svg xmlns='http://www.w3.org/2000/svg'><script/></svg>",
    _zip({"a.txt": b"x"}),                              # plain archive
    b"gewone tekst die zich als foto voordoet",
])
def test_unknown_and_executable_files_are_refused_in_dutch(data):
    with pytest.raises(RefusedFile, match="Toegestaan zijn"):
        detect(data)


def test_word_with_macros_is_refused():
    docm = _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w/>",
                 "word/vbaProject.bin": b"\x00"})
    with pytest.raises(RefusedFile, match="macro"):
        detect(docm)


@pytest.mark.parametrize("action", [b"/JavaScript", b"/Launch", b"/J#61vaScript",
                                    b"/EmbeddedFile"])
def test_pdf_with_scripts_or_launch_actions_is_refused(action):
    with pytest.raises(RefusedFile, match="PDF"):
        detect(b"%PDF-1.7\n<< /OpenAction << /S " + action + b" >> >>")


def test_empty_and_oversized_files_are_refused():
    with pytest.raises(RefusedFile, match="leeg"):
        detect(b"")
    with pytest.raises(RefusedFile, match="maximaal 10 MB"):
        filetypes.check_size(10 * 1024 * 1024 + 1, 10 * 1024 * 1024)


def test_zip_bomb_is_refused():
    bomb = _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"0" * 5_000_000})
    with pytest.raises(RefusedFile):
        detect(bomb)


def test_download_name_has_no_path_and_the_detected_extension():
    assert filetypes.safe_filename("../../etc/foto.exe", filetypes.JPEG) == "foto.jpg"
    assert filetypes.safe_filename("C:\\Users\\x\\scan 1.pdf", filetypes.PDF) == "scan 1.pdf"
    assert filetypes.safe_filename('"; rm -rf', filetypes.PNG) == "rm -rf.png"
    assert filetypes.safe_filename("", filetypes.PNG) == "bijlage.png"
