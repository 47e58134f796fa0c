# SPDX-License-Identifier: EUPL-1.2
"""Dutch name and field normalisation."""

from __future__ import annotations

import pytest

from schakel.matching import normalise as nz
from schakel.matching.features import person_frame, record_features
from schakel.matching.generate import generate_population
from schakel.matching.names import (
    canonical_given,
    dutch_phonetic,
    parse_full_name,
    parse_given,
    parse_name,
    split_prefix,
)
from schakel.matching.organisations import normalise_kvk, normalise_organisation_name


@pytest.mark.parametrize(
    ("raw", "given", "initials", "prefix", "surname"),
    [
        ("Jan van der Berg", "jan", "j", "van der", "berg"),
        ("Berg, Jan van der", "jan", "j", "van der", "berg"),
        ("Berg van der, Jan", "jan", "j", "van der", "berg"),
        ("van der Berg, J.", "", "j", "van der", "berg"),
        ("J.P. van den Heuvel", "", "jp", "van den", "heuvel"),
        ("Kees van 't Hof", "kees", "k", "van 't", "hof"),
        ("Piet ten Have", "piet", "p", "ten", "have"),
        ("Anna-Maria Jansen-de Vries", "anna maria", "am", "", "jansen de vries"),
        ("Mohamed El Amrani", "mohamed", "m", "el", "amrani"),
        ("Zoë Ünal", "zoe", "z", "", "unal"),
        ("Łukasz Wiśniewski", "lukasz", "l", "", "wisniewski"),
    ],
)
def test_parse_full_name(raw: str, given: str, initials: str, prefix: str, surname: str) -> None:
    parsed = parse_full_name(raw)
    assert (parsed.given, parsed.initials, parsed.prefix, parsed.surname) == (
        given, initials, prefix, surname,
    )


@pytest.mark.parametrize(
    ("surname", "prefix", "expected"),
    [
        ("van der Berg", None, ("van der", "berg")),
        ("Van der Berg", None, ("van der", "berg")),
        ("Berg van der", None, ("van der", "berg")),
        ("Berg, van der", None, ("van der", "berg")),
        ("Vries", "de", ("de", "vries")),
        ("Jansen-de Vries", None, ("", "jansen de vries")),
        ("de", None, ("", "de")),
    ],
)
def test_split_prefix(surname: str, prefix: str | None, expected: tuple[str, str]) -> None:
    assert split_prefix(surname, prefix) == expected


def test_glued_and_separate_prefix_share_the_full_surname() -> None:
    glued = parse_name(surname="Vanderberg")
    separate = parse_name(surname="Berg", prefix="van der")
    assert glued.full_surname == separate.full_surname == "vanderberg"


def test_initials_and_given_names() -> None:
    assert parse_given("J.P.") == ("", "jp")
    assert parse_given("JP") == ("", "jp")
    assert parse_given("Jan-Pieter") == ("jan pieter", "jp")
    assert parse_given("Jan P.") == ("jan", "jp")


def test_reordered_name_in_surname_field_is_parsed_as_a_whole_name() -> None:
    parsed = parse_name(surname="Berg, Jan van der")
    assert (parsed.given, parsed.prefix, parsed.surname) == ("jan", "van der", "berg")


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("Dijk", "Dyk"), ("Dijk", "Deik"), ("Janssen", "Jansen"), ("Cornelissen", "Kornelisen"),
        ("Pauw", "Pouw"), ("Vries", "Fries"), ("Smidt", "Smit"), ("Gerrit", "Gerrid"),
        ("Philips", "Filips"), ("Bosch", "Bosg"), ("Thijs", "Tijs"),
    ],
)
def test_dutch_phonetic_variants_coincide(left: str, right: str) -> None:
    assert dutch_phonetic(left) == dutch_phonetic(right)


@pytest.mark.parametrize(("left", "right"), [("Jansen", "Janssens"), ("Bakker", "Visser")])
def test_dutch_phonetic_keeps_different_names_apart(left: str, right: str) -> None:
    assert dutch_phonetic(left) != dutch_phonetic(right)


def test_nicknames() -> None:
    assert canonical_given("kees") == canonical_given("cornelis")
    assert canonical_given("jan") == canonical_given("johannes")


def test_field_normalisation() -> None:
    assert nz.normalise_postcode("3311 ab") == "3311AB"
    assert nz.normalise_phone("06-12345678") == "+31612345678"
    assert nz.normalise_phone("+31 6 1234 5678") == "+31612345678"
    assert nz.normalise_bsn("11122233") == "011122233"
    assert nz.bsn_is_valid("111222333")
    assert nz.split_street_number("Kerkstraat 12a") == ("kerkstraat", "12a")
    assert nz.normalise_street("Kerk str.") == "kerkstraat"
    assert nz.normalise_city("'s-Gravenhage") == nz.normalise_city("Den Haag")
    assert nz.parse_birth_date("24-06-1971") == ("19710624", 1971)
    assert nz.parse_birth_date("1971") == (None, 1971)
    assert nz.parse_birth_date("19711324") == ("19711324", 1971)  # impossible: kept as typo


def test_organisation_names() -> None:
    a = normalise_organisation_name("Schoonm.bedrijf De Vries B.V.")
    b = normalise_organisation_name("Schoonmaak bedrijf de Vries BV")
    assert a == b and a.legal_form == "bv"
    assert normalise_organisation_name("A.B.C. Uitzendbureau V.O.F.").core == "abc uitzendbureau"
    assert normalise_organisation_name("Stichting Het Baken").legal_form == "stichting"
    assert normalise_kvk("1234567") == "01234567"


def test_single_record_features_equal_bulk_features() -> None:
    """The resolver's fast path must see exactly what a batch run sees."""
    frame = generate_population(300, seed=3)
    bulk = person_frame(frame)
    for i, row in enumerate(frame.to_dict("records")):
        single = record_features(row)
        for key, value in single.items():
            other = bulk[key].iloc[i]
            if isinstance(value, float) and value != value:
                assert other != other, key
            else:
                assert value == other, (key, value, other)
