# SPDX-License-Identifier: EUPL-1.2
"""The scan rules on a generated municipality: planted cases found, controls left alone."""

from __future__ import annotations

import json
from datetime import date

import pytest

from schakel.registers import demo, store
from schakel.registers.config import RULE_CODES, load_config
from schakel.registers.importer import import_csv
from schakel.registers.scan import address_key, run_scan

CONTROLS = ("care_home", "large_family", "logies", "boundary", "tiny_area",
            "no_area", "briefadres_office", "old_churn", "family_swap", "freelancer",
            "agency_office", "known_only", "prison")


def _scan(municipality, **kwargs):
    con = store.connect(municipality.db)
    try:
        kwargs.setdefault("known_addresses", municipality.truth["known_addresses"])
        return run_scan(con, municipality.peildatum, actor="test", log=False, **kwargs)
    finally:
        con.close()


@pytest.mark.parametrize("code", RULE_CODES)
def test_each_rule_finds_its_planted_cases(municipality, code):
    planted = municipality.truth["rules"][code]
    assert planted, f"nothing planted for {code}"
    hits = municipality.hits_by_id()
    missed = [object_id for object_id in planted
              if object_id not in hits or code not in hits[object_id].rules]
    assert missed == []


@pytest.mark.parametrize("control", CONTROLS)
def test_controls_are_not_listed(municipality, control):
    ids = municipality.truth["controls"][control]
    assert ids, f"no controls of kind {control}"
    assert set(ids) & set(municipality.hits_by_id()) == set()


def test_harmless_businesses_do_not_make_the_risk_rule_fire(municipality):
    for control, codes in municipality.truth["controls_not_fired"].items():
        for code in codes:
            assert set(municipality.truth["controls"][control]) & municipality.fired[code] == set()


def test_the_risk_rule_fires_on_background_businesses_but_does_not_list_them(municipality):
    planted = set(municipality.truth["rules"]["risk_business"])
    alone = municipality.fired["risk_business"] - planted
    assert len(alone) > 100  # home-based firms in construction, cleaning, ... (realistic)
    assert alone & set(municipality.hits_by_id()) == set()


def test_the_background_population_gives_no_hits(municipality):
    planted = {object_id for ids in municipality.truth["rules"].values() for object_id in ids}
    assert set(municipality.hits_by_id()) == planted


def test_the_score_is_the_sum_of_the_weights(municipality):
    weights = {code: rule.weight for code, rule in municipality.result.config.rules.items()}
    for hit in municipality.result.hits:
        assert hit.score == sum(weights[code] for code in hit.rules)
        assert set(hit.figures) == set(hit.rules)
        assert len(hit.explanations) == len(hit.rules)
    scores = [hit.score for hit in municipality.result.hits]
    assert scores == sorted(scores, reverse=True)


def test_hits_carry_the_raw_figures(municipality):
    hit = next(h for h in municipality.result.hits if "occupancy" in h.rules)
    figures = hit.figures["occupancy"]
    assert figures["oppervlakte_m2"] < figures["norm_m2"] * figures["bewoners"]
    assert figures["m2_per_bewoner"] == round(figures["oppervlakte_m2"] / figures["bewoners"], 1)
    assert "m² per persoon" in hit.explanations[0]


def test_the_scan_is_deterministic(municipality):
    again = _scan(municipality)
    assert [h.as_dict() for h in again.hits] == [h.as_dict() for h in municipality.result.hits]


def test_the_generator_is_deterministic_per_seed(tmp_path, municipality):
    demo.generate("municipality", tmp_path / "same", seed=7)
    demo.generate("municipality", tmp_path / "other", seed=8)
    for kind in store.KINDS:
        original = (municipality.folder / "csv" / f"{kind}.csv").read_bytes()
        assert (tmp_path / "same" / f"{kind}.csv").read_bytes() == original
    assert (tmp_path / "other" / "brp.csv").read_bytes() != (
        municipality.folder / "csv" / "brp.csv").read_bytes()


def test_the_municipality_has_the_documented_size(municipality):
    counts = municipality.truth["counts"]
    assert 19_000 <= counts["persons"] <= 21_000
    assert 8_500 <= counts["dwellings"] <= 9_500
    assert counts["kvk"] == 2_900


def test_churn_counts_registrations_so_a_group_moving_together_is_found(municipality):
    """Issue 8: churn counts registrations; four workers in and out together are 8."""
    assert municipality.result.config.rule("churn").params["group_same_day"] is False
    hits = municipality.hits_by_id()
    groups = [hit for hit in municipality.result.hits if "churn" in hit.rules
              and hit.figures["churn"]["inschrijvingen"] == 4
              and hit.figures["churn"]["uitschrijvingen"] == 4]
    assert len(groups) >= 4
    assert all(hits[g.adresseerbaar_object_id].figures["churn"]["bewegingen"] == 8
               for g in groups)


def test_grouping_same_day_moves_is_an_option_that_misses_the_group(municipality):
    config = load_config(overrides={"rules": {"churn": {"group_same_day": True}}})
    result = _scan(municipality, config=config)
    grouped = {hit.adresseerbaar_object_id for hit in result.hits if "churn" in hit.rules}
    group_cases = {hit.adresseerbaar_object_id for hit in municipality.result.hits
                   if "churn" in hit.rules and hit.figures["churn"]["bewegingen"] == 8
                   and hit.figures["churn"]["inschrijvingen"] == 4}
    assert group_cases and group_cases & grouped == set()
    # the short stays on separate days are still found
    assert set(municipality.truth["rules"]["known"]) <= grouped


