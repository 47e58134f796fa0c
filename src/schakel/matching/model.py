# SPDX-License-Identifier: EUPL-1.2
"""Fellegi–Sunter weights: estimation (random pairs and EM) and scoring with explanations.

For each comparison level the model holds m = P(level | same person) and
u = P(level | different persons); the level's weight is log2(m / u) bits. A pair's match
weight is the prior's log-odds plus the sum of its levels' weights, and its match probability
follows from that. Values that are rare (a rare surname) weigh more than common ones through a
term-frequency adjustment of the exact-agreement levels.

How the parameters are found, and why:

- u from random pairs. Almost every random pair is a non-match, so level frequencies over a
  random sample estimate u directly; the few true matches in the sample are subtracted once
  their number is known (this matters for small files with many duplicates).
- m by expectation–maximisation in training sessions (see :class:`Session`): each takes the
  candidate pairs that agree on some fields, holds u at the random-pair values and estimates
  m of the other fields. One EM over all candidates with u free goes wrong at scale: the
  namesakes that name blocking brings in form a class of their own, and EM takes "same
  name" for "same person".
- The prior: the expected number of matches among the candidates (the sum of their match
  probabilities, iterated to a fixed point) divided by all possible pairs. With it the match
  probability is calibrated for the whole data set, so a threshold of 0.5 means "more likely
  the same person than not" without tuning per file.
- Pairs that could be relatives in one household get their own prior and u (see
  :class:`HouseholdModel`).
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
# Below this many household-context pairs there is too little to estimate from.
MIN_HOUSEHOLD_PAIRS = 20


def value_counts(values: np.ndarray) -> np.ndarray:
    """For every record, how many records (itself included) share its value; 0 if missing."""
    codes, _ = pd.factorize(values, use_na_sentinel=True)
    counts = np.bincount(codes[codes >= 0]) if (codes >= 0).any() else np.zeros(0, int)
    out = np.zeros(len(values), dtype=np.int64)
    known = codes >= 0
    out[known] = counts[codes[known]]
    return out


@dataclass
class HouseholdModel:
    """Weights for pairs that could be relatives in one household (:func:`household_context`).

    Twins share surname, address and birth date; a son named after his father shares given
    name, surname and address. Weighed as independent fields against random pairs, those
    agreements would outweigh the one field that tells them apart. Within the household context
    the model therefore uses its own prior (the share of such pairs that are one person) and
    its own u for every field (how often relatives agree on it), both estimated by EM on
    exactly those pairs, with m unchanged: a person's data errors do not depend on who their
    relatives are. Where the context holds no relatives (FEBRL), EM finds a share near one
    and nothing changes.
    """

    share: float
    u: list[np.ndarray]

    @property
    def prior_weight(self) -> float:
        return math.log2(self.share / (1.0 - self.share))


@dataclass
class LinkageModel:
    """Estimated parameters: per comparison, m and u for every level, and the prior."""

    comparisons: tuple[Comparison, ...]
    m: list[np.ndarray]
    u: list[np.ndarray]
    prior: float
    household: HouseholdModel | None = None

    @property
    def prior_weight(self) -> float:
        return math.log2(self.prior / (1.0 - self.prior))

    def level_weights(self, u: list[np.ndarray] | None = None) -> list[np.ndarray]:
        return [
            np.log2(np.maximum(m, FLOOR) / np.maximum(uu, FLOOR))
            for m, uu in zip(self.m, u or self.u, strict=True)
        ]

    def score(
        self, gamma: np.ndarray, tf_counts: dict[str, np.ndarray] | None = None,
        tf_total: int = 0, prior: float | None = None,
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(contributions, prior weight, household flag) for every pair.

        ``contributions[k, c]`` is the weight in bits of comparison c for pair k (0 where not
        comparable). ``tf_counts[column]`` holds, per pair, how many records share the value
        of one of the two records (that record included); ``tf_total`` is the number counted.
        ``prior`` replaces the model's prior (the resolver's prior is per candidate).
        """
        out = _contributions(gamma, self.level_weights())
        for c, comp in enumerate(self.comparisons):
            if tf_counts is not None and comp.tf_column in tf_counts and tf_total > 1:
                out[:, c] += self._tf_adjustment(c, gamma[:, c], tf_counts[comp.tf_column],
                                                 tf_total)
        base = self.prior_weight if prior is None else math.log2(prior / (1.0 - prior))
        prior_weights = np.full(len(gamma), base)
        context = household_context(gamma, self.comparisons)
        if self.household is not None and context.any():
            inner = _contributions(gamma[context], self.level_weights(self.household.u))
            inner[:, _indices(self.comparisons, CONTEXT_FIELDS)] = 0.0
            out[context] = inner
            prior_weights[context] = self.household.prior_weight
        return out, prior_weights, context

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

    def match_weight(
        self, gamma: np.ndarray, tf_counts: dict[str, np.ndarray] | None = None,
        tf_total: int = 0, prior: float | None = None,
    ) -> np.ndarray:
        contributions, prior_weights, _ = self.score(gamma, tf_counts, tf_total, prior)
        return prior_weights + contributions.sum(axis=1)

    def to_dict(self) -> dict[str, Any]:
        """Plain data for storage (JSON); term frequencies are rebuilt from the data."""
        data: dict[str, Any] = {
            "prior": self.prior,
            "comparisons": {
                comp.name: {"levels": list(comp.labels), "m": m.tolist(), "u": u.tolist()}
                for comp, m, u in zip(self.comparisons, self.m, self.u, strict=True)
            },
        }
        if self.household is not None:
            data["household"] = {
                "share": self.household.share,
                "u": {c.name: u.tolist() for c, u in zip(
                    self.comparisons, self.household.u, strict=True)},
            }
        return data

    @classmethod
    def from_dict(
        cls, data: dict[str, Any], comparisons: tuple[Comparison, ...]
    ) -> LinkageModel:
        """Rebuild a stored model; comparisons missing from the data keep their defaults."""
        default = default_model(comparisons)
        stored = data.get("comparisons", {})
        ms = [_stored(stored, c.name, "m", m0) for c, m0 in zip(comparisons, default.m,
                                                               strict=True)]
        us = [_stored(stored, c.name, "u", u0) for c, u0 in zip(comparisons, default.u,
                                                               strict=True)]
        household = default.household
        if "household" in data and household is not None:
            hu = data["household"]["u"]
            household = HouseholdModel(
                float(data["household"]["share"]),
                [np.asarray(hu[c.name]) if c.name in hu else u0
                 for c, u0 in zip(comparisons, household.u, strict=True)],
            )
        return cls(comparisons, ms, us, float(data.get("prior", default.prior)), household)


