# SPDX-License-Identifier: EUPL-1.2
"""One service function per action on the worklist; views and tests call only these.

Each action checks the permission and scope again (a view is not the only caller), writes its
rows and one access event with purpose ``register_scan``. A hit never becomes a signal by
itself: only :func:`create_signal`, on a coordinator's click, and only through the normal intake
(:func:`schakel.signals.services.register_signal`).
"""

from __future__ import annotations

import datetime as dt
import time
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

import duckdb
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from schakel import scope
from schakel.accounts.models import Municipality, User
from schakel.audit import services as audit
from schakel.catalog.models import Indicator
from schakel.registers.config import RULE_CODES
from schakel.registers.scan import Hit as ScanHit
from schakel.registers.scan import run_scan
from schakel.scans import describe, registers
from schakel.scans.models import Dismissal, Hit, HitCheck, ScanRun, ScanSettings
from schakel.signals.models import Signal, address_hash
from schakel.signals.services import SignalInput, register_signal

PURPOSE = "register_scan"
RUN_OBJECT = "register_scan"
HIT_OBJECT = "register_scan_hit"

# Signal-card indicators that say the same as a rule, so a signal made from a hit lands in the
# right domain with the right triage term. Risk sector and "known" have no such indicator.
RULE_INDICATORS = {
    "occupancy": "housing-overcrowding",
    "churn": "housing-many-registrations",
    "non_residential": "housing-business-premises",
}


def _require(user: User, municipality: Municipality) -> None:
    if not scope.scan_municipalities(user).filter(pk=municipality.pk).exists():
        raise PermissionDenied


def settings_for(municipality: Municipality) -> ScanSettings:
    """The municipality's settings; the documented defaults when none were saved."""
    saved = ScanSettings.objects.filter(municipality=municipality).first()
    return saved or ScanSettings(municipality=municipality)


# --- running a scan ------------------------------------------------------------------------


def run_worklist_scan(user: User, municipality: Municipality, peildatum: dt.date, *,
                      request: HttpRequest | None = None) -> ScanRun:
    """Run the scans on the registers file and store the municipality's hits as a new run.

    Raises :class:`registers.RegistersUnavailable` (with a Dutch message) when the file is
    missing, empty or in use; nothing is stored then.
    """
    _require(user, municipality)
    started = time.perf_counter()
    scan_settings = settings_for(municipality)
    config = scan_settings.config()
    prefixes = scan_settings.prefixes()
    addresses = list(scope.known_address_signals(user, municipality).values_list(
        "postcode", "house_number", "house_number_suffix"))
    with registers.open_for_scan() as con:  # held for the seconds of the scan only
        keys = registers.known_keys(con, addresses)
        result = run_scan(con, peildatum, config=config, known_addresses=keys,
                          actor=user.get_username())
        counts = _municipal_counts(con, prefixes)
        imported = [item.as_dict() for item in registers.imports(con)]
    hits = [hit for hit in result.hits if hit.adresseerbaar_object_id.startswith(tuple(prefixes))]
    run = _store_run(user, municipality, peildatum, result.config.as_dict(), prefixes, hits,
                     known=len(keys), counts=counts, imported=imported,
                     seconds=time.perf_counter() - started)
    audit.record(actor=user, action="create", object_type=RUN_OBJECT,
                 object_refs=[run.reference], request=request, purpose=PURPOSE)
    return run


def _municipal_counts(con: duckdb.DuckDBPyConnection, prefixes: list[str]) -> dict:
    """Objects scanned and objects per rule (listed or not) within the municipality."""
    where = "len(list_filter(?::VARCHAR[], lambda p: starts_with(adresseerbaar_object_id, p))) > 0"
    fired = {code: con.execute(f"SELECT count(*) FROM hit_{code} WHERE {where}",  # noqa: S608
                               [prefixes]).fetchone()[0] for code in RULE_CODES}
    objects = con.execute(f"SELECT count(*) FROM bag WHERE {where}", [prefixes]).fetchone()[0]  # noqa: S608
    return {"objects": objects, "fired": fired}


@transaction.atomic
def _store_run(user: User, municipality: Municipality, peildatum: dt.date, config: dict,
               prefixes: list[str], hits: list[ScanHit], *, known: int, counts: dict,
               imported: list[dict], seconds: float) -> ScanRun:
    run = ScanRun.objects.create(
        municipality=municipality, started_by=user, peildatum=peildatum, config=config,
        object_id_prefixes=prefixes, known_addresses=known, objects_scanned=counts["objects"],
        hit_count=len(hits), rules_fired=counts["fired"], registers=imported, seconds=seconds,
    )
    Hit.objects.bulk_create([_hit_row(run, rank, hit) for rank, hit in enumerate(hits, start=1)])
    return run


