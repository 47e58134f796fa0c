# SPDX-License-Identifier: EUPL-1.2
"""The scans on hand-made register files that the demo generator did not produce.

Issue 8 asks that each rule finds its planted cases and leaves the controls alone "on register
files you have not seen". The files in ``data/unseen/`` were written by hand, object by object
(``data/unseen/README.md`` describes each one), in the documented formats but with the variation
a municipality's export can have: a byte-order mark, CRLF line ends and a trailing empty line,
quoted fields and header names, columns in another order, unknown columns (origin data among
them), empty huisletter and toevoeging, partly unknown dates in every allowed form, gebruiksdoelen
and permit kinds in upper and mixed case, several SBI codes with spaces, a semicolon-separated
file, an establishment without a BAG id and a registration at an object the BAG does not have.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from schakel.registers import store
from schakel.registers.config import RULE_CODES
from schakel.registers.importer import import_csv
from schakel.registers.scan import address_key, run_scan

DATA = Path(__file__).parent / "data" / "unseen"
PEILDATUM = date(2025, 7, 1)
KNOWN = (address_key("1234AC", 5, "b", "2"), address_key("1242TU", 3, "", "h"))


def oid(number: int) -> str:
    return f"9991010000000{number:03d}"


# the listed addresses and their rules, in rule order
LISTED = {
    oid(101): ["occupancy"],                      # 45 m² for 5 (partly unknown start dates)
    oid(102): ["occupancy", "risk_business"],     # 60 m² for 7 and a temp agency (78201)
    oid(103): ["churn"],                          # 4 workers in together and out together: 8
    oid(104): ["churn", "known"],                 # 5 short stays: 10, at a known address
    oid(105): ["non_residential"],                # 2 people living in an office
    oid(106): ["occupancy", "non_residential"],   # 4 people in a 40 m² industrial unit
}
# every object each rule fires on, listed or not
FIRED = {
    "occupancy": {oid(101), oid(102), oid(106)},
    "churn": {oid(103), oid(104)},
    "non_residential": {oid(105), oid(106)},
    "risk_business": {oid(102), oid(107)},  # 107: risk code 4120 as second activity, alone
    "known": {oid(104), oid(214)},          # 214: known, nothing else
}
CONTROLS = {
    201: "exactly 12 m² per person",
    202: "care home with turnover (gezondheidszorgfunctie)",
    203: "large family in 160 m², a baby born in the window",
    204: "lodging (logiesfunctie) at 10 m² per person",
    205: "briefadressen at an office, a woonadres there that has ended",
    206: "home-based businesses with harmless SBI codes",
    207: "temp agency in an office building",
    208: "BAG area under 10 m²",
    209: "no BAG area",
    210: "7 registrations in the window, one under the threshold",
    211: "short stays, all outside the window",
    212: "two arrivals that may fall after the peildatum",
    213: "former residents and one who arrives after the peildatum",
    214: "known address, nothing else",
    215: "woon- and kantoorfunctie",
    216: "cells (celfunctie)",
}


@pytest.fixture(scope="module")
def scanned(tmp_path_factory: pytest.TempPathFactory):
    con = store.connect(tmp_path_factory.mktemp("unseen") / "registers.duckdb")
    reports = {kind: import_csv(con, kind, DATA / f"{kind}.csv", actor="test")
               for kind in store.KINDS}
    result = run_scan(con, PEILDATUM, known_addresses=KNOWN, actor="test")
    fired = {code: {row[0] for row in con.execute(
        f"SELECT adresseerbaar_object_id FROM hit_{code}").fetchall()}  # noqa: S608
        for code in RULE_CODES}
    stored = {kind: [row[0] for row in con.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_name = ?",
        [kind]).fetchall()] for kind in store.KINDS}
    counts = {kind: con.execute(f"SELECT count(*) FROM {kind}").fetchone()[0]  # noqa: S608
              for kind in store.KINDS}
    con.close()
    return reports, result, fired, stored, counts


def test_every_variation_of_the_export_is_accepted(scanned):
    reports, _, _, _, counts = scanned
    for report in reports.values():
        assert report.imported, report.lines()
    assert counts == {"bag": 23, "brp": 159, "kvk": 6, "permits": 3}


def test_unknown_and_origin_columns_are_dropped_and_reported(scanned):
    reports, _, _, stored, _ = scanned
    assert reports["bag"].dropped_columns == ["status", "pand_id"]
    assert reports["brp"].dropped_columns == ["nationaliteit", "geboorteplaats",
                                              "geslachtsnaam"]
    assert any("herkomstgegevens" in line for line in reports["brp"].lines())
    assert reports["kvk"].dropped_columns == ["postcode", "rechtsvorm"]
    assert reports["permits"].dropped_columns == ["opmerking"]
    columns = {name for names in stored.values() for name in names}
    assert not columns & {"nationaliteit", "geboorteplaats", "geslachtsnaam", "status",
                          "rechtsvorm", "opmerking"}


def test_the_scan_lists_exactly_the_planted_addresses(scanned):
    _, result, _, _, _ = scanned
    assert {hit.adresseerbaar_object_id: hit.rules for hit in result.hits} == LISTED


@pytest.mark.parametrize("code", RULE_CODES)
def test_each_rule_fires_exactly_on_its_planted_objects(scanned, code):
    _, _, fired, _, _ = scanned
    assert fired[code] == FIRED[code]


@pytest.mark.parametrize("number", sorted(CONTROLS))
def test_controls_are_not_listed(scanned, number):
    _, result, _, _, _ = scanned
    assert oid(number) not in {hit.adresseerbaar_object_id for hit in result.hits}, (
        CONTROLS[number])


def test_the_figures_are_those_of_the_files(scanned):
    _, result, _, _, _ = scanned
    hits = {hit.adresseerbaar_object_id: hit for hit in result.hits}
    assert hits[oid(101)].figures["occupancy"] == {
        "oppervlakte_m2": 45, "bewoners": 5, "m2_per_bewoner": 9.0, "norm_m2": 12,
        "mogelijke_bewoners": 0, "minderjarigen": 0}
    group = hits[oid(103)].figures["churn"]
    assert (group["bewegingen"], group["inschrijvingen"], group["uitschrijvingen"]) == (8, 4, 4)
    assert hits[oid(104)].figures["churn"]["bewegingen"] == 10
    agency = hits[oid(102)].figures["risk_business"]["vestigingen"][0]
    assert [a["sbi"] for a in agency["activiteiten"]] == ["78201", "4120"]
    assert hits[oid(101)].permits == ["verhuurvergunning"]
    assert hits[oid(101)].address["huisletter"] == "A"
    assert hits[oid(104)].address["huisnummertoevoeging"] == "2"


def test_errors_in_such_files_are_still_refused_by_line_and_field(tmp_path):
    """Tolerating the variations must not make the import lenient about real errors."""
    bag = (DATA / "bag.csv").read_bytes().replace(b'" Woonfunctie ",60,', b'" Woonfunctie ",6O,')
    brp = (DATA / "brp.csv").read_bytes().replace(b",,2019-00-00,", b",,2019-00-05,", 1)
    (tmp_path / "bag.csv").write_bytes(bag)
    (tmp_path / "brp.csv").write_bytes(brp)
    con = store.connect(tmp_path / "registers.duckdb")
    try:
        bag_report = import_csv(con, "bag", tmp_path / "bag.csv", actor="test")
        brp_report = import_csv(con, "brp", tmp_path / "brp.csv", actor="test")
        assert con.execute("SELECT count(*) FROM bag").fetchone()[0] == 0
    finally:
        con.close()
    assert not bag_report.imported and not brp_report.imported
    assert [str(error) for error in bag_report.errors] == [
        "regel 3, veld oppervlakte: geen geheel getal (waarde: '6O')"]
    assert [(error.line, error.field) for error in brp_report.errors] == [(2, "datum_aanvang")]
