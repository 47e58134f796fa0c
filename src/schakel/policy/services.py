# SPDX-License-Identifier: EUPL-1.2
"""The policy cycle's business actions and read models.

One doorway per state change (design.md): ``record_barrier_assessment``,
``record_bba_assessment``, ``add_training_session`` and ``set_staff_count`` check the actor's
permission and scope, append a row and write the access log. Views, admin actions and the API
call these; nothing else writes assessments.

Everything here is an aggregate: case figures are counts per barrier step, never a case, and
they are shown through :func:`schakel.reporting.protection.suppress`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet, Sum
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from schakel import scope
from schakel.accounts.models import Municipality, Organisation, User
from schakel.audit import services as audit
from schakel.catalog.models import Domain, Indicator
from schakel.policy import rules
from schakel.policy.diagram import DiagramBarrier, DiagramStep, Legend
from schakel.policy.models import (
    Barrier,
    BarrierAssessment,
    BarrierModel,
    BarrierStep,
    BbaAssessment,
    BbaItem,
    CaseBarrierFinding,
    Department,
    Finding,
    StaffCount,
    Status,
    TrainingSession,
    status_label,
)
from schakel.reporting.protection import suppress

WORK_POLICY = "policy.work_policy"
PURPOSE = "policy"
TRAINING_VALID_DAYS = 730  # a training counts for coverage for two years, then it is refreshed


def can_work_policy(user: User) -> bool:
    return scope.has(user, WORK_POLICY)


def policy_municipalities(user: User) -> QuerySet[Municipality]:
    """The municipalities whose policy figures the user may see and edit."""
    if not can_work_policy(user):
        return Municipality.objects.none()
    return scope.municipalities_in_scope(user)


def _require(actor: User, municipality: Municipality) -> None:
    if not policy_municipalities(actor).filter(pk=municipality.pk).exists():
        raise PermissionDenied("no policy rights for this municipality")


def _check_status(status: str) -> None:
    if status not in Status.values:
        raise ValidationError({"status": _("Kies een status uit de lijst.")})


def _log(actor: User, action: str, object_type: str, refs: list[str],
         request: HttpRequest | None) -> None:
    audit.record(actor=actor, action=action, object_type=object_type, object_refs=refs,
                 request=request, purpose=PURPOSE)


# --- barrier assessments ----------------------------------------------------------------------

@dataclass
class BarrierAssessmentInput:
    status: str
    evidence: str = ""
    owner: str = ""
    next_step: str = ""
    next_step_due: dt.date | None = None
    review_on: dt.date | None = None


def barrier_ref(municipality: Municipality, barrier: Barrier) -> str:
    """A readable reference for the access log: municipality/model/step/instrument."""
    step = barrier.step
    return f"{municipality.cbs_code}/{step.model.code}/{step.code}/{barrier.instrument.code}"


@transaction.atomic
def record_barrier_assessment(actor: User, municipality: Municipality, barrier: Barrier,
                              data: BarrierAssessmentInput,
                              request: HttpRequest | None = None,
                              at: dt.datetime | None = None) -> BarrierAssessment:
    """Append the municipality's new view on one barrier; the previous rows stay as history."""
    _require(actor, municipality)
    _check_status(data.status)
    if not barrier.active:
        raise ValidationError(_("Deze barrière is niet meer actief in de catalogus."))
    if data.next_step.strip() and data.next_step_due is None:
        raise ValidationError({"next_step_due": _("Geef een datum voor de volgende stap.")})
    assessment = BarrierAssessment.objects.create(
        municipality=municipality, barrier=barrier, status=data.status,
        evidence=data.evidence.strip(), owner=data.owner.strip(),
        next_step=data.next_step.strip(), next_step_due=data.next_step_due,
        review_on=data.review_on, recorded_by=actor, recorded_at=at or timezone.now(),
    )
    _log(actor, "create", "barrier_assessment", [barrier_ref(municipality, barrier)], request)
    return assessment


def current_barrier_assessments(municipality: Municipality,
                                barriers: Iterable[Barrier] | None = None
                                ) -> dict[int, BarrierAssessment]:
    """The latest assessment per barrier (by barrier id)."""
    rows = BarrierAssessment.objects.filter(municipality=municipality)
    if barriers is not None:
        rows = rows.filter(barrier__in=list(barriers))
    latest: dict[int, BarrierAssessment] = {}
    for row in rows.order_by("-recorded_at", "-id"):
        latest.setdefault(row.barrier_id, row)
    return latest


