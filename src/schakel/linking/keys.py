# SPDX-License-Identifier: EUPL-1.2
"""Pure key and scoring helpers for entity resolution (no Django).

The database stores, per mention, the blocking keys of the matching engine as short hashes in
an indexed column. A new mention computes the same keys, the database returns the few mentions
that share one, and only those are compared with the engine's comparisons and weights. So a
lookup costs a handful of index probes however many persons are known.

Certain identifiers (BSN, licence plate, E.164 phone, e-mail, IBAN, KvK, postcode + house
number + suffix) are keys of their own: equal key, same entity. A BSN is only ever kept as a
keyed hash (HMAC-SHA256), never as digits.
"""

from __future__ import annotations

import hashlib
import hmac
import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from schakel.matching import model as fs
from schakel.matching import normalise as nz
from schakel.matching.blocking import PERSON_KEYS, BlockingKey
from schakel.matching.comparisons import PERSON_COMPARISONS, PairView, comparison_vectors, present
from schakel.matching.explain import Explanation, explain
from schakel.matching.features import (
    BOOL_FEATURES,
    NUMERIC_FEATURES,
    birth_features,
    record_features,
    record_table,
)
from schakel.matching.organisations import (
    OrganisationResolver,
    normalise_kvk,
    normalise_organisation_name,
)
from schakel.matching.records import OrganisationRecord

# The chance that a new mention is someone already known (the resolver's ``known_share``).
KNOWN_SHARE = 0.5
# Fields of a person mention that take part in matching (the BSN never does: it is a key).
PERSON_FIELDS = ("given_names", "surname_prefix", "surname", "birth_year", "estimated_age",
                 "reference_date", "sex", "postcode", "house_number", "house_number_suffix",
                 "phone")


def digest(text: str) -> str:
    """A short fixed-length form of a key for the indexed column (not a secret)."""
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()


def bsn_hash(bsn: str, key: str) -> str:
    """HMAC-SHA256 of the normalised BSN; without the key nobody can test a guessed BSN."""
    if not key:
        raise ValueError("no hash key configured (SCHAKEL_HASH_KEY)")
    value = nz.normalise_bsn(bsn) or ""
    return hmac.new(key.encode("utf-8"), value.encode("ascii"), hashlib.sha256).hexdigest()


def address_key(postcode: str, number: int | str | None, suffix: str = "") -> str | None:
    """'2951AB|12|a': postcode, house number and suffix; None without postcode and number."""
    code = nz.normalise_postcode(postcode)
    if not code or not number:
        return None
    return f"{code}|{int(number)}|{(suffix or '').strip().lower()}"


def certain_key(kind: str, value: str) -> str:
    """The key of a certain identifier, e.g. ``vehicle:HJ418T``."""
    return f"{kind}:{value}"


# --- persons ---------------------------------------------------------------------------------


def person_blocking_keys(record: Mapping[str, Any],
                         keys: tuple[BlockingKey, ...] = PERSON_KEYS) -> dict[str, int]:
    """The engine's blocking keys of one person mention: digest of 'name=value' → the
    engine's block cap for that key (a key shared by more mentions identifies nobody)."""
    table = record_table(dict(record, record_id="q"))
    out: dict[str, int] = {}
    for key in keys:
        for values in key.build(table):
            value = values[0]
            if value is not None and value == value:
                out[digest(f"{key.name}={value}")] = key.max_block
    return out


@dataclass
class Scored:
    """One candidate mention scored against the new mention."""

    index: int
    probability: float
    explanation: Explanation


def score_person(mention: Mapping[str, Any], candidates: list[Mapping[str, Any]],
                 population: int, model: fs.LinkageModel | None = None) -> list[Scored]:
    """Score a mention against candidate mentions with the engine's comparisons and weights.

    The prior is the resolver's: the chance that the mention is one particular of the
    ``population`` persons known. Term-frequency adjustment is left out (it needs counts over
    the whole population, which the database does not keep)."""
    if not candidates:
        return []
    model = model or _default_model()
    query = record_table(dict(mention, record_id="q"))
    table = _feature_table([dict(c, record_id=str(i)) for i, c in enumerate(candidates)])
    for column in list(table):
        table[column + "?"] = present(table[column])
    rows = np.arange(len(candidates))
    view = PairView(query, table, np.zeros(len(rows), dtype=np.int64), rows)
    gamma = comparison_vectors(view, model.comparisons)
    prior = min(KNOWN_SHARE / max(population, POPULATION_FLOOR), 0.5)
    explanations = explain(model, view, gamma, {}, 0, prior)
    return sorted((Scored(i, e.probability, e) for i, e in enumerate(explanations)),
                  key=lambda s: -s.probability)


