# SPDX-License-Identifier: EUPL-1.2
"""Synthetic registers at three scales, with a ground truth of planted cases and controls.

The generator is SQL (``sql/demo/generate.sql``) run by an in-memory DuckDB: every random value
is a hash of the seed, so the files are the same for a seed at any scale, and the national
scale (18 million people) takes minutes, not hours. Nothing in these files describes real
people; they exist to demonstrate, test and benchmark the scans.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import duckdb

from .store import read_sql

DEMO_PEILDATUM = date(2026, 1, 1)
TRUTH_FILE = "ground_truth.json"


@dataclass(frozen=True)
class Scale:
    """Sizes of a synthetic area; ``unit`` multiplies the planted cases and controls."""

    name: str
    dwellings: int  # background dwellings; planted objects come on top
    other: int  # background non-residential objects
    kvk: int  # establishments, planted ones included
    unit: int
    gemeenten: int


SCALES = {
    # 20,000 inhabitants: about 9,000 dwellings and 2,900 KvK establishments (registers.md §5.1)
    "municipality": Scale("municipality", 8_700, 1_000, 2_900, 1, 1),
    "region": Scale("region", 87_000, 10_000, 29_000, 10, 10),
    # about 18 million people, 9 million addressable objects, 2.6 million establishments
    "nl": Scale("nl", 7_750_000, 1_150_000, 2_600_000, 900, 342),
}

EXPORTS = {
    "bag": (
        "SELECT adresseerbaar_object_id, postcode, huisnummer, huisletter, huisnummertoevoeging, "
        "woonplaats, oppervlakte, array_to_string(gebruiksdoelen, ';') AS gebruiksdoelen, bouwjaar "
        "FROM demo_bag ORDER BY adresseerbaar_object_id"
    ),
    "brp": (
        "SELECT persoon_id, adresseerbaar_object_id, datum_aanvang, datum_einde, geboortedatum, "
        "functie_adres FROM demo_brp ORDER BY persoon_id, datum_aanvang"
    ),
    "kvk": (
        "SELECT kvk_nummer, vestigingsnummer, naam, adresseerbaar_object_id, "
        "array_to_string(sbi_codes, ';') AS sbi_codes FROM demo_kvk ORDER BY vestigingsnummer"
    ),
    "permits": (
        "SELECT adresseerbaar_object_id, soort, geldig_van, geldig_tot FROM demo_permits "
        "ORDER BY adresseerbaar_object_id, soort, geldig_van"
    ),
}


def generate(scale: str, out: Path | str, *, seed: int = 1,
             peildatum: date = DEMO_PEILDATUM, memory_limit: str = "4GB") -> dict[str, Any]:
    """Write bag.csv, brp.csv, kvk.csv, permits.csv and ground_truth.json into ``out``."""
    sizes = SCALES[scale]
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    con = duckdb.connect()
    try:
        con.execute(f"SET memory_limit = '{memory_limit}'")
        con.execute(f"SET temp_directory = '{_text(str(out / '.demo-tmp'))}'")
        con.execute(read_sql("macros.sql"))
        _set_sizes(con, sizes, seed, peildatum)
        con.execute(read_sql("demo/generate.sql"))
        for kind, query in EXPORTS.items():
            con.execute(f"COPY ({query}) TO '{_text(str(out / f'{kind}.csv'))}' "
                        "(HEADER, DELIMITER ',')")
        truth = _ground_truth(con, sizes, seed, peildatum)
    finally:
        con.close()
    truth["seconds"] = round(time.perf_counter() - started, 2)
    (out / TRUTH_FILE).write_text(json.dumps(truth, indent=1, ensure_ascii=False) + "\n",
                                  encoding="utf-8")
    return truth


def read_truth(folder: Path | str) -> dict[str, Any]:
    return json.loads((Path(folder) / TRUTH_FILE).read_text(encoding="utf-8"))


def _set_sizes(con: duckdb.DuckDBPyConnection, sizes: Scale, seed: int, peildatum: date) -> None:
    values = {
        "seed": seed,
        "peildatum": peildatum,
        "n_dwellings": sizes.dwellings,
        "n_other": sizes.other,
        "n_kvk": sizes.kvk,
        "unit": sizes.unit,
        "n_gemeenten": sizes.gemeenten,
    }
    for name, value in values.items():
        con.execute(f"SET VARIABLE {name} = ?", [value])


def _ground_truth(con: duckdb.DuckDBPyConnection, sizes: Scale, seed: int,
                  peildatum: date) -> dict[str, Any]:
    """Planted object ids per rule and per control, the known address keys, and counts."""
    rows = con.execute(
        "SELECT categorie, soort, list(adresseerbaar_object_id ORDER BY adresseerbaar_object_id)"
        " FROM demo_truth GROUP BY categorie, soort, position ORDER BY position"
    ).fetchall()
    rules = {name: ids for name, kind, ids in rows if kind == "rule"}
    controls = {name: ids for name, kind, ids in rows if kind == "control"}
    # risk_business cases are overcrowded too, and known cases have churn: say so; the planted
    # variants (licensed lodging under 12 m², a group moving together) belong to their rule
    rules["occupancy"] = sorted(rules["occupancy"] + rules["risk_business"]
                                + rules.pop("logies_permit"))
    rules["churn"] = sorted(rules["churn"] + rules["known"] + rules.pop("churn_group"))
    known = con.execute(
        "SELECT list(adres_sleutel ORDER BY adres_sleutel) FROM demo_truth "
        "WHERE categorie IN ('known', 'known_only')"
    ).fetchone()[0]
    return {
        "scale": sizes.name,
        "seed": seed,
        "peildatum": peildatum.isoformat(),
        "counts": _counts(con),
        "rules": rules,
        "controls": controls,
        # controls that must also not make these rules fire (not even unlisted)
        "controls_not_fired": {"freelancer": ["risk_business"],
                               "agency_office": ["risk_business"]},
        "known_addresses": known,
    }


def _counts(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    queries = {
        "objects": "SELECT count(*) FROM demo_bag",
        "dwellings": "SELECT count(*) FROM demo_bag WHERE list_contains(gebruiksdoelen, "
                     "'woonfunctie')",
        "persons": "SELECT count(DISTINCT persoon_id) FROM demo_brp",
        "brp_rows": "SELECT count(*) FROM demo_brp",
        "kvk": "SELECT count(*) FROM demo_kvk",
        "permits": "SELECT count(*) FROM demo_permits",
    }
    return {name: con.execute(query).fetchone()[0] for name, query in queries.items()}


def _text(value: str) -> str:
    return value.replace("'", "''")