def barrier_history(municipality: Municipality, barrier: Barrier) -> QuerySet[BarrierAssessment]:
    return BarrierAssessment.objects.filter(municipality=municipality, barrier=barrier) \
        .select_related("recorded_by").order_by("-recorded_at", "-id")


# --- case counts per step ---------------------------------------------------------------------

def closed_case_phases(municipality: Municipality) -> list[list[str]]:
    """The barrier phases recorded when the municipality's cases were closed (no case data
    beyond these codes leaves this function)."""
    from schakel.cases.models import Case, CaseStatus

    return [list(phases or []) for phases in Case.objects.filter(
        municipality=municipality, status=CaseStatus.CLOSED).values_list("barrier_phases",
                                                                        flat=True)]


def step_case_counts(municipality: Municipality, model: BarrierModel) -> dict[int, int]:
    """Closed cases per step of ``model`` (by step id), exact: callers suppress for display."""
    steps = list(model.active_steps())
    counts = rules.cases_per_step(closed_case_phases(municipality),
                                  {step.pk: step.case_phases for step in steps})
    return {int(pk): count for pk, count in counts.items()}


# --- findings of closed cases per barrier -----------------------------------------------------

COUNTED_FINDINGS = (Finding.FAILED, Finding.MISSING)
CASE_PURPOSE = "case_management"


@dataclass
class CaseStepBarriers:
    """A step the closed case touched, with the barriers a finding can be given for."""

    step: BarrierStep
    barriers: list[Barrier]


def case_barriers(case, model: BarrierModel) -> list[CaseStepBarriers]:
    """The active barriers of the steps of ``model`` whose case phases the case touched: the
    only barriers a coordinator can say something about for this case."""
    phases = set(case.barrier_phases or [])
    return [CaseStepBarriers(step, list(step.active_barriers()))
            for step in model.active_steps()
            if phases & set(step.case_phases or []) and step.active_barriers().exists()]


def current_case_findings(case) -> dict[int, CaseBarrierFinding]:
    """The latest finding per barrier (by barrier id) for one case, including withdrawals."""
    latest: dict[int, CaseBarrierFinding] = {}
    for row in CaseBarrierFinding.objects.filter(case=case).order_by("-recorded_at", "-id"):
        latest.setdefault(row.barrier_id, row)
    return latest


@transaction.atomic
def record_case_findings(actor: User, case, model: BarrierModel,
                         entries: dict[int, tuple[str, str]],
                         request: HttpRequest | None = None,
                         at: dt.datetime | None = None) -> int:
    """Record, for a closed case, which barriers of the touched steps failed or were missing.

    ``entries`` maps a barrier id to ``(finding, note)``. Only changes are written (a new
    append-only row); ``"none"`` withdraws an earlier finding. Returns the number of rows."""
    from schakel.cases.models import CaseStatus

    if not scope.can_manage_case(actor, case):
        raise PermissionDenied("not the coordinator of this case")
    case.refresh_from_db(fields=["status", "barrier_phases"])  # never trust a stale object
    if case.status != CaseStatus.CLOSED:
        raise ValidationError(_("Bevindingen over barrières leg je vast bij een gesloten "
                                "casus."))
    allowed = {b.pk: b for group in case_barriers(case, model) for b in group.barriers}
    current = current_case_findings(case)
    written = 0
    for barrier_id, (finding, note) in entries.items():
        if barrier_id not in allowed:
            raise ValidationError(_("Deze barrière hoort niet bij een stap van deze casus."))
        if finding not in Finding.values:
            raise ValidationError(_("Kies faalde, ontbrak of geen bevinding."))
        before = current.get(barrier_id)
        note = note.strip() if finding != Finding.NONE else ""
        if _unchanged(before, finding, note):
            continue
        CaseBarrierFinding.objects.create(case=case, barrier=allowed[barrier_id],
                                          finding=finding, note=note, recorded_by=actor,
                                          recorded_at=at or timezone.now())
        written += 1
    if written:
        audit.record(actor=actor, action="update", object_type="case_barrier_finding",
                     object_refs=[case.reference], request=request, purpose=CASE_PURPOSE)
    return written


