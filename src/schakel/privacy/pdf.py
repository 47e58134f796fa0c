# SPDX-License-Identifier: EUPL-1.2
"""PDFs of the privacy officer: the inzage export and the answer letter.

Same approach as the conference minutes (:mod:`schakel.cases.pdf`): WeasyPrint with the small
print stylesheet of the minutes, never the design-system CSS (WeasyPrint 70 crashes on it).
"""

from __future__ import annotations

from django.template.loader import render_to_string

from schakel.cases.pdf import MINUTES_CSS


def render_pdf(template: str, context: dict) -> bytes:
    from weasyprint import CSS, HTML

    return HTML(string=render_to_string(template, context)).write_pdf(
        stylesheets=[CSS(string=MINUTES_CSS)])
