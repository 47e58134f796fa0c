# SPDX-License-Identifier: EUPL-1.2
"""Identifier extraction: what a coordinator relies on to link signals about the same person,
address, vehicle or company. A missed identifier hides a link; a false one creates a wrong link,
so distractors (file numbers, amounts, dates, bad checksums) matter as much as the hits."""

from __future__ import annotations

import string

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from stdnum.nl import bsn as stdnum_bsn

from schakel.analysis import extract, extract_ages, minor_hints
from schakel.analysis.identifiers import (
    PLATE_LETTERS,
    SIDECODES,
    licence_plate_sidecode,
    normalise_bsn,
    normalise_email,
    normalise_iban,
    normalise_kvk,
    normalise_licence_plate,
    normalise_phone,
    normalise_postcode,
)


def found(text: str) -> list[tuple[str, str]]:
    return [(entity.type, entity.value) for entity in extract(text)]


# ── normalisers (used by the intake forms too) ──────────────────────────────────────────────


@pytest.mark.parametrize(("raw", "expected"), [
    ("2952 am", "2952AM"), ("2952AB", "2952AB"), (" 3343 tb ", "3343TB"),
    ("0952 AB", None), ("2952 SS", None), ("29521", None), ("", None),
])
def test_normalise_postcode(raw, expected):
    assert normalise_postcode(raw) == expected


@pytest.mark.parametrize(("raw", "expected"), [
    ("hj-418-t", "HJ418T"), ("K829LX", "K829LX"), ("68-RT-ZB", "68RTZB"), ("vtp-54-h", "VTP54H"),
    ("3-TRD-58", "3TRD58"), ("87-KHZ-4", "87KHZ4"), ("N-52-JFR", "N52JFR"),
    ("AB-123-C", None),      # A and C are never used on Dutch plates
    ("HJ4-18T", None),       # groups do not fit any sidecode
    ("DW 4R218", None),      # Polish plate
    ("1234567", None),
])
def test_normalise_licence_plate(raw, expected):
    assert normalise_licence_plate(raw) == expected


def test_every_sidecode_has_an_example():
    examples = {"HJ-41-22": 1, "41-22-HJ": 2, "41-HJ-22": 3, "HJ-41-TK": 4, "HJ-TK-41": 5,
                "41-HJ-TK": 6, "41-HJT-4": 7, "4-HJT-41": 8, "HJ-418-T": 9, "H-418-TK": 10,
                "HJT-41-K": 11, "H-41-JTK": 12, "4-HJ-418": 13, "418-HJ-4": 14}
    assert {licence_plate_sidecode(plate): plate for plate in examples} == {
        number: plate for plate, number in examples.items()}
    assert len(SIDECODES) == 14


@pytest.mark.parametrize(("raw", "expected"), [
    ("06-41827365", "+31641827365"), ("06 49 28 31 75", "+31649283175"),
    ("078-6913482", "+31786913482"), ("(078) 6158823", "+31786158823"),
    ("+31 (0)6 4719 2638", "+31647192638"), ("+40 742 318 905", "+40742318905"),
    ("0031 6 12345678", "+31612345678"), ("0612", None), ("hallo", None),
])
def test_normalise_phone(raw, expected):
    assert normalise_phone(raw) == expected


@pytest.mark.parametrize(("raw", "expected"), [
    ("NL52 BUNQ 6940 0854 83", "NL52BUNQ6940085483"), ("nl09snsb8499163858", "NL09SNSB8499163858"),
    ("NL38 RABO 7439 8749 72", None),   # wrong check digits
    ("NL52BUNQ69400854", None),
])
def test_normalise_iban(raw, expected):
    assert normalise_iban(raw) == expected


@pytest.mark.parametrize(("raw", "expected"), [
    ("3714.23.636", "371423636"), ("480 503 497", "480503497"), ("830681255", "830681255"),
    ("764083821", None), ("12345678", None), ("abc", None),
])
def test_normalise_bsn(raw, expected):
    assert normalise_bsn(raw) == expected


