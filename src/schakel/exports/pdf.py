# SPDX-License-Identifier: EUPL-1.2
"""The CoMensha registration checklist for one possible victim, as PDF.

CoMensha has no upload API (reporting-interop.md §2.4), so the coordinator fills in CoMensha's
own form by hand. The checklist says which items CoMensha asks for, whether Schakel already has
them (present / not present, without the personal content: the paper may lie on a desk), the
consent status with the age rule, and a signature block for consent on paper.

Rendering reuses the policy PDFs' print stylesheet (:data:`schakel.policy.pdf.PDF_CSS`, never
the design-system CSS: WeasyPrint is pinned to 69.0) plus a few checklist styles in
``comensha.css`` beside this module.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from schakel.accounts.models import User
from schakel.audit import services as audit
from schakel.cases.models import Case
from schakel.exports import htcds, services
from schakel.exports.models import ConsentRecord, ExportLog
from schakel.signals.models import SignalSubject

OBLIGED_REPORTERS = frozenset({"politie", "kmar", "nla"})  # report without consent


@dataclass
class Item:
    label: str
    present: bool | None  # None: Schakel does not record this, ask or fill in
    value: str = ""  # shown only for facts that are not personal data
    hint: str = ""


def checklist_items(case: Case, subject: SignalSubject) -> list[Item]:
    """The items CoMensha asks for (reporting-interop.md §2.1 and §2.4), in our own words."""
    facts = services.case_facts([case])[0]
    first = case.signals.order_by("received_at").select_related("source_organisation").first()
    exploitation = [d.name for d in case.domains.filter(is_exploitation=True)]
    has_name = bool(subject.given_names or subject.surname)
    row = htcds.record_rows([facts])[0]
    sector = row["vic_TypeOfSexExploitation"] or row["vic_TypeOfLabourExploitation"]
    return [
        Item(_("Aanmeldende organisatie en contactpersoon"), True,
             f"{case.coordinator.organisation or ''} — {case.coordinator.display_name}",
             _("De aandachtsfunctionaris van de casus.")),
        Item(_("Regio van de aanmelding (politie-eenheid)"), None, case.municipality.region,
             _("Schakel kent de samenwerkingsregio; CoMensha vraagt de politie-eenheid.")),
        Item(_("Datum van het eerste signaal"), first is not None,
             f"{timezone.localtime(first.received_at):%d-%m-%Y}" if first else ""),
        Item(_("Vorm van uitbuiting"), bool(exploitation), ", ".join(exploitation)),
        Item(_("Sector of werkplek (bij arbeidsuitbuiting) of setting (bij seksuele "
               "uitbuiting)"), True if sector else None, sector,
             _("Alleen als een signaal uit de signalenkaart het noemt; anders invullen.")),
        Item(_("Naam van de persoon"), has_name, "",
             _("Nodig als u ook opvang of hulp vraagt.")),
        Item(_("Geslacht"), subject.sex not in ("", SignalSubject.Sex.UNKNOWN)),
        Item(_("Geboortedatum of leeftijd"),
             subject.birth_year is not None or subject.estimated_age is not None, "",
             _("Schakel kent een geboortejaar of geschatte leeftijd, geen geboortedatum.")),
        Item(_("Nationaliteit"), bool(subject.nationality.strip())),
        Item(_("Land van herkomst"), None, "",
             _("Vaak gelijk aan de nationaliteit; vraag het na.")),
        Item(_("Is er aangifte gedaan?"), None, "", _("Navragen bij de politie.")),
    ]


def checklist_context(case: Case, subject: SignalSubject) -> dict:
    consent = services.current_consent(subject)
    today = services.today()
    ages = services.age_range(subject, today)
    reporter_code = getattr(case.coordinator.organisation, "partner_code", "")
    return {
        "case": case,
        "subject_ref": services.pseudonym(subject),
        "items": checklist_items(case, subject),
        "consent": consent,
        "history": list(subject.consent_records.select_related("recorded_by")),
        "signatory": services.required_signatory(ages),
        "minor": ages is not None and ages[1] < 18,
        "consent_age": services.CONSENT_AGE,
        "obliged_reporter": reporter_code in OBLIGED_REPORTERS,
        "given": ConsentRecord.Status.GIVEN,
        "generated_at": timezone.localtime(),
    }


TEMPLATE = "exports/comensha_pdf.html"
CHECKLIST_CSS = Path(__file__).resolve().parent / "comensha.css"


def checklist_html(case: Case, subject: SignalSubject) -> str:
    from schakel.policy.pdf import render_html

    return render_html(TEMPLATE, checklist_context(case, subject))


def render_checklist(actor: User, case: Case, subject: SignalSubject, *,
                     request: HttpRequest | None = None) -> bytes:
    """The checklist as PDF bytes; logged as an export of one record of this case."""
    from weasyprint import CSS, HTML

    from schakel.policy.pdf import PDF_CSS

    content = HTML(string=checklist_html(case, subject)).write_pdf(
        stylesheets=[CSS(filename=str(PDF_CSS)), CSS(filename=str(CHECKLIST_CSS))])
    log = ExportLog.objects.create(
        kind=ExportLog.Kind.COMENSHA, file_format="pdf", purpose="comensha_registration",
        legal_basis=audit.DEFAULT_LEGAL_BASIS, record_count=1,
        case_references=[case.reference], actor=actor)
    audit.record(actor=actor, action="export", object_type="case",
                 object_refs=[f"export:{log.pk}", case.reference, subject.signal.reference],
                 request=request, purpose="comensha_registration")
    return content
