# SPDX-License-Identifier: EUPL-1.2
"""Domain suggestion: the coordinator sees a suggested label, domains and flags with the phrases
that led to them. These tests pin down the behaviour a coordinator and an auditor care about:
the hard negatives stay 'none', smuggling is not called trafficking (and the reverse), negation
is respected, the flags are right, and every suggestion can be explained from its evidence."""

from __future__ import annotations

import subprocess
import sys

import pytest

from schakel.analysis import LABELS, UNSURE, Lexicon, suggest
from schakel.analysis.lexicon import compile_phrase, load_cues
from schakel.analysis.text import fold, tokenize

# ── one clear signal per label (written for these tests, not taken from an eval set) ───────

CLEAR = {
    "sexual": (
        "Jongerenwerker: meisje (16) heeft een 'vriend' van 23 die haar na school ophaalt. Ze moet "
        "van hem met andere mannen mee naar een hotel en hij houdt het geld. Op een sekssite staat "
        "een advertentie met foto's van haar."
    ),
    "labour": (
        "Toezichthouder: in een nagelstudio werken twee vrouwen 7 dagen per week van 9 tot 22 uur. "
        "Ze krijgen geen loon, 'eerst de schuld voor de reis afbetalen', en de eigenaar heeft hun "
        "paspoorten in de kluis liggen."
    ),
    "housing": (
        "BRP-controle: in een rijtjeshuis staan 15 arbeidsmigranten ingeschreven. Er staan "
        "stapelbedden in de woonkamer, de huur van € 120 per bed per week wordt ingehouden op "
        "het loon en wie ontslagen wordt, moet dezelfde dag weg. Geen rookmelders."
    ),
    "criminal": (
        "Wijkagent: jongen (15) brengt 's avonds pakketjes met drugs rond voor oudere jongens uit "
        "de buurt. Hij heeft een 'schuld' omdat er een tas kwijt is en ze dreigen zijn moeder op "
        "te zoeken als hij stopt."
    ),
    "dependency": (
        "Wmo-consulent: mevrouw (82, dementie) wordt verzorgd door een neef die bij haar is "
        "ingetrokken. Hij heeft haar bankpas, ontvangt het pgb maar de zorg wordt nauwelijks "
        "gegeven. Ik mocht niet alleen met haar praten."
    ),
    "smuggling": (
        "BRP-balie: man (27) uit Irak vertelt dat hij € 5.000 betaalde aan een smokkelaar om via "
        "Turkije en Griekenland naar Nederland te komen. Hij heeft geen schulden meer bij hen, "
        "werkt niet en wil asiel aanvragen in Ter Apel."
    ),
    "none": (
        "Controle massagesalon: exploitatievergunning geldig, masseuses met arbeidscontract en "
        "eigen woonadres, eigen ID en bankpas. Alleen sportmassage. Geen aanwijzingen voor "
        "uitbuiting, geen vervolg."
    ),
}


@pytest.mark.parametrize("label", LABELS)
def test_one_clear_signal_per_label(label):
    assert suggest(CLEAR[label]).label == label


@pytest.mark.parametrize("label", ["smuggling", "none"])
def test_non_exploitation_labels_list_no_domains(label):
    assert suggest(CLEAR[label]).domains == []


def test_primary_domain_comes_first_and_secondary_needs_its_own_evidence():
    text = (
        "NLA-controle: op een erf wonen 25 seizoenwerkers in caravans en een schuur, huur wordt "
        "ingehouden op het loon en wie stopt moet direct weg. Ze werken 12 uur per dag, 7 dagen "
        "per week, krijgen € 5 per uur en de baas heeft de paspoorten."
    )
    result = suggest(text)
    assert result.domains[0] == result.label
    assert set(result.domains) == {"housing", "labour"}


# ── hard negatives: shared vocabulary, no trafficking ──────────────────────────────────────


