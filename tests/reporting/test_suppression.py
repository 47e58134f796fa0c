# SPDX-License-Identifier: EUPL-1.2
"""The small-number protection: no published table lets anyone recover a count from 1 to 4."""

from __future__ import annotations

import itertools
import random

import pytest

from schakel.reporting import suppression as s


def _recover_by_subtraction(displays: list[str], total: str) -> int | None:
    """The naive attack a council member could do: the total minus the shown rows."""
    hidden = [d for d in displays if not d.isdigit()]
    if len(hidden) != 1 or not total.isdigit():
        return None
    return int(total) - sum(int(d) for d in displays if d.isdigit())


def test_counts_one_to_four_are_shown_as_less_than_five_and_zero_is_shown():
    assert [s.suppress(n) for n in (0, 1, 4, 5, 17)] == ["0", "<5", "<5", "5", "17"]
    assert s.protect_value(3).as_json() == "<5"
    assert s.protect_value(12).as_json() == 12


def test_threshold_is_configurable():
    policy = s.Policy(threshold=10)
    assert s.protect_value(9, policy).display == "<10"
    assert s.protect_value(10, policy).display == "10"
    assert s.suppress(7, threshold=10) == "<10"


def test_a_single_hidden_row_cannot_be_recovered_from_the_total():
    result = s.protect_series([("seksueel", 14), ("arbeid", 3), ("crimineel", 9)])
    displays = [r.cell.display for r in result.rows]
    assert displays.count("<5") == 1
    assert _recover_by_subtraction(displays, result.total.display) is None
    # the complementary cell is the smallest other row, so the big figure stays visible
    assert displays == ["14", "<5", "x"]


def test_two_ones_are_not_recoverable_from_their_sum():
    """Two hidden cells whose hidden sum is 2 must both be 1: that is a disclosure too."""
    result = s.protect_series([("a", 1), ("b", 1), ("c", 20), ("d", 30)])
    bounds = s.attack([[r.cell.display for r in result.rows] + [result.total.display]],
                      s.series_constraints(4))
    for j in (0, 1):
        low, high = bounds[(0, j)]
        assert low < high, "a hidden 1 was recovered"


def test_zero_rows_do_not_count_as_protection():
    result = s.protect_series([("a", 3), ("b", 0), ("c", 0)])
    # the only other non-zero number is the total: it is hidden (itself a small count)
    assert result.total.display == "<5"


def test_exact_policy_shows_everything():
    result = s.protect_series([("a", 3), ("b", 10)], s.EXACT_POLICY)
    assert [r.cell.display for r in result.rows] == ["3", "10"]
    assert result.total.display == "13"


def test_two_way_table_resists_row_and_column_subtraction():
    counts = [[3, 10, 12], [8, 9, 30], [15, 1, 7]]
    table = s.protect_table(["r1", "r2", "r3"], ["c1", "c2", "c3"], counts)
    grid = table.display_grid()
    bounds = s.attack(grid, s.table_constraints(3, 3))
    for (i, j) in [(0, 0), (2, 1)]:
        assert grid[i][j] == "<5"
        low, high = bounds[(i, j)]
        assert low < high
    # every row or column with a "<5" has another hidden cell, so subtraction fails
    for line in grid + [list(col) for col in zip(*grid, strict=True)]:
        if "<5" in line:
            assert len([c for c in line if c in ("<5", "x")]) >= 2


def _lp_bounds(grid, constraints, policy, cell):
    """A stronger attacker: linear programming over all published sums at once."""
    scipy_optimize = pytest.importorskip("scipy.optimize")
    keys = [(i, j) for i, row in enumerate(grid) for j, _ in enumerate(row)]
    index = {k: n for n, k in enumerate(keys)}
    bounds = [s._interval_of(grid[i][j], policy) for i, j in keys]
    bounds = [(lo, None if hi == s.INF else hi) for lo, hi in bounds]
    a_eq, b_eq = [], []
    for parts, total in constraints:
        row = [0.0] * len(keys)
        for p in parts:
            row[index[p]] = 1.0
        row[index[total]] = -1.0
        a_eq.append(row)
        b_eq.append(0.0)
    target = [0.0] * len(keys)
    target[index[cell]] = 1.0
    low = scipy_optimize.linprog(target, A_eq=a_eq, b_eq=b_eq, bounds=bounds).fun
    high = -scipy_optimize.linprog([-t for t in target], A_eq=a_eq, b_eq=b_eq,
                                   bounds=bounds).fun
    return low, high