def _unchanged(before: CaseBarrierFinding | None, finding: str, note: str) -> bool:
    """True when writing would repeat the current state (so no history row is added)."""
    if before is None:
        return finding == Finding.NONE
    return (before.finding, before.note) == (finding, note)


def barrier_finding_counts(municipality: Municipality,
                           barriers: Iterable[Barrier]) -> dict[int, dict[str, int]]:
    """Per barrier (by id): how many closed cases of the municipality found it failed and how
    many found it missing, exact (callers suppress for display). A case counts with its
    latest finding, and only while the barrier's step is among the phases it was closed with
    (a case reopened and closed with other phases drops out). No case leaves this function."""
    from schakel.cases.models import Case, CaseStatus

    barriers = list(barriers)
    counts = {b.pk: dict.fromkeys(COUNTED_FINDINGS, 0) for b in barriers}
    closed = {pk: set(phases or []) for pk, phases in Case.objects.filter(
        municipality=municipality, status=CaseStatus.CLOSED).values_list("pk", "barrier_phases")}
    step_phases = {b.pk: set(b.step.case_phases or []) for b in barriers}
    latest: dict[tuple[int, int], str] = {}
    for case_id, barrier_id, finding in CaseBarrierFinding.objects.filter(
            case_id__in=list(closed), barrier__in=barriers).order_by(
            "-recorded_at", "-id").values_list("case_id", "barrier_id", "finding"):
        latest.setdefault((case_id, barrier_id), finding)
    for (case_id, barrier_id), finding in latest.items():
        if finding in counts[barrier_id] and closed[case_id] & step_phases[barrier_id]:
            counts[barrier_id][finding] += 1
    return counts


# --- the model overview (page, PDF, diagram) --------------------------------------------------

@dataclass
class BarrierRow:
    barrier: Barrier
    assessment: BarrierAssessment | None
    failed: int = 0   # closed cases in which this barrier failed (exact)
    missing: int = 0  # closed cases in which this barrier was missing (exact)

    @property
    def status(self) -> str:
        return self.assessment.status if self.assessment else rules.NOT_ASSESSED

    @property
    def failed_label(self) -> str:
        return suppress(self.failed)

    @property
    def missing_label(self) -> str:
        return suppress(self.missing)

    @property
    def has_findings(self) -> bool:
        return bool(self.failed or self.missing)


@dataclass
class StepRow:
    step: BarrierStep
    case_count: int
    barriers: list[BarrierRow] = field(default_factory=list)

    @property
    def status(self) -> str:
        return rules.step_status(row.status for row in self.barriers)

    @property
    def count_label(self) -> str:
        return suppress(self.case_count)


def model_overview(municipality: Municipality, model: BarrierModel) -> list[StepRow]:
    """Every active step of ``model`` with its barriers, their current status and the
    (exact) number of closed cases; templates show ``count_label``, the suppressed value."""
    steps = list(model.active_steps())
    barriers = list(Barrier.objects.filter(step__in=steps, active=True)
                    .select_related("instrument", "step").order_by("order", "id"))
    current = current_barrier_assessments(municipality, barriers)
    counts = step_case_counts(municipality, model)
    findings = barrier_finding_counts(municipality, barriers)
    rows = {step.pk: StepRow(step, counts.get(step.pk, 0)) for step in steps}
    for barrier in barriers:
        found = findings[barrier.pk]
        rows[barrier.step_id].barriers.append(BarrierRow(
            barrier, current.get(barrier.pk), failed=found[Finding.FAILED],
            missing=found[Finding.MISSING]))
    return list(rows.values())


def status_legend() -> Legend:
    labels = {code: str(label) for code, label in Status.choices}
    labels[rules.NOT_ASSESSED] = status_label(rules.NOT_ASSESSED)
    return Legend(labels=labels, cases=_("Gesloten casussen"),
                  suppressed_note=_("Aantallen van 1 tot en met 4 staan als <5 om herkenning "
                                    "te voorkomen."),
                  unverified=_("niet bevestigd in bron"),
                  failed=str(Finding.FAILED.label), missing=str(Finding.MISSING.label))


def diagram_steps(rows: list[StepRow]) -> list[DiagramStep]:
    return [
        DiagramStep(
            code=row.step.code, name=row.step.name, status=row.status,
            count_label=row.count_label, verified=row.step.verified,
            barriers=tuple(DiagramBarrier(b.barrier.instrument.code, b.barrier.name, b.status,
                                          failed=b.failed_label, missing=b.missing_label)
                           for b in row.barriers),
        )
        for row in rows
    ]


