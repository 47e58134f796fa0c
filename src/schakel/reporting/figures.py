# SPDX-License-Identifier: EUPL-1.2
"""The figures behind the dashboards, the council letter, the regional export and the API.

Two layers, so nothing unprotected leaves this module by accident:

- ``_count_*`` functions run aggregate SQL (``GROUP BY``, never one row per record) over the
  municipalities in scope and return exact counts per year and category;
- :func:`build_report` turns them into a :class:`Report` of *published* cells through
  :mod:`schakel.reporting.suppression` with the caller's :class:`~.suppression.Policy`. Derived
  figures (the funnel, the year comparison) are built from published cells only, so they can
  never reveal more than the tables they come from.

Every breakdown of the same total (signals per month, per domain, per source, per triage
result) is protected as one family (:func:`~.suppression.protect_family`), so a total hidden in
one table is hidden in all of them.
"""

from __future__ import annotations

import datetime as dt
import statistics
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Count, Max, Min, Q
from django.db.models.functions import ExtractMonth, ExtractYear
from django.utils import timezone
from django.utils.translation import gettext as _

from schakel.reporting import suppression as sup
from schakel.reporting.suppression import Cell, Policy, Row, SeriesResult

YEARS_COMPARED = 5
MONTHS = ("jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec")
DECIDED_SIGNAL_STATUSES = ("no_follow_up", "forwarded", "linked")

# Reporter organisation → type (reporting-interop §1.4 item 6), by the partner's catalogue
# category; municipal departments are their own type.
SOURCE_TYPES = {
    "department": "Gemeentelijke afdelingen",
    "police": "Politie en KMar",
    "inspection": "Inspecties (NLA, Belastingdienst)",
    "justice": "Justitie en migratie (OM, IND)",
    "care": "Zorg, opvang en hulpverlening",
    "youth": "Jeugd en onderwijs",
    "other": "Overige organisaties",
}


def _source_labels() -> dict[str, str]:
    return {key: _(label) for key, label in SOURCE_TYPES.items()}


_BUILD_MEMO: dict[str, object] = {}


def _per_build(function):
    """Catalogue lookups (labels, orders) are read once per report build, not once per table
    and year: they are small, but a report asks for them dozens of times."""
    def wrapper():
        if function.__name__ not in _BUILD_MEMO:
            _BUILD_MEMO[function.__name__] = function()
        return _BUILD_MEMO[function.__name__]
    wrapper.__name__ = function.__name__
    wrapper.__doc__ = function.__doc__
    return wrapper


# --- period -----------------------------------------------------------------------------------


def year_bounds(first_year: int, last_year: int) -> tuple[dt.datetime, dt.datetime]:
    """1 January of ``first_year`` to 1 January after ``last_year`` in the deployment's
    time zone: a signal received on 31 December at 23:30 counts for that year."""
    tz = timezone.get_current_timezone()
    return (dt.datetime(first_year, 1, 1, tzinfo=tz), dt.datetime(last_year + 1, 1, 1, tzinfo=tz))


# --- exact counts (aggregate SQL) -------------------------------------------------------------

Counts = dict[int, dict[str, dict[str, int]]]  # year → dimension → category → count


def _outer(select: str, inner, tail: str = "") -> list[tuple]:
    """``SELECT <select> FROM (<inner>) t <tail>``: fixed text around the SQL Django builds
    (with its parameters) for ``inner``; nothing from a request goes into the text."""
    sql, params = inner.query.sql_with_params()
    query = f"SELECT {select} FROM ({sql}) t {tail}"  # noqa: S608 - see docstring
    with connection.cursor() as cursor:
        cursor.execute(query, params)
        return cursor.fetchall()


def _signals(ids: list[int], years: list[int]):
    from schakel.signals.models import Signal

    start, end = year_bounds(min(years), max(years))
    return Signal.objects.filter(municipality_id__in=ids, received_at__gte=start,
                                 received_at__lt=end).order_by()