def _feature_table(records: list[Mapping[str, Any]]) -> dict[str, np.ndarray]:
    """Features of a few records through the engine's one-record path (the batch path builds
    a pandas frame, which costs more than the comparisons for a handful of candidates)."""
    rows = [record_features(r) for r in records]
    table: dict[str, np.ndarray] = {}
    for key in rows[0]:
        values = [r[key] for r in rows]
        if key in NUMERIC_FEATURES:
            table[key] = np.asarray(values, dtype=float)
        elif key in BOOL_FEATURES:
            table[key] = np.asarray(values, dtype=bool)
        else:
            column = np.empty(len(values), dtype=object)
            column[:] = values
            table[key] = column
    return table


# m of the birth-date levels for mentions in signals. Signals hold no full birth dates, only a
# birth year or an estimated age, so "birth year fits" is the best level two mentions of one
# person can reach; the engine's default m (made for registers with full dates) gives it
# 3 % and so makes it count against a match. Measured with bench/linking_intake.py: top-1
# at p >= 0.5 among 50,000 persons went from 0.20 to the figure in docs/performance.md.
SIGNAL_BIRTH_M = (0.005, 0.005, 0.005, 0.005, 0.90, 0.01, 0.07)
# u of the birth-date levels for signal mentions: two random people's birth years fall
# within three years of each other about one time in ten (ages spread over ~70 years) and are
# otherwise further apart; the default u is for registers, where most pairs reach the
# full-date levels instead.
SIGNAL_BIRTH_U = (3.5e-5, 2.5e-4, 1e-5, 2e-3, 0.10, 0.05, 0.85)
# The prior counts at least this many known persons (or organisations): in a young
# deployment most new mentions are people Schakel has never seen, and a prior of one in a few
# hundred would turn every namesake into a confident match.
POPULATION_FLOOR = 1000
# Estimated ages further apart than the estimate's tolerance plus this many years describe
# different people (a parent and a child named alike), whatever the names say.
AGE_GAP_YEARS = 7

_MODEL: list[fs.LinkageModel] = []


def signal_model() -> fs.LinkageModel:
    """The engine's default model with the birth-date m of signal mentions."""
    model = fs.default_model(PERSON_COMPARISONS)
    names = [c.name for c in model.comparisons]
    m = list(model.m)
    birth = np.asarray(SIGNAL_BIRTH_M, dtype=float)
    m[names.index("birth_date")] = birth / birth.sum()
    u = list(model.u)
    birth_u = np.asarray(SIGNAL_BIRTH_U, dtype=float)
    u[names.index("birth_date")] = birth_u / birth_u.sum()
    return fs.LinkageModel(model.comparisons, m, u, model.prior, model.household)


def birth_years_apart(a: Mapping[str, Any], b: Mapping[str, Any]) -> bool:
    """Whether two person mentions' (estimated) birth years are too far apart to be one
    person: more than both estimates' tolerance plus AGE_GAP_YEARS."""
    years = []
    for record in (a, b):
        features = birth_features(record.get("birth_date"), record.get("birth_year"),
                                  record.get("estimated_age"), record.get("reference_date"))
        if features["byear"] != features["byear"]:  # NaN: nothing known
            return False
        years.append((features["byear"], features["byear_tol"]))
    (ya, ta), (yb, tb) = years
    return abs(ya - yb) > ta + tb + AGE_GAP_YEARS


def _default_model() -> fs.LinkageModel:
    if not _MODEL:
        _MODEL.append(signal_model())
    return _MODEL[0]


# --- organisations ---------------------------------------------------------------------------


ORGANISATION_BLOCK = 500


def organisation_blocking_keys(name: str) -> dict[str, int]:
    """Name words and the whole name without legal form (KvK is a certain key elsewhere)."""
    core = normalise_organisation_name(name).core
    keys = {f"word:{w}" for w in core.split() if len(w) > 2}
    if core:
        keys.add("name:" + core.replace(" ", ""))
    return {digest(k): ORGANISATION_BLOCK for k in keys}


def score_organisation(mention: Mapping[str, Any], candidates: list[Mapping[str, Any]],
                       population: int) -> list[Scored]:
    """Score with the engine's organisation comparison (legal form split off, abbreviations).

    The engine's weights are kept; its prior (one in a million, the national company
    register) is replaced by the resolver's prior for the ``population`` organisations
    known here, as for persons."""
    resolver = OrganisationResolver()
    resolver.add(OrganisationRecord(str(i), name=c.get("name"), kvk=c.get("kvk"))
                 for i, c in enumerate(candidates))
    found = resolver.resolve(OrganisationRecord("q", name=mention.get("name"),
                                                kvk=mention.get("kvk")), limit=len(candidates))
    prior = math.log2(KNOWN_SHARE / max(population, POPULATION_FLOOR))
    out = []
    for candidate in found:
        explanation = candidate.explanation
        weight = explanation.match_weight - explanation.prior_weight + prior
        probability = float(fs.probability(weight))
        explanation.match_weight, explanation.prior_weight = weight, prior
        explanation.probability = probability
        out.append(Scored(int(candidate.record_id), probability, explanation))
    return sorted(out, key=lambda s: -s.probability)


def kvk_or_none(value: str) -> str | None:
    return normalise_kvk(value) if value else None