def _indices(comparisons: tuple[Comparison, ...], names: tuple[str, ...]) -> list[int]:
    return [c for c, comp in enumerate(comparisons) if comp.name in names]


def _stored(stored: dict[str, Any], name: str, key: str, fallback: np.ndarray) -> np.ndarray:
    item = stored.get(name)
    return np.asarray(item[key], dtype=float) if item else fallback


def _contributions(gamma: np.ndarray, weights: list[np.ndarray]) -> np.ndarray:
    out = np.zeros(gamma.shape, dtype=float)
    for c, level_weights in enumerate(weights):
        level = gamma[:, c]
        known = level != NULL
        out[known, c] = level_weights[level[known]]
    return out


# Fields that define the family context; the household model does not weigh them again.
CONTEXT_FIELDS = ("surname", "address")


def household_context(gamma: np.ndarray, comparisons: tuple[Comparison, ...]) -> np.ndarray:
    """Pairs that could be relatives in one household: the surname agrees (exact, prefix
    aside, or a variant) at the same address (or the same address but for a typo)."""
    names = [c.name for c in comparisons]
    if "surname" not in names or "address" not in names:
        return np.zeros(len(gamma), dtype=bool)
    surname = np.isin(gamma[:, names.index("surname")], (0, 1, 2))
    return surname & np.isin(gamma[:, names.index("address")], (0, 1))


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
# Among people registered with the same surname at one address (CBS household statistics:
# parents and children; twins are about 1.7% of births).
DEFAULT_HOUSEHOLD_SHARE = 0.2
DEFAULT_HOUSEHOLD_U: dict[str, tuple[float, ...]] = {
    "given_name": (0.02, 0.01, 0.05, 0.07, 0.85),
    "birth_date": (0.01, 0.002, 0.001, 0.01, 0.05, 0.877, 0.05),
    "sex": (0.5, 0.5),
    "email": (0.05, 0.05, 0.1, 0.8),
    "phone": (0.4, 0.01, 0.59),
    "iban": (0.3, 0.7),
    "licence_plate": (0.4, 0.6),
}


