# SPDX-License-Identifier: EUPL-1.2
"""The 'what belongs together' lookup before triage: exact matches on normalised identifiers,
restricted to the coordinator's inbox."""

from __future__ import annotations

import pytest

from schakel.cases import services
from schakel.cases.related import related_records
from schakel.signals.models import normalise_name
from schakel.signals.services import SubjectInput


def refs(matches) -> set[str]:
    return {m.record.reference for m in matches}


@pytest.mark.parametrize("first,second,reason", [
    ({"postcode": "2952AB", "house_number": 14}, {"postcode": "2952AB", "house_number": 14,
                                                  "house_number_suffix": "A"}, "zelfde adres"),
    ({"subjects": [SubjectInput(kind="vehicle", licence_plate="HJ418T")]},
     {"subjects": [SubjectInput(kind="vehicle", licence_plate="HJ418T")]}, "zelfde kenteken"),
    ({"subjects": [SubjectInput(kind="phone", phone="+31641827365")]},
     {"subjects": [SubjectInput(kind="phone", phone="+31641827365")]}, "zelfde telefoonnummer"),
    ({"subjects": [SubjectInput(kind="organisation", name="A BV", kvk_number="12345678")]},
     {"subjects": [SubjectInput(kind="organisation", name="B", kvk_number="12345678")]},
     "zelfde KvK-nummer"),
    ({"subjects": [SubjectInput(kind="person", given_names="José", surname="Da Silva",
                                birth_year=1990)]},
     {"subjects": [SubjectInput(kind="person", given_names="jose", surname="da  silva",
                                birth_year=1990)]}, "zelfde persoon"),
])
def test_shared_identifier_is_found_with_its_reason(world, make_signal, first, second, reason):
    older = make_signal(**first)
    newer = make_signal(**second)
    related = related_records(world["coordinator"], newer)
    assert refs(related.signals) == {older.reference}
    assert reason in related.signals[0].reasons[0]


@pytest.mark.parametrize("other", [
    {"postcode": "2952AB", "house_number": 16},
    {"subjects": [SubjectInput(kind="person", given_names="Jose", surname="Da Silva",
                               birth_year=1991)]},
    {"subjects": [SubjectInput(kind="person", given_names="Maria", surname="Da Silva",
                               birth_year=1990)]},
])
def test_near_misses_are_not_matches(world, make_signal, other):
    make_signal(postcode="2952AB", house_number=14, subjects=[
        SubjectInput(kind="person", given_names="Jose", surname="Da Silva", birth_year=1990)])
    assert not related_records(world["coordinator"], make_signal(**other))


def test_cases_of_matching_signals_are_listed(world, make_signal):
    first = make_signal(postcode="2952AB", house_number=14)
    case = services.open_case(world["coordinator"], first, title="Loods")
    newer = make_signal(postcode="2952AB", house_number=14)
    related = related_records(world["coordinator"], newer)
    assert refs(related.cases) == {case.reference}


def test_only_the_users_inbox_is_searched(world, make_signal):
    make_signal(postcode="2952AB", house_number=14)
    newer = make_signal(postcode="2952AB", house_number=14)
    assert not related_records(world["coordinator-papendrecht"], newer)
    assert not related_records(world["melder"], newer)


def test_normalise_name():
    assert normalise_name("  José  DA silva ") == "jose da silva"
