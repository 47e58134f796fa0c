# SPDX-License-Identifier: EUPL-1.2
"""Business actions of the exports app: export cases in HTCDS form, record a consent status,
produce the CoMensha registration checklist.

Each action checks scope, writes an :class:`~schakel.exports.models.ExportLog` (or consent)
row and one access-log event with purpose, legal basis and the case references, never content.
The mapping itself is pure Python in :mod:`schakel.exports.htcds` and
:mod:`schakel.exports.kanon`; this module only reads the database into their input.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from schakel import scope
from schakel.accounts.models import User
from schakel.audit import services as audit
from schakel.cases.models import Case
from schakel.catalog.models import LegalReference, Partner
from schakel.exports import htcds, kanon
from schakel.exports.models import ConsentRecord, ExportLog
from schakel.signals.models import SignalSubject

MIN_K = kanon.DEFAULT_K  # the de-identified export never uses a smaller k than CTDC
MAX_K = 100
CONSENT_AGE = 16  # from 16 the person signs; younger: a parent or guardian

# Purposes are a fixed list: they appear on the access log and in the export's metadata.
RECORD_PURPOSES = (
    ("comensha_registration", gettext_lazy("Aanmelding bij CoMensha")),
    ("care_coordination", gettext_lazy("Overdracht aan zorgcoördinatie of opvang")),
    ("chain_handover", gettext_lazy("Overdracht aan een ketenpartner (politie, OM, RIEC, ZVH)")),
    ("subject_access", gettext_lazy("Inzageverzoek van de betrokkene (AVG artikel 15)")),
)
DEIDENTIFIED_PURPOSES = (
    ("monitoring", gettext_lazy("Monitoring en beleid (gemeente, regio, Nationaal Rapporteur)")),
    ("research", gettext_lazy("Wetenschappelijk onderzoek")),
)
FORMATS = ("csv", "json")
CONTENT_TYPES = {"csv": "text/csv; charset=utf-8", "json": "application/json"}


@dataclass
class ExportFile:
    content: bytes
    filename: str
    content_type: str
    log: ExportLog


# --- reading the database ----------------------------------------------------------------------

def pseudonym(subject: SignalSubject) -> str:
    """A stable pseudonym for a person record: a keyed hash (the deployment's secret key) of
    its id. The same person gets the same pseudonym in every export; without the key the id
    cannot be recovered."""
    return "P-" + salted_hmac("schakel.exports.person", str(subject.pk)).hexdigest()[:12]


def _name_key(subject: SignalSubject) -> tuple | None:
    name = " ".join(p for p in (subject.given_names, subject.surname_prefix, subject.surname)
                    if p).strip().lower()
    return (re.sub(r"\s+", " ", name), subject.birth_year) if name else None


def age_of(subject: SignalSubject, on: dt.date | None = None) -> int | None:
    """Age on ``on`` (default: the day of the signal): from the birth year if known (the age
    reached in that year), else the reporter's estimate plus the years since the signal."""
    signal_day = timezone.localtime(subject.signal.received_at).date()
    on = on or signal_day
    if subject.birth_year:
        return max(0, on.year - subject.birth_year)
    if subject.estimated_age is not None:
        return subject.estimated_age + max(0, on.year - signal_day.year)
    return None


def age_range(subject: SignalSubject, on: dt.date) -> tuple[int, int] | None:
    """The youngest and oldest the person can be on ``on``: with only a birth year the
    birthday may still be ahead, so the age is one of two values."""
    age = age_of(subject, on)
    if age is None:
        return None
    return (max(0, age - 1), age) if subject.birth_year else (age, age)


def possible_victims(case: Case) -> list[SignalSubject]:
    """Persons named as possible victim on the case's signals, one per person: records with
    the same name and birth year in several signals count once (the first is kept)."""
    subjects = (SignalSubject.objects.filter(signal__case=case, kind=SignalSubject.Kind.PERSON,
                                             role=SignalSubject.Role.VICTIM)
                .select_related("signal").order_by("signal__received_at", "id"))
    return unique_persons(subjects)


def unique_persons(subjects: Iterable[SignalSubject]) -> list[SignalSubject]:
    """``subjects`` without repeats of a named person (same name and birth year); unnamed
    records are all kept, since nothing says they are the same person."""
    seen: set[tuple] = set()
    result = []
    for subject in subjects:
        key = _name_key(subject)
        if key is not None:
            if key in seen:
                continue
            seen.add(key)
        result.append(subject)
    return result


def case_facts(cases: Iterable[Case]) -> list[htcds.CaseFacts]:
    """The export input for each case, in reference order."""
    categories = dict(Partner.objects.values_list("code", "category"))
    facts = []
    for case in (Case.objects.filter(pk__in=[c.pk for c in cases])
                 .select_related("municipality", "outcome")
                 .prefetch_related("domains", "signals__indicators", "signals__domains",
                                   "signals__source_organisation", "signals__subjects",
                                   "referrals__organisation")
                 .order_by("reference")):
        signals = sorted(case.signals.all(), key=lambda s: (s.received_at, s.pk))
        named = [subject for signal in signals
                 for subject in sorted(signal.subjects.all(), key=lambda x: x.pk)
                 if subject.kind == SignalSubject.Kind.PERSON
                 and subject.role == SignalSubject.Role.VICTIM]
        first = signals[0] if signals else None
        domains = [d.code for d in case.domains.all()] or sorted(
            {d.code for s in signals for d in s.domains.all()})
        indicators = sorted({i.code for s in signals for i in s.indicators.all()})
        referrals = tuple(
            htcds.ReferralFacts(
                organisation=r.organisation.name,
                partner_category=categories.get(r.organisation.partner_code, ""),
                date=timezone.localtime(r.created_at).date(), status=r.status)
            for r in case.referrals.all())
        victims = tuple(
            htcds.PersonFacts(pseudonym=pseudonym(s), sex=s.sex, age=age_of(s),
                              birth_year=s.birth_year, nationality=s.nationality)
            for s in unique_persons(named))
        facts.append(htcds.CaseFacts(
            reference=case.reference, status=case.status,
            opened_on=timezone.localtime(case.opened_at).date(),
            closed_on=timezone.localtime(case.closed_at).date() if case.closed_at else None,
            outcome_code=case.outcome.code if case.outcome else "",
            municipality_code=case.municipality.cbs_code,
            municipality_name=case.municipality.name, region=case.municipality.region,
            domains=tuple(domains), indicators=tuple(indicators),
            incoming_organisation=first.source_organisation.name if first else "",
            incoming_date=timezone.localtime(first.received_at).date() if first else None,
            referrals=referrals, victims=victims))
    return facts


# --- files -------------------------------------------------------------------------------------

def _csv_safe(value: Any) -> Any:
    """Neutralise spreadsheet formulas: a text cell may not start with = + @ (CSV injection)."""
    if isinstance(value, str) and value[:1] in {"=", "+", "@"}:
        return "'" + value
    return "" if value is None else value


def to_csv(rows: Sequence[dict], fields: Sequence[str]) -> bytes:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(fields), lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({name: _csv_safe(row.get(name)) for name in fields})
    return buffer.getvalue().encode("utf-8")


def to_json(rows: Sequence[dict], metadata: dict) -> bytes:
    return json.dumps({**metadata, "records": list(rows)}, ensure_ascii=False, indent=1,
                      default=str).encode("utf-8")


# --- validation --------------------------------------------------------------------------------

def processing_bases():
    """Legal bases that can be chosen for sharing data (catalogue, ``is_processing_basis``)."""
    return LegalReference.objects.filter(active=True, is_processing_basis=True)


def _check_choices(variant: str, purpose: str, legal_basis: str, file_format: str,
                   k: int) -> None:
    errors: dict[str, str] = {}
    if variant not in {ExportLog.Kind.RECORD, ExportLog.Kind.DEIDENTIFIED}:
        errors["variant"] = _("Kies op persoonsniveau of geanonimiseerd.")
    purposes = dict(RECORD_PURPOSES if variant == ExportLog.Kind.RECORD
                    else DEIDENTIFIED_PURPOSES)
    if purpose not in purposes:
        errors["purpose"] = _("Kies een doel dat past bij deze soort export.")
    if variant == ExportLog.Kind.RECORD and not processing_bases().filter(
            code=legal_basis).exists():
        errors["legal_basis"] = _("Een export op persoonsniveau heeft een grondslag nodig.")
    if file_format not in FORMATS:
        errors["file_format"] = _("Kies CSV of JSON.")
    if variant == ExportLog.Kind.DEIDENTIFIED and not MIN_K <= k <= MAX_K:
        errors["k"] = _("k moet tussen %(min)s en %(max)s liggen.") % {"min": MIN_K,
                                                                       "max": MAX_K}
    if errors:
        raise ValidationError(errors)


# --- the actions -------------------------------------------------------------------------------

@transaction.atomic
def export_cases(actor: User, cases: Sequence[Case], *, variant: str, purpose: str,
                 legal_basis: str = "", file_format: str = "csv", k: int = MIN_K,
                 request: HttpRequest | None = None) -> ExportFile:
    """Export ``cases`` as HTCDS records, record-level or de-identified.

    Record-level: only cases the actor runs, with a purpose and a legal basis. De-identified:
    the cases of :func:`schakel.scope.deidentified_export_cases`, generalised to k-anonymity
    (k ≥ 11) and checked again before the file is produced.
    """
    _check_choices(variant, purpose, legal_basis, file_format, k)
    allowed = (scope.managed_cases(actor) if variant == ExportLog.Kind.RECORD
               else scope.deidentified_export_cases(actor))
    ids = {c.pk for c in cases}
    if not ids:
        raise ValidationError({"cases": _("Kies ten minste één casus.")})
    if allowed.filter(pk__in=ids).count() != len(ids):
        raise PermissionError("case outside the actor's export scope")
    facts = case_facts(cases)
    now = timezone.now()
    metadata: dict[str, Any] = {
        "standard": "IOM Human Trafficking Case Data Standard (HTCDS)",
        "extension_prefix": "sch_", "generated_at": now.isoformat(),
        "variant": variant, "purpose": purpose,
    }
    if variant == ExportLog.Kind.RECORD:
        rows = htcds.record_rows(facts)
        fields = htcds.RECORD_FIELDS
        report = {"unmapped_nationalities": htcds.unmapped_nationalities(facts)}
        metadata["legal_basis"] = legal_basis
    else:
        result = htcds.deidentified_rows(facts, k=k)
        rows, fields, report = result.rows, htcds.DEIDENTIFIED_FIELDS, result.report
        if not kanon.is_k_anonymous(rows, htcds.QUASI_IDENTIFIERS, k):
            raise RuntimeError("de-identified export is not k-anonymous")  # never published
        legal_basis = legal_basis or audit.DEFAULT_LEGAL_BASIS
    metadata["report"] = report
    references = [f.reference for f in facts]
    log = ExportLog.objects.create(
        kind=variant, file_format=file_format, purpose=purpose, legal_basis=legal_basis,
        record_count=len(rows), case_references=references, report=report, actor=actor, at=now)
    audit.record(actor=actor, action="export", object_type="case",
                 object_refs=[f"export:{log.pk}", *references], request=request,
                 purpose=purpose, legal_basis=legal_basis)
    content = (to_csv(rows, fields) if file_format == "csv" else to_json(rows, metadata))
    label = "persoonsniveau" if variant == ExportLog.Kind.RECORD else "geanonimiseerd"
    filename = f"htcds-{label}-{timezone.localdate(now):%Y%m%d}-{log.pk}.{file_format}"
    return ExportFile(content, filename, CONTENT_TYPES[file_format], log)


def today() -> dt.date:
    return timezone.localdate()


def current_consent(subject: SignalSubject) -> ConsentRecord | None:
    return subject.consent_records.order_by("recorded_at", "id").last()


def required_signatory(ages: tuple[int, int] | None) -> str:
    """Who signs a consent: the person from 16, a parent or guardian below 16; "" when the
    age is unknown or could be either side of 16 (the coordinator checks)."""
    if ages is None:
        return ""
    if ages[0] >= CONSENT_AGE:
        return "self"
    if ages[1] < CONSENT_AGE:
        return "parent_or_guardian"
    return ""


@transaction.atomic
def record_consent(actor: User, case: Case, subject: SignalSubject, *, status: str,
                   signatory: str = "", decided_on: dt.date | None = None,
                   explanation: str = "", request: HttpRequest | None = None
                   ) -> ConsentRecord:
    """Append a consent status for a possible victim. Given consent needs a date and the
    right signatory: the person from 16, a parent or guardian below 16 (age on that date)."""
    if not scope.can_manage_case(actor, case) or subject.signal.case_id != case.pk:
        raise PermissionError("actor may not record consent here")
    errors: dict[str, str] = {}
    if status not in ConsentRecord.Status.values:
        errors["status"] = _("Kies een status.")
    if status == ConsentRecord.Status.GIVEN:
        if decided_on is None:
            errors["decided_on"] = _("Vul de datum van de toestemming in.")
        elif decided_on > timezone.localdate():
            errors["decided_on"] = _("De datum kan niet in de toekomst liggen.")
        if signatory not in ConsentRecord.Signatory.values:
            errors["signatory"] = _("Kies wie de toestemming heeft ondertekend.")
        else:
            needed = required_signatory(age_range(subject, decided_on) if decided_on else None)
            if needed == "self" and signatory != ConsentRecord.Signatory.SELF:
                errors["signatory"] = _("Vanaf 16 jaar tekent de persoon zelf.")
            if needed == "parent_or_guardian" and signatory == ConsentRecord.Signatory.SELF:
                errors["signatory"] = _("Onder de 16 jaar tekent een ouder met gezag of "
                                        "de voogd.")
    elif signatory:
        errors["signatory"] = _("Alleen bij gegeven toestemming is er een ondertekenaar.")
    if errors:
        raise ValidationError(errors)
    record = ConsentRecord.objects.create(
        case=case, subject=subject, status=status, signatory=signatory,
        decided_on=decided_on, explanation=explanation.strip()[:300], recorded_by=actor)
    audit.record(actor=actor, action="update", object_type="consent",
                 object_refs=[case.reference, subject.signal.reference], request=request,
                 purpose="comensha_registration",
                 legal_basis="avg-6-1-a" if status == ConsentRecord.Status.GIVEN
                 else audit.DEFAULT_LEGAL_BASIS)
    return record
