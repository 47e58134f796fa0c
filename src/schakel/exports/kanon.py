# SPDX-License-Identifier: EUPL-1.2
"""k-anonymity for the de-identified case export (pure Python, no Django).

Why: a table of "possible victims" with age, gender, nationality, municipality and year is
small. In a municipality of 20,000 people "Eritrean girl, 15, Alblasserdam, 2025" names one
child. CTDC publishes its global dataset only after k-anonymisation with k = 11
(reporting-interop.md §4.2); Schakel does the same before anything leaves the casework
boundary without a legal basis.

How: every quasi-identifier has a *generalisation hierarchy*, a list of levels from the exact
value (level 0) to the fully suppressed value ``"*"`` (the last level). The algorithm is the
greedy full-domain generalisation of Datafly (Sweeney 2002): while more records sit in groups
smaller than ``k`` than may be suppressed, raise the level of the attribute with the most
distinct values; then drop the remaining outlier records. Every record of one attribute is
generalised to the same level, so the result reads like an ordinary table with coarser
columns. The outcome is always k-anonymous: at worst every attribute is ``"*"``, one group
remains, and if it has fewer than ``k`` records those are suppressed too.

:func:`is_k_anonymous` is the independent check the tests (and the export service) apply.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

SUPPRESSED = "*"
UNKNOWN = "unknown"
DEFAULT_K = 11  # as the CTDC global dataset
DEFAULT_MAX_SUPPRESSION = 0.05  # share of records that may be dropped instead of generalising

Record = Mapping[str, Any]
Level = Callable[[Any], str]


def _is_missing(value: Any) -> bool:
    return value is None or value == ""


@dataclass(frozen=True)
class Hierarchy:
    """Generalisation levels for one quasi-identifier, from exact to ``"*"``.

    ``levels[i]`` maps an original value to its level-``i`` form. Missing values become
    ``"unknown"`` on every level except the last, so "not recorded" is never mistaken for a
    value and never merged with one until everything is suppressed.
    """

    name: str
    levels: tuple[Level, ...]
    labels: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not self.levels:
            raise ValueError("a hierarchy needs at least one level")

    @property
    def top(self) -> int:
        """The level at which every value is ``"*"`` (one more than the given levels)."""
        return len(self.levels)

    def generalise(self, value: Any, level: int) -> str:
        if level >= self.top:
            return SUPPRESSED
        if _is_missing(value):
            return UNKNOWN
        return str(self.levels[level](value))

    def label(self, level: int) -> str:
        if level >= self.top:
            return "suppressed"
        return self.labels[level] if level < len(self.labels) else f"level {level}"


@dataclass
class Anonymised:
    """The k-anonymous records and an account of what was done to get them."""

    records: list[dict[str, Any]]
    k: int
    levels: dict[str, int]
    level_labels: dict[str, str]
    suppressed: int
    total: int
    notes: list[str] = field(default_factory=list)

    def summary(self) -> dict[str, Any]:
        """Plain data for the export's metadata and the audit explanation."""
        return {"k": self.k, "records_in": self.total, "records_out": len(self.records),
                "records_suppressed": self.suppressed, "generalisation": self.level_labels}


def equivalence_classes(records: Iterable[Record],
                        quasi_identifiers: Sequence[str]) -> Counter[tuple]:
    """How many records share each combination of quasi-identifier values."""
    return Counter(tuple(_key(record.get(q)) for q in quasi_identifiers) for record in records)


def _key(value: Any) -> Any:
    return UNKNOWN if _is_missing(value) else value


def is_k_anonymous(records: Iterable[Record], quasi_identifiers: Sequence[str], k: int) -> bool:
    """True when every combination of quasi-identifier values occurs at least ``k`` times.
    An empty table is k-anonymous (it reveals nobody)."""
    if k < 1:
        raise ValueError("k must be at least 1")
    return all(count >= k for count in equivalence_classes(records, quasi_identifiers).values())


def _generalise(records: Sequence[Record], hierarchies: Mapping[str, Hierarchy],
                levels: Mapping[str, int]) -> list[dict[str, Any]]:
    result = []
    for record in records:
        row = dict(record)
        for name, hierarchy in hierarchies.items():
            row[name] = hierarchy.generalise(record.get(name), levels[name])
        result.append(row)
    return result


