# SPDX-License-Identifier: EUPL-1.2
"""Boundary rules of the suggestion (docs/algorithm.md §4.4): concept-level evidence counts
once, for the domain its setting points to; "geen aanwijzingen dat ..." negates the rest of the
sentence; a border crossing with "no exploitation" is smuggling; the writer's role is no
evidence; estimated ages without a unit count. Texts written for these tests."""

from __future__ import annotations

import pytest

from schakel.analysis import Lexicon, extract_ages, suggest
from schakel.analysis.lexicon import load_cues
from schakel.analysis.numeric import rule_hits
from schakel.analysis.text import fold

PASSPORT = "De eigenaar heeft hun paspoorten ingenomen."


def test_concept_groups_are_declared_for_existing_indicators():
    lexicon = Lexicon.from_catalog()
    assert {"documents", "money-taken", "debt", "isolation"} <= set(lexicon.concepts)
    for codes in lexicon.concepts.values():
        assert all(code in lexicon.entries for code in codes), codes


def test_withheld_passport_counts_once_not_for_every_domain():
    result = suggest(PASSPORT)
    scored = [d for d, s in result.domain_scores.items() if s > 0]
    assert len(scored) == 1


@pytest.mark.parametrize(("setting", "domain"), [
    ("Twee mannen werken in een wasstraat voor de eigenaar.", "labour"),
    ("Twee vrouwen ontvangen in het pand klanten voor seks, de eigenaar regelt de advertenties.",
     "sexual"),
])
def test_concept_evidence_goes_to_the_setting(setting, domain):
    result = suggest(f"{setting} {PASSPORT}")
    passport = [e for e in result.evidence if e.code.endswith("withheld")]
    assert passport and {e.domain for e in passport} == {domain}


def test_a_debt_is_never_housing_evidence():
    text = ("In de woning wonen 14 mannen op matrassen, de huur per bed wordt ingehouden. "
            "Ze hebben een schuld voor de reis die ze moeten terugbetalen.")
    result = suggest(text)
    debt = [e for e in result.evidence if "debt" in e.code]
    assert debt and all(e.domain != "housing" for e in debt)


def test_setting_cues_alone_do_not_score_a_domain():
    result = suggest("Hij werkt bij een bedrijf en woont in een huis.")
    assert all(score == 0 for score in result.domain_scores.values())
    assert {e.kind for e in result.evidence} == {"setting"}
    assert result.label == "unsure"


def test_no_indications_negates_the_rest_of_the_sentence():
    text = ("KMar trof drie mannen in een trailer die naar Engeland wilden en daarvoor betaald "
            "hadden; er waren geen aanwijzingen dat ze ergens moesten werken of schulden hadden.")
    result = suggest(text)
    assert result.label == "smuggling"
    assert not [e for e in result.evidence if e.domain == "labour" and e.kind == "indicator"]
    assert any(e.negated for e in result.ignored)


def test_border_crossing_with_no_exploitation_is_smuggling_not_none():
    text = ("Leerling (15) is met zijn vader over meerdere grenzen gebracht door een man die zij "
            "betaald hebben. Geen aanwijzingen voor uitbuiting, hij gaat gewoon naar school.")
    assert suggest(text).label == "smuggling"


def test_a_reassurance_without_a_journey_stays_none():
    text = "Controle: gecertificeerde huisvesting, eigen huurcontract, geen aanwijzingen."
    assert suggest(text).label == "none"


@pytest.mark.parametrize("writer", ["Wmo-consulent", "GGZ-behandelaar", "Verslavingsarts"])
def test_the_writers_role_is_no_evidence(writer):
    result = suggest(f"{writer}: cliënt vertelt over zijn week.")
    assert not result.indicators


def test_general_words_with_a_second_meaning_are_not_indicators():
    assert "criminal-theft-shoplifting" not in suggest("Hij slaapt naast de stal.").indicators
    assert "dependency-care-need" not in suggest("Hij werkt 80+ uur per week.").indicators
    assert not suggest("De werkgever belde de klanten.").indicators


@pytest.mark.parametrize(("text", "minor"), [
    ("een meisje dat er heel jong uitziet (schatting 16)", True),
    ("een meisje dat er niet ouder uitziet dan 15", True),
    ("de jongen is hooguit 16", True),
    ("zijn serveerster van 17 wordt opgehaald", True),
    ("ze werkt verder van 6 tot 22 uur", None),
    ("dagen van 12 uur in de kas", None),
])
def test_estimated_ages_without_a_unit(text, minor):
    ages = extract_ages(text)
    if minor is None:
        assert ages == []
    else:
        assert ages and ages[0].minor is minor


@pytest.mark.parametrize("text", ["dagen van 12u", "12-urige dagen", "werkt 80+ uur pw",
                                  "van 6 tot 22u", "7 dgn p/w"])
def test_abbreviated_long_hours(text):
    assert any(hit.code == "labour-excessive-hours" for hit in rule_hits(fold(text)))


def test_setting_cues_and_concepts_carry_no_origin_words():
    """The nationality guard of test_suggest covers the cue file too; settings are places,
    sectors and activities, never people's origin."""
    settings = [c for c in load_cues() if c.get("kind") == "setting"]
    assert {c["domain"] for c in settings} == {"sexual", "labour", "housing", "criminal",
                                               "dependency"}