def model_svg(municipality: Municipality, model: BarrierModel,
              rows: list[StepRow] | None = None) -> str:
    from schakel.policy.diagram import render_svg

    rows = rows if rows is not None else model_overview(municipality, model)
    subtitle = _("Gemeente %(name)s · versie %(version)s · %(date)s") % {
        "name": municipality.name, "version": model.version or "–",
        "date": timezone.localdate().strftime("%d-%m-%Y")}
    return render_svg(str(model.name), diagram_steps(rows), status_legend(), subtitle)


# --- BBA self-assessment ----------------------------------------------------------------------

@dataclass
class BbaInput:
    status: str
    evidence: str = ""
    links: list[str] = field(default_factory=list)
    owner: str = ""
    assessed_on: dt.date | None = None


@transaction.atomic
def record_bba_assessment(actor: User, municipality: Municipality, item: BbaItem,
                          data: BbaInput, request: HttpRequest | None = None) -> BbaAssessment:
    _require(actor, municipality)
    _check_status(data.status)
    assessed_on = data.assessed_on or timezone.localdate()
    if assessed_on > timezone.localdate():
        raise ValidationError({"assessed_on": _("De datum kan niet in de toekomst liggen.")})
    assessment = BbaAssessment.objects.create(
        municipality=municipality, item=item, status=data.status,
        evidence=data.evidence.strip(), links=[link.strip() for link in data.links
                                               if link.strip()],
        owner=data.owner.strip(), assessed_on=assessed_on, recorded_by=actor,
    )
    _log(actor, "create", "bba_assessment", [f"{municipality.cbs_code}/{item.code}"], request)
    return assessment


@dataclass
class BbaRow:
    item: BbaItem
    assessment: BbaAssessment | None

    @property
    def status(self) -> str:
        return self.assessment.status if self.assessment else rules.NOT_ASSESSED


def current_bba(municipality: Municipality) -> list[BbaRow]:
    latest: dict[int, BbaAssessment] = {}
    for row in BbaAssessment.objects.filter(municipality=municipality) \
            .order_by("-assessed_on", "-recorded_at", "-id"):
        latest.setdefault(row.item_id, row)
    return [BbaRow(item, latest.get(item.pk)) for item in BbaItem.objects.filter(active=True)]


def status_totals(statuses: Iterable[str]) -> dict[str, int]:
    totals = dict.fromkeys((*Status.values, rules.NOT_ASSESSED), 0)
    for status in statuses:
        totals[status] = totals.get(status, 0) + 1
    return totals


@dataclass
class ProgressPoint:
    on: dt.date
    totals: dict[str, int]


def bba_progress(municipality: Municipality) -> list[ProgressPoint]:
    """The state of the whole checklist on every date something was assessed: how the
    municipality moved towards the basic level over time."""
    items = list(BbaItem.objects.filter(active=True).values_list("pk", flat=True))
    rows = BbaAssessment.objects.filter(municipality=municipality, item__active=True) \
        .order_by("assessed_on", "recorded_at", "id").values_list("assessed_on", "item_id",
                                                                   "status")
    state: dict[int, str] = {}
    points: dict[dt.date, dict[str, int]] = {}
    for on, item_id, status in rows:
        state[item_id] = status
        points[on] = status_totals(state.get(pk, rules.NOT_ASSESSED) for pk in items)
    return [ProgressPoint(on, totals) for on, totals in points.items()]


def bba_history(municipality: Municipality, item: BbaItem) -> QuerySet[BbaAssessment]:
    return BbaAssessment.objects.filter(municipality=municipality, item=item) \
        .select_related("recorded_by").order_by("-assessed_on", "-recorded_at", "-id")


# --- training registry ------------------------------------------------------------------------

@dataclass
class TrainingInput:
    held_on: dt.date
    topic: str
    trainer: str
    participants: int
    department: str = ""
    partner: Organisation | None = None


