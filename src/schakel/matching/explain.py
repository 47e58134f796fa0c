# SPDX-License-Identifier: EUPL-1.2
"""Explanations: which fields agreed, how strongly, and what each contributed.

A coordinator decides whether two mentions are one person; the engine only proposes. The
explanation is what makes the proposal checkable: every field's level in words, both values
as normalised, m and u, and the weight in bits (positive for, negative against).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

import numpy as np

from schakel.matching.comparisons import NULL, PairView
from schakel.matching.model import LinkageModel, probability

# Feature columns shown for each comparison, in display order.
SHOWN: dict[str, tuple[str, ...]] = {
    "given_name": ("given", "initials"),
    "surname": ("prefix", "surname"),
    "birth_date": ("dob", "byear"),
    "sex": ("sex",),
    "address": ("postcode", "hnr", "street", "city"),
    "email": ("email",),
    "phone": ("phone",),
    "bsn": ("bsn",),
    "iban": ("iban",),
    "licence_plate": ("licence_plate",),
}


HOUSEHOLD_NOTE = (
    "same surname and address: weighed as possible household members (twins, parent and "
    "child), so the shared surname and address count for nothing and the other fields are "
    "weighed against how often household members share them"
)


@dataclass
class FieldEvidence:
    """One comparison's part in the decision."""

    field: str
    level: str  # the level in words, e.g. "variant (phonetic, nickname or typo)"
    agreement: str  # "agree", "partial", "disagree" or "missing"
    left: str | None
    right: str | None
    weight: float  # bits, term-frequency adjustment included
    m: float | None
    u: float | None


@dataclass
class Explanation:
    """Why a pair got its match probability."""

    probability: float
    match_weight: float
    prior_weight: float
    fields: list[FieldEvidence]
    notes: list[str] = field(default_factory=list)

    def agreeing(self) -> list[str]:
        return [f.field for f in self.fields if f.agreement == "agree"]

    def disagreeing(self) -> list[str]:
        return [f.field for f in self.fields if f.agreement == "disagree"]

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    def summary(self) -> str:
        """One line per field, strongest evidence first."""
        parts = [f"match probability {self.probability:.3f} (weight {self.match_weight:+.1f})"]
        for item in sorted(self.fields, key=lambda f: -abs(f.weight)):
            if item.agreement != "missing":
                parts.append(
                    f"  {item.field}: {item.level} ({item.weight:+.1f}) "
                    f"[{item.left or '-'} | {item.right or '-'}]"
                )
        parts.extend(f"  note: {note}" for note in self.notes)
        return "\n".join(parts)


def explain(
    model: LinkageModel,
    view: PairView,
    gamma: np.ndarray,
    tf_counts: dict[str, np.ndarray],
    tf_total: int,
    prior: float | None = None,
) -> list[Explanation]:
    """Explanations for every pair in ``view`` (``prior`` as in :meth:`LinkageModel.score`)."""
    contributions, priors, household = model.score(gamma, tf_counts, tf_total, prior)
    weights = priors + contributions.sum(axis=1)
    out = []
    for row in range(len(gamma)):
        fields = [
            _evidence(model, c, int(gamma[row, c]), float(contributions[row, c]), view, row)
            for c in range(len(model.comparisons))
        ]
        notes = []
        if view.swapped[row]:
            notes.append("given name and surname appear swapped in one record")
        if household[row] and model.household is not None:
            notes.append(HOUSEHOLD_NOTE)
        prob = float(probability(weights[row]))
        out.append(Explanation(prob, float(weights[row]), float(priors[row]), fields, notes))
    return out


def _evidence(
    model: LinkageModel, c: int, level: int, weight: float, view: PairView, row: int
) -> FieldEvidence:
    comp = model.comparisons[c]
    left = _shown(view, "l", comp.name, row)
    right = _shown(view, "r", comp.name, row)
    if level == NULL:
        return FieldEvidence(comp.name, "not comparable", "missing", left, right, 0.0, None, None)
    if level in comp.agree_levels:
        agreement = "agree"
    elif level == comp.n_levels - 1 or comp.labels[level].startswith("different"):
        agreement = "disagree"
    else:
        agreement = "partial"
    return FieldEvidence(
        comp.name, comp.labels[level], agreement, left, right, round(weight, 3),
        float(model.m[c][level]), float(model.u[c][level]),
    )


def _shown(view: PairView, side: str, name: str, row: int) -> str | None:
    values = []
    for column in SHOWN.get(name, ()):
        array = view.left(column) if side == "l" else view.right(column)
        value = array[row]
        if value is None or (isinstance(value, float) and value != value):
            continue
        values.append(str(int(value)) if isinstance(value, float) else str(value))
    return " ".join(values) or None
