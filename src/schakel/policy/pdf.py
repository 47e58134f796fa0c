# SPDX-License-Identifier: EUPL-1.2
"""PDF exports of the policy cycle: the barrier-model diagram, the one-page BBA summary for the
college of B&W and the printable signal card.

The PDFs use their own print stylesheet (``pdf.css`` beside this module), never the NL Design
System CSS: WeasyPrint is pinned to 69.0 because 70.0 crashes on that CSS. WeasyPrint is
imported inside :func:`render_pdf` because it is slow to import and only exports need it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.template.loader import render_to_string

PDF_CSS = Path(__file__).resolve().parent / "pdf.css"


def render_html(template: str, context: dict[str, Any]) -> str:
    return render_to_string(template, context)


def render_pdf(template: str, context: dict[str, Any]) -> bytes:
    """Render ``template`` with ``context`` and return the PDF bytes."""
    from weasyprint import CSS, HTML

    return HTML(string=render_html(template, context)).write_pdf(
        stylesheets=[CSS(filename=str(PDF_CSS))])