def test_normalise_kvk_and_email():
    assert normalise_kvk("7463 0591") == "74630591"
    assert normalise_kvk("7463059") is None
    assert normalise_kvk("00000000") is None
    assert normalise_email("Info@WerkKracht-Oost.NL") == "info@werkkracht-oost.nl"
    assert normalise_email("geen adres") is None


# ── extraction from free text ───────────────────────────────────────────────────────────────


def test_all_types_in_one_text_in_order_of_appearance():
    text = ("Melding over pand 2952 AM, bus HJ-418-T, tel. 06-41827365, "
            "rekening NL52 BUNQ 6940 0854 83, bsn 3714.23.636, KvK-nummer: 85902176, "
            "mail Info@WerkKracht-Oost.NL.")
    assert found(text) == [
        ("postcode", "2952AM"), ("licence_plate", "HJ418T"), ("phone", "+31641827365"),
        ("iban", "NL52BUNQ6940085483"), ("bsn", "371423636"), ("kvk", "85902176"),
        ("email", "info@werkkracht-oost.nl"),
    ]


def test_spans_point_at_the_written_identifier():
    text = "Kenteken van de auto: vtp-54-h, daarna gezien bij 2953 gp."
    for entity in extract(text):
        assert text[entity.start:entity.end] == entity.raw
    assert [e.raw for e in extract(text)] == ["vtp-54-h", "2953 gp"]


def test_each_identifier_once_per_signal():
    text = "Bel 06-41827365 of 06 4182 7365; postcode 2952AM en later weer 2952 am."
    assert found(text) == [("phone", "+31641827365"), ("postcode", "2952AM")]


def test_foreign_phone_keeps_its_country_code():
    assert found("De ronselaar belt vanaf +40 742 318 905.") == [("phone", "+40742318905")]


def test_phone_followed_by_en_is_not_also_a_postcode():
    assert found("Nummers 06 2874 5190 en +31 6 15 93 72 84 staan erbij.") == [
        ("phone", "+31628745190"), ("phone", "+31615937284")]


@pytest.mark.parametrize("text", [
    "Politie maakte pv PL1700-2024087312 op.",
    "Zaak Z-2024-0412 aangemaakt, registratienr. VT-2024-33871.",
    "Zie rapportage van 14-02-2024 om 21.45 uur.",
    "Hij betaalde € 1.742,18 en later € 3.500.",
    "Ordernummer 4500912276 op de pakbon.",
    "Haar personeelsnr. 30418862 staat op de strook.",
    "Tweede aanvrager vulde 764083821 in.",                 # fails the 11-proef
    "Nummer 830681255 stond op het formulier.",             # valid 11-proef, but nothing says BSN
    "IBAN NL38 RABO 7439 8749 72 op het formulier.",        # wrong check digits
    "Pools kenteken DW 4R218 op de oplegger.",
    "Bedrijf heeft KvK-inschrijving in orde; klant 12345678.",  # 8 digits, not named as KvK
    "Ze kwamen in 2024 en bleven tot 1500 mg per dag.",
])
def test_distractors_are_not_extracted(text):
    assert found(text) == []


def test_bsn_needs_context_but_takes_common_formats():
    assert found("bsn 3714.23.636") == [("bsn", "371423636")]
    assert found("Zijn bsn is 480 503 497, nieuw adres.") == [("bsn", "480503497")]
    assert found("burgerservicenummer: 830681255") == [("bsn", "830681255")]


def test_kvk_needs_the_word_kvk():
    assert found("lasbedrijf, KvK 69254108") == [("kvk", "69254108")]
    assert found("ingeschreven bij de KvK onder 86203719") == [("kvk", "86203719")]
    assert found("personeelsnummer 69254108") == []


def test_lowercase_postcode_accepted_but_not_dutch_words():
    assert found("in postcode 2951vl, huisnummer onbekend") == [("postcode", "2951VL")]
    assert found("Dat was 2024 op een zondag") == []


