# SPDX-License-Identifier: EUPL-1.2
"""The demo signal generator: same seed, same demo; valid identifiers; something to link.

Pure Python (no database): the demo builder feeds these signals through the real services, so
an invalid plate or postcode here would show up as a validation error in ``schakel demo``.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import asdict

import pytest
from stdnum.nl import postcode

from schakel.core.demo_content import DOMAINS, generate_demo_signals

PLATE_LETTERS = "BDFGHJKLMNPRSTVXZ"
_L, _D = f"[{PLATE_LETTERS}]", "[0-9]"
# The Dutch sidecodes 1-14 (letters L, digits D).
SIDECODES = [
    f"{_L}{{2}}-{_D}{{2}}-{_D}{{2}}", f"{_D}{{2}}-{_D}{{2}}-{_L}{{2}}",
    f"{_D}{{2}}-{_L}{{2}}-{_D}{{2}}", f"{_L}{{2}}-{_D}{{2}}-{_L}{{2}}",
    f"{_L}{{2}}-{_L}{{2}}-{_D}{{2}}", f"{_D}{{2}}-{_L}{{2}}-{_L}{{2}}",
    f"{_D}{{2}}-{_L}{{3}}-{_D}", f"{_D}-{_L}{{3}}-{_D}{{2}}",
    f"{_L}{{2}}-{_D}{{3}}-{_L}", f"{_L}-{_D}{{3}}-{_L}{{2}}",
    f"{_L}{{3}}-{_D}{{2}}-{_L}", f"{_L}-{_D}{{2}}-{_L}{{3}}",
    f"{_D}-{_L}{{2}}-{_D}{{3}}", f"{_D}{{3}}-{_L}{{2}}-{_D}",
]
PLATE = re.compile("^(?:" + "|".join(SIDECODES) + ")$")
MOBILE_OR_078 = re.compile(r"^(?:06-1\d{7}|078-\d{7})$")


@pytest.fixture(scope="module")
def signals():
    return generate_demo_signals(2026)


def _subjects(signals, kind):
    return [subject for signal in signals for subject in signal.subjects
            if subject["kind"] == kind]


def test_same_seed_gives_the_same_signals():
    assert [asdict(s) for s in generate_demo_signals(7, 60)] == [
        asdict(s) for s in generate_demo_signals(7, 60)
    ]


def test_different_seed_gives_different_signals():
    first = [s.description for s in generate_demo_signals(1, 40)]
    second = [s.description for s in generate_demo_signals(2, 40)]
    assert first != second


@pytest.mark.parametrize("count", [0, 1, 7, 50, 200])
def test_count_is_respected(count):
    assert len(generate_demo_signals(3, count)) == count


def test_domain_mix_covers_all_codes_with_most_in_labour_housing_sexual(signals):
    counts = Counter(signal.domain for signal in signals)
    assert set(counts) == set(DOMAINS)
    top_three = {domain for domain, _ in counts.most_common(3)}
    assert top_three == {"labour", "housing", "sexual"}
    assert all(counts[domain] >= 1 for domain in DOMAINS)


def test_fields_have_the_expected_shape(signals):
    for signal in signals:
        assert signal.reporter_kind in {"municipal", "partner"}
        assert signal.source_hint
        assert 0 <= signal.observed_days_ago <= 400
        assert signal.minor_involved in {True, False, None}
        assert signal.description.count(".") >= 2  # at least two sentences
    acute = sum(signal.acute for signal in signals)
    assert 0 < acute <= len(signals) * 0.08
    assert any(signal.observed_days_ago <= 14 for signal in signals)
    assert any(signal.observed_days_ago >= 300 for signal in signals)


def test_all_plates_are_valid_dutch_sidecodes(signals):
    plates = [subject["licence_plate"] for subject in _subjects(signals, "vehicle")]
    assert plates
    for plate in plates:
        assert PLATE.match(plate), plate
        assert "SS" not in plate.replace("-", "") and "SD" not in plate.replace("-", ""), plate


def test_all_postcodes_are_valid_and_in_alblasserdam(signals):
    codes = [signal.location["postcode"] for signal in signals
             if signal.location and "postcode" in signal.location]
    assert codes
    for code in codes:
        compact = postcode.compact(code)
        assert postcode.is_valid(compact), code
        assert compact[:4] in {"2951", "2952", "2953", "2954"}, code


def test_phones_and_kvk_numbers_look_right(signals):
    for subject in _subjects(signals, "phone"):
        assert MOBILE_OR_078.match(subject["number"]), subject
    for subject in _subjects(signals, "organisation"):
        assert re.fullmatch(r"\d{8}", subject["kvk_number"]), subject


def test_person_subjects_are_complete(signals):
    people = _subjects(signals, "person")
    assert any(person["surname_prefix"] for person in people)  # tussenvoegsels occur
    for person in people:
        assert person["role"] in {"victim", "perpetrator", "witness", "facilitator", "other"}
        assert person["sex"] in {"female", "male", "unknown"}


def test_some_signals_share_an_identifier_with_an_earlier_one(signals):
    seen: set[tuple] = set()
    shared = 0
    for signal in signals:
        keys = {(s["kind"], s.get("licence_plate") or s.get("number") or s.get("kvk_number"))
                for s in signal.subjects if s["kind"] in {"vehicle", "phone", "organisation"}}
        if signal.location and "postcode" in signal.location:
            loc = signal.location
            keys.add(("address", loc["postcode"], loc["house_number"],
                      loc["house_number_suffix"]))
        shared += bool(keys & seen)
        seen |= keys
    assert len(signals) * 0.04 <= shared <= len(signals) * 0.2


def test_texts_are_varied(signals):
    """Built from fragments, 200 signals should almost never repeat a text word for word."""
    assert len({signal.description for signal in signals}) >= len(signals) * 0.98