@pytest.mark.parametrize("text", [
    # certified migrant housing
    "Controle arbeidsmigrantenhuisvesting: SNF-keurmerk en omgevingsvergunning aanwezig, 40 "
    "bewoners op 44 plaatsen, eigen kamer, huurcontract los van het arbeidscontract, eigen "
    "paspoort en bankpas. Geen vervolgactie.",
    # independent escort
    "Vrouw (31) werkt als zelfstandig escort, ingeschreven bij de KvK, eigen website en eigen "
    "telefoon. Ze regelde alles zelf en had haar eigen ID bij zich.",
    # young carer
    "Leerling (15) is jonge mantelzorger voor haar vader met MS. Ze wil dit zelf graag, het "
    "steunpunt mantelzorg is betrokken en er is respijtzorg geregeld. Geen zorgen over uitbuiting.",
    # au pair in a normal arrangement
    "Au pair uit Peru via een erkend au-pairbureau, werkt hooguit 30 uur, eigen kamer, vrije "
    "weekenden en eigen telefoon. In een gesprek alleen bevestigde ze dat ze het naar haar zin "
    "heeft.",
    # plain wage dispute
    "Uitzendkracht klaagt dat zijn loon te laat is gestort. Hij huurt zelf een kamer, heeft zijn "
    "eigen papieren en kan ergens anders beginnen. Verwezen naar het Juridisch Loket.",
    # begging on own initiative
    "Man bedelt bij de supermarkt op eigen initiatief en houdt het geld zelf; hij slaapt in de "
    "maatschappelijke opvang. Geen aanwijzingen voor dwang.",
])
def test_hard_negatives_are_none(text):
    assert suggest(text).label == "none"


def test_negated_indicators_do_not_count():
    result = suggest(
        "Hij heeft geen schulden, zijn paspoort is niet ingenomen en hij is nooit bedreigd."
    )
    assert "labour-debt-bondage" not in result.indicators
    assert "labour-passport-withheld" not in result.indicators
    assert {e.code for e in result.ignored} >= {"labour-passport-withheld"}


def test_negation_stops_at_the_clause_boundary():
    result = suggest("Er is geen contract, maar de baas heeft zijn paspoort ingenomen.")
    assert "labour-passport-withheld" in result.indicators


def test_not_only_is_not_a_negation():
    result = suggest("Ze moet niet alleen schoonmaken, ze krijgt ook geen loon.")
    assert "labour-no-or-low-pay" in result.indicators


def test_own_passport_is_not_a_red_flag():
    result = suggest("De werknemers hebben hun eigen paspoort en eigen bankpas.")
    assert "labour-passport-withheld" not in result.indicators
    assert result.none_score > 0


# ── smuggling versus trafficking ────────────────────────────────────────────────────────────


def test_journey_debt_worked_off_is_exploitation_not_smuggling():
    text = ("Vrouw uit Nigeria betaalde niets vooraf maar moet nu € 30.000 schuld voor de reis "
            "afbetalen door met mannen mee te gaan die haar 'madam' regelt. "
            "Ze is bang voor een vloek.")
    assert suggest(text).label == "sexual"


def test_journey_debt_worked_off_in_a_greenhouse_is_labour():
    text = ("Man moet de kosten van de reis terugbetalen aan de ronselaar en werkt daarvoor 12 uur "
            "per dag in de kas zonder loon. Zijn paspoort ligt bij de ronselaar.")
    assert suggest(text).label == "labour"


def test_paid_voluntary_crossing_is_smuggling():
    text = ("Vijf mannen uit een koeltrailer gehaald op de truckparking; ze wilden naar Engeland "
            "en betaalden ieder € 2.000 aan een tussenpersoon. Niemand werkte hier, KMar nam het "
            "over.")
    assert suggest(text).label == "smuggling"


# ── flags ───────────────────────────────────────────────────────────────────────────────────


@pytest.mark.parametrize(("text", "acute"), [
    ("Ze zit nu opgesloten in de kelder en de man heeft een mes.", True),
    ("Politie via 112 gebeld, eenheid is onderweg.", True),
    ("Hulp nodig nu: hij staat nu voor de deur te schreeuwen en dreigt te slaan.", True),
    ("Nu geen acute situatie, wel graag overleg deze week.", False),
    ("Vorige week is hij bedreigd met een mes bij het station.", False),
    ("Hij is niet opgesloten en er is geen gevaar.", False),
])
def test_acute_flag(text, acute):
    assert suggest(text).acute is acute


@pytest.mark.parametrize(("text", "minor"), [
    ("Meisje van 15 wordt opgehaald door een oudere man.", True),
    ("Twee kinderen (geschat 10-12 jaar) bedelen bij het station.", True),
    ("Het gaat om een minderjarige jongen uit Eritrea.", True),
    ("Leerling uit groep 8 komt steeds oververmoeid op school.", True),
    ("Man (34) werkt 70 uur per week in de kas.", False),
    ("Vrouw (29) past op de kinderen van het gezin en maakt schoon.", False),
])
def test_minor_flag(text, minor):
    assert suggest(text).minor is minor