def _hit_row(run: ScanRun, rank: int, hit: ScanHit) -> Hit:
    figures = describe.clean_figures(hit.figures)
    address = hit.address
    return Hit(
        run=run, rank=rank, object_id=hit.adresseerbaar_object_id,
        postcode=address["postcode"], house_number=address["huisnummer"],
        house_letter=address.get("huisletter") or "",
        house_number_addition=address.get("huisnummertoevoeging") or "",
        town=address.get("woonplaats") or "", score=float(hit.score), rules=list(hit.rules),
        figures=figures, permits=list(hit.permits), fingerprint=describe.fingerprint(figures),
    )


# --- actions on a hit ----------------------------------------------------------------------


def _same_situation(hit: Hit):
    """Hits of the same object in the same municipality with the same figures (any run)."""
    return Hit.objects.filter(run__municipality_id=hit.run.municipality_id,
                              object_id=hit.object_id, fingerprint=hit.fingerprint)


def _log_hit(user: User, hit: Hit, request: HttpRequest | None, *refs: str) -> None:
    audit.record(actor=user, action="update", object_type=HIT_OBJECT,
                 object_refs=[hit.object_id, *refs], request=request, purpose=PURPOSE)


@transaction.atomic
def create_signal(user: User, hit: Hit, *, request: HttpRequest | None = None
                  ) -> tuple[Signal, bool]:
    """Bring a hit into the normal intake as a signal; once per object and figures."""
    _require(user, hit.run.municipality)
    earlier = _same_situation(hit).filter(signal__isnull=False).select_related("signal").first()
    if earlier is not None:
        return earlier.signal, False
    codes = [RULE_INDICATORS[code] for code in hit.rules if code in RULE_INDICATORS]
    active = set(Indicator.objects.filter(code__in=codes, active=True)
                 .values_list("code", flat=True))
    data = SignalInput(
        description=describe.signal_description(
            peildatum=hit.run.peildatum, score=hit.score, rules=hit.rules, figures=hit.figures,
            object_id=hit.object_id, permits=hit.permits),
        observed_on=hit.run.peildatum,
        postcode=hit.postcode, house_number=hit.house_number, house_number_suffix=hit.suffix,
        indicator_codes=[code for code in codes if code in active],
        municipality_code=hit.run.municipality.cbs_code,
    )
    signal, created = register_signal(user, data, channel=Signal.Channel.REGISTER_SCAN,
                                      submission_key=f"register-scan-hit-{hit.pk}",
                                      request=request)
    Hit.objects.filter(pk=hit.pk).update(signal=signal)
    hit.signal = signal
    _log_hit(user, hit, request, signal.reference)
    return signal, created


def dismiss(user: User, hit: Hit, reason: str, explanation: str = "", *,
            request: HttpRequest | None = None) -> Dismissal:
    """Record that this address, with these figures, is not worth a closer look, and why."""
    _require(user, hit.run.municipality)
    if reason not in Dismissal.Reason.values:
        raise ValidationError({"reason": _("Kies een reden.")})
    if reason == Dismissal.Reason.OTHER and not explanation.strip():
        raise ValidationError({"explanation": _("Licht toe waarom u dit adres afwijst.")})
    dismissal = Dismissal.objects.create(hit=hit, reason=reason, explanation=explanation.strip(),
                                         dismissed_by=user)
    _log_hit(user, hit, request)
    return dismissal


def plan_check(user: User, hit: Hit, kind: str, due_date: dt.date, *,
               request: HttpRequest | None = None) -> HitCheck:
    """Plan a BRP address investigation or an inspection of the address, with a due date."""
    _require(user, hit.run.municipality)
    if kind not in HitCheck.Kind.values:
        raise ValidationError({"kind": _("Kies een soort controle.")})
    if due_date < timezone.localdate():
        raise ValidationError({"due_date": _("De datum ligt in het verleden.")})
    check = HitCheck.objects.create(hit=hit, kind=kind, due_date=due_date, planned_by=user)
    _log_hit(user, hit, request)
    return check


