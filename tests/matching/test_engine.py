# SPDX-License-Identifier: EUPL-1.2
"""The matching engine: explanations, households, certain identifiers, the resolver."""

from __future__ import annotations

import itertools
import random
from functools import lru_cache

import pandas as pd
import pytest

from schakel.matching.batch import deduplicate
from schakel.matching.evaluation import from_clusters
from schakel.matching.generate import (
    generate_people,
    generate_population,
    noisy_mention,
    person_row,
)
from schakel.matching.model import LinkageModel
from schakel.matching.organisations import OrganisationResolver
from schakel.matching.records import OrganisationRecord, PersonRecord
from schakel.matching.resolver import Resolver, estimate_model


@lru_cache(maxsize=1)
def fitted_model() -> LinkageModel:
    """Parameters learned (EM) from a generated population with duplicates."""
    return estimate_model(generate_population(4000, seed=31))


@lru_cache(maxsize=1)
def population() -> tuple[Resolver, list]:
    people = generate_people(5000, seed=32)
    resolver = Resolver(fitted_model())
    resolver.add([person_row(p) for p in people])
    return resolver, people


HOUSEHOLD = [
    # twins: same surname, address and birth date, different given names
    PersonRecord("twin-a", given_names="Daan", surname="Vermeulen", birth_date="2011-04-02",
                 sex="m", postcode="2951 AB", house_number="12", street="Kerkstraat",
                 city="Alblasserdam"),
    PersonRecord("twin-b", given_names="Sem", surname="Vermeulen", birth_date="2011-04-02",
                 sex="m", postcode="2951 AB", house_number="12", street="Kerkstraat",
                 city="Alblasserdam"),
    # father and the son named after him: same names and address, other birth date
    PersonRecord("father", given_names="Johannes Petrus", surname_prefix="van der",
                 surname="Berg", birth_date="1968-09-30", sex="m", postcode="2951 CD",
                 house_number="3", street="Molenweg", city="Alblasserdam"),
    PersonRecord("son", given_names="Johannes", surname_prefix="van der", surname="Berg",
                 birth_date="1995-02-11", sex="m", postcode="2951 CD", house_number="3",
                 street="Molenweg", city="Alblasserdam"),
]


def test_resolver_finds_the_right_person() -> None:
    resolver, people = population()
    rng = random.Random(5)
    hits = 0
    for q in range(200):
        person = people[rng.randrange(len(people))]
        found = resolver.resolve(noisy_mention(person, q), limit=3)
        hits += bool(found) and found[0].record_id == f"p{person.pid}"
    assert hits / 200 >= 0.95


def test_resolver_finds_reordered_name_with_initials_and_typo() -> None:
    resolver, people = population()
    person = next(p for p in people if p.prefix and len(p.surname) > 4 and p.phone)
    street, number, suffix, postcode, city = person.address
    mention = {
        "full_name": f"{person.surname}, {person.given_names[0][0]}. {person.prefix}",
        "dob": person.dob.strftime("%d-%m-%Y"),
        "street": f"{street} {number}{suffix}", "city": city,
    }
    found = resolver.resolve(mention)
    assert found[0].record_id == f"p{person.pid}"
    assert found[0].probability > 0.5
    given = next(f for f in found[0].explanation.fields if f.field == "given_name")
    assert given.level == "initials or other given name agree" and given.weight > 0


def test_explanation_names_fields_levels_and_weights() -> None:
    resolver, people = population()
    person = people[10]
    found = resolver.resolve(noisy_mention(person, 1))
    explanation = found[0].explanation
    fields = {f.field: f for f in explanation.fields}
    assert {"given_name", "surname", "birth_date", "address"} <= set(fields)
    agreeing = [f for f in explanation.fields if f.agreement == "agree"]
    assert agreeing and all(f.weight > 0 for f in agreeing)
    assert all(f.m is not None and f.u is not None for f in agreeing)
    assert explanation.match_weight == pytest.approx(
        explanation.prior_weight + sum(f.weight for f in explanation.fields), abs=1e-2
    )
    assert "match probability" in explanation.summary()


def test_twins_and_namesake_parents_are_not_matched_by_the_resolver() -> None:
    resolver = Resolver(fitted_model())
    resolver.add([HOUSEHOLD[0], HOUSEHOLD[2]])
    twin = resolver.resolve(HOUSEHOLD[1])
    son = resolver.resolve(HOUSEHOLD[3])
    assert all(c.probability < 0.5 for c in twin)
    assert all(c.probability < 0.5 for c in son)
    assert any("household" in note for c in twin for note in c.explanation.notes)
    # the same persons written differently are still found
    again = resolver.resolve(PersonRecord(
        "q", full_name="Berg, J.P. van der", birth_date="30-09-1968", postcode="2951CD",
        house_number="3"))
    assert again[0].record_id == "father" and again[0].probability > 0.5