@pytest.mark.parametrize("policy", [s.DEFAULT_POLICY, s.PUBLIC_POLICY], ids=["exact", "rounded"])
def test_random_tables_never_disclose_a_small_cell(policy):
    rng = random.Random(9)
    for _ in range(60):
        n_rows, n_cols = rng.randint(1, 4), rng.randint(2, 4)
        counts = [[rng.choice([0, 1, 2, 3, 4, 5, 6, 8, 12, 30]) for _ in range(n_cols)]
                  for _ in range(n_rows)]
        table = s.protect_table([f"r{i}" for i in range(n_rows)],
                                [f"c{j}" for j in range(n_cols)], counts, policy)
        grid = table.display_grid()
        constraints = s.table_constraints(n_rows, n_cols)
        intervals = s.attack(grid, constraints, policy)
        for i, j in itertools.product(range(n_rows + 1), range(n_cols + 1)):
            if grid[i][j] == "<5":
                low, high = intervals[(i, j)]
                assert low < high, (counts, grid)
                lp_low, lp_high = _lp_bounds(grid, constraints, policy, (i, j))
                assert lp_high - lp_low > 0.5, (counts, grid)
        # the published numbers never include 1..4
        assert not any(c in {"1", "2", "3", "4"} for row in grid for c in row)


def test_rounding_to_five_for_public_outputs():
    assert [s.round_count(n, s.PUBLIC_POLICY) for n in (0, 5, 7, 8, 12, 13)] == [0, 5, 5, 10, 10,
                                                                                 15]
    result = s.protect_series([("a", 13), ("b", 22)], s.PUBLIC_POLICY)
    assert [r.cell.display for r in result.rows] == ["15", "20"]
    assert result.total.display == "35"
    assert "afgerond" in s.footnote(s.PUBLIC_POLICY)


def test_small_categories_are_merged_into_other_unknown():
    merged = s.merge_small([("seksueel", 12), ("arbeid", 3), ("orgaan", 1), ("crimineel", 9)])
    assert merged == [("seksueel", 12), ("crimineel", 9), ("Overig/onbekend", 4)]
    # nothing small: unchanged
    assert s.merge_small([("a", 6), ("b", 7)]) == [("a", 6), ("b", 7)]


def test_cells_never_carry_the_hidden_value():
    result = s.protect_series([("a", 3), ("b", 40)])
    for row in result.rows:
        if row.cell.hidden:
            assert row.cell.count is None
    assert "3" not in repr([r.cell for r in result.rows if r.cell.hidden])


def test_negative_counts_are_refused():
    with pytest.raises(ValueError):
        s.protect_value(-1)


def test_a_total_hidden_in_one_breakdown_is_hidden_in_all():
    per_month = [("jan", 1), ("feb", 5)]  # needs the total hidden: 6 = <5 + x reveals 1
    per_domain = [("seksueel", 6)]
    results = s.protect_family([per_month, per_domain])
    assert {r.total.display for r in results} == {"x"}


def test_regional_sum_does_not_reveal_a_small_municipality():
    """Region total minus the other municipalities' published totals must not give the
    small municipality's count."""
    labels = ["jan", "feb"]
    counts = [[2, 1], [10, 12], [8, 9]]  # municipality A has 3 signals
    parts = [s.protect_series(list(zip(labels, row, strict=True))) for row in counts]
    assert parts[0].total.display == "<5"
    region = s.protect_region(parts, counts)
    shown = [p.total.display for p in parts[1:]]
    if region.total.display.isdigit():
        recovered = int(region.total.display) - sum(int(x) for x in shown if x.isdigit())
        assert not (1 <= recovered <= 4 and all(x.isdigit() for x in shown))
    assert region.total.display == "x"
