# SPDX-License-Identifier: EUPL-1.2
"""Retention: which records are due under which rule, and carrying it out.

:func:`plan` lists what is due at ``now`` (rule, reference, action, due date) and what was
skipped and why; :func:`apply` carries out the plan and writes the deletion register. Both take
``now`` so tests (and an auditor) can replay any date. Two guarantees hold for every rule:

* nothing linked to an open case is touched: not its signals, attachments, minutes of a
  conference that discussed it, nor access-log lines that name it;
* nothing under an active legal hold is touched (a hold on a signal also holds its case, and
  a hold on a case holds its signals).
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field

from django.db.models import Max, OuterRef, Q, Subquery
from django.utils import timezone

from schakel.accounts.models import Municipality
from schakel.privacy import anonymise, rules
from schakel.privacy.models import LegalHold, RetentionPolicy, RetentionRun
from schakel.privacy.register import already_anonymised, register


@dataclass(frozen=True)
class Due:
    rule: str
    record_type: str
    reference: str
    action: str
    due_on: dt.date
    municipality: str = ""
    pk: int | None = None
    count: int = 1


@dataclass(frozen=True)
class Skipped:
    rule: str
    record_type: str
    reference: str
    reason: str  # open_case | legal_hold


@dataclass
class Plan:
    now: dt.datetime
    due: list[Due] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {"now": self.now.isoformat(), "due": [asdict(d) for d in self.due],
                "skipped": [asdict(s) for s in self.skipped]}


# --- policy ---------------------------------------------------------------------------------

def months_for(rule_code: str, municipality_id: int | None) -> int:
    """The municipality's own period for the rule, else the documented default."""
    if municipality_id is not None:
        own = (RetentionPolicy.objects.filter(municipality_id=municipality_id, rule=rule_code)
               .values_list("months", flat=True).first())
        if own:
            return max(own, rules.MIN_MONTHS.get(rule_code, 1))
    return rules.RULE_BY_CODE[rule_code].months


def effective_policies(municipality: Municipality) -> list[dict]:
    """Every rule with the period that applies to ``municipality`` and where it comes from."""
    own = {p.rule: p for p in RetentionPolicy.objects.filter(municipality=municipality)}
    result = []
    for rule in rules.RULES:
        policy = own.get(rule.code)
        result.append({"rule": rule, "months": policy.months if policy else rule.months,
                       "own": policy is not None,
                       "basis": policy.basis if policy else rule.basis})
    return result


def _due_on(start: dt.datetime, months: int) -> dt.date:
    return timezone.localdate(rules.add_months(start, months)) if timezone.is_aware(start) \
        else rules.add_months(start, months).date()


# --- protection -----------------------------------------------------------------------------

@dataclass
class Protected:
    """What no rule may touch, computed once per plan."""

    case_ids: set[int]
    signal_ids: set[int]
    references: set[str]
    reasons: dict[str, str]


def protected(now: dt.datetime) -> Protected:
    from schakel.cases.models import Case, CaseStatus
    from schakel.signals.models import Signal

    held = set(LegalHold.objects.filter(lifted_at__isnull=True, placed_at__lte=now)
               .values_list("reference", flat=True))
    open_cases = set(Case.objects.exclude(status=CaseStatus.CLOSED).values_list("pk", flat=True))
    held_cases = set(Case.objects.filter(
        Q(reference__in=held) | Q(signals__reference__in=held)).values_list("pk", flat=True))
    case_ids = open_cases | held_cases
    signals = Signal.objects.filter(Q(case_id__in=case_ids) | Q(reference__in=held))
    signal_ids = set(signals.values_list("pk", flat=True))
    references = set(signals.values_list("reference", flat=True))
    case_refs = dict(Case.objects.filter(pk__in=case_ids).values_list("reference", "pk"))
    references |= set(case_refs) | held
    reasons = {ref: "legal_hold" for ref in held}
    for ref, pk in case_refs.items():
        reasons.setdefault(ref, "open_case" if pk in open_cases else "legal_hold")
    for ref, case_id in signals.values_list("reference", "case_id"):
        reasons.setdefault(ref, "open_case" if case_id in open_cases else "legal_hold")
    return Protected(case_ids, signal_ids, references, reasons)


# --- the rules ------------------------------------------------------------------------------

def _municipalities(only: Municipality | None) -> Iterable[Municipality]:
    return [only] if only is not None else Municipality.objects.order_by("name")