def default_model(comparisons: tuple[Comparison, ...]) -> LinkageModel:
    """A model from known frequencies, for a resolver with no history to learn from."""
    m = [_normalised(np.asarray(c.default_m or _geometric(c.n_levels))) for c in comparisons]
    u = [
        _normalised(np.asarray(DEFAULT_U.get(c.name, _flat_u(c.n_levels)), dtype=float))
        for c in comparisons
    ]
    household = HouseholdModel(
        DEFAULT_HOUSEHOLD_SHARE,
        [_normalised(np.asarray(DEFAULT_HOUSEHOLD_U.get(c.name, uu), dtype=float))
         for c, uu in zip(comparisons, u, strict=True)],
    )
    return LinkageModel(comparisons, m, u, DEFAULT_PRIOR, household)


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


@dataclass(frozen=True)
class Session:
    """An EM training session: the candidate pairs that agree on some fields.

    Within such a subset the non-matches agree on the session's own fields by construction
    but are otherwise like random pairs, so u of the *other* fields is known (random pairs)
    and EM only has to find their m and the share of matches. The session's own fields are
    left out; another session estimates them. Letting EM estimate u too, over all candidates
    at once, goes wrong at scale: the many namesakes that name blocking brings in form a
    tidy class of their own, and EM takes "same name" for "same person".
    """

    name: str
    # comparison name -> levels that count as agreement for selecting the session's pairs
    agree: tuple[tuple[str, tuple[int, ...]], ...]
    excluded: tuple[str, ...]
    any_of: bool = False  # pairs agreeing on any (instead of all) of the fields


# Surname and address are shared by relatives, so a session whose non-matches may be relatives
# (namesakes at one address, twins) must not estimate them; the given-name-and-birth-date
# session, whose non-matches are strangers, does. Sex follows from the given name and e-mail
# addresses are made of names, so sessions selected on the name do not estimate those
# either: namesakes "agree" on them far more often than random pairs, which would make
# namesakes look like matches.
FAMILY = ("surname", "address")
FROM_NAMES = ("sex", "email")
SESSIONS: tuple[Session, ...] = (
    Session("given name and birth date", (("given_name", (0, 1)), ("birth_date", (0,))),
            ("given_name", "birth_date", *FROM_NAMES)),
    Session("names", (("given_name", (0, 1)), ("surname", (0, 1, 2))),
            ("given_name", *FROM_NAMES, *FAMILY)),
    Session("birth date", (("birth_date", (0,)),), ("birth_date", *FAMILY)),
    Session("address", (("address", (0,)),), FAMILY),
    Session("bsn", (("bsn", (0,)),), ("bsn",)),
    Session("contact", (("phone", (0,)), ("email", (0,)), ("iban", (0,)),
                        ("licence_plate", (0,))),
            ("phone", "email", "iban", "licence_plate", *FAMILY), any_of=True),
)
MIN_SESSION_PAIRS = 30


def _session_mask(
    gamma: np.ndarray, comparisons: tuple[Comparison, ...], session: Session
) -> np.ndarray | None:
    names = [c.name for c in comparisons]
    masks = [np.isin(gamma[:, names.index(f)], levels) for f, levels in session.agree
             if f in names]
    if not masks:
        return None
    return np.logical_or.reduce(masks) if session.any_of else np.logical_and.reduce(masks)


def estimate_m(
    gamma: np.ndarray, comparisons: tuple[Comparison, ...], u_random: list[np.ndarray],
) -> list[np.ndarray]:
    """m per comparison: EM sessions with u fixed at random-pair values, then averaged.

    Each comparison's m is the average over the sessions that estimated it, weighted by the
    expected number of matches the session saw; one that no session could estimate keeps
    its default.
    """
    default = default_model(comparisons).m
    sums = [np.zeros(c.n_levels) for c in comparisons]
    weights = np.zeros(len(comparisons))
    for session in SESSIONS:
        mask = _session_mask(gamma, comparisons, session)
        if mask is None or mask.sum() < MIN_SESSION_PAIRS:
            continue
        excluded = _indices(comparisons, session.excluded)
        m, matches = _session_em(gamma[mask], comparisons, excluded, u_random, default)
        for c in range(len(comparisons)):
            if c not in excluded:
                sums[c] += matches * m[c]
                weights[c] += matches
    return [sums[c] / weights[c] if weights[c] > 0 else default[c]
            for c in range(len(comparisons))]


