# SPDX-License-Identifier: EUPL-1.2
"""Field comparisons: each turns a batch of record pairs into agreement levels.

A comparison has ordered levels, from "exactly equal" down to "different", plus -1 for "not
comparable" (a value missing on either side), which carries no evidence at all. The levels are
what Fellegi–Sunter weighs: the model learns, per level, how often true matches (m) and
non-matches (u) land there.

All comparisons work on arrays of pairs at once (numpy, rapidfuzz ``cpdist``), so the same code
scores 20 candidates for one new mention and 20 million pairs in a batch run.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from rapidfuzz import process
from rapidfuzz.distance import DamerauLevenshtein, JaroWinkler, Prefix

Table = dict[str, np.ndarray]
NULL = -1


class PairView:
    """Feature values of the left and right record of every pair, gathered lazily per column."""

    def __init__(self, left: Table, right: Table, li: np.ndarray, ri: np.ndarray) -> None:
        self.left_table, self.right_table, self.li, self.ri = left, right, li, ri
        self._cache: dict[tuple[str, str], np.ndarray] = {}
        self.overrides: dict[tuple[str, str], np.ndarray] = {}
        self.swapped = np.zeros(len(li), dtype=bool)

    def __len__(self) -> int:
        return len(self.li)

    def left(self, column: str) -> np.ndarray:
        return self._get("l", column)

    def right(self, column: str) -> np.ndarray:
        return self._get("r", column)

    def known(self, side: str, column: str) -> np.ndarray:
        """Where the value is present; from the table's cached presence mask when it has one."""
        key = (side, column + "?")
        if key not in self._cache:
            if (side, column) in self.overrides:
                self._cache[key] = present(self.overrides[(side, column)])
            else:
                table, index = self._side(side)
                mask = table.get(column + "?")
                if mask is None:
                    mask = present(table[column])
                    table[column + "?"] = mask
                self._cache[key] = mask[index]
        return self._cache[key]

    def override(self, side: str, column: str, values: np.ndarray) -> None:
        self.overrides[(side, column)] = values
        self._cache.pop((side, column + "?"), None)

    def _side(self, side: str) -> tuple[Table, np.ndarray]:
        return (self.left_table, self.li) if side == "l" else (self.right_table, self.ri)

    def _get(self, side: str, column: str) -> np.ndarray:
        key = (side, column)
        if key in self.overrides:
            return self.overrides[key]
        if key not in self._cache:
            table, index = self._side(side)
            self._cache[key] = table[column][index]
        return self._cache[key]


@dataclass(frozen=True)
class Comparison:
    """One field comparison: its levels, how to compute them, and term-frequency settings."""

    name: str
    labels: tuple[str, ...]
    columns: tuple[str, ...]
    compute: Callable[[PairView], np.ndarray]
    tf_column: str | None = None
    tf_levels: tuple[int, ...] = ()
    # levels that count as agreement in an explanation (the rest is partial or disagreement)
    agree_levels: tuple[int, ...] = (0,)
    default_m: tuple[float, ...] = field(default=())

    @property
    def n_levels(self) -> int:
        return len(self.labels)


# --- vector helpers -------------------------------------------------------------------------


def present(values: np.ndarray) -> np.ndarray:
    """True where a value is known (not None/NaN)."""
    return np.asarray(pd.notna(values), dtype=bool)


