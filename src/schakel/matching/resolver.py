# SPDX-License-Identifier: EUPL-1.2
"""Resolve one new mention against the persons already known, fast.

Intake cannot wait for a batch run: while a coordinator registers a signal, the screen should
say "this may be Jan van der Berg, born 1990, known from two earlier signals" within a blink.
The resolver keeps every known person's normalised features in columns and one sorted hash
index per blocking key, so a lookup is a handful of binary searches; only the few hundred
records that share a key with the mention are compared, with the very comparisons and
weights of the batch engine.

Probabilities are per candidate: the prior is the chance that the mention is a known person
(``known_share``) spread over the persons indexed.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from schakel.matching import model as fs
from schakel.matching.blocking import MAX_BLOCK, PERSON_KEYS, BlockingKey
from schakel.matching.comparisons import (
    PERSON_COMPARISONS,
    Comparison,
    PairView,
    comparison_vectors,
    present,
)
from schakel.matching.explain import Explanation, explain
from schakel.matching.features import person_frame, record_table
from schakel.matching.records import PersonRecord

Records = pd.DataFrame | Iterable[PersonRecord | Mapping[str, Any]]
Table = dict[str, np.ndarray]

# Records compared per mention at most; blocks are visited from the most specific key down.
MAX_CANDIDATES = 1500
# Above this many pending additions the sorted indexes are rebuilt.
REBUILD_AFTER = 50_000


@dataclass
class Candidate:
    """A known person the mention may be, with the evidence."""

    record_id: str
    probability: float  # this pair on its own: same person or not
    match_weight: float
    explanation: Explanation
    row: int
    # P(the mention is this candidate rather than another candidate or nobody indexed); the
    # shares of all candidates add up to at most one, so two equally fitting namesakes get
    # about 0.5 each instead of two confident matches.
    share: float = 0.0


class _KeyIndex:
    """Sorted 64-bit key hashes with their row numbers, plus a small dict of recent additions."""

    def __init__(self) -> None:
        self.hashes = np.empty(0, dtype=np.uint64)
        self.rows = np.empty(0, dtype=np.int64)
        self.pending: dict[int, list[int]] = {}

    def build(self, hashes: np.ndarray, rows: np.ndarray) -> None:
        order = np.argsort(hashes, kind="stable")
        self.hashes, self.rows = hashes[order], rows[order]
        self.pending = {}

    def add(self, hashes: np.ndarray, rows: np.ndarray) -> None:
        for h, r in zip(hashes.tolist(), rows.tolist(), strict=True):
            self.pending.setdefault(h, []).append(r)

    def lookup(self, key_hash: int) -> np.ndarray:
        lo = np.searchsorted(self.hashes, np.uint64(key_hash), side="left")
        hi = np.searchsorted(self.hashes, np.uint64(key_hash), side="right")
        found = self.rows[lo:hi]
        extra = self.pending.get(key_hash)
        return np.concatenate([found, np.asarray(extra, dtype=np.int64)]) if extra else found


def key_hashes(table: Table, key: BlockingKey) -> tuple[np.ndarray, np.ndarray]:
    """(hash, row) for every non-missing value of a blocking key."""
    rows, hashes = [], []
    for values in key.build(table):
        mask = present(values)
        if mask.any():
            rows.append(np.flatnonzero(mask))
            hashes.append(pd.util.hash_array(values[mask].astype(object)))
    if not rows:
        return np.empty(0, dtype=np.uint64), np.empty(0, dtype=np.int64)
    return np.concatenate(hashes), np.concatenate(rows).astype(np.int64)


class Resolver:
    """An index of known persons that answers "who is this?" for one mention at a time."""

    def __init__(
        self,
        model: fs.LinkageModel | None = None,
        known_share: float = 0.5,
        comparisons: tuple[Comparison, ...] = PERSON_COMPARISONS,
        keys: tuple[BlockingKey, ...] = PERSON_KEYS,
    ) -> None:
        self.comparisons = model.comparisons if model is not None else comparisons
        self.model = model or fs.default_model(self.comparisons)
        self.known_share = known_share
        self.keys = keys
        self.table: Table = {}
        self.indexes = {key.name: _KeyIndex() for key in keys}
        self.tf: dict[str, Counter[str]] = {
            c.tf_column: Counter() for c in self.comparisons if c.tf_column
        }
        self._pending_rows = 0

    def __len__(self) -> int:
        return len(self.table.get("record_id", ()))

    # --- indexing -------------------------------------------------------------------------

    def add(self, records: Records) -> None:
        """Index records; a large addition rebuilds the sorted indexes, a small one is kept
        in a side dict until enough have gathered."""
        frame = person_frame(records)
        start = len(self)
        new: Table = {c: frame[c].to_numpy() for c in frame.columns}
        for column in list(new):
            new[column + "?"] = present(new[column])
        self.table = new if not self.table else {
            c: np.concatenate([self.table[c], new[c]]) for c in self.table
        }
        for column, counter in self.tf.items():
            counter.update(v for v in new[column] if isinstance(v, str))
        self._pending_rows += len(frame)
        if self._pending_rows >= REBUILD_AFTER or start == 0 or len(frame) > start // 10:
            self._rebuild()
        else:
            self._add_pending(new, start)

    def _rebuild(self) -> None:
        for key in self.keys:
            hashes, rows = key_hashes(self.table, key)
            self.indexes[key.name].build(hashes, rows)
        self._pending_rows = 0

    def _add_pending(self, new: Table, start: int) -> None:
        for key in self.keys:
            hashes, rows = key_hashes(new, key)
            self.indexes[key.name].add(hashes, rows + start)

    # --- resolving ------------------------------------------------------------------------

    def candidates(self, mention: Table) -> np.ndarray:
        """Rows sharing a blocking key with the mention, most keys shared first."""
        found: list[np.ndarray] = []
        for key in self.keys:
            hashes, _ = key_hashes(mention, key)
            # one mention's block costs little: allow the batch cap of specific keys
            limit = max(key.max_block, MAX_BLOCK)
            for key_hash in hashes.tolist():
                rows = self.indexes[key.name].lookup(key_hash)
                if 0 < len(rows) <= limit:
                    found.append(rows)
        if not found:
            return np.empty(0, dtype=np.int64)
        rows, counts = np.unique(np.concatenate(found), return_counts=True)
        if len(rows) > MAX_CANDIDATES:
            rows = rows[np.argsort(-counts, kind="stable")[:MAX_CANDIDATES]]
        return rows

    def resolve(
        self, mention: PersonRecord | Mapping[str, Any], limit: int = 10,
        min_probability: float = 0.0,
    ) -> list[Candidate]:
        """Known persons this mention may be, most likely first, each with its explanation."""
        query = record_table(mention)
        rows = self.candidates(query)
        if not len(rows):
            return []
        view = PairView(query, self.table, np.zeros(len(rows), dtype=np.int64), rows)
        gamma = comparison_vectors(view, self.comparisons)
        tf = {column: self._tf_counts(column, rows) for column in self.tf}
        weights = self.model.match_weight(gamma, tf, len(self), self.prior)
        order = np.argsort(-weights, kind="stable")[:limit]
        keep = order[fs.probability(weights[order]) >= min_probability]
        candidates = self._explain(view, tf, keep, rows)
        shares = _shares(weights)[keep]
        for candidate, share in zip(candidates, shares.tolist(), strict=True):
            candidate.share = share
        return candidates

    def _tf_counts(self, column: str, rows: np.ndarray) -> np.ndarray:
        counter = self.tf[column]
        values = self.table[column][rows]
        return np.array([counter.get(v, 0) if isinstance(v, str) else 0 for v in values])

    @property
    def prior(self) -> float:
        """P(the mention is this particular indexed person), before looking at any field."""
        return min(self.known_share / max(len(self), 1), 0.5)

    def _explain(
        self, view: PairView, tf: dict[str, np.ndarray], keep: np.ndarray, rows: np.ndarray
    ) -> list[Candidate]:
        sub = PairView(view.left_table, view.right_table, view.li[keep], view.ri[keep])
        gamma = comparison_vectors(sub, self.comparisons)
        tf_sub = {column: counts[keep] for column, counts in tf.items()}
        explanations = explain(self.model, sub, gamma, tf_sub, len(self), self.prior)
        out = []
        for row, explanation in zip(rows[keep].tolist(), explanations, strict=True):
            out.append(Candidate(str(self.table["record_id"][row]), explanation.probability,
                                 explanation.match_weight, explanation, row))
        return out


def _shares(weights: np.ndarray) -> np.ndarray:
    """odds_i / (1 + sum of all odds), computed in log space (weights are log2 odds)."""
    top = max(float(weights.max()), 0.0)
    odds = np.exp2(weights - top)
    return odds / (np.exp2(-top) + odds.sum())


def estimate_model(records: Records) -> fs.LinkageModel:
    """Learn m, u and the household model from a data set with duplicates (a batch run)."""
    from schakel.matching.batch import deduplicate

    return deduplicate(records).model