def _session_em(
    gamma: np.ndarray, comparisons: tuple[Comparison, ...], excluded: list[int],
    u: list[np.ndarray], m_start: list[np.ndarray],
) -> tuple[list[np.ndarray], float]:
    """EM for m and the match share with u fixed; returns m and the expected match count."""
    pats, counts = patterns(gamma)
    pats = pats.copy()
    pats[:, excluded] = NULL
    m = [x.copy() for x in m_start]
    share = 0.5
    for _ in range(MAX_EM_ITERATIONS):
        posterior = _e_step(pats, m, u, share)
        new_m, _, new_share = _m_step(pats, counts, posterior, comparisons)
        change = max(abs(new_share - share),
                     max(float(np.abs(a - b).max()) for a, b in zip(new_m, m, strict=True)))
        m, share = new_m, new_share
        if change < EM_TOLERANCE:
            break
    return m, share * float(counts.sum())


def estimate_prior(
    gamma: np.ndarray, comparisons: tuple[Comparison, ...], m: list[np.ndarray],
    u: list[np.ndarray], total_pairs: int,
) -> tuple[float, list[np.ndarray]]:
    """P(match) over all pairs, and the expected matches per level among the candidates.

    Every true match is (nearly) among the candidates, so the number of matches is the sum
    of the candidates' match probabilities, which in turn depend on the prior: iterate to the
    fixed point.
    """
    pats, counts = patterns(gamma)
    prior = 1.0 / max(total_pairs, 2)
    posterior = np.zeros(len(pats))
    for _ in range(MAX_EM_ITERATIONS):
        posterior = _e_step(pats, m, u, prior)
        new_prior = min(max(float((counts * posterior).sum()) / max(total_pairs, 1), 1e-12),
                        0.5)
        if abs(new_prior - prior) <= prior * 1e-4:
            prior = new_prior
            break
        prior = new_prior
    w_match = counts * posterior
    matched = []
    for c, comp in enumerate(comparisons):
        level = pats[:, c]
        known = level != NULL
        matched.append(np.bincount(level[known], w_match[known], minlength=comp.n_levels))
    return prior, matched


def _e_step(
    pats: np.ndarray, m: list[np.ndarray], u: list[np.ndarray], share: float
) -> np.ndarray:
    """Posterior match probability of every distinct comparison vector."""
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
    """Level frequencies weighted by the posterior: new m, u and match share."""
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


def fit_household(
    gamma: np.ndarray, comparisons: tuple[Comparison, ...], m: list[np.ndarray],
    u_start: list[np.ndarray], u_random: list[np.ndarray],
) -> HouseholdModel | None:
    """EM over the household-context pairs, m held fixed: their share and their u.

    The given name's u stays at its value for random pairs (relatives' given names are as
    unrelated as strangers', bar the odd namesake). That anchors the relatives' class: without
    it, a data set whose context pairs are all one person (FEBRL) lets EM copy m into u and
    pick any share at all.
    """
    if len(gamma) < MIN_HOUSEHOLD_PAIRS:
        return None
    pats, counts = patterns(gamma)
    pats = pats.copy()
    pats[:, _indices(comparisons, CONTEXT_FIELDS)] = NULL
    fixed = _indices(comparisons, ("given_name",))
    u = [x.copy() for x in u_start]
    for c in fixed:
        u[c] = u_random[c].copy()
    share = 0.5
    for _ in range(MAX_EM_ITERATIONS):
        posterior = _e_step(pats, m, u, share)
        _, new_u, new_share = _m_step(pats, counts, posterior, comparisons)
        for c in fixed:
            new_u[c] = u[c]
        change = max(abs(new_share - share),
                     max(float(np.abs(a - b).max()) for a, b in zip(new_u, u, strict=True)))
        u, share = new_u, min(max(new_share, 1e-6), 1 - 1e-6)
        if change < EM_TOLERANCE:
            break
    return HouseholdModel(share, u)
