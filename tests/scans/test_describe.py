# SPDX-License-Identifier: EUPL-1.2
"""Plain-Dutch text and the fingerprint of a hit's figures (no database needed)."""

from __future__ import annotations

from datetime import date

from schakel.registers.config import default_config
from schakel.scans import describe

FIGURES = {
    "occupancy": {"oppervlakte_m2": 50, "bewoners": 7, "m2_per_bewoner": 7.1, "norm_m2": 12,
                  "mogelijke_bewoners": 0, "minderjarigen": 2},
    "churn": {"bewegingen": 9, "inschrijvingen": 6, "uitschrijvingen": 5, "onzeker": 0,
              "drempel": 8, "maanden": 12},
    "risk_business": {"vestigingen": [{"vestigingsnummer": "000100000001",
                                       "naam": "Jan Jansen Bouw",
                                       "activiteiten": [{"positie": 1, "hoofdactiviteit": True,
                                                         "sbi": "7820", "risicocode": "7820",
                                                         "omschrijving": "uitzendbureaus"}]}]},
    "known": {"adres_sleutel": "1234AB|12||"},
}

# Words that would point at origin; none may appear in text generated from a hit.
ORIGIN_WORDS = ("nationaliteit", "herkomst", "geboorteland", "geboorteplaats", "etnic",
                "pools", "poolse", "roemeen", "bulgaar", "migrant", "buitenland")


def test_names_are_dropped_before_a_hit_is_stored():
    cleaned = describe.clean_figures(FIGURES)
    assert "naam" not in cleaned["risk_business"]["vestigingen"][0]
    assert cleaned["risk_business"]["vestigingen"][0]["vestigingsnummer"] == "000100000001"
    assert "naam" in FIGURES["risk_business"]["vestigingen"][0]  # the input is left alone


def test_the_fingerprint_follows_the_data_not_the_settings_or_schakel_context():
    base = describe.fingerprint(describe.clean_figures(FIGURES))
    other_settings = describe.clean_figures(FIGURES)
    other_settings["churn"].update(drempel=6, maanden=12)
    without_known = {code: values for code, values in FIGURES.items() if code != "known"}
    assert describe.fingerprint(other_settings) == base
    assert describe.fingerprint(describe.clean_figures(without_known)) == base
    more_people = describe.clean_figures(FIGURES)
    more_people["occupancy"]["bewoners"] = 8
    assert describe.fingerprint(more_people) != base
    new_rule = {**describe.clean_figures(FIGURES), "non_residential": {"bewoners": 1}}
    assert describe.fingerprint(new_rule) != base


def test_sentences_use_the_figures_in_dutch_notation():
    text = describe.sentence("occupancy", FIGURES["occupancy"])
    assert "50 m² gebruiksoppervlakte voor 7 ingeschreven bewoners: 7,1 m² per persoon" in text
    assert "norm van 12 m²" in text and "2 minderjarig" in text
    assert "9 verhuisbewegingen in 12 maanden" in describe.sentence("churn", FIGURES["churn"])
    assert "SBI 7820 uitzendbureaus (hoofdactiviteit)" in describe.sentence(
        "risk_business", FIGURES["risk_business"])


def test_figure_rows_show_the_raw_numbers():
    rows = {row.label: row.value for row in describe.figure_rows("occupancy",
                                                                 FIGURES["occupancy"])}
    assert rows["m² per bewoner"] == "7,1" and rows["Ingeschreven bewoners (woonadres)"] == "7"
    churn = {row.label: row.value for row in describe.figure_rows("churn", FIGURES["churn"])}
    assert churn["Verhuisbewegingen in 12 maanden"] == "9"


def test_the_signal_text_is_factual_and_has_no_names_or_origin():
    text = describe.signal_description(
        peildatum=date(2026, 1, 1), score=6, rules=["occupancy", "churn", "risk_business", "known"],
        figures=describe.clean_figures(FIGURES), object_id="1000010000001300", permits=[])
    assert "peildatum 1 januari 2026" in text and "1000010000001300" in text
    assert "7,1 m² per persoon" in text and "geen bevinding" in text
    assert "Jansen" not in text and "Jan " not in text
    assert not [word for word in ORIGIN_WORDS if word in text.lower()]


def test_settings_rows_name_every_rule_and_threshold():
    rows = {row.code: row for row in describe.settings_rows(default_config().as_dict())}
    assert set(rows) == {"occupancy", "churn", "non_residential", "risk_business", "known"}
    assert "minder dan 12 m² per ingeschreven bewoner" in rows["occupancy"].thresholds
    assert "8 of meer verhuisbewegingen in 12 maanden" in rows["churn"].thresholds
    assert "elke in- en uitschrijving telt" in rows["churn"].thresholds
    assert "vergunning" not in rows["occupancy"].thresholds  # the lodging norm is off


def test_settings_rows_name_the_options_when_switched_on():
    config = default_config().as_dict()
    config["rules"]["occupancy"]["permits_with_own_norm"] = ["logies"]
    config["rules"]["occupancy"]["required_gebruiksdoelen"] = ["woonfunctie"]
    config["rules"]["churn"]["group_same_day"] = True
    rows = {row.code: row for row in describe.settings_rows(config)}
    assert "10 m² bij een geldige vergunning logies" in rows["occupancy"].thresholds
    assert "alleen objecten met woonfunctie" in rows["occupancy"].thresholds
    assert "telt als één beweging" in rows["churn"].thresholds
    assert rows["risk_business"].standalone is False
    assert ("7820", "uitzendbureaus en payrolling") in rows["risk_business"].sbi_codes