def _cases(ids: list[int], years: list[int]):
    from schakel.cases.models import Case

    start, end = year_bounds(min(years), max(years))
    return Case.objects.filter(municipality_id__in=ids, opened_at__gte=start,
                               opened_at__lt=end).order_by()


def _add(counts: Counts, year: int, dimension: str, category: str, n: int) -> None:
    bucket = counts.setdefault(int(year), {}).setdefault(dimension, {})
    bucket[category] = bucket.get(category, 0) + int(n)


def _domain_groups(queryset, date_field: str, counts: Counts) -> None:
    """Each record counted once: its domain if it has exactly one, "several" or "unknown"
    otherwise. The inner query is Django's (portable); the outer one groups its result."""
    inner = queryset.annotate(y=ExtractYear(date_field), n=Count("domains"),
                              code=Min("domains__code")).values("y", "n", "code")
    rows = _outer("t.y, CASE WHEN t.n = 0 THEN '' WHEN t.n = 1 THEN t.code ELSE '*' END, "
                  "COUNT(*)", inner, "GROUP BY 1, 2")
    for year, code, n in rows:
        _add(counts, year, "domain", code or "", n)


def count_signals(ids: list[int], years: list[int]) -> Counts:
    """All signal breakdowns in one pass: the inner query has one row per signal (its year,
    month, status, reporter type and domain group), the outer one groups those."""
    counts: Counts = {year: {} for year in years}
    inner = _signals(ids, years).annotate(
        y=ExtractYear("received_at"), m=ExtractMonth("received_at"), n=Count("domains"),
        code=Min("domains__code"),
    ).values("y", "m", "status", "source_organisation__kind",
             "source_organisation__partner_code", "n", "code")
    rows = _outer("t.y, t.m, t.status, t.source_organisation__kind, "
                  "t.source_organisation__partner_code, "
                  "CASE WHEN t.n = 0 THEN '' WHEN t.n = 1 THEN t.code ELSE '*' END, COUNT(*)",
                  inner, "GROUP BY 1, 2, 3, 4, 5, 6")
    categories = _partner_categories()
    for year, month, status, kind, partner, domain, n in rows:
        _add(counts, year, "month", str(int(month)), n)
        _add(counts, year, "result", status, n)
        _add(counts, year, "source", _source_key(kind, partner, categories), n)
        _add(counts, year, "domain", domain or "", n)
    return counts


def _source_key(kind: str | None, partner_code: str | None,
                categories: dict[str, str]) -> str:
    if kind == "department":
        return "department"
    category = categories.get(partner_code or "", "other")
    return category if category in SOURCE_TYPES else "other"


@_per_build
def _partner_categories() -> dict[str, str]:
    from schakel.catalog.models import Partner

    return dict(Partner.objects.values_list("code", "category"))


def count_cases(ids: list[int], years: list[int]) -> Counts:
    counts: Counts = {year: {} for year in years}
    base = _cases(ids, years)
    for row in base.annotate(y=ExtractYear("opened_at"), m=ExtractMonth("opened_at")) \
            .values("y", "m").annotate(n=Count("id")):
        _add(counts, row["y"], "month", str(row["m"]), row["n"])
    for row in base.annotate(y=ExtractYear("opened_at")).values(
            "y", "status", "outcome__code").annotate(n=Count("id")):
        if row["status"] != "closed":
            key = "open"
        else:
            key = row["outcome__code"] or ""
        _add(counts, row["y"], "outcome", key, row["n"])
    inner = base.annotate(y=ExtractYear("opened_at"), r=Count("referrals")).values("y", "r")
    for year, referred, n in _outer("t.y, CASE WHEN t.r > 0 THEN 1 ELSE 0 END, COUNT(*)",
                                    inner, "GROUP BY 1, 2"):
        _add(counts, year, "referral", "yes" if referred else "no", n)
    _domain_groups(base, "opened_at", counts)
    return counts