@transaction.atomic
def add_training_session(actor: User, municipality: Municipality, data: TrainingInput,
                         request: HttpRequest | None = None) -> TrainingSession:
    _require(actor, municipality)
    if bool(data.department) == bool(data.partner):
        raise ValidationError(_("Kies een afdeling of een partnerorganisatie (één van de "
                                "twee)."))
    if data.department and data.department not in Department.values:
        raise ValidationError({"department": _("Kies een afdeling uit de lijst.")})
    if data.participants < 1:
        raise ValidationError({"participants": _("Er was minstens één deelnemer.")})
    session = TrainingSession.objects.create(
        municipality=municipality, held_on=data.held_on, topic=data.topic.strip(),
        trainer=data.trainer.strip(), department=data.department, partner=data.partner,
        participants=data.participants, recorded_by=actor,
    )
    _log(actor, "create", "training_session", [f"{municipality.cbs_code}/{session.pk}"],
         request)
    return session


@transaction.atomic
def set_staff_count(actor: User, municipality: Municipality, department: str, staff: int,
                    request: HttpRequest | None = None) -> StaffCount:
    _require(actor, municipality)
    if department not in Department.values:
        raise ValidationError({"department": _("Kies een afdeling uit de lijst.")})
    count, _created = StaffCount.objects.update_or_create(
        municipality=municipality, department=department,
        defaults={"staff": staff, "updated_by": actor})
    _log(actor, "update", "staff_count", [f"{municipality.cbs_code}/{department}"], request)
    return count


@dataclass
class CoverageRow:
    department: str
    label: str
    staff: int | None
    trained: int

    @property
    def percent(self) -> int | None:
        return rules.coverage_percent(self.trained, self.staff or 0)


def training_coverage(municipality: Municipality,
                      today: dt.date | None = None) -> list[CoverageRow]:
    """Per risk-facing department: participants of trainings in the last two years against
    the staff the municipality entered. Participants are counted, not people, so a person
    trained twice counts twice; the percentage is capped at 100."""
    since = (today or timezone.localdate()) - dt.timedelta(days=TRAINING_VALID_DAYS)
    staff = dict(StaffCount.objects.filter(municipality=municipality)
                 .values_list("department", "staff"))
    trained = dict(TrainingSession.objects.filter(
        municipality=municipality, held_on__gte=since).exclude(department="")
        .values_list("department").annotate(total=Sum("participants")))
    return [CoverageRow(code, str(label), staff.get(code), trained.get(code) or 0)
            for code, label in Department.choices]


def coverage_summary(rows: list[CoverageRow]) -> int | None:
    """Overall coverage across the departments with a staff count."""
    counted = [row for row in rows if row.staff]
    if not counted:
        return None
    return rules.coverage_percent(sum(min(r.trained, r.staff or 0) for r in counted),
                                  sum(r.staff or 0 for r in counted))


# --- signal card ------------------------------------------------------------------------------

@dataclass
class CardSection:
    domain: Domain
    groups: list[tuple[str, list[Indicator]]]


SUBJECT_HEADINGS = {
    Indicator.Subject.VICTIM: gettext_lazy("Bij de persoon"),
    Indicator.Subject.PERPETRATOR: gettext_lazy("Bij een mogelijke dader"),
    Indicator.Subject.LOCATION: gettext_lazy("Op de plek"),
    Indicator.Subject.FACILITATOR: gettext_lazy("Bij anderen die (onbewust) helpen"),
}


def signal_card(domain_code: str | None = None) -> list[CardSection]:
    """Active indicators of the exploitation domains, per domain and per subject, straight
    from the catalogue: a catalogue change changes the card."""
    domains = Domain.objects.filter(active=True, is_exploitation=True)
    if domain_code:
        domains = domains.filter(code=domain_code)
    sections = []
    for domain in domains:
        indicators = list(domain.indicators.filter(active=True).order_by("order", "code"))
        groups = [(str(heading), [i for i in indicators if i.subject == subject])
                  for subject, heading in SUBJECT_HEADINGS.items()]
        sections.append(CardSection(domain, [(h, items) for h, items in groups if items]))
    return sections


def coordinators_for(user: User) -> list[User]:
    """The attention officers (aandachtsfunctionarissen) a worker can call: active users with
    the triage permission in the worker's own municipality (or region)."""
    municipalities = scope.municipalities_in_scope(user)
    return list(User.objects.filter(
        is_active=True, groups__permissions__codename="triage_signal",
        organisation__municipality__in=municipalities).distinct()
        .order_by("first_name", "last_name"))
