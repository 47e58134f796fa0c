# SPDX-License-Identifier: EUPL-1.2
"""One service function per business action on a signal.

Views, the API, the admin and the demo all call these; nothing else saves a Signal. Each
function validates, appends history, records the audit event and emits an event.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from schakel import scope
from schakel.accounts.models import Municipality, Organisation, User
from schakel.audit import services as audit
from schakel.catalog.models import Domain, Indicator, Reason
from schakel.core.models import ReferenceSequence
from schakel.signals import events, search, workflow
from schakel.signals.models import (
    Signal,
    SignalAssignment,
    SignalNote,
    SignalStatus,
    SignalStatusChange,
    SignalSubject,
)

DEFAULT_TRIAGE_DAYS = 5


@dataclass
class SubjectInput:
    kind: str
    role: str = SignalSubject.Role.OTHER
    given_names: str = ""
    surname_prefix: str = ""
    surname: str = ""
    estimated_age: int | None = None
    birth_year: int | None = None
    sex: str = ""
    nationality: str = ""
    name: str = ""
    kvk_number: str = ""
    licence_plate: str = ""
    phone: str = ""
    description: str = ""


@dataclass
class SignalInput:
    """Everything a reporter tells; already validated and normalised by the form or serializer."""

    description: str
    observed_on: dt.date | None = None
    observed_period: str = ""
    acute: bool = False
    minor_involved: bool | None = None
    postcode: str = ""
    house_number: int | None = None
    house_number_suffix: str = ""
    location_description: str = ""
    indicator_codes: list[str] = field(default_factory=list)
    subjects: list[SubjectInput] = field(default_factory=list)
    municipality_code: str = ""


def register_signal(
    reporter: User,
    data: SignalInput,
    *,
    channel: str = Signal.Channel.WEB,
    submission_key: str | None = None,
    request: HttpRequest | None = None,
    received_at: dt.datetime | None = None,
) -> tuple[Signal, bool]:
    """Register a new signal. Returns ``(signal, created)``; a repeated ``submission_key`` from
    the same reporter returns the signal of the first submission instead of a duplicate.

    ``received_at`` is only for loading historical signals (migration from an earlier system,
    the demo); live intake always uses the current time."""
    if submission_key:
        earlier = Signal.objects.filter(submission_key=submission_key, reporter=reporter).first()
        if earlier is not None:
            return earlier, False
    try:
        signal = _create_signal(reporter, data, channel, submission_key,
                                received_at or timezone.now())
    except IntegrityError:
        # Two identical submits raced; the first one won.
        earlier = Signal.objects.filter(submission_key=submission_key, reporter=reporter).first()
        if earlier is None:
            raise
        return earlier, False
    audit.record(actor=reporter, action="create", object_type="signal",
                 object_refs=[signal.reference], request=request, purpose="signal_intake")
    events.signal_registered.send(sender=Signal, instance=signal)
    return signal, True


@transaction.atomic
def _create_signal(
    reporter: User, data: SignalInput, channel: str, submission_key: str | None,
    now: dt.datetime,
) -> Signal:
    organisation = reporter.organisation
    if organisation is None:
        raise ValidationError(_("Uw account hoort niet bij een organisatie; meld dit bij beheer."))
    municipality = resolve_municipality(reporter, data)
    indicators = list(Indicator.objects.filter(code__in=data.indicator_codes, active=True))
    unknown = set(data.indicator_codes) - {i.code for i in indicators}
    if unknown:
        raise ValidationError({"indicators": _("Onbekende signalen: %(codes)s")
                               % {"codes": ", ".join(sorted(unknown))}})
    domains = sorted({i.domain for i in indicators}, key=lambda d: d.order)
    signal = Signal.objects.create(
        reference=ReferenceSequence.next_reference("SIG", timezone.localdate(now).year, 5),
        municipality=municipality,
        reporter=reporter,
        source_organisation=organisation,
        channel=channel,
        submission_key=submission_key or None,
        description=data.description.strip(),
        observed_on=data.observed_on,
        observed_period=data.observed_period.strip(),
        acute=data.acute,
        minor_involved=data.minor_involved,
        postcode=data.postcode,
        house_number=data.house_number,
        house_number_suffix=data.house_number_suffix,
        location_description=data.location_description.strip(),
        triage_due=triage_deadline(now, data.acute, domains),
        received_at=now,
    )
    signal.indicators.set(indicators)
    signal.domains.set(domains)
    SignalSubject.objects.bulk_create(
        [SignalSubject(signal=signal, **vars(subject)) for subject in data.subjects]
    )
    SignalStatusChange.objects.create(signal=signal, to_status=SignalStatus.RECEIVED,
                                      actor=reporter, at=now)
    search.index_signal(signal)
    return signal


def resolve_municipality(reporter: User, data: SignalInput) -> Municipality:
    """The municipality a signal belongs to: the one named (if in the reporter's scope), else
    the one whose postcode areas hold the address, else the reporter's own municipality."""
    candidates = scope.municipalities_in_scope(reporter)
    if data.municipality_code:
        chosen = candidates.filter(cbs_code=data.municipality_code).first()
        if chosen is None:
            raise ValidationError(
                {"municipality": _("Deze gemeente hoort niet bij uw organisatie.")})
        return chosen
    if data.postcode:
        for municipality in candidates:
            prefixes = {p.strip() for p in municipality.postcode_prefixes.split(",") if p.strip()}
            if data.postcode[:4] in prefixes:
                return municipality
    own = reporter.organisation.municipality if reporter.organisation else None
    if own is not None:
        return own
    if candidates.count() == 1:
        return candidates.get()
    raise ValidationError({"municipality": _("Kies de gemeente waar het signaal over gaat.")})


def triage_deadline(received: dt.datetime, acute: bool, domains: list[Domain]) -> dt.datetime:
    """Acute signals are due the same day; others after the shortest term of their domains."""
    local = timezone.localtime(received)
    if acute:
        return local.replace(hour=23, minute=59, second=0, microsecond=0)
    default_days = getattr(settings, "SCHAKEL_DEFAULT_TRIAGE_DAYS", DEFAULT_TRIAGE_DAYS)
    days = min((d.triage_days for d in domains), default=default_days)
    return local + dt.timedelta(days=days)


def _require_triage(actor: User, signal: Signal) -> None:
    if not scope.can_triage(actor, signal):
        raise PermissionError("actor may not handle this signal")


@transaction.atomic
def move_signal(
    signal: Signal,
    actor: User,
    to_status: str,
    *,
    reason_code: str = "",
    explanation: str = "",
    forwarded_to: Organisation | None = None,
    case=None,
    request: HttpRequest | None = None,
    at: dt.datetime | None = None,
) -> SignalStatusChange:
    """The one doorway for status changes, checked against :mod:`schakel.signals.workflow`.
    ``at`` is only for loading history (the demo); live changes use the current time."""
    at = at or timezone.now()
    _require_triage(actor, signal)
    signal = Signal.objects.select_for_update().get(pk=signal.pk)
    reason = _reason(reason_code) if reason_code else None
    workflow.check_transition(
        signal.status, to_status, has_reason=reason is not None,
        has_organisation=forwarded_to is not None, has_explanation=bool(explanation.strip()),
        has_case=case is not None,
    )
    change = SignalStatusChange.objects.create(
        signal=signal, from_status=signal.status, to_status=to_status, reason=reason,
        explanation=explanation.strip(), forwarded_to=forwarded_to, actor=actor, at=at,
    )
    signal.status = to_status
    if case is not None:
        signal.case = case
    if to_status == SignalStatus.IN_TRIAGE and signal.assigned_to_id is None:
        _assign(signal, actor, actor, at)
    signal.save(update_fields=["status", "assigned_to", "case", "updated_at"])
    audit.record(actor=actor, action="update", object_type="signal",
                 object_refs=[signal.reference], request=request, purpose="triage")
    # Sent inside the transaction, so what listeners record commits or rolls back with it.
    events.signal_status_changed.send(sender=Signal, instance=signal, change=change)
    return change


def _reason(code: str) -> Reason:
    try:
        return Reason.objects.get(code=code, kind=Reason.Kind.NO_FOLLOW_UP, active=True)
    except Reason.DoesNotExist:
        raise workflow.TransitionError(f"unknown reason {code!r}") from None


def _assign(
    signal: Signal, assignee: User | None, actor: User, at: dt.datetime | None = None
) -> None:
    signal.assigned_to = assignee
    SignalAssignment.objects.create(signal=signal, assignee=assignee, actor=actor,
                                    at=at or timezone.now())


@transaction.atomic
def assign_signal(
    signal: Signal, assignee: User | None, actor: User, request: HttpRequest | None = None
) -> Signal:
    """Make ``assignee`` responsible (``None`` releases the signal); appended to its history."""
    _require_triage(actor, signal)
    if assignee is not None and not scope.assignable_users(actor).filter(pk=assignee.pk).exists():
        raise ValidationError(_("Deze persoon kan dit signaal niet behandelen."))
    signal = Signal.objects.select_for_update().get(pk=signal.pk)
    _assign(signal, assignee, actor)
    signal.save(update_fields=["assigned_to", "updated_at"])
    audit.record(actor=actor, action="update", object_type="signal",
                 object_refs=[signal.reference], request=request, purpose="assignment")
    return signal


def add_note(
    signal: Signal, author: User, text: str, request: HttpRequest | None = None
) -> SignalNote:
    """Append a journal note; notes are never edited or removed."""
    _require_triage(author, signal)
    if not text.strip():
        raise ValidationError({"text": _("Een lege notitie kan niet worden opgeslagen.")})
    note = SignalNote.objects.create(signal=signal, author=author, text=text.strip())
    audit.record(actor=author, action="update", object_type="signal",
                 object_refs=[signal.reference], request=request, purpose="journal")
    return note


def history(signal: Signal) -> list[dict]:
    """The signal's journal: status changes, assignments and notes in time order."""
    items: list[dict] = []
    for change in signal.status_changes.select_related("actor", "reason", "forwarded_to"):
        items.append({"at": change.at, "kind": "status", "actor": change.actor, "item": change})
    for assignment in signal.assignments.select_related("actor", "assignee"):
        items.append({"at": assignment.at, "kind": "assignment", "actor": assignment.actor,
                      "item": assignment})
    for note in signal.notes.select_related("author"):
        items.append({"at": note.at, "kind": "note", "actor": note.author, "item": note})
    return sorted(items, key=lambda entry: entry["at"])