def _days(start: dt.datetime, end: dt.datetime | None) -> float | None:
    if end is None:
        return None
    return max((end - start).total_seconds() / 86400, 0.0)


def lead_times(ids: list[int], year: int) -> dict[str, tuple[int, float | None]]:
    """(number of observations, median in days) for records that started in ``year``: time to
    a triage decision, from case opening to the first intervention, and a partner's response
    to a referral. On PostgreSQL the median is computed in the database (one row back)."""
    from schakel.cases.models import Referral

    triage = _signals(ids, [year]).annotate(decided=Min(
        "status_changes__at", filter=Q(status_changes__to_status__in=DECIDED_SIGNAL_STATUSES))
    ).filter(decided__isnull=False).values("received_at", "decided")
    first = _cases(ids, [year]).annotate(first=Min("interventions__created_at")) \
        .filter(first__isnull=False).values("opened_at", "first")
    start, end = year_bounds(year, year)
    response = Referral.objects.filter(
        case__municipality_id__in=ids, created_at__gte=start, created_at__lt=end,
        responded_at__isnull=False).order_by().values("created_at", "responded_at")
    return {
        "triage": _median_days(triage, "received_at", "decided"),
        "first_intervention": _median_days(first, "opened_at", "first"),
        "referral_response": _median_days(response, "created_at", "responded_at"),
    }


def _median_days(queryset, start: str, end: str) -> tuple[int, float | None]:
    if connection.vendor == "postgresql":
        # start/end are the fixed aliases of the callers above, not user input
        row = _outer("COUNT(*), percentile_cont(0.5) WITHIN GROUP (ORDER BY GREATEST("
                     f"EXTRACT(EPOCH FROM (t.{end} - t.{start})), 0)) / 86400.0", queryset)[0]
        return int(row[0]), (float(row[1]) if row[1] is not None else None)
    values = [d for a, b in queryset.values_list(start, end)
              if (d := _days(a, b)) is not None]
    return len(values), (statistics.median(values) if values else None)


def count_overdue(ids: list[int], now: dt.datetime | None = None) -> dict[str, int]:
    """Work past its deadline today (not tied to the period filter)."""
    from schakel.cases.models import Intervention, Referral
    from schakel.signals.models import Signal

    now = now or timezone.now()
    today = timezone.localdate(now)
    return {
        "signals": Signal.objects.filter(
            municipality_id__in=ids, status__in=("received", "in_triage"),
            triage_due__lt=now).count(),
        "referrals": Referral.objects.filter(
            case__municipality_id__in=ids, status__in=("in_progress", "accepted"),
            due_on__lt=today).count(),
        "interventions": Intervention.objects.filter(
            case__municipality_id__in=ids, status__in=("planned", "in_progress"),
            due_on__lt=today).count(),
    }


def data_version(ids: list[int]) -> str:
    """Changes whenever a figure could change: used in cache keys.

    Highest ids of the append-only tables (every status change, case event, referral event,
    note and new record adds a row) plus the number of signals in scope; index-only lookups,
    so checking the version costs a few milliseconds. Edits that add no row are picked up when
    the cached report expires (``services.CACHE_SECONDS``)."""
    from schakel.cases.models import Case, CaseEvent, Intervention, Referral, ReferralEvent
    from schakel.signals.models import Signal, SignalNote, SignalStatusChange

    tables = (Signal, SignalStatusChange, SignalNote, Case, CaseEvent, Referral, ReferralEvent,
              Intervention)
    highest = [model.objects.aggregate(m=Max("id"))["m"] for model in tables]
    return repr((highest, Signal.objects.filter(municipality_id__in=ids).count()))


PAST_YEARS_CACHE_SECONDS = 3600


