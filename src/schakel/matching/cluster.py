# SPDX-License-Identifier: EUPL-1.2
"""From scored pairs to persons: constrained average-linkage clustering.

Taking every pair above the threshold and joining them transitively (connected components)
lets one vague record chain two people together: a mention without a given name that fits
both twins would make the twins one person. Instead, clusters grow greedily from the most
likely pair down, and two clusters merge only when

- no pair between them is marked "not the same person" (a coordinator's decision), and
- the average match probability over the pairs between them that were compared is at
  least the threshold, i.e. taken together they are more likely the same person than not.

Pairs that were never compared (blocking kept them apart) do not count either way, which is
what lets transitivity find matches that blocking missed.
"""

from __future__ import annotations

import numpy as np


class _PairLookup:
    """Probability and conflict flag of a compared pair, by binary search on encoded keys."""

    def __init__(self, n: int, pairs: np.ndarray, prob: np.ndarray, conflict: np.ndarray):
        keys = pairs[:, 0].astype(np.int64) * n + pairs[:, 1]
        order = np.argsort(keys)
        self.n = n
        self.keys, self.prob, self.conflict = keys[order], prob[order], conflict[order]

    def between(self, left: list[int], right: list[int]) -> tuple[np.ndarray, np.ndarray]:
        a = np.repeat(np.asarray(left, dtype=np.int64), len(right))
        b = np.tile(np.asarray(right, dtype=np.int64), len(left))
        keys = np.minimum(a, b) * self.n + np.maximum(a, b)
        pos = np.searchsorted(self.keys, keys)
        pos = np.minimum(pos, len(self.keys) - 1)
        found = self.keys[pos] == keys
        return self.prob[pos[found]], self.conflict[pos[found]]


def cluster(
    n: int,
    pairs: np.ndarray,
    prob: np.ndarray,
    cannot_link: np.ndarray,
    threshold: float = 0.5,
) -> np.ndarray:
    """Cluster label (the smallest record index in the cluster) for each of ``n`` records."""
    parent = np.arange(n)
    members: dict[int, list[int]] = {}
    lookup = _PairLookup(n, pairs, prob, cannot_link) if len(pairs) else None
    edges = np.flatnonzero((prob >= threshold) & ~cannot_link)
    edges = edges[np.argsort(-prob[edges], kind="stable")]
    for e in edges:
        ra, rb = _root(parent, int(pairs[e, 0])), _root(parent, int(pairs[e, 1]))
        if ra == rb:
            continue
        ma, mb = members.get(ra, [ra]), members.get(rb, [rb])
        if (len(ma) > 1 or len(mb) > 1) and not _may_merge(lookup, ma, mb, threshold):
            continue
        keep, drop = (ra, rb) if ra < rb else (rb, ra)
        parent[drop] = keep
        members[keep] = members.pop(keep, [keep]) + members.pop(drop, [drop])
    return np.array([_root(parent, i) for i in range(n)], dtype=np.int64)


def _may_merge(lookup: _PairLookup | None, left: list[int], right: list[int], threshold: float):
    if lookup is None:
        return False
    prob, conflict = lookup.between(left, right)
    return not conflict.any() and len(prob) > 0 and float(prob.mean()) >= threshold


def _root(parent: np.ndarray, i: int) -> int:
    while parent[i] != i:
        parent[i] = parent[parent[i]]
        i = int(parent[i])
    return i


def cluster_pairs(labels: np.ndarray, sources: np.ndarray | None = None) -> np.ndarray:
    """All record pairs (i < j) inside the same cluster; across sources only, if given."""
    order = np.argsort(labels, kind="stable")
    sorted_labels = labels[order]
    starts = np.flatnonzero(np.r_[True, sorted_labels[1:] != sorted_labels[:-1]])
    sizes = np.diff(np.r_[starts, len(labels)])
    out: list[np.ndarray] = []
    for size in np.unique(sizes):
        if size < 2:
            continue
        rows = order[starts[sizes == size][:, None] + np.arange(size)[None, :]]
        a, b = np.triu_indices(size, 1)
        left, right = rows[:, a].ravel(), rows[:, b].ravel()
        out.append(np.stack([np.minimum(left, right), np.maximum(left, right)], axis=1))
    result = np.concatenate(out) if out else np.empty((0, 2), dtype=np.int64)
    if sources is not None and len(result):
        result = result[sources[result[:, 0]] != sources[result[:, 1]]]
    return result
