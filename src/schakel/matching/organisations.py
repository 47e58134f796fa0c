# SPDX-License-Identifier: EUPL-1.2
"""Organisations: legal forms, abbreviations, KvK numbers, and a small resolver.

Company names in signals are written loosely: "Schoonm.bedrijf De Vries B.V.", "DE VRIES
SCHOONMAAKBEDRIJF BV", "Schoonmaakbedrijf de Vries". The legal form says little about
identity (the same owner runs a V.O.F. and later a B.V.), so it is split off and compared
separately; abbreviations are written out; initials ("A.B.C.") are joined. A KvK number is a
certain identifier; an address (postcode and house number) is strong but shared by every
company in one office building.

Weights come from known frequencies rather than EM: municipal data rarely holds enough
duplicate organisations to learn from, and the evidence structure is simple.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz import fuzz

from schakel.matching import normalise as nz
from schakel.matching.explain import Explanation, FieldEvidence
from schakel.matching.names import ascii_fold
from schakel.matching.records import OrganisationRecord

# Legal forms, written as they appear once punctuation is gone; longest first.
LEGAL_FORMS: dict[str, str] = {
    "besloten vennootschap": "bv", "naamloze vennootschap": "nv",
    "vennootschap onder firma": "vof", "commanditaire vennootschap": "cv",
    "cooperatie ua": "cooperatie", "cooperatie": "cooperatie", "eenmanszaak": "eenmanszaak",
    "stichting": "stichting", "vereniging": "vereniging", "b v": "bv", "bv": "bv",
    "n v": "nv", "nv": "nv", "v o f": "vof", "vof": "vof", "c v": "cv", "cv": "cv",
    "u a": "ua", "ltd": "ltd", "limited": "ltd", "gmbh": "gmbh", "sp z o o": "spzoo",
    "s r l": "srl", "srl": "srl", "bvba": "bvba", "sa": "sa", "inc": "inc",
}
ABBREVIATIONS: dict[str, str] = {
    "schoonm": "schoonmaak", "uitz": "uitzend", "bur": "bureau", "int": "internationaal",
    "gebr": "gebroeders", "mij": "maatschappij", "ned": "nederland", "adm": "administratie",
    "transp": "transport", "zn": "zonen", "zns": "zonen", "bouwbedr": "bouwbedrijf",
    "uitzendbur": "uitzendbureau", "&": "en", "hold": "holding",
}
_PUNCT = re.compile(r"[^a-z0-9& ]+")


@dataclass(frozen=True)
class OrganisationName:
    """A name without its legal form, and the legal form on its own."""

    core: str
    legal_form: str


def normalise_organisation_name(name: str | None) -> OrganisationName:
    """Split off the legal form, write out abbreviations, join initials ("a b c" → "abc")."""
    if not name:
        return OrganisationName("", "")
    text = " ".join(_PUNCT.sub(" ", ascii_fold(name).replace(".", " ")).split())
    text, form = _strip_legal_form(text)
    words = [ABBREVIATIONS.get(w, w) for w in text.split()]
    return OrganisationName(" ".join(_join_initials(words)), form)


def _strip_legal_form(text: str) -> tuple[str, str]:
    found = ""
    for raw, form in sorted(LEGAL_FORMS.items(), key=lambda kv: -len(kv[0])):
        pattern = rf"(^|\s){re.escape(raw)}(\s|$)"
        if re.search(pattern, text):
            found = found or form
            text = re.sub(pattern, " ", text)
    return " ".join(text.split()), found


def _join_initials(words: list[str]) -> list[str]:
    """Consecutive single letters are one abbreviation: "a b c uitzendbureau" → "abc ..."."""
    out: list[str] = []
    joining = False
    for word in words:
        single = len(word) == 1 and word.isalpha()
        if single and joining:
            out[-1] += word
        else:
            out.append(word)
        joining = single
    return out


def normalise_kvk(value: object) -> str | None:
    """KvK number as eight digits (leading zeros restored)."""
    digits = re.sub(r"\D", "", nz.text_or_none(value) or "")
    return digits.zfill(8) if 1 <= len(digits) <= 8 else None


# (m, u) per level: name, KvK, address, phone, e-mail. u from the size of the Dutch company
# register (about 2.4 million entries) and how often names collide.
_WEIGHTS: dict[str, dict[str, tuple[float, float]]] = {
    "kvk": {"exact": (0.95, 1e-7), "different": (0.05, 1.0)},
    "name": {"exact": (0.70, 1e-5), "very similar": (0.18, 1e-4), "similar": (0.08, 5e-3),
             "different": (0.04, 0.995)},
    "address": {"same address": (0.6, 1e-5), "same postcode": (0.1, 5e-4),
                "same city": (0.1, 0.02), "different": (0.2, 0.98)},
    "phone": {"exact": (0.8, 1e-6), "different": (0.2, 1.0)},
    "email": {"exact": (0.8, 1e-6), "different": (0.2, 1.0)},
}
PRIOR = 1e-6


@dataclass
class _Org:
    record_id: str
    name: OrganisationName
    kvk: str | None
    postcode: str | None
    hnr: str | None
    city: str | None
    phone: str | None
    email: str | None


def _prepare(record: OrganisationRecord) -> _Org:
    return _Org(
        record.record_id, normalise_organisation_name(record.name), normalise_kvk(record.kvk),
        nz.normalise_postcode(record.postcode),
        nz.normalise_house_number(record.house_number, record.house_number_suffix),
        nz.normalise_city(record.city), nz.normalise_phone(record.phone),
        nz.normalise_email(record.email),
    )


def _levels(a: _Org, b: _Org) -> dict[str, str | None]:
    return {
        "kvk": _exact(a.kvk, b.kvk),
        "name": _name_level(a.name.core, b.name.core),
        "address": _address_level(a, b),
        "phone": _exact(a.phone, b.phone),
        "email": _exact(a.email, b.email),
    }


def _shown(org: _Org) -> dict[str, str | None]:
    address = " ".join(v for v in (org.postcode, org.hnr, org.city) if v) or None
    return {"kvk": org.kvk, "name": org.name.core or None, "address": address,
            "phone": org.phone, "email": org.email}


def _exact(a: str | None, b: str | None) -> str | None:
    if not a or not b:
        return None
    return "exact" if a == b else "different"


def _name_level(a: str, b: str) -> str | None:
    if not a or not b:
        return None
    if a == b or a.replace(" ", "") == b.replace(" ", ""):
        return "exact"
    score = fuzz.token_set_ratio(a, b)
    if score >= 90:
        return "very similar"
    return "similar" if score >= 75 else "different"


def _address_level(a: _Org, b: _Org) -> str | None:
    if a.postcode and b.postcode:
        if a.postcode == b.postcode:
            return "same address" if a.hnr and a.hnr == b.hnr else "same postcode"
    if a.city and b.city:
        return "same city" if a.city == b.city else "different"
    return "different" if a.postcode and b.postcode else None


@dataclass
class OrganisationCandidate:
    record_id: str
    probability: float
    explanation: Explanation


class OrganisationResolver:
    """Index organisations by KvK, contact points, address and name words; resolve one."""

    def __init__(self) -> None:
        self.records: list[_Org] = []
        self.index: dict[str, list[int]] = {}

    def add(self, records: Iterable[OrganisationRecord]) -> None:
        for record in records:
            org = _prepare(record)
            row = len(self.records)
            self.records.append(org)
            for key in _keys(org):
                self.index.setdefault(key, []).append(row)

    def resolve(self, record: OrganisationRecord, limit: int = 10) -> list[OrganisationCandidate]:
        query = _prepare(record)
        rows = {r for key in _keys(query) for r in self.index.get(key, [])[:500]}
        scored = [self._score(query, self.records[r]) for r in rows]
        scored.sort(key=lambda c: -c.probability)
        return scored[:limit]

    def _score(self, query: _Org, other: _Org) -> OrganisationCandidate:
        prior = math.log2(PRIOR / (1 - PRIOR))
        left, right = _shown(query), _shown(other)
        fields = []
        total = prior
        for field, level in _levels(query, other).items():
            if level is None:
                fields.append(FieldEvidence(field, "not comparable", "missing", left[field],
                                            right[field], 0.0, None, None))
                continue
            m, u = _WEIGHTS[field][level]
            weight = math.log2(m / u)
            total += weight
            agreement = "agree" if level in ("exact", "same address", "very similar") else (
                "disagree" if level == "different" else "partial")
            fields.append(FieldEvidence(field, level, agreement, left[field], right[field],
                                        round(weight, 3), m, u))
        probability = 1.0 / (1.0 + 2.0 ** -total)
        return OrganisationCandidate(
            other.record_id, probability, Explanation(probability, total, prior, fields)
        )


def _keys(org: _Org) -> list[str]:
    keys = []
    if org.kvk:
        keys.append("kvk:" + org.kvk)
    if org.phone:
        keys.append("phone:" + org.phone)
    if org.email:
        keys.append("email:" + org.email)
    if org.postcode and org.hnr:
        keys.append(f"addr:{org.postcode}|{org.hnr}")
    keys.extend("word:" + w for w in org.name.core.split() if len(w) > 2)
    if org.name.core:
        keys.append("name:" + org.name.core.replace(" ", ""))
    return keys