def counts_for(ids: list[int], year: int, years: list[int]) -> tuple[Counts, Counts]:
    """Exact counts for ``years``: the selected year always fresh, earlier (closed) years from
    a cache of at most an hour — they only change when an old signal or case is corrected, and
    recounting five years on every data change would cost most of the dashboard's time."""
    from django.core.cache import cache

    signals, cases = count_signals(ids, [year]), count_cases(ids, [year])
    for past in (y for y in years if y != year):
        key = f"reporting:past:{','.join(map(str, sorted(ids)))}:{past}:{timezone.localdate()}"
        cached = cache.get(key)
        if cached is None:
            cached = (count_signals(ids, [past]), count_cases(ids, [past]))
            cache.set(key, cached, PAST_YEARS_CACHE_SECONDS)
        signals[past], cases[past] = cached[0][past], cached[1][past]
    return signals, cases


# --- published report -------------------------------------------------------------------------


@dataclass
class Table:
    """One published table (and chart): its name in the API, its title, what it counts."""

    name: str
    title: str
    definition: str
    result: SeriesResult
    chart: str = "bar"  # bar | line

    @property
    def rows(self) -> list[Row]:
        return self.result.rows

    @property
    def category_label(self) -> str:
        """The heading of the first column: year, month, stage or category."""
        if self.name.endswith("_per_year"):
            return _("Jaar")
        if self.name.endswith("_per_month"):
            return _("Maand")
        if self.name == "funnel":
            return _("Stap")
        return _("Categorie")

    @property
    def total(self) -> Cell | None:
        return self.result.total

    def as_json(self) -> dict:
        rows = [{"label": r.label, "count": r.cell.as_json()} for r in self.rows]
        data = {"name": self.name, "title": self.title, "definition": self.definition,
                "rows": rows}
        if self.total is not None:
            data["total"] = self.total.as_json()
        return data


@dataclass
class LeadTime:
    name: str
    title: str
    definition: str
    observations: Cell
    median_days: str  # "" when too few observations to publish


@dataclass
class Report:
    year: int
    scope_label: str
    municipality_codes: list[str]
    policy: Policy
    data_date: dt.datetime
    tables: list[Table] = field(default_factory=list)
    lead_times: list[LeadTime] = field(default_factory=list)
    overdue: Table | None = None

    def table(self, name: str) -> Table:
        return next(t for t in self.tables if t.name == name)

    @property
    def footnote(self) -> str:
        return sup.footnote(self.policy)


@_per_build
def _labels_domain() -> dict[str, str]:
    from schakel.catalog.models import Domain

    labels = dict(Domain.objects.values_list("code", "name"))
    labels["*"] = _("Meerdere domeinen")
    labels[""] = _("Domein nog onbekend")
    return labels


@_per_build
def _domain_order() -> list[str]:
    from schakel.catalog.models import Domain

    return list(Domain.objects.filter(active=True).order_by("order", "code")
                .values_list("code", flat=True)) + ["*", ""]


@_per_build
def _outcome_labels() -> tuple[list[str], dict[str, str]]:
    from schakel.catalog.models import Reason

    outcomes = list(Reason.objects.filter(kind="case_outcome", active=True)
                    .order_by("order", "code").values_list("code", "name"))
    labels = {"open": _("Nog lopend"), "": _("Gesloten zonder vastgelegde uitkomst")}
    labels.update(dict(outcomes))
    return ["open", *[code for code, _name in outcomes], ""], labels


def _series(counts: dict[str, int], order: list[str], labels: dict[str, str],
            keep_zero: bool = True) -> list[tuple[str, int]]:
    """Categories in a fixed order (comparable year on year), unknown codes at the end."""
    keys = list(order) + [k for k in counts if k not in order]
    return [(labels.get(k, k), counts.get(k, 0)) for k in keys
            if keep_zero or counts.get(k, 0)]