# ── explainability and the reporter's checklist ────────────────────────────────────────────


def test_evidence_spans_quote_the_text():
    text = CLEAR["labour"]
    result = suggest(text)
    assert result.evidence
    for item in result.evidence:
        if item.start >= 0:
            assert text[item.start:item.end] == item.text
    assert result.evidence_for("labour")


def test_ticked_indicators_add_evidence_for_their_domain():
    text = "Melder maakt zich zorgen om de bewoners van dit adres."
    assert suggest(text).label == UNSURE
    result = suggest(text, indicators=["housing-overcrowding", "housing-tied-to-job"])
    assert result.label == "housing"
    assert {e.code for e in result.evidence if e.kind == "ticked"} == {
        "housing-overcrowding", "housing-tied-to-job"}


def test_unknown_ticked_codes_are_ignored():
    assert suggest("Niets bijzonders.", indicators=["bestaat-niet"]).indicators == []


def test_empty_text_is_unsure():
    result = suggest("")
    assert result.label == UNSURE and result.domains == [] and not result.minor


def test_deterministic():
    assert suggest(CLEAR["criminal"]).as_dict() == suggest(CLEAR["criminal"]).as_dict()


# ── the lexicon comes from the catalogue and can be extended without code ─────────────────


def test_municipality_phrase_from_the_database_counts():
    rows = [{"code": "labour-local-flowers", "domain": "labour",
             "phrases": ["bloemenveiling ... zonder pauze"], "active": True}]
    lexicon = Lexicon.from_indicators(rows)
    result = suggest("Hij werkt op de bloemenveiling zonder pauze.", lexicon=lexicon)
    assert result.indicators == ["labour-local-flowers"]
    inactive = Lexicon.from_indicators([{**rows[0], "active": False}])
    text = "Hij werkt op de bloemenveiling zonder pauze."
    assert suggest(text, lexicon=inactive).indicators == []


def test_lexicon_from_catalog_knows_every_exploitation_domain():
    lexicon = Lexicon.from_catalog()
    assert set(lexicon.domains()) == {"sexual", "labour", "housing", "criminal", "dependency"}
    assert "geen" in lexicon.negations


def test_shipped_cues_have_the_expected_kinds():
    kinds = {cue["kind"] for cue in load_cues()}
    assert {"negation", "smuggling", "none", "acute", "minor", "indicator_weights"} <= kinds


NATIONALITY_WORDS = (
    "pools", "poolse", "polen", "roemeen", "bulgaar", "hongaar", "litouw", "oekraien", "marokka",
    "turks", "nigeriaan", "eritree", "syrier", "afghaan", "vietnam", "chinees", "roma",
    "oost-europ", "afrikaan", "aziat", "moslim", "islam",
)


def test_lexicon_does_not_use_nationality_or_ethnicity():
    """Where someone comes from is no indicator: the suggestion must not profile on origin."""
    from schakel.catalog.source import read_catalog

    source = read_catalog()
    phrases = [p for e in source.sections["indicators"] for p in e.get("phrases", [])]
    phrases += [p for c in source.sections["analysis_cues"] for p in c.get("phrases", [])]
    words = {word.strip("'*.") for phrase in phrases for word in fold(phrase).split()}
    assert not {w for w in words if w.startswith(NATIONALITY_WORDS)}


@pytest.mark.parametrize(("phrase", "text", "hit"), [
    ("betaal*", "hij betaalde contant", True),
    ("*loon", "een laag dagloon", True),
    ("paspoort* ... ingenomen", "de paspoorten zijn direct ingenomen", True),
    ("paspoort* ... ingenomen", "Paspoort kwijt. Later ingenomen", False),  # other sentence
    ("'oom'", "zijn 'oom' haalt hem op", True),
    ("'oom'", "zijn oom haalt hem op", False),
    ("tegen * zin", "tegen haar zin", True),
])
def test_phrase_syntax(phrase, text, hit):
    compiled = compile_phrase(phrase)
    tokens = tokenize(fold(text), text)
    matched = any(compiled.match_at(tokens, i) is not None for i in range(len(tokens)))
    assert matched is hit


# ── engineering guarantees ──────────────────────────────────────────────────────────────────


def test_analysis_package_does_not_import_django():
    code = ("import sys, schakel.analysis, schakel.analysis.evaluation; "
            "sys.exit(any(m == 'django' or m.startswith('django.') for m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", code], check=False)  # noqa: S603 (own code)
    assert result.returncode == 0
