# SPDX-License-Identifier: EUPL-1.2
"""The council letter (raadsinformatiebrief) for one year, as tagged PDF and as Word file.

Content follows the recurring indicators of reporting-interop.md §1.4: signals and cases with
the trend over five years, exploitation form, reporter type, flow from signal to outcome, lead
times, the policy cycle (BBA self-assessment, barrier models, training) and a context line with
the national estimate. Every count goes through the public policy: suppressed ("<5", "x") and
rounded to 5; small categories folded into "other/unknown". Each table has its definition, and
the period, data date and suppression rule are printed, so a policy adviser can defend every
figure before the council and compare it with last year's letter.

The PDF is PDF/UA-1 (tagged, document language ``nl``) from WeasyPrint 69; the Word file is
built with python-docx because council letters are finished in Word.
"""

from __future__ import annotations

import base64
import datetime as dt
import io
from dataclasses import dataclass, field
from pathlib import Path

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from schakel.reporting import charts, figures
from schakel.reporting import suppression as sup
from schakel.reporting.services import ReportScope

LETTER_CSS = Path(__file__).resolve().parent / "letter.css"

# reporting-interop.md §1.2: NRM estimate (Multiple Systems Estimation) vs ~1,000 registered.
NATIONAL_CONTEXT = (
    "Ter vergelijking: de Nationaal Rapporteur Mensenhandel schat dat in Nederland elk jaar "
    "5.000 tot 7.500 mensen slachtoffer worden van mensenhandel, terwijl er jaarlijks ongeveer "
    "1.000 mogelijke slachtoffers bij CoMensha worden geregistreerd. Wat een gemeente ziet, is "
    "dus een klein deel van het werkelijke aantal."
)
NATIONAL_SOURCE = "Bron: Nationaal Rapporteur Mensenhandel en Seksueel Geweld tegen Kinderen."

LETTER_TABLES = ("signals_by_domain", "signals_by_source", "funnel", "cases_by_outcome")


@dataclass
class PolicyStatus:
    bba_in_place: int = 0
    bba_partly: int = 0
    bba_absent: int = 0
    bba_not_assessed: int = 0
    bba_total: int = 0
    models: list[tuple[str, list[tuple[str, str, str]]]] = field(default_factory=list)
    training_sessions: sup.Cell | None = None
    training_participants: sup.Cell | None = None
    training_coverage: int | None = None


@dataclass
class Letter:
    area: ReportScope
    year: int
    introduction: str
    report: figures.Report
    policy_status: PolicyStatus | None
    created_at: dt.datetime

    @property
    def title(self) -> str:
        return _("Raadsinformatiebrief aanpak mensenhandel %(year)s") % {"year": self.year}

    @property
    def period(self) -> str:
        return _("1 januari tot en met 31 december %(year)s") % {"year": self.year}

    @property
    def data_date(self) -> str:
        return date_format(timezone.localtime(self.report.data_date), "j F Y, H:i")

    @property
    def footnote(self) -> str:
        return self.report.footnote

    @property
    def tables(self) -> list[figures.Table]:
        return [self.report.table(name) for name in LETTER_TABLES]

    @property
    def trend(self) -> list[figures.Table]:
        return [self.report.table("signals_per_year"), self.report.table("cases_per_year")]

    @property
    def headline(self) -> list[tuple[str, str]]:
        funnel = self.report.table("funnel").rows
        return [(funnel[0].label, funnel[0].cell.display),
                (funnel[2].label, funnel[2].cell.display)]

    context = NATIONAL_CONTEXT
    context_source = NATIONAL_SOURCE


def _policy_status(area: ReportScope, year: int, policy: sup.Policy) -> PolicyStatus | None:
    """BBA, barrier models and training of the one municipality the letter is about."""
    if area.is_region:
        return None
    from schakel.policy import services as policy_services
    from schakel.policy.models import BarrierModel, TrainingSession, status_label

    municipality = area.municipalities[0]
    bba = policy_services.current_bba(municipality)
    totals = policy_services.status_totals(row.status for row in bba)
    status = PolicyStatus(
        bba_in_place=totals.get("in_place", 0), bba_partly=totals.get("partly", 0),
        bba_absent=totals.get("absent", 0), bba_not_assessed=totals.get("not_assessed", 0),
        bba_total=len(bba))
    for model in BarrierModel.objects.filter(active=True):
        rows = policy_services.model_overview(municipality, model)
        status.models.append((model.name, [
            (row.step.name, status_label(row.status),
             sup.protect_value(row.case_count, policy).display) for row in rows]))
    sessions = TrainingSession.objects.filter(municipality=municipality, held_on__year=year)
    status.training_sessions = sup.protect_value(sessions.count(), policy)
    status.training_participants = sup.protect_value(
        sum(s.participants for s in sessions), policy)
    status.training_coverage = policy_services.coverage_summary(
        policy_services.training_coverage(municipality))
    return status


def build_letter(area: ReportScope, year: int, introduction: str,
                 report: figures.Report) -> Letter:
    return Letter(area, year, introduction, report,
                  _policy_status(area, year, report.policy), timezone.now())


# --- PDF ----------------------------------------------------------------------------------------


def _svg_data_uri(table: figures.Table, width: int = 440) -> str:
    svg = charts.chart_svg(table, width)
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()


