# SPDX-License-Identifier: EUPL-1.2
"""Fellegi–Sunter weights: estimation (random pairs and EM) and scoring with explanations.

For each comparison level the model holds m = P(level | same person) and
u = P(level | different persons); the level's weight is log2(m / u) bits. A pair's match
weight is the prior's log-odds plus the sum of its levels' weights, and its match probability
follows from that. Values that are rare (a rare surname) weigh more than common ones through a
term-frequency adjustment of the exact-agreement levels.

How the parameters are found, and why:

- u from random pairs. Almost every random pair is a non-match, so level frequencies over a
  random sample estimate u directly; the few true matches in the sample are subtracted once EM
  has counted them (this matters for small files with many duplicates).
- m by expectation–maximisation over the candidate pairs (the pairs that blocking produced),
  a two-class latent model, from neutral starting values. Blocking makes the candidate
  non-matches unlike random pairs, so EM's own u is used only to separate the classes; the
  final u comes from random pairs.
- The prior: EM's expected number of matches among the candidates, divided by all possible
  pairs. With it the match probability of a pair is calibrated for the whole data set, so a
  threshold of 0.5 means "more likely the same person than not" without tuning per file.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from schakel.matching.comparisons import NULL, Comparison

MAX_EM_ITERATIONS = 200
EM_TOLERANCE = 1e-6
# Bounds on a probability, so that a level never seen in the data is strong but not infinite
# evidence.
FLOOR = 1e-9


def value_counts(values: np.ndarray) -> np.ndarray:
    """For every record, how many records (itself included) share its value; 0 if missing."""
    codes, _ = pd.factorize(values, use_na_sentinel=True)
    counts = np.bincount(codes[codes >= 0]) if (codes >= 0).any() else np.zeros(0, int)
    out = np.zeros(len(values), dtype=np.int64)
    known = codes >= 0
    out[known] = counts[codes[known]]
    return out


@dataclass
class LinkageModel:
    """Estimated parameters: per comparison, m and u for every level, and the prior."""

    comparisons: tuple[Comparison, ...]
    m: list[np.ndarray]
    u: list[np.ndarray]
    prior: float

    @property
    def prior_weight(self) -> float:
        return math.log2(self.prior / (1.0 - self.prior))

    def level_weights(self) -> list[np.ndarray]:
        return [np.log2(np.maximum(m, FLOOR) / np.maximum(u, FLOOR)) for m, u in zip(
            self.m, self.u, strict=True)]

    def contributions(
        self, gamma: np.ndarray, tf_counts: dict[str, np.ndarray] | None = None,
        tf_total: int = 0,
    ) -> np.ndarray:
        """Weight in bits of every comparison for every pair (0 where not comparable).

        ``tf_counts[column]`` holds, per pair, how many records share the value of one of the
        two records (that record included); ``tf_total`` is the number of records counted.
        """
        out = np.zeros(gamma.shape, dtype=float)
        for c, weights in enumerate(self.level_weights()):
            level = gamma[:, c]
            known = level != NULL
            out[known, c] = weights[level[known]]
            column = self.comparisons[c].tf_column
            if tf_counts is not None and column in tf_counts and tf_total > 1:
                out[:, c] += self._tf_adjustment(c, level, tf_counts[column], tf_total)
        return out

    def _tf_adjustment(
        self, c: int, level: np.ndarray, counts: np.ndarray, total: int
    ) -> np.ndarray:
        """Rare values weigh more, common ones less: log2(u_level / u_value) on exact levels.

        u_value = P(a random other record has this value) = (count - 1) / (total - 1).
        """
        adjust = np.zeros(len(level), dtype=float)
        for tf_level in self.comparisons[c].tf_levels:
            idx = np.flatnonzero(level == tf_level)
            if not len(idx):
                continue
            u_level = max(float(self.u[c][tf_level]), FLOOR)
            u_value = np.maximum(counts[idx] - 1, 1) / (total - 1)
            adjust[idx] = np.log2(u_level / u_value)
        return adjust

    def match_weight(self, contributions: np.ndarray) -> np.ndarray:
        return self.prior_weight + contributions.sum(axis=1)

    def to_dict(self) -> dict[str, Any]:
        """Plain data for storage (JSON); term frequencies are rebuilt from the data."""
        return {
            "prior": self.prior,
            "comparisons": {
                comp.name: {"levels": list(comp.labels), "m": m.tolist(), "u": u.tolist()}
                for comp, m, u in zip(self.comparisons, self.m, self.u, strict=True)
            },
        }

    @classmethod
    def from_dict(
        cls, data: dict[str, Any], comparisons: tuple[Comparison, ...]
    ) -> LinkageModel:
        """Rebuild a stored model; comparisons missing from the data keep their defaults."""
        default = default_model(comparisons)
        ms, us = [], []
        for comp, m0, u0 in zip(comparisons, default.m, default.u, strict=True):
            stored = data.get("comparisons", {}).get(comp.name)
            ms.append(np.asarray(stored["m"]) if stored else m0)
            us.append(np.asarray(stored["u"]) if stored else u0)
        return cls(comparisons, ms, us, float(data.get("prior", default.prior)))


def probability(weight: np.ndarray | float) -> np.ndarray:
    """Match probability from a match weight in bits."""
    return 1.0 / (1.0 + np.exp2(-np.clip(weight, -60, 60)))


# Defaults for a model that has not seen data yet: u as in a Dutch population of some
# hundred thousand people (name frequencies from the CBS surname and given-name registers,
# birth dates spread over ~80 years), m from the data-entry error rates of the test sets.
DEFAULT_U: dict[str, tuple[float, ...]] = {
    "given_name": (0.004, 0.004, 0.03, 0.05, 0.912),
    "surname": (0.001, 0.0005, 0.003, 0.03, 0.9655),
    "birth_date": (3.5e-5, 2.5e-4, 1e-5, 2e-3, 0.05, 0.80, 0.1477),
    "sex": (0.5, 0.5),
    "address": (1e-5, 2e-5, 5e-4, 0.02, 0.97945),
    "email": (1e-6, 2e-6, 1e-4, 0.999897),
    "phone": (1e-6, 1e-5, 0.999989),
    "bsn": (1e-7, 4e-6, 0.9999959),
    "iban": (1e-7, 0.9999999),
    "licence_plate": (1e-6, 0.999999),
}
DEFAULT_PRIOR = 1e-6


def default_model(comparisons: tuple[Comparison, ...]) -> LinkageModel:
    """A model from known frequencies, for a resolver with no history to learn from."""
    m = [_normalised(np.asarray(c.default_m or _geometric(c.n_levels))) for c in comparisons]
    u = [
        _normalised(np.asarray(DEFAULT_U.get(c.name, _flat_u(c.n_levels)), dtype=float))
        for c in comparisons
    ]
    return LinkageModel(comparisons, m, u, DEFAULT_PRIOR)


def _geometric(n_levels: int) -> np.ndarray:
    return np.array([0.5**i for i in range(n_levels)], dtype=float)


def _flat_u(n_levels: int) -> np.ndarray:
    u = np.full(n_levels, 0.01 / max(n_levels - 1, 1))
    u[-1] = 0.99
    return u


def _normalised(values: np.ndarray) -> np.ndarray:
    values = np.maximum(np.asarray(values, dtype=float), FLOOR)
    return values / values.sum()


# --- estimation ------------------------------------------------------------------------------


def level_counts(gamma: np.ndarray, comparisons: tuple[Comparison, ...]) -> list[np.ndarray]:
    """Per comparison, how many pairs landed on each level (nulls left out)."""
    out = []
    for c, comp in enumerate(comparisons):
        level = gamma[:, c]
        out.append(np.bincount(level[level != NULL], minlength=comp.n_levels).astype(float))
    return out


def smooth(counts: np.ndarray) -> np.ndarray:
    """Level frequencies with a pseudo-count of one spread over the levels (Dirichlet prior).

    A level never observed gets a small but non-zero probability, so it counts as strong,
    finite evidence.
    """
    k = len(counts)
    return (counts + 1.0 / k) / (counts.sum() + 1.0)


def patterns(gamma: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Distinct comparison vectors and how often each occurs (EM runs on these)."""
    if len(gamma) == 0:
        return gamma, np.zeros(0)
    shifted = gamma.astype(np.int64) + 1
    code = np.zeros(len(gamma), dtype=np.int64)
    for c in range(gamma.shape[1]):
        code = code * 16 + shifted[:, c]
    unique, first, counts = np.unique(code, return_index=True, return_counts=True)
    return gamma[first], counts.astype(float)