def _signals_without_follow_up(plan: Plan, guard: Protected, only) -> None:
    from schakel.signals.models import Signal, SignalStatus, SignalStatusChange

    done = already_anonymised("signal")
    decided = (SignalStatusChange.objects.filter(signal=OuterRef("pk"),
                                                 to_status=OuterRef("status"))
               .order_by("-at").values("at")[:1])
    for municipality in _municipalities(only):
        months = months_for(rules.SIGNAL_NO_FOLLOW_UP, municipality.pk)
        limit = rules.cutoff(plan.now, months)
        candidates = (Signal.objects.filter(
            municipality=municipality, case__isnull=True,
            status__in=[SignalStatus.NO_FOLLOW_UP, SignalStatus.FORWARDED])
            .annotate(decided_at=Subquery(decided)).filter(decided_at__lt=limit)
            .order_by("decided_at", "pk"))
        for signal in candidates.only("pk", "reference"):
            if signal.reference in done:
                continue
            if signal.pk in guard.signal_ids:
                plan.skipped.append(Skipped(rules.SIGNAL_NO_FOLLOW_UP, "signal", signal.reference,
                                            guard.reasons.get(signal.reference, "legal_hold")))
                continue
            plan.due.append(Due(rules.SIGNAL_NO_FOLLOW_UP, "signal", signal.reference,
                                rules.ANONYMISE, _due_on(signal.decided_at, months),
                                municipality.name, signal.pk))


def _closed_cases(plan: Plan, guard: Protected, only) -> None:
    from schakel.cases.models import Case, CaseStatus

    done = already_anonymised("case")
    for municipality in _municipalities(only):
        months = months_for(rules.CASE_CLOSED, municipality.pk)
        limit = rules.cutoff(plan.now, months)
        cases = Case.objects.filter(municipality=municipality, status=CaseStatus.CLOSED,
                                    closed_at__lt=limit).order_by("closed_at", "pk")
        for case in cases.only("pk", "reference", "closed_at"):
            if case.reference in done:
                continue
            if case.pk in guard.case_ids:
                plan.skipped.append(Skipped(rules.CASE_CLOSED, "case", case.reference,
                                            guard.reasons.get(case.reference, "legal_hold")))
                continue
            plan.due.append(Due(rules.CASE_CLOSED, "case", case.reference, rules.ANONYMISE,
                                _due_on(case.closed_at, months), municipality.name, case.pk))


def _conference_minutes(plan: Plan, guard: Protected, only) -> None:
    from schakel.cases.models import Conference

    done = already_anonymised("conference")
    for municipality in _municipalities(only):
        months = months_for(rules.CONFERENCE_MINUTES, municipality.pk)
        limit = rules.cutoff(plan.now, months)
        conferences = (Conference.objects.filter(municipality=municipality,
                                                 scheduled_at__lt=limit)
                       .exclude(minutes="", location="").order_by("scheduled_at", "pk"))
        for conference in conferences:
            reference = anonymise.conference_reference(conference)
            if reference in done:
                continue
            agenda = set(conference.agenda.values_list("case_id", flat=True))
            if agenda & guard.case_ids:
                plan.skipped.append(Skipped(rules.CONFERENCE_MINUTES, "conference", reference,
                                            "open_case"))
                continue
            plan.due.append(Due(rules.CONFERENCE_MINUTES, "conference", reference,
                                rules.ANONYMISE, _due_on(conference.scheduled_at, months),
                                municipality.name, conference.pk))


def _scan_hits(plan: Plan, guard: Protected, only) -> None:
    from schakel.scans.models import Hit

    for municipality in _municipalities(only):
        months = months_for(rules.SCAN_HITS, municipality.pk)
        limit = rules.cutoff(plan.now, months)
        hits = (Hit.objects.filter(run__municipality=municipality, signal__isnull=True,
                                   run__started_at__lt=limit)
                .select_related("run").order_by("run__started_at", "pk"))
        for hit in hits:
            plan.due.append(Due(rules.SCAN_HITS, "scan_hit", anonymise.hit_reference(hit),
                                rules.DELETE, _due_on(hit.run.started_at, months),
                                municipality.name, hit.pk))


def _subject_requests(plan: Plan, guard: Protected, only) -> None:
    from schakel.privacy.models import SubjectRequest

    done = already_anonymised("subject_request")
    for municipality in _municipalities(only):
        months = months_for(rules.SUBJECT_REQUESTS, municipality.pk)
        limit = rules.cutoff(plan.now, months)
        decided = (SubjectRequest.objects.filter(municipality=municipality,
                                                 decided_at__lt=limit)
                   .exclude(status=SubjectRequest.Status.REGISTERED).order_by("decided_at"))
        for item in decided:
            if item.number in done:
                continue
            plan.due.append(Due(rules.SUBJECT_REQUESTS, "subject_request", item.number,
                                rules.ANONYMISE, _due_on(item.decided_at, months),
                                municipality.name, item.pk))


def audit_months() -> int:
    """The access log is one chain for the whole deployment: the longest period any
    municipality set applies (never shorter than the default's legal minimum)."""
    own = (RetentionPolicy.objects.filter(rule=rules.AUDIT_EVENTS)
           .aggregate(longest=Max("months"))["longest"])
    default = rules.RULE_BY_CODE[rules.AUDIT_EVENTS].months
    return max(own or default, rules.MIN_MONTHS[rules.AUDIT_EVENTS])