def test_iban_followed_by_text_is_cut_at_the_valid_length():
    assert found("Betaling vanaf NL06KNAB0686214463. Schoonmaak vond niets.") == [
        ("iban", "NL06KNAB0686214463")]


# ── property tests: round trips and robustness ─────────────────────────────────────────────


@st.composite
def valid_bsns(draw) -> str:
    digits = draw(st.lists(st.integers(0, 9), min_size=8, max_size=8))
    total = sum(d * w for d, w in zip(digits, range(9, 1, -1), strict=True))
    check = total % 11
    digits.append(check % 10)  # the 11-proef: weighted sum minus the last digit ≡ 0 (mod 11)
    number = "".join(map(str, digits))
    assume(check < 10 and stdnum_bsn.is_valid(number))
    return number


@settings(max_examples=60, deadline=None)
@given(valid_bsns())
def test_generated_bsns_round_trip_with_context(number):
    assert normalise_bsn(number) == number
    assert found(f"Betrokkene gaf bsn {number} op.") == [("bsn", number)]


@settings(max_examples=60, deadline=None)
@given(st.integers(1000, 9999), st.sampled_from(["AB", "GP", "XK", "LZ", "BJ", "TB"]))
def test_generated_postcodes_round_trip(number, letters):
    assert normalise_postcode(f"{number} {letters.lower()}") == f"{number}{letters}"
    assert found(f"Adres ligt in {number} {letters}.") == [("postcode", f"{number}{letters}")]


@st.composite
def valid_plates(draw) -> tuple[str, str]:
    code = draw(st.sampled_from([c for c in SIDECODES if c.number >= 4]))
    groups = [
        "".join(draw(st.sampled_from(PLATE_LETTERS if g[0] == "L" else string.digits))
                for _ in g)
        for g in code.groups
    ]
    return "-".join(groups), "".join(groups)


@settings(max_examples=80, deadline=None)
@given(valid_plates())
def test_generated_plates_round_trip(plate):
    dashed, compact = plate
    assert normalise_licence_plate(dashed.lower()) == compact
    assert ("licence_plate", compact) in found(f"De bus met kenteken {dashed} reed weg.")


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet="0123456789 .-/+()€abcENLkvbsn:,", max_size=60))
def test_random_digit_strings_never_crash_and_values_are_valid(text):
    for entity in extract(text):
        assert text[entity.start:entity.end] == entity.raw
        if entity.type == "bsn":
            assert normalise_bsn(entity.value) == entity.value
        if entity.type == "phone":
            assert entity.value.startswith("+")


# ── ages and minors ─────────────────────────────────────────────────────────────────────────


@pytest.mark.parametrize(("text", "low", "high"), [
    ("meisje van 15 in de auto", 15, 15),
    ("leerling (15 jr, 3 havo)", 15, 15),
    ("3 kinderen (geschat 12-13 jaar)", 12, 13),
    ("een 16-jarige jongen", 16, 16),
    ("ze zien eruit als 15 of 16", 15, 16),
    ("groep Roma-kinderen, geschat tussen 9 en 13, bedelt", 9, 13),
    ("mw. (84, beginnende dementie)", 84, 84),
])
def test_ages_are_found(text, low, high):
    ages = extract_ages(text)
    assert [(a.low, a.high) for a in ages] == [(low, high)]


def test_durations_are_not_ages():
    assert extract_ages("Ze woont sinds 2 jaar in Nederland en werkt al 15 jaar hier.") == []
    assert extract_ages("Mijn nummer is +31 (0)6 4719 2638.") == []


def test_minor_hints_give_age_and_school_words():
    kinds = {hint.kind for hint in minor_hints("Leerling (14) uit groep 8 is vaak afwezig.")}
    assert kinds == {"age", "minor"}
    assert minor_hints("Man (34) uit Marokko kwam voor een wond.") == []