def signal_breakdowns(counts: dict[str, dict[str, int]]) -> list[tuple[str, list]]:
    from schakel.signals.models import SignalStatus

    domain_labels = _labels_domain()
    result_labels = {"received": _("Nog in beoordeling"), "in_triage": _("Nog in beoordeling"),
                     **{code: str(label) for code, label in SignalStatus.choices
                        if code not in ("received", "in_triage")}}
    result_counts: dict[str, int] = {}
    for status, n in counts.get("result", {}).items():
        key = "received" if status in ("received", "in_triage") else status
        result_counts[key] = result_counts.get(key, 0) + n
    sources = _source_labels()
    return [
        ("signals_per_month", _series(counts.get("month", {}),
                                      [str(m) for m in range(1, 13)],
                                      {str(m): MONTHS[m - 1] for m in range(1, 13)})),
        ("signals_by_domain", _series(counts.get("domain", {}), _domain_order(),
                                      domain_labels)),
        ("signals_by_source", _series(counts.get("source", {}), list(SOURCE_TYPES), sources)),
        ("signals_by_result", _series(result_counts,
                                      ["received", "no_follow_up", "forwarded", "linked"],
                                      result_labels)),
    ]


def case_breakdowns(counts: dict[str, dict[str, int]]) -> list[tuple[str, list]]:
    order, labels = _outcome_labels()
    return [
        ("cases_per_month", _series(counts.get("month", {}), [str(m) for m in range(1, 13)],
                                    {str(m): MONTHS[m - 1] for m in range(1, 13)})),
        ("cases_by_domain", _series(counts.get("domain", {}), _domain_order(),
                                    _labels_domain())),
        ("cases_by_referral", _series(counts.get("referral", {}), ["yes", "no"],
                                      {"yes": _("Met doorverwijzing"),
                                       "no": _("Zonder doorverwijzing")})),
        ("cases_by_outcome", _series(counts.get("outcome", {}), order, labels)),
    ]


TITLES = {
    "signals_per_month": ("Signalen per maand",
                          "Signalen die in {year} zijn ontvangen, naar maand van ontvangst."),
    "signals_by_domain": ("Signalen naar uitbuitingsvorm",
                          "Elk signaal telt één keer: bij zijn domein, of bij 'meerdere "
                          "domeinen' of 'nog onbekend'."),
    "signals_by_source": ("Signalen naar soort melder",
                          "Soort organisatie van de melder (gemeentelijke afdeling of "
                          "ketenpartner), signalen ontvangen in {year}."),
    "signals_by_result": ("Wat er met de signalen gebeurde",
                          "Stand op de peildatum van signalen die in {year} zijn ontvangen."),
    "cases_per_month": ("Casussen per maand",
                        "Casussen die in {year} zijn geopend, naar maand van opening."),
    "cases_by_domain": ("Casussen naar uitbuitingsvorm",
                        "Elke casus telt één keer, zoals bij de signalen."),
    "cases_by_referral": ("Casussen met een doorverwijzing",
                          "Casussen geopend in {year} waarin minstens één doorverwijzing naar "
                          "een ketenpartner is gedaan."),
    "cases_by_outcome": ("Casussen naar uitkomst",
                         "Stand op de peildatum van casussen geopend in {year}: lopend, of "
                         "gesloten met de vastgelegde uitkomst."),
    "funnel": ("Van signaal naar uitkomst",
               "Signalen ontvangen in {year}; daarvan gekoppeld aan een casus; casussen "
               "geopend in {year}; daarvan met doorverwijzing; daarvan gesloten met uitkomst."),
    "signals_per_year": ("Signalen per jaar", "Signalen ontvangen per kalenderjaar."),
    "cases_per_year": ("Casussen per jaar", "Casussen geopend per kalenderjaar."),
    "overdue": ("Werk over de termijn (vandaag)",
                "Signalen niet beoordeeld vóór de termijn, doorverwijzingen zonder "
                "terugkoppeling en interventies na de uiterste datum, op de peildatum."),
}


def _table(name: str, year: int, result: SeriesResult, chart: str = "bar") -> Table:
    title, definition = TITLES[name]
    return Table(name, _(title), _(definition).format(year=year), result, chart)


Families = tuple[list[tuple[str, SeriesResult]], list[tuple[str, SeriesResult]]]


