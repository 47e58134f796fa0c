# SPDX-License-Identifier: EUPL-1.2
"""Batch de-duplication and linkage: block, compare, estimate, score, cluster.

The pipeline is vectorised end to end (numpy, rapidfuzz ``cpdist``), so a million records
take minutes on one core, and it shares every comparison with the incremental resolver, so
a batch run and the intake screen explain a match in the same words and weights.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from schakel.matching import model as fs
from schakel.matching.blocking import PERSON_KEYS, candidate_pairs
from schakel.matching.cluster import cluster, cluster_pairs
from schakel.matching.comparisons import (
    PERSON_COMPARISONS,
    Comparison,
    PairView,
    comparison_vectors,
    present,
)
from schakel.matching.explain import Explanation, explain
from schakel.matching.features import person_frame
from schakel.matching.records import PersonRecord

# Up to this many possible pairs, compare them all: blocking only saves time, and below this
# it saves none worth the recall it may cost.
EXHAUSTIVE_LIMIT = 1_000_000
# Random pairs drawn to estimate u (all pairs when there are fewer).
U_SAMPLE = 1_000_000
CHUNK = 1_000_000
THRESHOLD = 0.5

Data = pd.DataFrame | Iterable[PersonRecord | Mapping[str, Any]]
Table = dict[str, np.ndarray]


@dataclass
class BatchResult:
    """Everything a batch run found, with enough kept to explain any scored pair."""

    table: Table
    pairs: np.ndarray
    gamma: np.ndarray
    weight: np.ndarray
    probability: np.ndarray
    household: np.ndarray  # pair shares surname and address: weighed by the household model
    labels: np.ndarray
    model: fs.LinkageModel
    sources: np.ndarray | None
    timings: dict[str, float] = field(default_factory=dict)
    tf_counts: dict[str, np.ndarray] = field(default_factory=dict)

    @property
    def record_ids(self) -> np.ndarray:
        return self.table["record_id"]

    def matched_pairs(self) -> np.ndarray:
        """Record pairs in the same cluster (the linkage result as pairs)."""
        return cluster_pairs(self.labels, self.sources)

    def explain(self, k: int) -> Explanation:
        """Why candidate pair ``k`` scored as it did."""
        i, j = int(self.pairs[k, 0]), int(self.pairs[k, 1])
        view = PairView(self.table, self.table, np.array([i]), np.array([j]))
        gamma = comparison_vectors(view, self.model.comparisons)
        tf = {col: counts[[i]] for col, counts in self.tf_counts.items()}
        return explain(self.model, view, gamma, tf, len(self.record_ids))[0]


def deduplicate(data: Data, threshold: float = THRESHOLD) -> BatchResult:
    """Find the records in one data set that describe the same person."""
    return _run(person_frame(data), None, threshold)


def link(left: Data, right: Data, threshold: float = THRESHOLD) -> BatchResult:
    """Link the records of two data sets; pairs within one set are not considered."""
    a, b = person_frame(left), person_frame(right)
    a["source"], b["source"] = "left", "right"
    frame = pd.concat([a, b], ignore_index=True)
    return _run(frame, frame["source"].to_numpy(dtype=object), threshold)


def _run(frame: pd.DataFrame, sources: np.ndarray | None, threshold: float) -> BatchResult:
    timings: dict[str, float] = {}
    clock = time.perf_counter()
    table: Table = {c: frame[c].to_numpy() for c in frame.columns}
    n = len(frame)
    comparisons = active_comparisons(table)
    total = _total_pairs(n, sources)
    pairs = _candidates(table, n, total, sources)
    timings["blocking"] = time.perf_counter() - clock
    gamma = _gamma(table, pairs, comparisons)
    timings["comparing"] = time.perf_counter() - clock - timings["blocking"]
    model = estimate(table, pairs, gamma, comparisons, total, sources)
    tf_counts = {
        c.tf_column: fs.value_counts(table[c.tf_column])
        for c in comparisons if c.tf_column
    }
    weight = _weights(model, gamma, pairs, tf_counts, n)
    prob = fs.probability(weight)
    household = fs.household_context(gamma, comparisons)
    labels = cluster(n, pairs, prob, np.zeros(len(pairs), dtype=bool), threshold)
    timings["total"] = time.perf_counter() - clock
    return BatchResult(
        table, pairs, gamma, weight, prob, household, labels, model, sources, timings, tf_counts
    )


def active_comparisons(table: Table) -> tuple[Comparison, ...]:
    """Comparisons whose fields at least two records have: the rest can tell nothing."""
    out = []
    for comp in PERSON_COMPARISONS:
        filled = max(int(present(table[col]).sum()) for col in comp.columns)
        if filled >= 2:
            out.append(comp)
    return tuple(out)


def _total_pairs(n: int, sources: np.ndarray | None) -> int:
    if sources is None:
        return n * (n - 1) // 2
    n_left = int((sources == sources[0]).sum()) if n else 0
    return n_left * (n - n_left)


def _candidates(table: Table, n: int, total: int, sources: np.ndarray | None) -> np.ndarray:
    if total <= EXHAUSTIVE_LIMIT:
        return _all_pairs(n, sources)
    return candidate_pairs(table, PERSON_KEYS, sources)


def _all_pairs(n: int, sources: np.ndarray | None) -> np.ndarray:
    a, b = np.triu_indices(n, 1)
    pairs = np.stack([a, b], axis=1).astype(np.int64)
    if sources is not None:
        pairs = pairs[sources[pairs[:, 0]] != sources[pairs[:, 1]]]
    return pairs


def _gamma(table: Table, pairs: np.ndarray, comparisons: tuple[Comparison, ...]) -> np.ndarray:
    """Comparison vectors in chunks, to keep memory flat on large runs."""
    out = np.empty((len(pairs), len(comparisons)), dtype=np.int8)
    for start in range(0, len(pairs), CHUNK):
        part = pairs[start : start + CHUNK]
        view = PairView(table, table, part[:, 0], part[:, 1])
        out[start : start + len(part)] = comparison_vectors(view, comparisons)
    return out


def _random_pairs(n: int, total: int, sources: np.ndarray | None, seed: int = 7) -> np.ndarray:
    if total <= U_SAMPLE:
        return _all_pairs(n, sources)
    rng = np.random.default_rng(seed)
    if sources is None:
        a, b = rng.integers(0, n, U_SAMPLE), rng.integers(0, n, U_SAMPLE)
        keep = a != b
        return np.stack([np.minimum(a, b), np.maximum(a, b)], axis=1)[keep]
    left = np.flatnonzero(sources == sources[0])
    right = np.flatnonzero(sources != sources[0])
    return np.stack(
        [rng.choice(left, U_SAMPLE), rng.choice(right, U_SAMPLE)], axis=1
    ).astype(np.int64)


def estimate(
    table: Table, pairs: np.ndarray, gamma: np.ndarray,
    comparisons: tuple[Comparison, ...], total: int, sources: np.ndarray | None,
) -> fs.LinkageModel:
    """m by EM sessions, u from random pairs less the matches, prior from both."""
    n = len(table["record_id"])
    exhaustive = len(pairs) == total
    sample = pairs if exhaustive else _random_pairs(n, total, sources)
    random_gamma = gamma if exhaustive else _gamma(table, sample, comparisons)
    random_counts = fs.level_counts(random_gamma, comparisons)
    u = [fs.smooth(c) for c in random_counts]
    m = fs.estimate_m(gamma, comparisons, u)
    prior = 1.0 / max(total, 2)
    for _ in range(3):  # u and the prior depend on each other through the matches found
        prior, matched = fs.estimate_prior(gamma, comparisons, m, u, total)
        u = fs.u_without_matches(random_counts, len(sample), total, matched)
    context = fs.household_context(gamma, comparisons)
    household = fs.fit_household(gamma[context], comparisons, m, u, u)
    return fs.LinkageModel(comparisons, m, u, prior, household)


def _weights(
    model: fs.LinkageModel, gamma: np.ndarray, pairs: np.ndarray,
    tf_counts: dict[str, np.ndarray], n: int,
) -> np.ndarray:
    out = np.empty(len(pairs), dtype=float)
    for start in range(0, len(pairs), CHUNK):
        part = slice(start, start + CHUNK)
        left = pairs[part, 0]
        tf = {col: counts[left] for col, counts in tf_counts.items()}
        out[part] = model.match_weight(gamma[part], tf, n)
    return out


__all__ = ["BatchResult", "deduplicate", "link"]