def test_twins_and_namesake_parents_are_not_matched_in_batch() -> None:
    records = [r.as_row() for r in HOUSEHOLD]
    frame = pd.concat([generate_population(3000, seed=33), pd.DataFrame(records)],
                      ignore_index=True)
    result = deduplicate(frame)
    labels = dict(zip(result.record_ids, result.labels, strict=True))
    assert labels["twin-a"] != labels["twin-b"]
    assert labels["father"] != labels["son"]


def test_generated_relatives_are_rarely_merged() -> None:
    """Twins and children named after a parent, with all the noise of the generator."""
    frame = generate_population(3000, seed=34)
    result = deduplicate(from_clusters(frame).left)
    labels = dict(zip(result.record_ids, result.labels, strict=True))
    relatives = merged = 0
    for _, group in frame.groupby("household"):
        for a, b in itertools.combinations(group.itertuples(), 2):
            twins = a.relation == b.relation == "twin"
            if a.cluster != b.cluster and twins:
                relatives += 1
                merged += labels[a.unique_id] == labels[b.unique_id]
    assert relatives > 20
    assert merged / relatives < 0.05


def test_certain_identifiers_link() -> None:
    resolver = Resolver(fitted_model())
    resolver.add(generate_population(2000, seed=35).drop(columns=["cluster"]))
    resolver.add([PersonRecord("known", given_names="Ioana", surname="Popescu",
                               birth_date="1990-01-01", bsn="111222333",
                               phone="0612345678", city="Dordrecht")])
    same_bsn = resolver.resolve(PersonRecord(
        "q1", given_names="Joana", surname="Popesku", bsn="111222333", city="Rotterdam"))
    assert same_bsn[0].record_id == "known" and same_bsn[0].probability > 0.9
    assert "bsn" in same_bsn[0].explanation.agreeing()
    typo = resolver.resolve(PersonRecord(
        "q2", given_names="Ioana", surname="Popescu", bsn="111222334", phone="+31 6 1234 5678"))
    assert typo[0].record_id == "known" and typo[0].probability > 0.9


def test_batch_explains_a_pair_and_swapped_names() -> None:
    frame = pd.DataFrame([
        {"unique_id": "a", "first_name": "Isla", "surname": "Hall", "dob": "1985-02-07",
         "email": "islahall97@example.com"},
        {"unique_id": "b", "first_name": "Hall", "surname": "Isla", "dob": "1985-02-07",
         "email": "islahall97@example.com"},
    ])
    data = pd.concat([generate_population(1500, seed=36), frame], ignore_index=True)
    result = deduplicate(data)
    ids = list(result.record_ids)
    i, j = sorted((ids.index("a"), ids.index("b")))
    k = next(k for k, (x, y) in enumerate(result.pairs) if (x, y) == (i, j))
    explanation = result.explain(k)
    assert explanation.probability > 0.5
    assert any("swapped" in note for note in explanation.notes)
    assert result.labels[i] == result.labels[j]


def test_model_round_trips_as_plain_data() -> None:
    model = fitted_model()
    again = LinkageModel.from_dict(model.to_dict(), model.comparisons)
    assert again.prior == model.prior
    assert all((a == b).all() for a, b in zip(again.m, model.m, strict=True))
    assert again.household is not None


def test_organisations_match_on_kvk_and_name_variants() -> None:
    resolver = OrganisationResolver()
    resolver.add([
        OrganisationRecord("vries", "Schoonmaakbedrijf De Vries B.V.", kvk="12345678",
                           postcode="3311 AB", house_number="12"),
        OrganisationRecord("abc", "ABC Uitzendbureau", kvk="87654321"),
        OrganisationRecord("bouw", "De Vries Bouw BV", postcode="3311AB", house_number="14"),
    ])
    by_name = resolver.resolve(OrganisationRecord(
        "q1", "De Vries Schoonmaakbedrijf V.O.F.", postcode="3311AB", house_number=12))
    assert by_name[0].record_id == "vries" and by_name[0].probability > 0.5
    assert all(c.probability < 0.5 for c in by_name[1:])
    by_kvk = resolver.resolve(OrganisationRecord("q2", "A.B.C. Uitzendbur. vof", kvk="87654321"))
    assert by_kvk[0].record_id == "abc" and "kvk" in by_kvk[0].explanation.agreeing()