# Category lists a public document may fold into "other/unknown" (not months, not the
# result/outcome lists the funnel is derived from).
MERGEABLE = {"signals_by_domain", "signals_by_source", "cases_by_domain"}


def _breakdowns(signals: Counts, cases: Counts, year: int, policy: Policy | None = None):
    s_items = signal_breakdowns(signals.get(year, {}))
    c_items = case_breakdowns(cases.get(year, {}))
    if policy is not None:
        other = _("Overig/onbekend")
        s_items = [(n, sup.merge_small(i, policy, other) if n in MERGEABLE else i)
                   for n, i in s_items]
        c_items = [(n, sup.merge_small(i, policy, other) if n in MERGEABLE else i)
                   for n, i in c_items]
    return s_items, c_items


def _families(signals: Counts, cases: Counts, year: int, policy: Policy,
              merge: bool = False) -> Families:
    s_items, c_items = _breakdowns(signals, cases, year, policy if merge else None)
    s_results = sup.protect_family([items for _n, items in s_items], policy)
    c_results = sup.protect_family([items for _n, items in c_items], policy)
    return (list(zip([n for n, _i in s_items], s_results, strict=True)),
            list(zip([n for n, _i in c_items], c_results, strict=True)))


def _region_families(per_municipality: list[tuple[Counts, Counts]], year: int,
                     policy: Policy) -> Families:
    """Regional tables that add up the municipalities without undoing what each of them
    suppresses on its own page (:func:`~.suppression.protect_region`)."""
    own = [_families(s, c, year, policy) for s, c in per_municipality]
    exact = [_breakdowns(s, c, year) for s, c in per_municipality]
    result: list[list[tuple[str, SeriesResult]]] = [[], []]
    for side in (0, 1):
        for index, (name, _items) in enumerate(exact[0][side]):
            parts = [families[side][index][1] for families in own]
            counts = [[n for _label, n in e[side][index][1]] for e in exact]
            result[side].append((name, sup.protect_region(parts, counts, policy)))
    return result[0], result[1]


def _total_of(results: list[tuple[str, SeriesResult]]) -> Cell:
    return results[0][1].total


def _sum_cells(cells: list[Cell], policy: Policy) -> Cell:
    """A derived figure: the sum of published cells, hidden when any part is hidden."""
    if any(c.hidden for c in cells):
        return Cell(sup.COMPLEMENTARY_SYMBOL, None, sup.COMPLEMENTARY)
    value = sum(c.count or 0 for c in cells)
    return Cell(str(value), value)


def _funnel(s_results, c_results, policy: Policy) -> SeriesResult:
    s = dict(s_results)
    c = dict(c_results)
    order, _labels = _outcome_labels()
    outcome_rows = c["cases_by_outcome"].rows  # open, outcomes…, "" (none), unknown codes
    closed_with_outcome = [r.cell for r in outcome_rows[1:len(order) - 1]
                           + outcome_rows[len(order):]]
    linked = s["signals_by_result"].rows[3].cell  # received, no_follow_up, forwarded, linked
    referred = c["cases_by_referral"].rows[0].cell
    rows = [
        Row(_("Signalen ontvangen"), s["signals_per_month"].total),
        Row(_("Signalen gekoppeld aan een casus"), linked),
        Row(_("Casussen geopend"), c["cases_per_month"].total),
        Row(_("Casussen met doorverwijzing"), referred),
        Row(_("Casussen gesloten met uitkomst"), _sum_cells(closed_with_outcome, policy)),
    ]
    return SeriesResult(rows, None, policy)