def render_pdf(letter: Letter) -> bytes:
    """Tagged PDF (PDF/UA-1), Dutch, charts as images with their text alternative."""
    from weasyprint import CSS, HTML

    chart_tables = [*letter.trend, letter.report.table("signals_by_domain")]
    charts_ctx = {t.name: {"src": _svg_data_uri(t), "alt": charts.text_alternative(t)}
                  for t in chart_tables}
    parts = [part.strip() for part in letter.introduction.split("\n\n") if part.strip()]
    html = render_to_string("reporting/letter.html", {"letter": letter, "charts": charts_ctx,
                                                      "intro_parts": parts})
    return HTML(string=html).write_pdf(stylesheets=[CSS(filename=str(LETTER_CSS))],
                                       pdf_variant="pdf/ua-1")


# --- Word -----------------------------------------------------------------------------------------


def _docx_table(document, table: figures.Table) -> None:
    document.add_heading(table.title, level=3)
    document.add_paragraph(table.definition)
    grid = document.add_table(rows=1, cols=2)
    grid.style = "Table Grid"
    header = grid.rows[0].cells
    header[0].text, header[1].text = table.category_label, _("Aantal")
    for row in table.rows:
        cells = grid.add_row().cells
        cells[0].text, cells[1].text = row.label, row.cell.display
    if table.total is not None:
        cells = grid.add_row().cells
        cells[0].text, cells[1].text = _("Totaal"), table.total.display


def _docx_chart(document, table: figures.Table) -> None:
    import vl_convert as vlc
    from docx.shared import Cm

    png = vlc.vegalite_to_png(charts.chart_spec(table, 440), scale=2)
    document.add_picture(io.BytesIO(png), width=Cm(15))
    # the text alternative as the picture's description (alt text in Word)
    inline = document.inline_shapes[-1]._inline
    inline.docPr.set("descr", charts.text_alternative(table))
    inline.docPr.set("title", table.title)


def render_docx(letter: Letter) -> bytes:
    """An editable Word file with the same content as the PDF."""
    from docx import Document
    from docx.oxml.ns import qn

    document = Document()
    styles = document.styles
    styles["Normal"].font.name = "Arial"
    # document language Dutch, for spelling and screen readers
    rpr = styles["Normal"].element.get_or_add_rPr()
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = rpr.makeelement(qn("w:lang"), {})
        rpr.append(lang)
    lang.set(qn("w:val"), "nl-NL")
    document.core_properties.title = letter.title
    document.core_properties.language = "nl-NL"
    document.add_heading(letter.title, level=0)
    document.add_paragraph(f"{_('Gemeente')}: {letter.area.label}")
    document.add_paragraph(f"{_('Periode')}: {letter.period}")
    document.add_paragraph(f"{_('Peildatum van de cijfers')}: {letter.data_date}")
    document.add_heading(_("Inleiding"), level=1)
    for part in letter.introduction.split("\n\n"):
        document.add_paragraph(part.strip())
    document.add_heading(_("Kerncijfers"), level=1)
    for label, value in letter.headline:
        document.add_paragraph(f"{label}: {value}", style="List Bullet")
    for table in letter.trend:
        _docx_table(document, table)
        _docx_chart(document, table)
    document.add_heading(_("Aard van de signalen en van de aanpak"), level=1)
    for table in letter.tables:
        _docx_table(document, table)
        if table.name == "signals_by_domain":
            _docx_chart(document, table)
    document.add_heading(_("Doorlooptijden"), level=1)
    for lead in letter.report.lead_times:
        median = lead.median_days or _("niet getoond (te weinig waarnemingen)")
        document.add_paragraph(
            f"{lead.title}: {_('mediaan')} {median} {_('dagen')} "
            f"({_('aantal waarnemingen')}: {lead.observations.display}). {lead.definition}",
            style="List Bullet")
    status = letter.policy_status
    if status is not None:
        document.add_heading(_("Beleid: basisniveau, barrières en training"), level=1)
        document.add_paragraph(_(
            "BBA-zelfevaluatie: %(in_place)s van de %(total)s onderdelen op orde, %(partly)s "
            "deels, %(absent)s ontbreken, %(open)s nog niet beoordeeld.") % {
                "in_place": status.bba_in_place, "total": status.bba_total,
                "partly": status.bba_partly, "absent": status.bba_absent,
                "open": status.bba_not_assessed})
        for name, steps in status.models:
            document.add_paragraph(f"{_('Barrièremodel')} {name}: " + "; ".join(
                f"{step} – {label} ({_('gesloten casussen')}: {count})"
                for step, label, count in steps))
        coverage = (f"{status.training_coverage}%" if status.training_coverage is not None
                    else _("onbekend"))
        document.add_paragraph(_(
            "Training in %(year)s: %(sessions)s bijeenkomsten met %(participants)s deelnemers; "
            "bereik bij medewerkers met een risicovolle taak: %(coverage)s.") % {
                "year": letter.year, "sessions": status.training_sessions.display,
                "participants": status.training_participants.display, "coverage": coverage})
    document.add_heading(_("Landelijke context"), level=1)
    document.add_paragraph(letter.context)
    document.add_paragraph(letter.context_source)
    document.add_heading(_("Verantwoording"), level=1)
    document.add_paragraph(letter.footnote)
    document.add_paragraph(_(
        "De cijfers komen uit Schakel, het registratiesysteem van de gemeente. Ze tellen wat "
        "is gemeld en opgepakt in de genoemde periode, op de peildatum. Latere wijzigingen "
        "(bijvoorbeeld een signaal dat nog wordt beoordeeld) kunnen kleine verschillen met "
        "eerdere rapportages geven."))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