def both(view: PairView, column: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Left values, right values, and where both are present."""
    mask = view.known("l", column) & view.known("r", column)
    return view.left(column), view.right(column), mask


def equal(left: np.ndarray, right: np.ndarray, mask: np.ndarray) -> np.ndarray:
    out = np.zeros(len(left), dtype=bool)
    if mask.any():
        out[mask] = left[mask] == right[mask]
    return out


def jaro_winkler(left: np.ndarray, right: np.ndarray, mask: np.ndarray) -> np.ndarray:
    out = np.zeros(len(left), dtype=float)
    if mask.any():
        out[mask] = process.cpdist(
            left[mask], right[mask], scorer=JaroWinkler.normalized_similarity, workers=1
        )
    return out


def edit_distance(left: np.ndarray, right: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """Damerau–Levenshtein distance (a swap of two adjacent characters is one edit)."""
    out = np.full(len(left), 99, dtype=np.int32)
    if mask.any():
        out[mask] = process.cpdist(
            left[mask], right[mask], scorer=DamerauLevenshtein.distance, workers=1
        )
    return out


def levels(conditions: list[np.ndarray], comparable: np.ndarray) -> np.ndarray:
    """First true condition gives the level; none → the last level; not comparable → NULL."""
    out = np.select(conditions, list(range(len(conditions))), default=len(conditions))
    out = out.astype(np.int8)
    out[~comparable] = NULL
    return out


def _first_char(values: np.ndarray) -> np.ndarray:
    return np.array([v[0] if isinstance(v, str) and v else None for v in values], dtype=object)


# --- names ----------------------------------------------------------------------------------


def apply_name_swap(view: PairView) -> None:
    """Detect given name and surname written in each other's field, and undo it for the pair.

    Forms and data entry swap the two often ("Hall, Isla" typed as given name Hall). When the
    crossed comparison fits clearly better than the straight one, the right record's name
    fields are exchanged for this pair only, and the explanation says so. Only pairs where a
    crossed name agrees phonetically are examined, which keeps this cheap.
    """
    lgp, rgp, _ = both(view, "given_ph")
    lsp, rsp, _ = both(view, "surname_ph")
    maybe = equal(lgp, rsp, view.known("l", "given_ph") & view.known("r", "surname_ph"))
    maybe |= equal(lsp, rgp, view.known("l", "surname_ph") & view.known("r", "given_ph"))
    if not maybe.any():
        return
    idx = np.flatnonzero(maybe)
    lg, rg = view.left("given1")[idx], view.right("given1")[idx]
    ls, rs = view.left("surname")[idx], view.right("surname")[idx]
    straight = _sim(lg, rg) + _sim(ls, rs)
    crossed = _sim(lg, rs) + _sim(ls, rg)
    swap = np.zeros(len(view), dtype=bool)
    swap[idx] = (crossed >= 0.9) & (crossed > straight + 0.25)
    if swap.any():
        _swap_right_names(view, swap)


def _sim(left: np.ndarray, right: np.ndarray) -> np.ndarray:
    return jaro_winkler(left, right, present(left) & present(right))


def _swap_right_names(view: PairView, swap: np.ndarray) -> None:
    view.swapped = swap
    given = {c: view.right(c) for c in ("given1", "given", "given_ph", "given_canon")}
    sur = {c: view.right(c) for c in ("surname", "surname_full", "surname_ph")}
    initials = view.right("initials").copy()
    initials[swap] = _first_char(sur["surname"][swap])
    view.override("r", "given1", np.where(swap, sur["surname"], given["given1"]))
    view.override("r", "given", np.where(swap, sur["surname"], given["given"]))
    view.override("r", "given_canon", np.where(swap, sur["surname"], given["given_canon"]))
    view.override("r", "given_ph", np.where(swap, sur["surname_ph"], given["given_ph"]))
    view.override("r", "initials", initials)
    view.override("r", "surname", np.where(swap, given["given1"], sur["surname"]))
    view.override("r", "surname_full", np.where(swap, given["given1"], sur["surname_full"]))
    view.override("r", "surname_ph", np.where(swap, given["given_ph"], sur["surname_ph"]))
    view.override("r", "prefix", np.where(swap, None, view.right("prefix")))


def compare_given_name(view: PairView) -> np.ndarray:
    """exact · variant (phonetic, nickname, typo) · initials or other given name · similar ·
    different."""
    l1, r1, names = both(view, "given1")
    li, ri, inits = both(view, "initials")
    similarity = jaro_winkler(l1, r1, names)
    exact = equal(l1, r1, names) | equal(*both(view, "given")[:2], names)
    variant = equal(*both(view, "given_ph")) | equal(*both(view, "given_canon"))
    variant = names & (variant | (similarity >= 0.92))
    partial = _initials_agree(li, ri, inits, names) | _other_given_name(view, names)
    partial |= _is_prefix_of(l1, r1, names)
    return levels([exact, variant, partial, similarity >= 0.80], inits)


def _initials_agree(
    li: np.ndarray, ri: np.ndarray, inits: np.ndarray, names: np.ndarray
) -> np.ndarray:
    """Initials only on at least one side, and they agree on the first letter."""
    out = np.zeros(len(li), dtype=bool)
    check = inits & ~names
    if check.any():
        out[check] = [a[0] == b[0] for a, b in zip(li[check], ri[check], strict=True)]
    return out


def _other_given_name(view: PairView, names: np.ndarray) -> np.ndarray:
    """One side's first name is a later given name of the other (people use their roepnaam)."""
    lg, rg = view.left("given"), view.right("given")
    l1, r1 = view.left("given1"), view.right("given1")
    multi = view.left("given_multi").astype(bool) | view.right("given_multi").astype(bool)
    out = np.zeros(len(lg), dtype=bool)
    for i in np.flatnonzero(names & multi):
        out[i] = l1[i] in rg[i].split() or r1[i] in lg[i].split()
    return out


def _is_prefix_of(left: np.ndarray, right: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """'Rob' and 'Robert', 'Chris' and 'Christina': a short form that starts the long one."""
    out = np.zeros(len(left), dtype=bool)
    if not mask.any():
        return out
    a, b = left[mask], right[mask]
    common = process.cpdist(a, b, scorer=Prefix.similarity, workers=1)
    shorter = np.minimum(_lengths(a), _lengths(b))
    out[mask] = (shorter >= 3) & (common == shorter)
    return out


def _lengths(values: np.ndarray) -> np.ndarray:
    return np.fromiter(map(len, values), dtype=np.int32, count=len(values))


def compare_surname(view: PairView) -> np.ndarray:
    """exact · same surname, prefix differs · variant · partly equal · different."""
    lf, rf, full = both(view, "surname_full")
    lc, rc, core = both(view, "surname")
    exact = equal(lf, rf, full)
    same_core = equal(lc, rc, core)
    jw_core = jaro_winkler(lc, rc, core)
    variant = equal(*both(view, "surname_ph")) | (jw_core >= 0.92)
    variant |= jaro_winkler(lf, rf, full) >= 0.92
    partly = (jw_core >= 0.80) | _token_overlap(view, core)
    return levels([exact, same_core, variant, partly], core)


def _token_overlap(view: PairView, mask: np.ndarray) -> np.ndarray:
    """Double surnames: "jansen de vries" and "jansen" share a part."""
    left, right = view.left("surname"), view.right("surname")
    multi = view.left("surname_multi").astype(bool) | view.right("surname_multi").astype(bool)
    out = np.zeros(len(left), dtype=bool)
    for i in np.flatnonzero(mask & multi):
        shared = set(left[i].split()) & set(right[i].split())
        out[i] = bool(shared - {"de", "van", "der", "den", "het", "ten", "ter"})
    return out


# --- dates and others -----------------------------------------------------------------------


def compare_birth(view: PairView) -> np.ndarray:
    """Full dates: exact · one typo · day/month swapped · close; partial: year fits · differs."""
    ld, rd, full = both(view, "dob")
    ly, ry, years = both(view, "byear")
    exact = equal(ld, rd, full)
    distance = edit_distance(ld, rd, full)
    typo = full & (distance == 1)
    swapped = _day_month_swapped(view, full)
    lo, ro = view.left("dob_ord"), view.right("dob_ord")
    with np.errstate(invalid="ignore"):
        near = full & ((np.abs(lo - ro) <= 31) | (distance == 2))
        tolerance = np.fmax(view.left("byear_tol"), view.right("byear_tol"))
        year_fits = ~full & years & (np.abs(ly - ry) <= tolerance)
    different = full
    return levels([exact, typo, swapped, near, year_fits, different], full | years)


BIRTH_LABELS = (
    "exact", "one typo", "day and month swapped", "within a month or two typos",
    "birth year fits (partial date)", "different date", "birth year differs (partial date)",
)


def _day_month_swapped(view: PairView, mask: np.ndarray) -> np.ndarray:
    """Same year, and the day of one is the month of the other and vice versa."""
    left, right = view.left("dob_int"), view.right("dob_int")
    with np.errstate(invalid="ignore"):
        ly, lm, ld = left // 10000, left // 100 % 100, left % 100
        ry, rm, rd = right // 10000, right // 100 % 100, right % 100
        return mask & (ly == ry) & (lm == rd) & (ld == rm) & (lm != ld)


def compare_sex(view: PairView) -> np.ndarray:
    left, right, mask = both(view, "sex")
    return levels([equal(left, right, mask)], mask)


def compare_address(view: PairView) -> np.ndarray:
    """Where someone lives, as one comparison over postcode, house number, street and city.

    The parts are not independent (someone who moved differs on all of them at once), so
    they are weighed together: same dwelling · same dwelling with a typo · same street or
    postcode · same city · different.
    """
    lp, rp, pc = both(view, "postcode")
    lh, rh, hn = both(view, "hnr")
    lhd, rhd, hnd = both(view, "hnr_digits")
    ls, rs, st = both(view, "street")
    lc, rc, ci = both(view, "city")
    pc_exact = equal(lp, rp, pc)
    pc_close = pc & ~pc_exact & (edit_distance(lp, rp, pc) <= 1)
    hn_exact = equal(lh, rh, hn) | equal(lhd, rhd, hnd)
    st_jw = jaro_winkler(ls, rs, st)
    st_exact = st & (st_jw >= 0.999)
    st_close = st & (st_jw >= 0.90)
    city = ci & (jaro_winkler(lc, rc, ci) >= 0.90)
    area_ok = city | pc_exact | pc_close | ~ci
    same = hn_exact & (pc_exact | (st_exact & area_ok))
    near = (hn_exact & (pc_close | st_close)) | (pc_exact & st_close & ~hn)
    street = pc_exact | (st_close & area_ok)
    comparable = pc | st | ci
    return levels([same, near, street, city], comparable)


def compare_email(view: PairView) -> np.ndarray:
    """exact · typo or same user name at another domain · similar · different."""
    left, right, mask = both(view, "email")
    exact = equal(left, right, mask)
    typo = mask & (edit_distance(left, right, mask) <= 2)
    same_local = equal(view.left("email_local"), view.right("email_local"), mask)
    similar = jaro_winkler(left, right, mask) >= 0.88
    return levels([exact, typo | same_local, similar], mask)


def compare_identifier(column: str) -> Callable[[PairView], np.ndarray]:
    """exact · one typo (one digit changed, or two swapped) · different."""

    def compute(view: PairView) -> np.ndarray:
        left, right, mask = both(view, column)
        exact = equal(left, right, mask)
        typo = mask & (edit_distance(left, right, mask) <= 1)
        return levels([exact, typo], mask)

    return compute


def compare_exact(column: str) -> Callable[[PairView], np.ndarray]:
    def compute(view: PairView) -> np.ndarray:
        left, right, mask = both(view, column)
        return levels([equal(left, right, mask)], mask)

    return compute


PERSON_COMPARISONS: tuple[Comparison, ...] = (
    Comparison(
        "given_name",
        ("exact", "variant (phonetic, nickname or typo)", "initials or other given name agree",
         "similar", "different"),
        ("given1", "initials"), compare_given_name, tf_column="given1", tf_levels=(0,),
        agree_levels=(0, 1), default_m=(0.80, 0.10, 0.04, 0.03, 0.03),
    ),
    Comparison(
        "surname",
        ("exact", "same surname, prefix differs", "variant (phonetic or typo)", "partly equal",
         "different"),
        ("surname",), compare_surname, tf_column="surname", tf_levels=(0, 1),
        agree_levels=(0, 1, 2), default_m=(0.82, 0.04, 0.08, 0.03, 0.03),
    ),
    Comparison(
        "birth_date", BIRTH_LABELS, ("byear",), compare_birth,
        agree_levels=(0, 1, 2, 4), default_m=(0.85, 0.05, 0.01, 0.02, 0.03, 0.02, 0.02),
    ),
    Comparison("sex", ("same", "different"), ("sex",), compare_sex, default_m=(0.98, 0.02)),
    Comparison(
        "address",
        ("same address", "same address with a typo", "same street or postcode", "same city",
         "different"),
        ("postcode", "street", "city"), compare_address, tf_column="city", tf_levels=(3,),
        agree_levels=(0, 1), default_m=(0.60, 0.05, 0.05, 0.10, 0.20),
    ),
    Comparison(
        "email", ("exact", "typo or same user name", "similar", "different"), ("email",),
        compare_email, agree_levels=(0, 1), default_m=(0.80, 0.08, 0.04, 0.08),
    ),
    Comparison(
        "phone", ("exact", "one digit differs", "different"), ("phone",),
        compare_identifier("phone"), default_m=(0.80, 0.05, 0.15),
    ),
    Comparison(
        "bsn", ("exact", "one digit differs", "different"), ("bsn",),
        compare_identifier("bsn"), default_m=(0.95, 0.03, 0.02),
    ),
    Comparison("iban", ("exact", "different"), ("iban",), compare_exact("iban"),
               default_m=(0.7, 0.3)),
    Comparison(
        "licence_plate", ("exact", "different"), ("licence_plate",),
        compare_exact("licence_plate"), default_m=(0.5, 0.5),
    ),
)


def comparison_vectors(view: PairView, comparisons: tuple[Comparison, ...]) -> np.ndarray:
    """Agreement levels of every pair (rows) for every comparison (columns), int8."""
    apply_name_swap(view)
    out = np.empty((len(view), len(comparisons)), dtype=np.int8)
    for j, comparison in enumerate(comparisons):
        out[:, j] = comparison.compute(view) if len(view) else NULL
    return out