def record_outcome(user: User, check: HitCheck, outcome: str, note: str = "", *,
                   request: HttpRequest | None = None) -> HitCheck:
    """What the check found: the feedback that measures the precision of the rules."""
    _require(user, check.hit.run.municipality)
    if outcome not in HitCheck.Outcome.values:
        raise ValidationError({"outcome": _("Kies een uitkomst.")})
    if not check.is_open:
        raise ValidationError(_("De uitkomst van deze controle is al vastgelegd."))
    check.outcome, check.outcome_note = outcome, note.strip()
    check.outcome_by, check.outcome_at = user, timezone.now()
    check.save(update_fields=["outcome", "outcome_note", "outcome_by", "outcome_at"])
    _log_hit(user, check.hit, request)
    return check


# --- the worklist --------------------------------------------------------------------------

NEW, SIGNAL, CHECK, DISMISSED = "nieuw", "melding", "controle", "afgewezen"
CURRENT, ALL = "actueel", "alle"
STATUS_FILTERS = (CURRENT, NEW, SIGNAL, CHECK, DISMISSED, ALL)


@dataclass
class RuleView:
    code: str
    title: str
    sentence: str
    rows: list[describe.FigureRow]


@dataclass
class Entry:
    """A hit as the coordinator sees it: its figures, and what was decided before."""

    hit: Hit
    rules: list[RuleView]
    status: str = NEW
    signal: Signal | None = None
    checks: list[HitCheck] = field(default_factory=list)
    dismissal: Dismissal | None = None
    earlier: list[str] = field(default_factory=list)
    known_signals: list[Signal] = field(default_factory=list)

    @property
    def has_open_check(self) -> bool:
        return any(check.is_open for check in self.checks)


def worklist(run: ScanRun, *, rule: str = "", status: str = CURRENT) -> list[Entry]:
    """The run's hits in rank order with their status, filtered by rule and status.

    A decision (signal, check, dismissal) on the same object with the same fingerprint, in this
    or an earlier run, carries over; one made on other figures is only mentioned.
    """
    hits = list(run.hits.all())
    if rule:
        hits = [hit for hit in hits if rule in hit.rules]
    entries = [_entry(hit) for hit in hits]
    _attach_history(run, entries)
    return filter_status(entries, status)


def filter_status(entries: list[Entry], status: str) -> list[Entry]:
    """By default everything except hits dismissed on the same figures."""
    if status == CURRENT:
        return [entry for entry in entries if entry.status != DISMISSED]
    if status in {NEW, SIGNAL, CHECK, DISMISSED}:
        return [entry for entry in entries if entry.status == status]
    return entries


def _entry(hit: Hit) -> Entry:
    return Entry(hit=hit, rules=[
        RuleView(code, describe.rule_title(code), describe.sentence(code, hit.figures_for(code)),
                 describe.figure_rows(code, hit.figures_for(code)))
        for code in hit.rules
    ])


def _attach_history(run: ScanRun, entries: list[Entry]) -> None:
    ids = [entry.hit.object_id for entry in entries]
    scope = {"run__municipality_id": run.municipality_id, "object_id__in": ids}
    signalled = defaultdict(list)
    for hit in (Hit.objects.filter(signal__isnull=False, **scope).select_related("signal")
                .order_by("-run__started_at")):
        signalled[hit.object_id].append(hit)
    hit_scope = {f"hit__{key}": value for key, value in scope.items()}
    dismissals = defaultdict(list)
    for dismissal in Dismissal.objects.filter(**hit_scope).select_related("hit"):
        dismissals[dismissal.hit.object_id].append(dismissal)
    checks = defaultdict(list)
    for check in HitCheck.objects.filter(**hit_scope).select_related("hit"):
        checks[check.hit.object_id].append(check)
    for entry in entries:
        _apply_history(entry, signalled[entry.hit.object_id], dismissals[entry.hit.object_id],
                       checks[entry.hit.object_id])


def _apply_history(entry: Entry, signalled: list[Hit], dismissals: list[Dismissal],
                   checks: list[HitCheck]) -> None:
    mark = entry.hit.fingerprint
    for hit in signalled:
        if hit.fingerprint == mark and entry.signal is None:
            entry.signal = hit.signal
        elif hit.fingerprint != mark:
            entry.earlier.append(_("Melding %(ref)s gemaakt bij andere cijfers.") % {
                "ref": hit.signal.reference})
    for check in checks:
        if check.hit.fingerprint == mark:
            entry.checks.append(check)
        else:
            entry.earlier.append(_("%(kind)s bij andere cijfers: %(outcome)s.") % {
                "kind": check.get_kind_display(),
                "outcome": check.get_outcome_display() if check.outcome else _("gepland")})
    for dismissal in dismissals:  # newest first
        if dismissal.hit.fingerprint == mark and entry.dismissal is None:
            entry.dismissal = dismissal
        elif dismissal.hit.fingerprint != mark:
            entry.earlier.append(_("Afgewezen op %(date)s (%(reason)s); de cijfers zijn sindsdien "
                                   "veranderd.") % {
                "date": date_format(timezone.localtime(dismissal.dismissed_at), "j F Y"),
                "reason": dismissal.get_reason_display()})
    if entry.signal is not None:
        entry.status = SIGNAL
    elif entry.checks:
        entry.status = CHECK
    elif entry.dismissal is not None:
        entry.status = DISMISSED