def anonymise(records: Sequence[Record], hierarchies: Mapping[str, Hierarchy], *,
              k: int = DEFAULT_K,
              max_suppression: float = DEFAULT_MAX_SUPPRESSION) -> Anonymised:
    """Generalise the quasi-identifiers (the keys of ``hierarchies``) until at most
    ``max_suppression`` of the records sit in groups smaller than ``k``; suppress those.

    Other columns are copied unchanged: keep direct identifiers and free text out of
    ``records`` before calling this.
    """
    if k < 1:
        raise ValueError("k must be at least 1")
    if not 0 <= max_suppression <= 1:
        raise ValueError("max_suppression is a share between 0 and 1")
    names = list(hierarchies)
    levels = {name: 0 for name in names}
    allowed = int(max_suppression * len(records))
    notes: list[str] = []
    while True:
        rows = _generalise(records, hierarchies, levels)
        counts = equivalence_classes(rows, names)
        outliers = sum(count for count in counts.values() if count < k)
        if outliers <= allowed:
            break
        candidates = [n for n in names if levels[n] < hierarchies[n].top]
        if not candidates:
            notes.append("all quasi-identifiers fully suppressed; fewer than k records remain")
            break
        distinct = {n: len({row[n] for row in rows}) for n in candidates}
        chosen = max(candidates, key=lambda n: (distinct[n], -names.index(n)))
        levels[chosen] += 1
    kept = [row for row in rows if counts[tuple(row[n] for n in names)] >= k]
    return Anonymised(
        records=kept, k=k, levels=dict(levels),
        level_labels={n: hierarchies[n].label(levels[n]) for n in names},
        suppressed=len(rows) - len(kept), total=len(records), notes=notes,
    )


# --- the hierarchies of the case export --------------------------------------------------------

CTDC_AGE_BANDS = ((0, 8), (9, 17), (18, 20), (21, 23), (24, 26), (27, 29), (30, 38), (39, 47))
NRM_AGE_BANDS = ((0, 17), (18, 22))


def _band(age: int, bands: Sequence[tuple[int, int]]) -> str:
    for low, high in bands:
        if low <= age <= high:
            return f"{low}-{high}"
    return f"{bands[-1][1] + 1}+"


def age_hierarchy(name: str = "age") -> Hierarchy:
    """Age in years → CTDC band (0-8, 9-17, 18-20, …, 48+) → NRM band (0-17, 18-22, 23+)
    → minor/adult (0-17, 18+) → ``*``. The NRM bands are the ones the National Rapporteur
    publishes (reporting-interop.md §1.2); minor/adult is what CoMensha cross-tabs."""
    return Hierarchy(name, (
        lambda age: str(int(age)),
        lambda age: _band(int(age), CTDC_AGE_BANDS),
        lambda age: _band(int(age), NRM_AGE_BANDS),
        lambda age: "0-17" if int(age) < 18 else "18+",
    ), ("exact age", "CTDC age band", "NRM age band", "minor/adult"))


def year_hierarchy(name: str = "year", period: int = 5) -> Hierarchy:
    """Year → aligned period of ``period`` years (2020-2024) → ``*``."""

    def span(year: Any) -> str:
        start = int(year) - int(year) % period
        return f"{start}-{start + period - 1}"

    return Hierarchy(name, (lambda year: str(int(year)), span),
                     ("year", f"{period}-year period"))


def nationality_hierarchy(name: str, region_of: Callable[[str], str]) -> Hierarchy:
    """ISO 3166 alpha-2 code → region of the world → Dutch / non-Dutch → ``*``."""

    def dutch(code: Any) -> str:
        region = region_of(str(code))
        if region == UNKNOWN:
            return UNKNOWN
        return "NL" if str(code).upper() == "NL" else "non-NL"

    return Hierarchy(name, (lambda code: str(code).upper(), lambda code: region_of(str(code)),
                            dutch),
                     ("country", "region of the world", "Dutch/non-Dutch"))


def municipality_hierarchy(name: str, regions: Mapping[str, str]) -> Hierarchy:
    """Municipality (CBS code) → cooperation region (from the deployment's data) → ``*``."""
    return Hierarchy(name, (lambda code: str(code),
                            lambda code: regions.get(str(code)) or UNKNOWN),
                     ("municipality", "region"))


def flat_hierarchy(name: str, label: str) -> Hierarchy:
    """A value or nothing: gender, exploitation type (→ ``*``)."""
    return Hierarchy(name, (lambda value: str(value),), (label,))
