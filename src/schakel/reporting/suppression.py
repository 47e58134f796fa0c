# SPDX-License-Identifier: EUPL-1.2
"""Small-number protection for every figure Schakel shows outside casework.

Why: in a municipality of 20,000 inhabitants "2 minors in labour exploitation" can point to a
known family. reporting-interop.md §4.5 sets the policy this module implements, following the
Statistics Denmark / OMOP norm of §4.3:

1. **Primary suppression.** A count from 1 to ``threshold - 1`` (default 1–4) is shown as
   ``"<5"``. Zero is shown: "nothing happened" reveals nobody.
2. **Complementary (secondary) suppression.** A hidden cell must not be recoverable by
   subtracting the shown cells from a row, column or table total. After primary suppression the
   module plays the attacker (:func:`attack`): it computes, from the *published* table only, the
   interval each hidden cell can still lie in, and hides further cells (shown as ``"x"``, the
   CBS symbol for "secret") until no primary cell is pinned to a single value.
3. **Rounding** (public outputs such as the council letter): shown counts are rounded to a
   multiple of 5, never below the threshold. Totals are rounded on their own, so a column may
   not add up exactly; the footnote says so.
4. **Merging small categories** into "other/unknown" before a list is published, so a long tail
   of rare categories does not become a row of "<5".

The module is pure Python (no Django) and works on plain counts; the Django side chooses the
:class:`Policy` (exact for the coordinator's own work, suppressed for the analyst, rounded for
public documents). Nothing here keeps an exact hidden value in its output objects: a
:class:`Cell` only carries what may be published.

Public API (stable; ``schakel.exports`` and ``schakel.policy`` use it):

- :class:`Policy`, :data:`DEFAULT_POLICY`, :data:`PUBLIC_POLICY`, :data:`EXACT_POLICY`
- :func:`suppress` / :func:`is_suppressed` — one loose number as text (no totals involved)
- :func:`protect_value` — one loose number as a :class:`Cell`
- :func:`protect_series` — a list of (label, count) with its total → :class:`SeriesResult`
- :func:`protect_family` — several breakdowns of one total, protected consistently
- :func:`protect_region` — regional sums of figures the municipalities publish themselves
- :func:`protect_table` — a two-way table with row/column/grand totals → :class:`TableResult`
- :func:`merge_small` — fold rare categories into "other/unknown"
- :func:`round_count` — rounding to the policy's base
- :func:`attack` — the recovery attempt on a published grid (used internally and by tests)
- :func:`footnote` — the Dutch explanation to print under every protected table
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

DEFAULT_THRESHOLD = 5
COMPLEMENTARY_SYMBOL = "x"
OTHER_LABEL = "Overig/onbekend"

SHOWN = "shown"
PRIMARY = "primary"  # 1 … threshold-1, shown as "<threshold"
COMPLEMENTARY = "complementary"  # hidden so a primary cell cannot be recomputed, shown as "x"


@dataclass(frozen=True)
class Policy:
    """How counts are protected.

    ``threshold``: counts ``1 … threshold-1`` are hidden; ``threshold <= 1`` means no protection
    (the coordinator's exact figures). ``rounding``: base for rounding shown counts (1 = exact,
    5 for public outputs). ``complementary``: whether cells are hidden to protect others.
    """

    threshold: int = DEFAULT_THRESHOLD
    rounding: int = 1
    complementary: bool = True

    def __post_init__(self) -> None:
        if self.threshold < 0 or self.rounding < 1:
            raise ValueError("threshold must be >= 0 and rounding >= 1")

    @property
    def protects(self) -> bool:
        return self.threshold > 1

    @property
    def symbol(self) -> str:
        """What a primary-suppressed count looks like, e.g. ``"<5"``."""
        return f"<{self.threshold}"

    def is_small(self, count: int) -> bool:
        return self.protects and 0 < count < self.threshold


DEFAULT_POLICY = Policy()
PUBLIC_POLICY = Policy(rounding=5)
EXACT_POLICY = Policy(threshold=0, complementary=False)


@dataclass(frozen=True)
class Cell:
    """One published figure. ``count`` is the number that may be used for charts and sums
    (rounded when the policy rounds), ``None`` when hidden; ``display`` is the text."""

    display: str
    count: int | None
    status: str = SHOWN

    @property
    def hidden(self) -> bool:
        return self.status != SHOWN

    def __str__(self) -> str:
        return self.display

    def as_json(self) -> int | str:
        """The API form: a number, or the symbol string when hidden."""
        return self.display if self.hidden else int(self.count or 0)


@dataclass(frozen=True)
class Row:
    label: str
    cell: Cell


@dataclass(frozen=True)
class SeriesResult:
    rows: list[Row]
    total: Cell | None
    policy: Policy

    @property
    def any_hidden(self) -> bool:
        return any(r.cell.hidden for r in self.rows) or bool(self.total and self.total.hidden)


@dataclass(frozen=True)
class TableResult:
    row_labels: list[str]
    column_labels: list[str]
    cells: list[list[Cell]]
    row_totals: list[Cell] | None
    column_totals: list[Cell] | None
    grand_total: Cell | None
    policy: Policy

    @property
    def any_hidden(self) -> bool:
        every = [c for row in self.cells for c in row]
        every += list(self.row_totals or []) + list(self.column_totals or [])
        every += [self.grand_total] if self.grand_total else []
        return any(c.hidden for c in every)

    def display_grid(self) -> list[list[str]]:
        """The published table including margins, as text (what an attacker sees)."""
        grid = [[c.display for c in row] + ([self.row_totals[i].display]
                                              if self.row_totals else [])
                for i, row in enumerate(self.cells)]
        if self.column_totals:
            grid.append([c.display for c in self.column_totals]
                        + ([self.grand_total.display] if self.grand_total else []))
        return grid


# --- single numbers ---------------------------------------------------------------------------


def round_count(count: int, policy: Policy = DEFAULT_POLICY) -> int:
    """``count`` rounded to the policy's base (half up), never into the hidden range.

    >>> round_count(7, PUBLIC_POLICY), round_count(8, PUBLIC_POLICY), round_count(0, PUBLIC_POLICY)
    (5, 10, 0)
    """
    base = policy.rounding
    if base <= 1 or count == 0:
        return count
    rounded = int(math.floor(count / base + 0.5)) * base
    return max(rounded, policy.threshold if policy.protects else base)


def _shown(count: int, policy: Policy) -> Cell:
    value = round_count(count, policy)
    return Cell(str(value), value, SHOWN)


def protect_value(count: int, policy: Policy = DEFAULT_POLICY) -> Cell:
    """One loose number (a headline figure without published parts)."""
    _check(count)
    if policy.is_small(count):
        return Cell(policy.symbol, None, PRIMARY)
    return _shown(count, policy)


def suppress(count: int | None, threshold: int = DEFAULT_THRESHOLD) -> str:
    """The count as text, with 1 … ``threshold - 1`` replaced by ``"<threshold"``.

    >>> suppress(0), suppress(3), suppress(5), suppress(12)
    ('0', '<5', '5', '12')
    >>> suppress(None)
    ''
    """
    if count is None:
        return ""
    return protect_value(count, Policy(threshold=threshold)).display


def is_suppressed(count: int | None, threshold: int = DEFAULT_THRESHOLD) -> bool:
    """True when :func:`suppress` hides the exact value."""
    return count is not None and Policy(threshold=threshold).is_small(count)


def _check(count: int) -> None:
    if count is None or count < 0:
        raise ValueError("a count must be a non-negative integer")


# --- merging ------------------------------------------------------------------------------------


def merge_small(items: Sequence[tuple[str, int]], policy: Policy = DEFAULT_POLICY,
                other_label: str = OTHER_LABEL) -> list[tuple[str, int]]:
    """Fold categories below the threshold into ``other_label`` (kept last).

    A merged group that is itself small stays in the list and is suppressed like any other row
    by :func:`protect_series`; larger categories are never absorbed, so the named categories
    stay comparable year on year. Zero rows are kept (they reveal nobody).

    >>> merge_small([("seksueel", 12), ("arbeid", 3), ("orgaan", 1), ("crimineel", 0)])
    [('seksueel', 12), ('crimineel', 0), ('Overig/onbekend', 4)]
    """
    if not policy.protects:
        return list(items)
    small = [(label, count) for label, count in items
             if label != other_label and policy.is_small(count)]
    if not small:
        return list(items)
    keep = [(label, count) for label, count in items
            if label != other_label and not policy.is_small(count)]
    other = sum(count for label, count in items if label == other_label)
    other += sum(count for _, count in small)
    return keep + [(other_label, other)]


# --- tables -------------------------------------------------------------------------------------

INF = math.inf


@dataclass
class _Grid:
    """A table with margins as one matrix: row ``i`` sums to its last column, column ``j`` to
    its last row (when totals are published). Constraints are lists of (parts, total) index
    pairs; every cell of the matrix is published, so every cell may need protecting."""

    values: list[list[int]]
    constraints: list[tuple[list[tuple[int, int]], tuple[int, int]]] = field(default_factory=list)


def _series_grid(counts: Sequence[int], with_total: bool) -> _Grid:
    values = [list(counts) + ([sum(counts)] if with_total else [])]
    grid = _Grid(values)
    if with_total:
        n = len(counts)
        grid.constraints.append(([(0, j) for j in range(n)], (0, n)))
    return grid


def _table_grid(counts: Sequence[Sequence[int]], with_totals: bool) -> _Grid:
    rows = [list(r) for r in counts]
    if not with_totals:
        return _Grid(rows)
    n_rows, n_cols = len(rows), len(rows[0]) if rows else 0
    values = [r + [sum(r)] for r in rows]
    values.append([sum(r[j] for r in rows) for j in range(n_cols)] + [sum(map(sum, rows))])
    grid = _Grid(values)
    for i in range(n_rows + 1):
        grid.constraints.append(([(i, j) for j in range(n_cols)], (i, n_cols)))
    for j in range(n_cols + 1):
        grid.constraints.append(([(i, j) for i in range(n_rows)], (n_rows, j)))
    return grid


def _interval_of(display: str, policy: Policy) -> tuple[float, float]:
    """What an attacker knows about one published cell."""
    if display == policy.symbol:
        return 1, policy.threshold - 1
    if display == COMPLEMENTARY_SYMBOL:
        return (policy.threshold if policy.protects else 0), INF
    value = int(display)
    if policy.rounding <= 1 or value == 0:
        return value, value
    # rounding half up: value - base/2 <= true < value + base/2
    low = value - policy.rounding // 2
    high = value + (policy.rounding - 1) // 2
    if policy.protects:
        low = max(low, policy.threshold)
    return max(low, 1), high


def attack(published: Sequence[Sequence[str]],
           constraints: Sequence[tuple[Sequence[tuple[int, int]], tuple[int, int]]],
           policy: Policy = DEFAULT_POLICY) -> dict[tuple[int, int], tuple[float, float]]:
    """Try to recover hidden cells from a published grid by subtraction.

    Starts from what each published text says (``"<5"`` → 1…4, ``"x"`` → ≥ threshold, a
    rounded number → its rounding interval) and tightens the intervals with every published sum
    ("parts add up to this total") until nothing changes — the same reasoning as "total minus
    the shown cells", applied repeatedly across rows and columns. Returns the interval of each
    cell; a primary cell whose interval is a single value has been disclosed.
    """
    bounds = {(i, j): list(_interval_of(text, policy))
              for i, row in enumerate(published) for j, text in enumerate(row)}
    changed, rounds = True, 0
    while changed and rounds < 500:
        changed, rounds = False, rounds + 1
        for parts, total in constraints:
            lo_sum = sum(bounds[p][0] for p in parts)
            hi_sum = sum(bounds[p][1] for p in parts)
            t_lo, t_hi = bounds[total]
            new_total = [max(t_lo, lo_sum), min(t_hi, hi_sum)]
            if new_total != bounds[total]:
                bounds[total], changed = new_total, True
            t_lo, t_hi = bounds[total]
            for p in parts:
                others_lo = sum(bounds[q][0] for q in parts if q != p)
                others_hi = sum(bounds[q][1] for q in parts if q != p)
                p_lo, p_hi = bounds[p]
                new = [max(p_lo, t_lo - others_hi), min(p_hi, t_hi - others_lo)]
                if new != bounds[p]:
                    bounds[p], changed = new, True
    return {key: (lo, hi) for key, (lo, hi) in bounds.items()}


def _display(value: int, status: str, policy: Policy) -> str:
    if status == PRIMARY:
        return policy.symbol
    if status == COMPLEMENTARY:
        return COMPLEMENTARY_SYMBOL
    return str(round_count(value, policy))


def _protect(grid: _Grid, policy: Policy, *,
             fixed: dict[tuple[int, int], str] | None = None,
             forced: set[tuple[int, int]] | None = None) -> list[list[Cell]]:
    """Primary then complementary suppression on ``grid``.

    ``fixed``: cells already published elsewhere with this text (their status cannot change
    and they are never picked as complementary cells). ``forced``: cells to hide from the start.
    """
    values = grid.values
    fixed = fixed or {}
    status = {(i, j): (PRIMARY if policy.is_small(v) else SHOWN)
              for i, row in enumerate(values) for j, v in enumerate(row)}
    for key in forced or ():
        if status[key] == SHOWN and values[key[0]][key[1]] > 0:
            status[key] = COMPLEMENTARY
    for key, text in fixed.items():
        status[key] = (PRIMARY if text == policy.symbol
                       else COMPLEMENTARY if text == COMPLEMENTARY_SYMBOL else "fixed")

    def published() -> list[list[str]]:
        return [[fixed[(i, j)] if (i, j) in fixed else _display(v, status[(i, j)], policy)
                 for j, v in enumerate(row)] for i, row in enumerate(values)]

    if policy.protects and policy.complementary and grid.constraints:
        while True:
            bounds = attack(published(), grid.constraints, policy)
            exposed = [key for key, st in status.items()
                       if st == PRIMARY and bounds[key][0] >= bounds[key][1]]
            if not exposed:
                break
            extra = _complement_for(exposed[0], grid, status)
            if extra is None:  # everything is hidden already: nothing more to publish
                break
            status[extra] = COMPLEMENTARY
    for key in fixed:
        status[key] = SHOWN if status[key] == "fixed" else status[key]
    cells = [[Cell(_display(v, status[(i, j)], policy),
                   None if status[(i, j)] != SHOWN else round_count(v, policy),
                   status[(i, j)])
              for j, v in enumerate(row)] for i, row in enumerate(values)]
    for (i, j), text in fixed.items():
        cells[i][j] = Cell(text, int(text) if text.isdigit() else None, status[(i, j)])
    return cells


def _complement_for(key: tuple[int, int], grid: _Grid,
                    status: dict[tuple[int, int], str]) -> tuple[int, int] | None:
    """The cheapest extra cell to hide: the smallest shown non-zero cell sharing a sum with the
    exposed one (inner cells before totals, so published totals survive where possible).

    When every neighbour is hidden already, the exposure comes through a chain of sums: widen
    to the sums of any hidden cell, and finally to any shown cell.
    """

    def candidates(lines) -> list[tuple[int, int, tuple[int, int]]]:
        found = []
        for parts, total in lines:
            for cell in list(parts) + [total]:
                value = grid.values[cell[0]][cell[1]]
                if status[cell] == SHOWN and value > 0:
                    found.append((1 if cell == total else 0, value, cell))
        return found

    own = [c for c in grid.constraints if key in c[0] or key == c[1]]
    hidden = {cell for cell, st in status.items() if st != SHOWN}
    touching = [c for c in grid.constraints if hidden & (set(c[0]) | {c[1]})]
    for lines in (own, touching, grid.constraints):
        found = candidates(lines)
        if found:
            return min(found)[2]
    return None


def protect_series(items: Sequence[tuple[str, int]], policy: Policy = DEFAULT_POLICY, *,
                   with_total: bool = True, hide_total: bool = False) -> SeriesResult:
    """Protect a one-way table (label, count) and its total.

    With a total, a single hidden row would be "total minus the rest": the smallest other row
    (or, failing that, the total) is hidden too. ``hide_total`` hides the total from the start
    (see :func:`protect_family`).
    """
    for _, count in items:
        _check(count)
    grid = _series_grid([c for _, c in items], with_total)
    forced = {(0, len(items))} if with_total and hide_total else set()
    cells = _protect(grid, policy, forced=forced)[0]
    rows = [Row(label, cells[j]) for j, (label, _) in enumerate(items)]
    return SeriesResult(rows, cells[-1] if with_total else None, policy)


def protect_family(breakdowns: Sequence[Sequence[tuple[str, int]]],
                   policy: Policy = DEFAULT_POLICY) -> list[SeriesResult]:
    """Several breakdowns of the *same* total (signals per month, per domain, per source …).

    Each is protected on its own; if any of them has to hide the total, the total is hidden in
    all of them, because a total shown in one table would undo the protection in the other.
    """
    results = [protect_series(items, policy) for items in breakdowns]
    if any(r.total is not None and r.total.status == COMPLEMENTARY for r in results):
        results = [protect_series(items, policy, hide_total=True) for items in breakdowns]
    return results


def protect_region(parts: Sequence[SeriesResult], counts: Sequence[Sequence[int]],
                   policy: Policy = DEFAULT_POLICY) -> SeriesResult:
    """The regional sum of a breakdown that each municipality already publishes (``parts``).

    The municipal figures are fixed (they are on the municipalities' own pages); only regional
    cells may be hidden. Without this, "region minus the other municipalities" would reveal what
    a small municipality suppresses. ``counts`` are the exact municipal counts, in the order of
    ``parts``; the labels are those of the first part.
    """
    if not parts:
        raise ValueError("a region needs at least one municipality")
    n = len(parts[0].rows)
    exact = [list(row) + [sum(row)] for row in counts]
    region = [sum(row[j] for row in exact) for j in range(n + 1)]
    grid = _Grid(exact + [region])
    m = len(exact)
    for i in range(m + 1):
        grid.constraints.append(([(i, j) for j in range(n)], (i, n)))
    for j in range(n + 1):
        grid.constraints.append(([(i, j) for i in range(m)], (m, j)))
    fixed = {}
    for i, part in enumerate(parts):
        for j, row in enumerate(part.rows):
            fixed[(i, j)] = row.cell.display
        fixed[(i, n)] = part.total.display if part.total else str(exact[i][n])
    cells = _protect(grid, policy, fixed=fixed)[m]
    return SeriesResult([Row(r.label, cells[j]) for j, r in enumerate(parts[0].rows)],
                        cells[n], policy)


def protect_table(row_labels: Sequence[str], column_labels: Sequence[str],
                  counts: Sequence[Sequence[int]], policy: Policy = DEFAULT_POLICY, *,
                  with_totals: bool = True) -> TableResult:
    """Protect a two-way table with its row, column and grand totals."""
    if len(counts) != len(row_labels) or any(len(r) != len(column_labels) for r in counts):
        raise ValueError("counts do not match the labels")
    for row in counts:
        for count in row:
            _check(count)
    grid = _table_grid(counts, with_totals)
    cells = _protect(grid, policy)
    n_rows, n_cols = len(row_labels), len(column_labels)
    if not with_totals:
        return TableResult(list(row_labels), list(column_labels), cells, None, None, None, policy)
    return TableResult(
        list(row_labels), list(column_labels),
        [row[:n_cols] for row in cells[:n_rows]],
        [row[n_cols] for row in cells[:n_rows]],
        cells[n_rows][:n_cols], cells[n_rows][n_cols], policy,
    )


def table_constraints(n_rows: int, n_cols: int):
    """The published sums of a :func:`protect_table` grid with totals (for :func:`attack`)."""
    return _table_grid([[0] * n_cols for _ in range(n_rows)], True).constraints


def series_constraints(n: int):
    """The published sum of a :func:`protect_series` line with total (for :func:`attack`)."""
    return _series_grid([0] * n, True).constraints


def footnote(policy: Policy = DEFAULT_POLICY) -> str:
    """The Dutch explanation printed under a protected table or chart."""
    if not policy.protects:
        return "Exacte aantallen, alleen voor intern gebruik binnen de eigen gemeente."
    text = (f"Aantallen van 1 tot en met {policy.threshold - 1} staan als "
            f"'{policy.symbol}', zodat niemand herkenbaar is. Waar een verborgen aantal uit "
            f"het totaal terug te rekenen zou zijn, is nog een aantal verborgen "
            f"('{COMPLEMENTARY_SYMBOL}').")
    if policy.rounding > 1:
        text += (f" Overige aantallen zijn afgerond op {policy.rounding}-tallen; "
                 "totalen kunnen daardoor afwijken van de som van de regels.")
    return text
