# SPDX-License-Identifier: EUPL-1.2
"""The household rule: family members share a surname and an address, not an identity.

Fellegi–Sunter treats fields as independent given the match status. Within a household they
are not: twins share surname, address and birth date; a father and the son named after him
share given name, surname and address. Summed as independent evidence, those agreements
outweigh the one field that tells the people apart, and the model would merge them.

So a pair that shares a household context (surname and address agree) is kept apart when a
person-level field clearly conflicts: the given names are different names (not a typo,
variant, nickname or initial), the full birth dates differ beyond any typo pattern, or the
sex differs. A certain identifier (the same BSN) overrides the rule: then it is one person
whose other data are wrong.
"""

from __future__ import annotations

import numpy as np

from schakel.matching.comparisons import Comparison

HOUSEHOLD_NOTE = (
    "kept apart: same surname and address but a different given name, birth date or sex "
    "(twins, parent and child or other household members)"
)


def _column(comparisons: tuple[Comparison, ...], gamma: np.ndarray, name: str) -> np.ndarray:
    for c, comp in enumerate(comparisons):
        if comp.name == name:
            return gamma[:, c]
    return np.full(len(gamma), -1, dtype=np.int8)


def household_conflict(gamma: np.ndarray, comparisons: tuple[Comparison, ...]) -> np.ndarray:
    """True for pairs the household rule keeps apart."""
    surname = _column(comparisons, gamma, "surname")
    address = _column(comparisons, gamma, "address")
    given = _column(comparisons, gamma, "given_name")
    birth = _column(comparisons, gamma, "birth_date")
    sex = _column(comparisons, gamma, "sex")
    bsn = _column(comparisons, gamma, "bsn")
    context = np.isin(surname, (0, 1, 2)) & (address == 0)
    conflict = (given == 4) | (birth == 5) | (sex == 1)
    return context & conflict & (bsn != 0)
