# SPDX-License-Identifier: EUPL-1.2
"""One service function per business action in casework.

Each validates against :mod:`schakel.cases.workflow`, appends to the case timeline, writes the
access-log event and leaves everything else unchanged. Views, API, demo and admin call these;
nothing else saves a case, referral, intervention, conference or decision.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from schakel import scope
from schakel.accounts.models import Organisation, User
from schakel.audit import services as audit
from schakel.cases import workflow
from schakel.cases.models import (
    Assessment,
    Case,
    CaseEvent,
    CaseStatus,
    Conference,
    Decision,
    Intervention,
    Participant,
    Referral,
    ReferralEvent,
)
from schakel.catalog.models import Domain, InterventionType, LegalReference, Reason
from schakel.core.models import ReferenceSequence
from schakel.signals import services as signal_services
from schakel.signals.models import Signal, SignalStatus

# What a coordinator can choose to share with a partner (data minimisation). The partner sees
# only the chosen parts of the case.
SHAREABLE_FIELDS = {  # labels are lazy: shown in the language of the request
    "summary": gettext_lazy("titel, domeinen en status van de casus"),
    "signals": gettext_lazy("tekst van de gekoppelde signalen"),
    "addresses": gettext_lazy("adressen"),
    "persons": gettext_lazy("personen (namen, leeftijd, rol)"),
    "organisations": gettext_lazy("bedrijven en KvK-nummers"),
    "vehicles": gettext_lazy("kentekens"),
    "phones": gettext_lazy("telefoonnummers"),
    "assessment": gettext_lazy("juridische weging (art. 273f Sr)"),
}
BARRIER_PHASE_CODES = ("entry", "identity", "housing", "work", "finances")


class ConcurrentEditError(RuntimeError):
    """The case changed since the user loaded it; their change was not saved."""


def _require_manager(actor: User, case: Case) -> None:
    if not scope.can_manage_case(actor, case):
        raise PermissionError("actor does not run this case")


def _event(case: Case, actor: User, kind: str, text: str = "", **fields) -> CaseEvent:
    return CaseEvent.objects.create(case=case, actor=actor, kind=kind, text=text,
                                    at=fields.pop("at", None) or timezone.now(), **fields)


def _log(actor: User, request: HttpRequest | None, refs: list[str], purpose: str,
         action: str = "update") -> None:
    audit.record(actor=actor, action=action, object_type="case", object_refs=refs,
                 request=request, purpose=purpose)


# --- assessment and triage ----------------------------------------------------------------------

@dataclass
class AssessmentInput:
    act: str = workflow.UNKNOWN
    act_note: str = ""
    means: str = workflow.UNKNOWN
    means_note: str = ""
    purpose: str = workflow.UNKNOWN
    purpose_note: str = ""
    minor_victim: bool = False
    smuggling: bool = False


def record_assessment(actor: User, data: AssessmentInput, *, signal: Signal | None = None,
                      case: Case | None = None) -> Assessment:
    """Store a new version of the art. 273f assessment; for a minor the means element is
    recorded as not required, whatever was entered."""
    for value in (data.act, data.means, data.purpose):
        if value not in workflow.ELEMENT_VALUES:
            raise ValidationError({"assessment": _("Onbekende waarde %(v)s") % {"v": value}})
    means = workflow.NOT_REQUIRED if data.minor_victim else data.means
    assessment = Assessment.objects.create(
        signal=signal, case=case, actor=actor, act=data.act, act_note=data.act_note,
        means=means, means_note=data.means_note, purpose=data.purpose,
        purpose_note=data.purpose_note, minor_victim=data.minor_victim,
        smuggling=data.smuggling,
    )
    if case is not None:
        _event(case, actor, CaseEvent.Kind.ASSESSMENT, _assessment_text(assessment))
    return assessment


def _assessment_text(assessment: Assessment) -> str:
    labels = dict(Assessment.Element.choices)
    return (f"{_('handeling')}: {labels[assessment.act]}, {_('middel')}: "
            f"{labels[assessment.means]}, {_('oogmerk')}: {labels[assessment.purpose]}")


@dataclass
class TriageDecision:
    decision: str  # no_follow_up | forward | open_case | add_to_case
    domains: list[str] | None = None
    reason: str = ""  # no-follow-up reason code, or the explanation for the other decisions
    forward_to: Organisation | None = None
    case: Case | None = None  # for add_to_case
    title: str = ""
    priority: str = "normal"
    assessment: AssessmentInput | None = None


DECISIONS = ("no_follow_up", "forward", "open_case", "add_to_case")


@transaction.atomic
def triage_signal(signal: Signal, actor: User, decision: TriageDecision,
                  request: HttpRequest | None = None) -> Case | None:
    """The coordinator's decision on a signal. Returns the case opened or joined, if any.

    A smuggling finding leaves the trafficking track: it can be forwarded (police, KMar) or
    closed with a reason, never turned into a trafficking case."""
    if not scope.can_triage(actor, signal):
        raise PermissionError("actor may not triage this signal")
    if decision.decision not in DECISIONS:
        raise ValidationError({"decision": _("Onbekend besluit.")})
    if decision.domains is not None:
        _set_signal_domains(signal, decision.domains)
    assessment = None
    if decision.assessment is not None:
        assessment = record_assessment(actor, decision.assessment, signal=signal)
        if assessment.smuggling and decision.decision in {"open_case", "add_to_case"}:
            raise ValidationError({"decision": _(
                "Mensensmokkel is geen mensenhandel: zet het signaal door naar politie of KMar "
                "of sluit het af met een reden.")})
    if signal.status == SignalStatus.RECEIVED and decision.decision in {"no_follow_up"}:
        signal_services.move_signal(signal, actor, SignalStatus.IN_TRIAGE, request=request)
        signal.refresh_from_db()
    return _apply_decision(signal, actor, decision, assessment, request)


def _set_signal_domains(signal: Signal, codes: list[str]) -> None:
    domains = list(Domain.objects.filter(code__in=codes, active=True))
    unknown = set(codes) - {d.code for d in domains}
    if unknown:
        raise ValidationError({"domains": _("Onbekende domeinen: %(c)s")
                               % {"c": ", ".join(sorted(unknown))}})
    signal.domains.set(domains)


def _apply_decision(signal, actor, decision, assessment, request) -> Case | None:
    if decision.decision == "no_follow_up":
        signal_services.move_signal(signal, actor, SignalStatus.NO_FOLLOW_UP,
                                    reason_code=decision.reason, request=request)
        return None
    if decision.decision == "forward":
        signal_services.move_signal(signal, actor, SignalStatus.FORWARDED,
                                    forwarded_to=decision.forward_to,
                                    explanation=decision.reason, request=request)
        return None
    if decision.decision == "open_case":
        case = open_case(actor, signal, title=decision.title, priority=decision.priority,
                         request=request)
    else:
        if decision.case is None:
            raise ValidationError({"case": _("Kies de casus waaraan het signaal wordt "
                                             "toegevoegd.")})
        case = decision.case
        add_signal_to_case(case, signal, actor, request=request)
    if assessment is not None:
        assessment.case = case
        assessment.save(update_fields=["case"])
        _event(case, actor, CaseEvent.Kind.ASSESSMENT, _assessment_text(assessment))
    if decision.reason.strip():
        _event(case, actor, CaseEvent.Kind.NOTE,
               f"{_('Beoordeling')} {signal.reference}: {decision.reason.strip()}")
    return case


# --- cases --------------------------------------------------------------------------------------

@transaction.atomic
def open_case(actor: User, signal: Signal, *, title: str, priority: str = "normal",
              request: HttpRequest | None = None, at: dt.datetime | None = None) -> Case:
    """Open a case from a signal (a case always starts from at least one signal)."""
    if not scope.can_manage_cases(actor) or not scope.can_triage(actor, signal):
        raise PermissionError("actor may not open cases here")
    if not title.strip():
        raise ValidationError({"title": _("Geef de casus een titel zonder namen of adressen.")})
    at = at or timezone.now()
    case = Case.objects.create(
        reference=ReferenceSequence.next_reference("CAS", timezone.localdate(at).year, 4),
        title=title.strip(), municipality=signal.municipality, coordinator=actor,
        priority=priority, opened_at=at,
    )
    _event(case, actor, CaseEvent.Kind.OPENED, at=at, to_status=CaseStatus.OPEN)
    _link_signal(case, signal, actor, request, at)
    _log(actor, request, [case.reference, signal.reference], "case_management", "create")
    return case


def _link_signal(case: Case, signal: Signal, actor: User, request, at=None) -> None:
    if signal.municipality_id != case.municipality_id:
        raise ValidationError({"case": _("Signaal en casus horen bij verschillende gemeenten.")})
    signal_services.move_signal(signal, actor, SignalStatus.LINKED, case=case, request=request,
                                at=at)
    case.domains.add(*signal.domains.all())
    _event(case, actor, CaseEvent.Kind.SIGNAL_ADDED, related_ref=signal.reference, at=at)


@transaction.atomic
def add_signal_to_case(case: Case, signal: Signal, actor: User,
                       request: HttpRequest | None = None) -> Case:
    _require_manager(actor, case)
    if case.is_closed:
        raise ValidationError({"case": _("Deze casus is gesloten; heropen hem eerst.")})
    _link_signal(case, signal, actor, request)
    _log(actor, request, [case.reference, signal.reference], "case_management")
    return case


@transaction.atomic
def update_case(case: Case, actor: User, *, expected_version: int, title: str | None = None,
                priority: str | None = None, domains: list[str] | None = None,
                request: HttpRequest | None = None) -> Case:
    """Change the case's title, priority or domains, refusing if someone else changed the case
    since ``expected_version`` was read (optimistic locking)."""
    _require_manager(actor, case)
    _bump_version(case, expected_version)
    changes = []
    if title is not None and title.strip() != case.title:
        case.title = title.strip()
        changes.append(_("titel"))
    if priority is not None and priority != case.priority:
        case.priority = priority
        changes.append(_("prioriteit"))
    case.save(update_fields=["title", "priority"])
    if domains is not None and set(domains) != set(case.domains.values_list("code", flat=True)):
        case.domains.set(Domain.objects.filter(code__in=domains))
        changes.append(_("domeinen"))
    _event(case, actor, CaseEvent.Kind.EDITED, ", ".join(str(c) for c in changes))
    _log(actor, request, [case.reference], "case_management")
    return case


def _bump_version(case: Case, expected_version: int) -> None:
    updated = Case.objects.filter(pk=case.pk, version=expected_version).update(
        version=F("version") + 1)
    if not updated:
        raise ConcurrentEditError(case.reference)
    case.version = expected_version + 1


@transaction.atomic
def move_case(case: Case, actor: User, to_status: str, *, reason: str,
              outcome_code: str = "", summary: str = "", barrier_phases: list[str] | None = None,
              expected_version: int | None = None, request: HttpRequest | None = None,
              at: dt.datetime | None = None) -> Case:
    """The one doorway for case status changes, checked against the transition table.
    Closing needs an outcome from the catalogue; reopening goes back to analysis."""
    _require_manager(actor, case)
    case = Case.objects.select_for_update().get(pk=case.pk)
    workflow.check_case_move(case.status, to_status)
    if not reason.strip():
        raise ValidationError({"reason": _("Geef een reden voor deze stap.")})
    if expected_version is not None:
        _bump_version(case, expected_version)
    else:
        Case.objects.filter(pk=case.pk).update(version=F("version") + 1)
    at = at or timezone.now()
    if to_status == CaseStatus.CLOSED:
        _close_fields(case, outcome_code, summary, barrier_phases or [], at)
    elif case.status == CaseStatus.CLOSED:
        case.closed_at = None
    _event(case, actor, CaseEvent.Kind.STATUS, reason.strip(), from_status=case.status,
           to_status=to_status, at=at)
    case.status = to_status
    case.save(update_fields=["status", "outcome", "closing_summary", "barrier_phases",
                             "closed_at"])
    case.refresh_from_db(fields=["version"])
    _log(actor, request, [case.reference], "case_management")
    return case


def _close_fields(case: Case, outcome_code: str, summary: str, phases: list[str], at) -> None:
    outcome = Reason.objects.filter(code=outcome_code, kind=Reason.Kind.CASE_OUTCOME,
                                    active=True).first()
    if outcome is None:
        raise ValidationError({"outcome": _("Kies een uitkomst uit de lijst.")})
    unknown = set(phases) - set(BARRIER_PHASE_CODES)
    if unknown:
        raise ValidationError({"barrier_phases": _("Onbekende fase.")})
    case.outcome = outcome
    case.closing_summary = summary.strip()
    case.barrier_phases = list(phases)
    case.closed_at = at


def add_case_note(case: Case, actor: User, text: str,
                  request: HttpRequest | None = None) -> CaseEvent:
    _require_manager(actor, case)
    if not text.strip():
        raise ValidationError({"text": _("Een lege notitie kan niet worden opgeslagen.")})
    event = _event(case, actor, CaseEvent.Kind.NOTE, text.strip())
    _log(actor, request, [case.reference], "case_management")
    return event


# --- referrals ----------------------------------------------------------------------------------

@dataclass
class ReferralInput:
    organisation: Organisation
    reason: str
    due_on: dt.date
    legal_basis_code: str = ""
    consent: str = Referral.Consent.UNKNOWN
    shared_fields: list[str] | None = None


@transaction.atomic
def refer(case: Case, actor: User, data: ReferralInput, *, decision: Decision | None = None,
          request: HttpRequest | None = None) -> Referral:
    """Refer the case to a partner. Sharing needs a legal basis from the catalogue, or consent
    that was given or is not needed; only the chosen fields are shared."""
    _require_manager(actor, case)
    legal_basis = None
    if data.legal_basis_code:
        legal_basis = LegalReference.objects.filter(code=data.legal_basis_code,
                                                    active=True).first()
        if legal_basis is None:
            raise ValidationError({"legal_basis": _("Onbekende grondslag.")})
    if legal_basis is None and data.consent not in {Referral.Consent.GIVEN,
                                                    Referral.Consent.NOT_NEEDED}:
        raise ValidationError({"legal_basis": _(
            "Kies een grondslag, of leg vast dat toestemming is gegeven of niet nodig is.")})
    fields = list(dict.fromkeys(data.shared_fields or ["summary"]))
    unknown = set(fields) - set(SHAREABLE_FIELDS)
    if unknown:
        raise ValidationError({"shared_fields": _("Onbekende velden: %(f)s")
                               % {"f": ", ".join(sorted(unknown))}})
    if not data.reason.strip():
        raise ValidationError({"reason": _("Schrijf waarom u doorverwijst.")})
    referral = Referral.objects.create(
        case=case, organisation=data.organisation, legal_basis=legal_basis,
        consent=data.consent, shared_fields=fields, reason=data.reason.strip(),
        due_on=data.due_on, created_by=actor, decision=decision,
    )
    ReferralEvent.objects.create(referral=referral, to_status=referral.status, actor=actor)
    _event(case, actor, CaseEvent.Kind.REFERRAL,
           _("Doorverwezen naar %(org)s") % {"org": data.organisation.name},
           related_ref=f"referral:{referral.pk}")
    _log(actor, request, [case.reference, f"referral:{referral.pk}"], "referral", "create")
    return referral


@transaction.atomic
def respond_to_referral(referral: Referral, actor: User, to_status: str, text: str = "",
                        request: HttpRequest | None = None) -> Referral:
    """The receiving partner accepts, rejects (with a reason) or reports back (done); the
    coordinator may revoke. Each step is appended to the referral's and the case's history."""
    referral = Referral.objects.select_for_update().get(pk=referral.pk)
    side = _referral_side(actor, referral)
    workflow.check_referral_move(referral.status, to_status, side)
    if to_status in {workflow.REJECTED, workflow.REVOKED} and not text.strip():
        raise ValidationError({"feedback": _("Geef een reden.")})
    ReferralEvent.objects.create(referral=referral, from_status=referral.status,
                                 to_status=to_status, text=text.strip(), actor=actor)
    referral.status = to_status
    if to_status == workflow.REJECTED:
        referral.response_reason = text.strip()
    elif to_status == workflow.DONE:
        referral.feedback = text.strip()
    referral.responded_at = timezone.now()
    referral.save(update_fields=["status", "response_reason", "feedback", "responded_at"])
    labels = dict(Referral.Status.choices)
    _event(referral.case, actor, CaseEvent.Kind.REFERRAL,
           f"{referral.organisation.name}: {labels[to_status]}"
           + (f" — {text.strip()}" if text.strip() else ""),
           related_ref=f"referral:{referral.pk}")
    audit.record(actor=actor, action="update", object_type="referral",
                 object_refs=[f"referral:{referral.pk}"], request=request, purpose="referral")
    return referral


def _referral_side(actor: User, referral: Referral) -> str:
    if scope.is_receiving_partner(actor, referral):
        return "partner"
    if scope.can_manage_case(actor, referral.case):
        return "coordinator"
    raise PermissionError("actor is not a party to this referral")


# --- interventions ------------------------------------------------------------------------------

@transaction.atomic
def add_intervention(case: Case, actor: User, *, type_code: str, organisation: Organisation,
                     due_on: dt.date, description: str = "", decision: Decision | None = None,
                     request: HttpRequest | None = None) -> Intervention:
    _require_manager(actor, case)
    kind = InterventionType.objects.filter(code=type_code, active=True).first()
    if kind is None:
        raise ValidationError({"type": _("Onbekende soort interventie.")})
    intervention = Intervention.objects.create(
        case=case, type=kind, organisation=organisation, due_on=due_on,
        description=description.strip(), created_by=actor, decision=decision)
    _event(case, actor, CaseEvent.Kind.INTERVENTION,
           _("%(type)s door %(org)s, uiterlijk %(due)s")
           % {"type": kind.name, "org": organisation.name, "due": due_on.strftime("%d-%m-%Y")},
           related_ref=f"intervention:{intervention.pk}")
    _log(actor, request, [case.reference], "intervention", "create")
    return intervention


@transaction.atomic
def update_intervention(intervention: Intervention, actor: User, *, status: str,
                        outcome: str = "", request: HttpRequest | None = None) -> Intervention:
    _require_manager(actor, intervention.case)
    if status not in Intervention.Status.values:
        raise ValidationError({"status": _("Onbekende status.")})
    if status == Intervention.Status.DONE and not outcome.strip():
        raise ValidationError({"outcome": _("Beschrijf het resultaat.")})
    intervention.status = status
    intervention.outcome = outcome.strip() or intervention.outcome
    intervention.save(update_fields=["status", "outcome"])
    labels = dict(Intervention.Status.choices)
    _event(intervention.case, actor, CaseEvent.Kind.INTERVENTION,
           f"{intervention.type.name}: {labels[status]}"
           + (f" — {outcome.strip()}" if outcome.strip() else ""),
           related_ref=f"intervention:{intervention.pk}")
    _log(actor, request, [intervention.case.reference], "intervention")
    return intervention


# --- conferences --------------------------------------------------------------------------------

@transaction.atomic
def schedule_conference(actor: User, *, title: str, scheduled_at: dt.datetime, location: str,
                        cases: list[Case], organisations: list[Organisation],
                        participants: list[User], access_days_after: int = 7,
                        request: HttpRequest | None = None) -> Conference:
    """Plan a case conference: agenda, invited organisations and people."""
    if not cases:
        raise ValidationError({"cases": _("Zet minstens één casus op de agenda.")})
    for case in cases:
        _require_manager(actor, case)
    conference = Conference.objects.create(
        title=title.strip() or _("Casusoverleg"), municipality=cases[0].municipality,
        scheduled_at=scheduled_at, location=location.strip(), chair=actor,
        access_days_after=access_days_after)
    conference.organisations.set(organisations)
    for order, case in enumerate(cases):
        conference.agenda.create(case=case, order=order)
        _event(case, actor, CaseEvent.Kind.CONFERENCE,
               _("Geagendeerd voor %(t)s op %(d)s")
               % {"t": conference.title, "d": timezone.localtime(scheduled_at)
                  .strftime("%d-%m-%Y %H:%M")},
               related_ref=f"conference:{conference.pk}")
    # The chair takes part too, with confidentiality implied by the coordinator role.
    Participant.objects.create(conference=conference, user=actor,
                               confidentiality_confirmed_at=timezone.now())
    for user in participants:
        if user != actor:
            Participant.objects.get_or_create(conference=conference, user=user)
    _log(actor, request, [c.reference for c in cases], "conference", "create")
    return conference


def confirm_confidentiality(conference: Conference, user: User,
                            request: HttpRequest | None = None) -> Participant:
    """A participant confirms the confidentiality statement; only then do they see cases."""
    participant = Participant.objects.filter(conference=conference, user=user).first()
    if participant is None:
        raise PermissionError("not invited")
    if participant.confidentiality_confirmed_at is None:
        participant.confidentiality_confirmed_at = timezone.now()
        participant.save(update_fields=["confidentiality_confirmed_at"])
        audit.record(actor=user, action="update", object_type="conference",
                     object_refs=[f"conference:{conference.pk}"], request=request,
                     purpose="confidentiality_statement")
    return participant


@dataclass
class DecisionInput:
    text: str
    owner: Organisation
    due_on: dt.date
    referral: ReferralInput | None = None
    intervention_type: str = ""


@transaction.atomic
def record_decision(conference: Conference | None, case: Case, actor: User, data: DecisionInput,
                    request: HttpRequest | None = None) -> Decision:
    """Record a decision on a case as an action with an owner and a deadline; it may create a
    referral or an intervention at once."""
    _require_manager(actor, case)
    if conference is not None and not conference.agenda.filter(case=case).exists():
        raise ValidationError({"case": _("Deze casus staat niet op de agenda.")})
    if not data.text.strip():
        raise ValidationError({"text": _("Beschrijf het besluit.")})
    decision = Decision.objects.create(conference=conference, case=case, text=data.text.strip(),
                                       owner=data.owner, due_on=data.due_on, created_by=actor)
    _event(case, actor, CaseEvent.Kind.DECISION,
           f"{data.text.strip()} ({data.owner.name}, {data.due_on:%d-%m-%Y})",
           related_ref=f"decision:{decision.pk}")
    if data.referral is not None:
        refer(case, actor, data.referral, decision=decision, request=request)
    if data.intervention_type:
        add_intervention(case, actor, type_code=data.intervention_type, organisation=data.owner,
                         due_on=data.due_on, description=data.text, decision=decision,
                         request=request)
    return decision


def timeline(case: Case) -> list[CaseEvent]:
    return list(case.events.select_related("actor"))