def attach_known_signals(user: User, run: ScanRun, entries: Iterable[Entry]) -> None:
    """Signals in Schakel at the same postcode and house number, for the "known" context."""
    entries = list(entries)
    numbers = {(entry.hit.postcode, entry.hit.house_number) for entry in entries}
    if not numbers:
        return
    found = defaultdict(list)
    signals = scope.known_address_signals(user, run.municipality).filter(
        address_hash__in={address_hash(postcode, number) for postcode, number in numbers}
    ).order_by("received_at")
    for signal in signals:
        found[(signal.postcode, signal.house_number)].append(signal)
    for entry in entries:
        entry.known_signals = found[(entry.hit.postcode, entry.hit.house_number)]


def log_view(user: User, run: ScanRun | None, entries: Iterable[Entry], *,
             request: HttpRequest | None = None) -> None:
    """Every view of the worklist: which run, which addresses (BAG ids) were shown."""
    shown = [entry.hit.object_id for entry in entries]
    refs = ([run.reference] if run is not None else []) + shown
    audit.record(actor=user, action="list", object_type=HIT_OBJECT, object_refs=refs,
                 request=request, purpose=PURPOSE)


# --- precision -----------------------------------------------------------------------------


@dataclass
class RulePrecision:
    code: str
    title: str
    checked: int = 0
    confirmed: int = 0
    dismissed: int = 0

    @property
    def percent(self) -> int | None:
        return round(100 * self.confirmed / self.checked) if self.checked else None


@dataclass
class Precision:
    rules: list[RulePrecision]
    total: RulePrecision
    periods: list[tuple[str, list[RulePrecision]]]


def precision(municipality: Municipality, *, periods: int = 4) -> Precision:
    """Share of checked addresses where the check confirmed a problem, per rule and quarter.

    The unit is a hit with at least one conclusive check (confirmed or not confirmed); it
    counts as confirmed when any of its checks confirmed something. A hit counts for every rule
    that listed it. Dismissals are counted beside it: they are judgements, not measurements.
    """
    outcomes: dict[int, tuple[Hit, bool, dt.datetime]] = {}
    checks = HitCheck.objects.filter(hit__run__municipality=municipality).exclude(outcome="")
    for check in checks.select_related("hit"):
        if check.confirmed is None:
            continue
        hit, confirmed, at = outcomes.get(check.hit_id, (check.hit, False, check.outcome_at))
        outcomes[check.hit_id] = (hit, confirmed or check.confirmed, max(at, check.outcome_at))
    total = RulePrecision("", _("Alle regels"))
    by_rule = {code: RulePrecision(code, describe.rule_title(code)) for code in RULE_CODES}
    by_period: dict[str, dict[str, RulePrecision]] = {}
    for hit, confirmed, at in outcomes.values():
        _count(total, confirmed)
        period = _quarter(at)
        row = by_period.setdefault(period, {code: RulePrecision(code, describe.rule_title(code))
                                            for code in RULE_CODES})
        for code in hit.rules:
            if code in by_rule:
                _count(by_rule[code], confirmed)
                _count(row[code], confirmed)
    dismissed_hits = Hit.objects.filter(run__municipality=municipality,
                                        dismissals__isnull=False).distinct()
    for hit in dismissed_hits:
        for code in hit.rules:
            if code in by_rule:
                by_rule[code].dismissed += 1
    recent = sorted(by_period.items(), reverse=True)[:periods]
    return Precision(rules=list(by_rule.values()), total=total,
                     periods=[(label, list(rows.values())) for label, rows in recent])


def _count(row: RulePrecision, confirmed: bool) -> None:
    row.checked += 1
    row.confirmed += int(confirmed)


def _quarter(moment: dt.datetime) -> str:
    day = timezone.localtime(moment)
    return f"{day.year} K{(day.month - 1) // 3 + 1}"