def _audit_events(plan: Plan, guard: Protected, only) -> None:
    """Old log lines are removed as one prefix of the chain, up to (not including) the first
    line that is young enough or names a record that is protected."""
    from schakel.audit.models import AccessEvent

    if only is not None:
        return  # the chain is deployment-wide: only a run over all municipalities cuts it
    months = audit_months()
    limit = rules.cutoff(plan.now, months)
    young = (AccessEvent.objects.filter(at__gte=limit).order_by("sequence")
             .values_list("sequence", flat=True).first())
    old = AccessEvent.objects.filter(at__lt=limit)
    if young is not None:
        old = old.filter(sequence__lt=young)
    first = None
    cut = None
    blocker = None
    for sequence, refs in old.order_by("sequence").values_list("sequence", "object_refs") \
            .iterator(chunk_size=5000):
        first = sequence if first is None else first
        named = set(refs or []) & guard.references
        if named:
            cut, blocker = sequence, sorted(named)[0]
            break
        cut = sequence + 1
    if first is None or cut is None or cut <= first:
        if blocker:
            plan.skipped.append(Skipped(rules.AUDIT_EVENTS, "access_log", blocker,
                                        guard.reasons.get(blocker, "open_case")))
        return
    oldest = AccessEvent.objects.filter(sequence=first).values_list("at", flat=True).first()
    plan.due.append(Due(rules.AUDIT_EVENTS, "access_log", f"LOG-{first}-{cut - 1}",
                        rules.DELETE, _due_on(oldest, months), "", cut, cut - first))
    if blocker:
        plan.skipped.append(Skipped(rules.AUDIT_EVENTS, "access_log", blocker,
                                    guard.reasons.get(blocker, "open_case")))


RULE_FUNCTIONS = (
    _signals_without_follow_up, _closed_cases, _conference_minutes, _scan_hits,
    _subject_requests, _audit_events,
)


def plan(now: dt.datetime | None = None, municipality: Municipality | None = None) -> Plan:
    """What is due at ``now`` (default: this moment), without changing anything."""
    result = Plan(now=now or timezone.now())
    guard = protected(result.now)
    for function in RULE_FUNCTIONS:
        function(result, guard, municipality)
    return result


# --- carrying out ---------------------------------------------------------------------------

def new_run_id(now: dt.datetime) -> str:
    return f"RUN-{now:%Y%m%d-%H%M%S}-{uuid.uuid4().hex[:6]}"


def apply(now: dt.datetime | None = None, municipality: Municipality | None = None,
          actor=None, progress=None) -> tuple[RetentionRun, Plan]:
    """Carry out the plan for ``now`` and write the deletion register. Each record is its own
    transaction, so an interruption leaves finished records registered and the rest for the
    next run; the plan is recomputed here, never taken from an older dry run."""
    from schakel.audit import chain
    from schakel.audit import services as audit

    result = plan(now, municipality)
    run = RetentionRun.objects.create(run_id=new_run_id(result.now), actor_label=_label(actor),
                                      counts=_counts(result))
    for number, item in enumerate(result.due, start=1):
        _carry_out(item, run.run_id, actor, chain)
        if progress is not None:
            progress(number, len(result.due))
    audit.record(actor=actor, action="delete", object_type="retention_run",
                 object_refs=[run.run_id], purpose="retention", channel="cli", origin="cli")
    return run, result


def _carry_out(item: Due, run_id: str, actor, chain) -> None:
    from schakel.cases.models import Case, Conference
    from schakel.scans.models import Hit
    from schakel.signals.models import Signal

    if item.rule == rules.SIGNAL_NO_FOLLOW_UP:
        anonymise.anonymise_signal(Signal.objects.get(pk=item.pk), run_id=run_id, rule=item.rule,
                                   actor=actor)
    elif item.rule == rules.CASE_CLOSED:
        anonymise.anonymise_case(Case.objects.get(pk=item.pk), run_id=run_id, rule=item.rule,
                                 actor=actor)
    elif item.rule == rules.CONFERENCE_MINUTES:
        anonymise.anonymise_minutes(Conference.objects.get(pk=item.pk), run_id=run_id,
                                    rule=item.rule, actor=actor)
    elif item.rule == rules.SCAN_HITS:
        anonymise.delete_hit(Hit.objects.select_related("run").get(pk=item.pk), run_id=run_id,
                             rule=item.rule, actor=actor)
    elif item.rule == rules.SUBJECT_REQUESTS:
        from schakel.privacy.models import SubjectRequest

        anonymise.anonymise_request(SubjectRequest.objects.get(pk=item.pk), run_id=run_id,
                                    rule=item.rule, actor=actor)
    elif item.rule == rules.AUDIT_EVENTS:
        removed = chain.cut_before(item.pk, actor=actor, run_ref=run_id)
        if removed:
            register(record_type="access_log", reference=item.reference, municipality_id=None,
                     rule=item.rule, action="deleted", run_id=run_id, actor=actor)


def _label(actor) -> str:
    from schakel.privacy.register import actor_label

    return actor_label(actor)


def _counts(result: Plan) -> dict:
    counts: dict[str, int] = {}
    for item in result.due:
        counts[item.rule] = counts.get(item.rule, 0) + item.count
    counts["skipped"] = len(result.skipped)
    return counts