def test_the_lodging_norm_for_licensed_objects_is_an_option(municipality):
    """By default one norm (12 m²) for all; with the option a logies permit means 10 m²."""
    licensed = {hit.adresseerbaar_object_id for hit in municipality.result.hits
                if "logies" in hit.permits and "occupancy" in hit.rules}
    assert len(licensed) >= 2
    config = load_config(overrides={"rules": {"occupancy": {"permits_with_own_norm": ["logies"]}}})
    hits = {hit.adresseerbaar_object_id for hit in _scan(municipality, config=config).hits}
    assert licensed & hits == set()


def test_a_lower_norm_finds_fewer_overcrowded_dwellings(municipality):
    config = load_config(overrides={"rules": {"occupancy": {"norm_m2": 8}}})
    result = _scan(municipality, config=config)
    assert 0 < result.fired["occupancy"] < municipality.result.fired["occupancy"]


def test_making_the_risk_rule_standalone_lists_home_businesses(municipality):
    config = load_config(overrides={"rules": {"risk_business": {"standalone": True}}})
    result = _scan(municipality, config=config)
    assert len(result.hits) > len(municipality.result.hits) + 100


def test_a_disabled_rule_contributes_nothing(municipality):
    config = load_config(overrides={"rules": {"occupancy": {"enabled": False}}})
    result = _scan(municipality, config=config)
    assert all("occupancy" not in hit.rules for hit in result.hits)


def test_without_known_addresses_the_known_rule_is_silent(municipality):
    result = _scan(municipality, known_addresses=[])
    assert result.fired["known"] == 0
    assert all("known" not in hit.rules for hit in result.hits)


def test_every_run_is_logged(tmp_path, rows, write_csv):
    con = store.connect(tmp_path / "registers.duckdb")
    import_csv(con, "bag", write_csv("bag.csv", rows.BAG_HEADER, [rows.bag(1)]), actor="t")
    config = load_config(overrides={"rules": {"churn": {"threshold": 5}}})
    result = run_scan(con, date(2025, 1, 1), config=config, actor="coordinator",
                      known_addresses=["1234AB|1||"])
    actor, peildatum, settings, known, objects, hits, seconds = con.execute(
        "SELECT actor, peildatum, config, known_addresses, objects_scanned, hits, seconds "
        "FROM scan_log").fetchone()
    assert (actor, peildatum, known, objects, hits) == ("coordinator", date(2025, 1, 1), 1, 1,
                                                        len(result.hits))
    assert json.loads(settings)["rules"]["churn"]["threshold"] == 5
    assert seconds >= 0
    con.close()


def test_the_address_key_is_the_same_in_python_and_sql(con):
    cases = [("1234 ab", 12, "a", "2"), ("1234AB", 1, None, None), ("9999ZZ", 99999, "", "bis")]
    for postcode, number, letter, addition in cases:
        in_sql = con.execute("SELECT schakel_address_key(?, ?, ?, ?)",
                             [postcode, number, letter, addition]).fetchone()[0]
        assert in_sql == address_key(postcode, number, letter, addition)
    assert address_key("1234 ab", 12, "a", "2") == "1234AB|12|A|2"


def test_uncertain_registrations_count_as_possible_not_certain(con, rows, write_csv):
    """A start of '2025-00-00' may lie after the peildatum 2025-06-01: shown, not counted."""
    import_csv(con, "bag", write_csv("bag.csv", rows.BAG_HEADER, [rows.bag(1, area=40)]),
               actor="t")
    data = [rows.brp(f"P{n}", 1, "2020-01-01") for n in range(3)]
    data += [rows.brp(f"Q{n}", 1, "2025-00-00") for n in range(3)]
    import_csv(con, "brp", write_csv("brp.csv", rows.BRP_HEADER, data), actor="t")
    result = run_scan(con, date(2025, 6, 1), actor="t", log=False)
    assert result.hits == []  # 40 m² for 3 certain residents is 13.3 m² each
    residents = con.execute("SELECT bewoners, mogelijke_bewoners FROM scan_residents").fetchone()
    assert residents == (3, 3)
    later = run_scan(con, date(2026, 1, 1), actor="t", log=False)
    assert later.hits[0].figures["occupancy"]["bewoners"] == 6


def test_moves_with_an_unknown_day_in_the_window_count(con, rows, write_csv):
    import_csv(con, "bag", write_csv("bag.csv", rows.BAG_HEADER, [rows.bag(1, area=200)]),
               actor="t")
    data = [rows.brp(f"P{n}", 1, f"2024-{n + 2:02d}-00", f"2024-{n + 2:02d}-00")
            for n in range(4)]  # four one-month stays, February to May, day unknown
    import_csv(con, "brp", write_csv("brp.csv", rows.BRP_HEADER, data), actor="t")
    result = run_scan(con, date(2024, 12, 31), actor="t", log=False)
    assert result.hits[0].rules == ["churn"]
    assert result.hits[0].figures["churn"]["bewegingen"] == 8
    during_may = run_scan(con, date(2024, 5, 15), actor="t", log=False)
    assert during_may.hits == []
    assert during_may.fired["churn"] == 0
