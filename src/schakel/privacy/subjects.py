# SPDX-License-Identifier: EUPL-1.2
"""Subject rights: registering a request, finding the person, the export for an inzageverzoek
(AVG art. 15) and the erasure flow (art. 17) with its checks.

Finding a person: a :class:`~schakel.signals.models.SignalSubject` with the same given names
and surname (with or without prefix) and, when given, birth year; or, with a BSN, signals whose
texts contain it. Names, birth years and texts are encrypted, so both searches go through keyed
hashes (the subjects' name hashes and the inbox's blind word index); subjects store no BSN.
Names that occur only in free text are listed separately as *possible mentions* for the
privacy officer to judge by hand: they are not erased automatically.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from stdnum.nl import bsn as bsn_number

from schakel import scope
from schakel.audit import services as audit
from schakel.core.models import ReferenceSequence
from schakel.privacy import anonymise, rules
from schakel.privacy.models import LegalHold, RetentionRun, SubjectRequest
from schakel.privacy.retention import months_for
from schakel.signals import search
from schakel.signals.models import normalise_name

PURPOSE = "subject-access-request"


def register_request(actor, *, kind: str, municipality, received_on: dt.date, requester: str,
                     given_names: str, surname: str, birth_year: int | None = None,
                     bsn: str = "", request=None) -> SubjectRequest:
    subject_request = SubjectRequest.objects.create(
        number=ReferenceSequence.next_reference("AVG", timezone.localdate().year, 4),
        kind=kind, municipality=municipality, received_on=received_on, requester=requester,
        given_names=given_names.strip(), surname=surname.strip(), birth_year=birth_year,
        bsn=bsn_number.compact(bsn) if bsn else "", registered_by=actor)
    audit.record(actor=actor, action="create", object_type="subject_request",
                 object_refs=[subject_request.number], request=request, purpose=PURPOSE)
    return subject_request


# --- finding the person ---------------------------------------------------------------------

@dataclass
class Findings:
    subjects: list = field(default_factory=list)       # SignalSubject rows of this person
    signals: list = field(default_factory=list)        # their signals
    cases: list = field(default_factory=list)          # cases those signals are in
    mentions: list = field(default_factory=list)       # other signals naming them in free text

    @property
    def references(self) -> list[str]:
        return [s.reference for s in self.signals] + [c.reference for c in self.cases]


def find(actor, subject_request: SubjectRequest, signals=None) -> Findings:
    """Everything this deployment holds about the request's person, within the officer's
    scope (the request's municipality); ``signals`` narrows the search for another role (the
    confirming coordinator searches their own inbox)."""
    from schakel.signals.models import SignalSubject

    if signals is None:
        signals = scope.subject_request_signals(actor, subject_request.municipality)
    subjects = (SignalSubject.objects
                .filter(search.person_named(subject_request.given_names, subject_request.surname),
                        signal__in=signals, kind=SignalSubject.Kind.PERSON)
                .select_related("signal", "signal__case").order_by("signal_id"))
    subject_list = [s for s in subjects if not subject_request.birth_year
                    or s.birth_year in (None, subject_request.birth_year)]
    signal_ids = {s.signal_id for s in subject_list}
    if subject_request.bsn:
        signal_ids |= set(search.matching(signals, subject_request.bsn)
                          .values_list("pk", flat=True))
    found = list(signals.filter(pk__in=signal_ids).select_related("case").order_by("reference"))
    cases = sorted({s.case for s in found if s.case_id}, key=lambda c: c.reference)
    full_name = f"{subject_request.given_names} {subject_request.surname}".strip()
    mentions = _mentioned_in_text(signals.exclude(pk__in=signal_ids), full_name) \
        if len(full_name) >= 5 else []
    return Findings(subject_list, found, cases, mentions)


def _mentioned_in_text(signals, full_name: str) -> list:
    """Signals whose description holds the full name: the blind index finds those with all
    its words, the decrypted text confirms they stand together."""
    wanted = normalise_name(full_name)
    return [signal for signal in search.matching(signals, full_name).order_by("reference")
            if wanted in normalise_name(signal.description)]


# --- the export (inzage) ----------------------------------------------------------------------

def export_data(findings: Findings, subject_request: SubjectRequest) -> dict:
    """The content of the export, as plain data for JSON and the PDF. Attachments are listed
    (name, type, date), their content is handed over separately on request."""
    return {
        "request": {"number": subject_request.number, "kind": subject_request.kind,
                    "received_on": subject_request.received_on.isoformat(),
                    "municipality": subject_request.municipality.name},
        "generated_at": timezone.localtime().isoformat(),
        "person": [_subject_data(s) for s in findings.subjects],
        "signals": [_signal_data(s, findings) for s in findings.signals],
        "cases": [_case_data(c) for c in findings.cases],
        "possible_mentions": [s.reference for s in findings.mentions],
        "note": ("Controleer vóór verzending op gegevens van anderen (art. 15 lid 4 AVG). "
                 "Wie deze gegevens heeft ingezien staat in het rapport 'Wie zag deze persoon' "
                 "van het toegangslogboek."),
    }


def _subject_data(subject) -> dict:
    return {"signal": subject.signal.reference, "role": subject.get_role_display(),
            "given_names": subject.given_names, "surname_prefix": subject.surname_prefix,
            "surname": subject.surname, "birth_year": subject.birth_year,
            "estimated_age": subject.estimated_age, "sex": subject.get_sex_display(),
            "nationality": subject.nationality, "description": subject.description}


def _signal_data(signal, findings: Findings) -> dict:
    return {
        "reference": signal.reference, "received_at": signal.received_at.isoformat(),
        "status": signal.get_status_display(), "municipality": signal.municipality.name,
        "source_organisation": signal.source_organisation.name,
        "description": signal.description, "observed_on": str(signal.observed_on or ""),
        "location": " ".join(filter(None, [signal.address_label, signal.location_description])),
        "domains": [d.name for d in signal.domains.all()],
        "history": [{"at": c.at.isoformat(), "status": c.get_to_status_display(),
                     "reason": c.reason.name if c.reason else "",
                     "explanation": c.explanation} for c in signal.status_changes.all()],
        "notes": [{"at": n.at.isoformat(), "text": n.text} for n in signal.notes.all()],
        "attachments": _attachments(signal.attachments.all()),
        "case": signal.case.reference if signal.case_id else "",
    }


def _attachments(rows) -> list[dict]:
    return [{"name": a.original_name, "type": a.content_type,
             "uploaded_at": a.uploaded_at.isoformat()} for a in rows if not a.is_removed]


def _case_data(case) -> dict:
    return {
        "reference": case.reference, "title": case.title, "status": case.get_status_display(),
        "opened_at": case.opened_at.isoformat(),
        "closed_at": case.closed_at.isoformat() if case.closed_at else "",
        "timeline": [{"at": e.at.isoformat(), "kind": e.get_kind_display(), "text": e.text}
                     for e in case.events.all()],
        # AVG art. 15(1)(c): to whom the data were given
        "recipients": [{"organisation": r.organisation.name, "status": r.get_status_display(),
                        "legal_basis": r.legal_basis.name if r.legal_basis else "",
                        "consent": r.get_consent_display(), "shared": r.shared_fields,
                        "at": r.created_at.isoformat()}
                       for r in case.referrals.select_related("organisation", "legal_basis")],
        "decisions": [{"text": d.text, "owner": d.owner.name, "due_on": str(d.due_on)}
                      for d in case.decisions.select_related("owner")],
        "attachments": _attachments(case.attachments.all()),
    }


def log_export(actor, subject_request: SubjectRequest, findings: Findings, fmt: str,
               request=None) -> None:
    audit.record(actor=actor, action="export", object_type="subject_request",
                 object_refs=[subject_request.number, *findings.references], request=request,
                 purpose=PURPOSE)


# --- erasure ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class Blocker:
    reference: str
    reason: str  # Dutch, goes into the answer letter


def erasure_blockers(findings: Findings, now: dt.datetime | None = None) -> list[Blocker]:
    """Why the data cannot be erased now (AVG art. 17(3)(b): needed for the public task or a
    legal obligation): an open signal or case, a legal hold, or a closed case still within
    its retention period."""
    from schakel.cases.models import CaseStatus

    now = now or timezone.now()
    held = set(LegalHold.objects.filter(lifted_at__isnull=True).values_list("reference",
                                                                            flat=True))
    blockers: list[Blocker] = []
    for signal in findings.signals:
        if signal.is_open:
            blockers.append(Blocker(signal.reference, "het signaal wordt nog beoordeeld"))
        if signal.reference in held:
            blockers.append(Blocker(signal.reference, "er rust een bewaarplicht op"))
    for case in findings.cases:
        if case.status != CaseStatus.CLOSED:
            blockers.append(Blocker(case.reference, "de casus loopt nog"))
        elif case.reference in held:
            blockers.append(Blocker(case.reference, "er rust een bewaarplicht op"))
        else:
            months = months_for(rules.CASE_CLOSED, case.municipality_id)
            if case.closed_at and case.closed_at > rules.cutoff(now, months):
                blockers.append(Blocker(case.reference, f"de wettelijke bewaartermijn van "
                                        f"{months} maanden na sluiten loopt nog"))
    return blockers


def refuse(actor, subject_request: SubjectRequest, reason: str, request=None) -> None:
    _decide(actor, subject_request, SubjectRequest.Status.REFUSED, reason, request)


def answer_access(actor, subject_request: SubjectRequest, request=None) -> None:
    _decide(actor, subject_request, SubjectRequest.Status.ANSWERED, "", request)


def _decide(actor, subject_request, status, reason, request, references=()) -> None:
    # the BSN was only needed to search; it is not kept once the request is decided
    SubjectRequest.objects.filter(pk=subject_request.pk).update(
        status=status, decision_reason=reason, decided_by=actor, decided_at=timezone.now(),
        found_references=list(references) or subject_request.found_references, bsn="")
    audit.record(actor=actor, action="update", object_type="subject_request",
                 object_refs=[subject_request.number, *references], request=request,
                 purpose=PURPOSE)
    subject_request.refresh_from_db()


class ErasureBlocked(Exception):
    def __init__(self, blockers: list[Blocker]):
        super().__init__("erasure blocked")
        self.blockers = blockers


@transaction.atomic
def carry_out_erasure(actor, subject_request: SubjectRequest, request=None) -> int:
    """Erase the person from every signal where they are a subject; refuse (raise
    :class:`ErasureBlocked`) while anything blocks. Returns the number of subjects erased."""
    findings = find(actor, subject_request)
    blockers = erasure_blockers(findings) + confirmation_blockers(actor, subject_request)
    if blockers:
        raise ErasureBlocked(blockers)
    run = RetentionRun.objects.create(run_id=subject_request.number,
                                      actor_label=actor.get_username(),
                                      counts={"signal_subject": len(findings.subjects)})
    pattern = anonymise.name_pattern(_names(findings))
    rule = f"verzoek {subject_request.number}"
    for subject in findings.subjects:
        anonymise.scrub_subject(subject, pattern, run_id=run.run_id, rule=rule, actor=actor)
    _decide(actor, subject_request, SubjectRequest.Status.CARRIED_OUT,
            f"{len(findings.subjects)} vermelding(en) geanonimiseerd.", request,
            references=findings.references)
    return len(findings.subjects)


def _names(findings: Findings) -> list[str]:
    names = []
    for subject in findings.subjects:
        surname = " ".join(filter(None, [subject.surname_prefix, subject.surname]))
        names.append(f"{subject.given_names} {surname}")
    return names


# --- four eyes -----------------------------------------------------------------------------

def confirmation_blockers(actor, subject_request: SubjectRequest) -> list[Blocker]:
    """An erasure needs a coordinator's confirmation first, by someone other than the person
    who carries it out."""
    if subject_request.confirmed_by_id is None:
        return [Blocker(subject_request.number, "nog niet bevestigd door een "
                                                "aandachtsfunctionaris (vier ogen)")]
    if subject_request.confirmed_by_id == getattr(actor, "pk", None):
        return [Blocker(subject_request.number, "bevestigd door dezelfde persoon die uitvoert")]
    return []


def confirm_erasure(actor, subject_request: SubjectRequest, note: str, request=None) -> None:
    """The coordinator's confirmation: no work in or outside Schakel still needs the data."""
    SubjectRequest.objects.filter(pk=subject_request.pk).update(
        confirmed_by=actor, confirmed_at=timezone.now(), confirmation_note=note.strip())
    audit.record(actor=actor, action="update", object_type="subject_request",
                 object_refs=[subject_request.number], request=request, purpose=PURPOSE)
    subject_request.refresh_from_db()