@dataclass
class EMResult:
    m: list[np.ndarray]
    u: list[np.ndarray]
    match_share: float  # share of candidate pairs that are matches
    iterations: int
    posterior: np.ndarray  # per distinct pattern
    patterns: np.ndarray
    counts: np.ndarray


def expectation_maximisation(
    gamma: np.ndarray,
    comparisons: tuple[Comparison, ...],
    u_start: list[np.ndarray],
    m_start: list[np.ndarray] | None = None,
    share_start: float = 0.1,
) -> EMResult:
    """Two-class EM over the candidate pairs' comparison vectors."""
    pats, counts = patterns(gamma)
    m = [x.copy() for x in (m_start or default_model(comparisons).m)]
    u = [x.copy() for x in u_start]
    share = share_start
    posterior = np.zeros(len(pats))
    iteration = 0
    for iteration in range(1, MAX_EM_ITERATIONS + 1):
        posterior = _e_step(pats, m, u, share)
        new_m, new_u, new_share = _m_step(pats, counts, posterior, comparisons)
        change = max(
            abs(new_share - share),
            max(float(np.abs(a - b).max()) for a, b in zip(new_m, m, strict=True)),
        )
        m, u, share = new_m, new_u, new_share
        if change < EM_TOLERANCE:
            break
    return EMResult(m, u, share, iteration, posterior, pats, counts)


