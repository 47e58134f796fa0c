# SPDX-License-Identifier: EUPL-1.2
"""No nationality, birthplace or ethnicity anywhere in the scans: by construction and by test.

The College voor de Rechten van de Mens (Toetsingskader risicoprofilering, 2025) and the LAA
profiles exclude origin as a selection criterion. Here that is not a promise but a property: the
stored tables have a fixed list of columns, origin columns are dropped unread, and an object's
score does not move when only a dropped column differs.
"""

from __future__ import annotations

import re
from datetime import date
from importlib import resources

from schakel.registers import store
from schakel.registers.formats import FORMATS, SENSITIVE_HINTS
from schakel.registers.importer import import_csv
from schakel.registers.scan import run_scan

ORIGIN_WORDS = ("nationalit", "geboorteplaats", "geboorteland", "herkomst", "etnic", "etnisch",
                "ethnic", "birthplace", "country_of_birth", "migratie", "immigratie", "afkomst",
                "religie", "land_van")


def _stored_columns(con) -> dict[str, set[str]]:
    rows = con.execute("SELECT table_name, column_name FROM information_schema.columns "
                       "WHERE table_name IN ('bag', 'brp', 'kvk', 'permits')").fetchall()
    columns: dict[str, set[str]] = {}
    for table, column in rows:
        columns.setdefault(table, set()).add(column)
    return columns


def test_the_scan_inputs_are_exactly_the_documented_columns(con):
    for kind, columns in _stored_columns(con).items():
        expected = {column for field in FORMATS[kind].fields for column, _ in field.stored()}
        assert columns == expected, kind


def test_no_scan_input_column_is_about_origin(con):
    for table, columns in _stored_columns(con).items():
        for column in columns:
            assert not any(word in column.lower() for word in ORIGIN_WORDS), (table, column)
    for field in (f for fmt in FORMATS.values() for f in fmt.fields):
        assert not any(hint in field.name for hint in SENSITIVE_HINTS)


def test_the_rule_files_mention_no_origin_data():
    folder = resources.files("schakel.registers").joinpath("sql", "scan")
    for path in folder.iterdir():
        code = "\n".join(line.split("--", 1)[0] for line in path.read_text("utf-8").splitlines())
        for word in ORIGIN_WORDS:
            assert word not in code.lower(), (path.name, word)
        # the rules read the four imported registers and the scan's own tables only
        steps = set(re.findall(r"\b([a-z_]+) AS \(", code))  # common table expressions
        tables = set(re.findall(r"\b(?:FROM|JOIN)\s+([a-z_]+)", code)) - steps
        assert all(table in {"bag", "brp", "kvk", "permits"}
                   or table.startswith(("scan_", "hit_")) for table in tables), (path.name, tables)


def test_objects_that_differ_only_in_a_dropped_column_score_the_same(tmp_path, rows, write_csv):
    """Two identical overcrowded dwellings; the residents of one are given other nationalities
    and birthplaces. Import drops those columns, and both objects get the same outcome."""
    con = store.connect(tmp_path / "registers.duckdb")
    import_csv(con, "bag", write_csv("bag.csv", rows.BAG_HEADER,
                                     [rows.bag(1, area=50), rows.bag(2, area=50)]), actor="t")
    header = [*rows.BRP_HEADER, "nationaliteit", "geboorteplaats", "geboorteland"]
    data = []
    for n in range(6):
        data.append(rows.brp(f"A{n}", 1, "2020-01-01") + ["Nederlandse", "Utrecht", "Nederland"])
        data.append(rows.brp(f"B{n}", 2, "2020-01-01") + ["Poolse", "Gdańsk", "Polen"])
    report = import_csv(con, "brp", write_csv("brp.csv", header, data), actor="t")
    assert report.dropped_columns == ["nationaliteit", "geboorteplaats", "geboorteland"]
    result = run_scan(con, date(2025, 1, 1), actor="t", log=False)
    first, second = sorted(result.hits, key=lambda hit: hit.adresseerbaar_object_id)
    assert (first.score, first.rules, first.figures, first.explanations) == \
        (second.score, second.rules, second.figures, second.explanations)
    assert first.rules == ["occupancy"]
    con.close()