def build_report(ids: list[int], year: int, policy: Policy, scope_label: str,
                 codes: list[str], region: bool = False, merge: bool = False) -> Report:
    """Everything a dashboard, letter or API answer shows, protected with ``policy``.

    ``region``: the municipalities each publish their own figures, so the regional tables are
    protected against subtraction of those (only when the policy protects at all).
    ``merge``: fold small categories into "other/unknown" (public documents; not regional).
    """
    _BUILD_MEMO.clear()  # catalogue labels may have changed since the last build
    years = list(range(year - YEARS_COMPARED + 1, year + 1))
    if region and policy.protects and len(ids) > 1:
        per = [counts_for([m], year, years) for m in ids]

        def families(y: int) -> Families:
            return _region_families(per, y, policy)
    else:
        signals, cases = counts_for(ids, year, years)

        def families(y: int) -> Families:
            return _families(signals, cases, y, policy, merge)

    report = Report(year, scope_label, codes, policy, timezone.now())
    s_results, c_results = families(year)
    for name, result in s_results:
        report.tables.append(_table(name, year, result))
    report.tables.insert(0, _table("funnel", year, _funnel(s_results, c_results, policy)))
    for name, result in c_results:
        report.tables.append(_table(name, year, result))
    s_years, c_years = [], []
    for y in years:
        sy, cy = (s_results, c_results) if y == year else families(y)
        s_years.append(Row(str(y), _total_of(sy)))
        c_years.append(Row(str(y), _total_of(cy)))
    report.tables.append(_table("signals_per_year", year, SeriesResult(s_years, None, policy),
                                "line"))
    report.tables.append(_table("cases_per_year", year, SeriesResult(c_years, None, policy),
                                "line"))
    report.lead_times = _lead_times(ids, year, policy, region)
    report.overdue = _table("overdue", year, _overdue(ids, policy, region))
    return report


OVERDUE_LABELS = (("signals", "Signalen niet op tijd beoordeeld"),
                  ("referrals", "Doorverwijzingen zonder terugkoppeling"),
                  ("interventions", "Interventies over de uiterste datum"))


def _overdue(ids: list[int], policy: Policy, region: bool) -> SeriesResult:
    overdue = count_overdue(ids)
    per = [count_overdue([m]) for m in ids] if region and policy.protects and len(ids) > 1 \
        else None
    rows = []
    for key, label in OVERDUE_LABELS:
        cell = sup.protect_value(overdue[key], policy)
        if per is not None and not cell.hidden:
            cell = _region_value([p[key] for p in per], policy)
        rows.append(Row(_(label), cell))
    return SeriesResult(rows, None, policy)


LEAD_TIMES = (
    ("triage", "Tijd tot beoordeling",
     "Dagen van ontvangst van een signaal tot het besluit (geen vervolg, doorzetten of "
     "koppelen aan een casus), voor signalen ontvangen in {year}."),
    ("first_intervention", "Tijd tot eerste interventie",
     "Dagen van het openen van een casus tot de eerste vastgelegde interventie, voor "
     "casussen geopend in {year}."),
    ("referral_response", "Reactietijd op doorverwijzingen",
     "Dagen van een doorverwijzing tot de reactie van de ketenpartner, voor "
     "doorverwijzingen gedaan in {year}."),
)


def _region_value(per_municipality: list[int], policy: Policy) -> Cell:
    """A regional sum of loose municipal figures, hidden when it would reveal one of them."""
    parts = [sup.protect_series([("n", k)], policy) for k in per_municipality]
    return sup.protect_region(parts, [[k] for k in per_municipality], policy).total


def _lead_times(ids: list[int], year: int, policy: Policy, region: bool = False
                ) -> list[LeadTime]:
    measured = lead_times(ids, year)
    result = []
    for name, title, definition in LEAD_TIMES:
        count, median_value = measured[name]
        n = sup.protect_value(count, policy)
        if region and policy.protects and len(ids) > 1 and not n.hidden:
            n = _region_value([lead_times([m], year)[name][0] for m in ids], policy)
        # a median of fewer than `threshold` durations is close to one person's case
        median = "" if median_value is None or n.hidden else f"{median_value:.1f}"
        result.append(LeadTime(name, _(title), _(definition).format(year=year), n,
                               median.replace(".", ",")))
    return result