def _e_step(
    pats: np.ndarray, m: list[np.ndarray], u: list[np.ndarray], share: float
) -> np.ndarray:
    log_m = np.full(len(pats), math.log(max(share, FLOOR)))
    log_u = np.full(len(pats), math.log(max(1.0 - share, FLOOR)))
    for c in range(pats.shape[1]):
        level = pats[:, c]
        known = level != NULL
        log_m[known] += np.log(np.maximum(m[c][level[known]], FLOOR))
        log_u[known] += np.log(np.maximum(u[c][level[known]], FLOOR))
    return 1.0 / (1.0 + np.exp(np.clip(log_u - log_m, -700, 700)))


def _m_step(
    pats: np.ndarray, counts: np.ndarray, posterior: np.ndarray,
    comparisons: tuple[Comparison, ...],
) -> tuple[list[np.ndarray], list[np.ndarray], float]:
    w_match = counts * posterior
    w_non = counts * (1.0 - posterior)
    m, u = [], []
    for c, comp in enumerate(comparisons):
        level = pats[:, c]
        known = level != NULL
        m.append(smooth(np.bincount(level[known], w_match[known], minlength=comp.n_levels)))
        u.append(smooth(np.bincount(level[known], w_non[known], minlength=comp.n_levels)))
    share = float(w_match.sum() / max(counts.sum(), 1.0))
    return m, u, min(max(share, 1e-9), 1 - 1e-9)


def matched_level_counts(em: EMResult, comparisons: tuple[Comparison, ...]) -> list[np.ndarray]:
    """Expected number of true matches on each level among the candidates."""
    w_match = em.counts * em.posterior
    out = []
    for c, comp in enumerate(comparisons):
        level = em.patterns[:, c]
        known = level != NULL
        out.append(np.bincount(level[known], w_match[known], minlength=comp.n_levels))
    return out


def u_without_matches(
    random_counts: list[np.ndarray],
    sample_size: int,
    total_pairs: int,
    matched: list[np.ndarray],
) -> list[np.ndarray]:
    """u from the random sample, after removing the share of true matches EM found.

    The sample's level frequencies, scaled to all pairs, minus the expected matches on each
    level, estimate the non-matches' level counts.
    """
    scale = total_pairs / max(sample_size, 1)
    out = []
    for counts, matches in zip(random_counts, matched, strict=True):
        out.append(smooth(np.maximum(counts * scale - matches, 0.0)))
    return out
