# SPDX-License-Identifier: EUPL-1.2
"""Blocking: which pairs are worth comparing at all.

A pair is a candidate when the two records share at least one blocking key. The keys are
chosen so that a true match almost always shares one even with typos in several fields:
certain identifiers (BSN, phone, e-mail, IBAN, licence plate, address), phonetic name keys,
and names or initials combined with the birth date. Name keys are symmetric in given name
and surname, so swapped names still meet.

The same keys back the incremental resolver's indexes, so a mention finds the same
candidates a batch run would pair it with.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd

Table = dict[str, np.ndarray]

# A block bigger than this is not paired out: a key shared by so many records identifies
# nobody (a placeholder phone number, a common name with a common birth year), and its
# pairs would cost more than they find. Records in it still meet through their other keys.
MAX_BLOCK = 400
# Identifiers are shared by few records; a bigger block is a placeholder value ("0000").
MAX_IDENTIFIER_BLOCK = 2000
# Keys made of names alone (or a name and a birth year) grow with the population; a common
# name in a million records makes blocks whose pairs are nearly all namesakes.
MAX_BROAD_BLOCK = 100


@dataclass(frozen=True)
class BlockingKey:
    """A named key; ``build`` returns one or more key arrays (None where it cannot be made)."""

    name: str
    build: Callable[[Table], list[np.ndarray]]
    certain: bool = False  # an identifier: allowed bigger blocks
    broad: bool = False  # a name key: common values make quadratic blocks, so a lower cap

    @property
    def max_block(self) -> int:
        if self.certain:
            return MAX_IDENTIFIER_BLOCK
        return MAX_BROAD_BLOCK if self.broad else MAX_BLOCK


def _col(table: Table, column: str) -> np.ndarray:
    return table[column]


def _join(*parts: np.ndarray) -> np.ndarray:
    """Element-wise 'a|b|c', None where any part is missing."""
    out = np.empty(len(parts[0]), dtype=object)
    out[:] = [
        None if any(v is None or v != v for v in values) else "|".join(map(str, values))
        for values in zip(*parts, strict=True)
    ]
    return out


def _sorted_pair(left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """'a|b' with a <= b, so a key is the same whichever field holds which name."""
    lo = np.where(_lt(right, left), right, left)
    hi = np.where(_lt(right, left), left, right)
    return _join(lo, hi)


def _lt(left: np.ndarray, right: np.ndarray) -> np.ndarray:
    out = np.zeros(len(left), dtype=bool)
    mask = np.asarray(pd.notna(left) & pd.notna(right), dtype=bool)
    if mask.any():
        out[mask] = left[mask] < right[mask]
    return out


def _year(table: Table) -> np.ndarray:
    years = table["byear"]
    return np.array([str(int(y)) if y == y else None for y in years], dtype=object)


def _initial(values: np.ndarray) -> np.ndarray:
    return np.array([v[0] if isinstance(v, str) and v else None for v in values], dtype=object)


def _one(column: str) -> Callable[[Table], list[np.ndarray]]:
    return lambda t: [_col(t, column)]


PERSON_KEYS: tuple[BlockingKey, ...] = (
    BlockingKey("bsn", _one("bsn"), certain=True),
    BlockingKey("phone", _one("phone"), certain=True),
    BlockingKey("email", _one("email"), certain=True),
    BlockingKey("iban", _one("iban"), certain=True),
    BlockingKey("licence_plate", _one("licence_plate"), certain=True),
    BlockingKey("address", lambda t: [_join(t["postcode"], t["hnr_digits"])]),
    BlockingKey("street_number", lambda t: [_join(t["street"], t["hnr_digits"], t["city"])]),
    BlockingKey("names_phonetic", lambda t: [_sorted_pair(t["given_ph"], t["surname_ph"])],
                broad=True),
    BlockingKey("names_metaphone", lambda t: [_sorted_pair(t["given_mp"], t["surname_mp"])],
                broad=True),
    BlockingKey("surname_dob", lambda t: [_join(t["surname_ph"], t["dob"])]),
    BlockingKey("given_dob", lambda t: [_join(t["given_ph"], t["dob"])]),
    BlockingKey(
        "initial_dob",
        lambda t: [
            _join(_initial(t["initials"]), t["dob"]),
            _join(_initial(t["surname"]), t["dob"]),
        ],
    ),
    BlockingKey("surname_year", lambda t: [_join(t["surname_ph"], _year(t))], broad=True),
    BlockingKey("surname_postcode", lambda t: [_join(t["surname_ph"], t["postcode"])]),
    BlockingKey(
        "initial_surname", lambda t: [_join(_initial(t["initials"]), t["surname_full"])],
        broad=True,
    ),
    BlockingKey("email_user", _one("email_local")),
)


def key_columns(table: Table, keys: tuple[BlockingKey, ...] = PERSON_KEYS) -> dict[str, list]:
    """All key arrays per key name, for building indexes."""
    return {key.name: key.build(table) for key in keys}


def candidate_pairs(
    table: Table,
    keys: tuple[BlockingKey, ...] = PERSON_KEYS,
    sources: np.ndarray | None = None,
    max_block: int | None = None,
) -> np.ndarray:
    """Unique candidate pairs (i < j) as an (n, 2) int64 array.

    With ``sources`` only pairs of records from different sources are kept (linkage of two
    files rather than de-duplication of one).
    """
    n = len(next(iter(table.values())))
    chunks: list[np.ndarray] = []
    for key in keys:
        arrays = key.build(table)
        codes = _codes(arrays, n)
        chunks.append(np.unique(_pairs_in_blocks(codes, n, max_block or key.max_block)))
    if not chunks:
        return np.empty((0, 2), dtype=np.int64)
    encoded = np.unique(np.concatenate(chunks))
    pairs = np.stack([encoded // n, encoded % n], axis=1)
    if sources is not None:
        pairs = pairs[sources[pairs[:, 0]] != sources[pairs[:, 1]]]
    return pairs


def _codes(arrays: list[np.ndarray], n: int) -> tuple[np.ndarray, np.ndarray]:
    """(record index, key code) for every non-missing key value; several arrays share codes."""
    rows = np.concatenate([np.arange(n)] * len(arrays))
    values = np.concatenate(arrays)
    codes, _ = pd.factorize(values, use_na_sentinel=True)
    keep = codes >= 0
    rows, codes = rows[keep], codes[keep]
    unique = np.unique(np.stack([codes, rows], axis=1), axis=0) if len(arrays) > 1 else None
    if unique is not None:
        codes, rows = unique[:, 0], unique[:, 1]
    return rows, codes


def _pairs_in_blocks(
    rows_codes: tuple[np.ndarray, np.ndarray], n: int, max_block: int
) -> np.ndarray:
    """All pairs within each block, encoded as i * n + j with i < j (n = number of records)."""
    rows, codes = rows_codes
    if len(rows) == 0:
        return np.empty(0, dtype=np.int64)
    order = np.lexsort((rows, codes))
    rows, codes = rows[order], codes[order]
    starts = np.flatnonzero(np.r_[True, codes[1:] != codes[:-1]])
    sizes = np.diff(np.r_[starts, len(codes)])
    out: list[np.ndarray] = []
    for size in np.unique(sizes):
        if size < 2 or size > max_block:
            continue
        block_starts = starts[sizes == size]
        members = rows[block_starts[:, None] + np.arange(size)[None, :]]
        a, b = np.triu_indices(size, 1)
        out.append((members[:, a].astype(np.int64) * n + members[:, b]).ravel())
    return np.concatenate(out) if out else np.empty(0, dtype=np.int64)

