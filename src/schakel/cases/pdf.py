# SPDX-License-Identifier: EUPL-1.2
"""The minutes (verslag) of a case conference as PDF, with no more personal data than needed.

The minutes travel: they are printed, mailed and filed by partners. So they hold only what the
partners must act on: the conference, the organisations present, and per agenda case its
reference, title and the decisions with owner and deadline. No signal text, no names of the
people involved, no names of participants (their organisations suffice).

WeasyPrint is pinned to 69.0 (70.0 crashes on the NL Design System CSS); the minutes use their
own small print stylesheet and never the design-system CSS.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils import timezone

from schakel.accounts.models import Organisation
from schakel.cases.models import Conference, Decision

MINUTES_CSS = """
@page { size: A4; margin: 2cm 2cm 2.2cm;
        @bottom-right { content: counter(page) " / " counter(pages); font-size: 9pt; } }
body { font-family: sans-serif; font-size: 10.5pt; line-height: 1.4; color: #1a1a1a; }
h1 { font-size: 17pt; margin: 0 0 .2cm; }
h2 { font-size: 13pt; margin: .8cm 0 .2cm; border-bottom: 1px solid #888; }
.meta { color: #444; }
.confidential { border: 1px solid #b3261e; color: #7a1712; padding: .15cm .3cm; font-weight: bold; }
table { width: 100%; border-collapse: collapse; margin-top: .2cm; }
th, td { text-align: left; vertical-align: top; border-bottom: 1px solid #ccc;
         padding: .12cm .2cm; }
th { font-size: 9.5pt; }
"""


@dataclass
class AgendaEntry:
    reference: str
    title: str
    decisions: list[Decision]


def participant_organisations(conference: Conference) -> list[str]:
    """The organisations that were invited or sent a participant, by name."""
    ids = set(conference.organisations.values_list("pk", flat=True))
    ids |= set(conference.participants.exclude(user__organisation__isnull=True)
               .values_list("user__organisation", flat=True))
    return list(Organisation.objects.filter(pk__in=ids).order_by("name")
                .values_list("name", flat=True))


def agenda_entries(conference: Conference) -> list[AgendaEntry]:
    entries = []
    for item in conference.agenda.select_related("case"):
        decisions = list(conference.decisions.filter(case=item.case).select_related("owner"))
        entries.append(AgendaEntry(item.case.reference, item.case.title, decisions))
    return entries


def minutes_html(conference: Conference) -> str:
    return render_to_string("cases/minutes_pdf.html", {
        "conference": conference,
        "organisations": participant_organisations(conference),
        "entries": agenda_entries(conference),
        "generated_at": timezone.localtime(),
    })


def render_minutes(conference: Conference) -> bytes:
    """The minutes as PDF bytes. WeasyPrint is imported here: it is slow to import and only
    this export needs it."""
    from weasyprint import CSS, HTML

    return HTML(string=minutes_html(conference)).write_pdf(
        stylesheets=[CSS(string=MINUTES_CSS)])
