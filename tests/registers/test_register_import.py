# SPDX-License-Identifier: EUPL-1.2
"""Imports: all or nothing, errors by line and field, dropped columns, partial dates."""

from __future__ import annotations

from datetime import date
from importlib import resources
from pathlib import Path

import pytest

from schakel.registers import store
from schakel.registers.importer import import_csv

SAMPLES = resources.files("schakel.registers").joinpath("samples")


def _table(con, kind: str) -> list[tuple]:
    return con.execute(f"SELECT * FROM {kind} ORDER BY ALL").fetchall()  # noqa: S608


@pytest.mark.parametrize("kind", store.KINDS)
def test_the_sample_files_import(con, kind):
    report = import_csv(con, kind, Path(str(SAMPLES.joinpath(f"{kind}.csv"))), actor="test")
    assert report.imported, report.lines()
    assert report.rows == len(_table(con, kind)) > 0


def test_a_bad_value_is_reported_by_line_and_field(con, write_csv, rows):
    data = [rows.bag(number) for number in range(1, 21)]
    data[15][6] = "12.5"  # data row 16 is line 17 of the file
    report = import_csv(con, "bag", write_csv("bag.csv", rows.BAG_HEADER, data), actor="test")
    assert not report.imported
    assert [str(error) for error in report.errors] == [
        "regel 17, veld oppervlakte: geen geheel getal (waarde: '12.5')"
    ]
    assert report.errors_by_field == {"oppervlakte": 1}
    assert "NIET ingelezen" in report.lines()[0]


def test_every_kind_of_field_error_is_found(con, write_csv, rows):
    data = [
        rows.bag(1),
        ["099901000000002", "1234 ab", "3", "AB", "", "X", "twaalf", "woonfunctie;kantoor", ""],
        [rows.object_id(1), "0234AB", "0", "", "toolong", "X", "", "", "1700.5"],
    ]
    report = import_csv(con, "bag", write_csv("bag.csv", rows.BAG_HEADER, data), actor="test")
    found = {(error.line, error.field) for error in report.errors}
    assert found == {
        (3, "adresseerbaar_object_id"), (3, "huisletter"), (3, "oppervlakte"),
        (3, "gebruiksdoelen"),
        (4, "adresseerbaar_object_id"),  # duplicate of line 2
        (4, "postcode"), (4, "huisnummer"), (4, "huisnummertoevoeging"),
        (4, "gebruiksdoelen"), (4, "bouwjaar"),
    }
    duplicate = next(e for e in report.errors if e.line == 4 and e.field.startswith("adres"))
    assert "regel 2" in duplicate.message
    assert report.error_count == 10


def test_a_failed_import_changes_nothing(con, write_csv, rows):
    good = write_csv("good.csv", rows.BAG_HEADER, [rows.bag(n) for n in range(1, 6)])
    assert import_csv(con, "bag", good, actor="test").imported
    before = _table(con, "bag")
    log_before = con.execute("SELECT count(*) FROM import_log").fetchone()
    data = [rows.bag(n, area=50) for n in range(10, 40)]
    data[-1][0] = "not-an-id"
    report = import_csv(con, "bag", write_csv("bad.csv", rows.BAG_HEADER, data), actor="test")
    assert not report.imported and report.error_count == 1
    assert _table(con, "bag") == before
    assert con.execute("SELECT count(*) FROM import_log").fetchone() == log_before
    assert "De bestaande gegevens zijn niet gewijzigd." in report.lines()[0]


def test_a_good_import_replaces_the_previous_data(con, write_csv, rows):
    first = write_csv("a.csv", rows.BAG_HEADER, [rows.bag(1), rows.bag(2)])
    import_csv(con, "bag", first, actor="a")
    report = import_csv(con, "bag", write_csv("b.csv", rows.BAG_HEADER, [rows.bag(3)]), actor="b")
    assert report.imported
    assert [row[0] for row in _table(con, "bag")] == [rows.object_id(3)]
    assert con.execute("SELECT actor, file_name, rows FROM import_log ORDER BY id").fetchall() \
        == [("a", "a.csv", 2), ("b", "b.csv", 1)]


def test_a_broken_line_stops_the_import_with_its_line_number(con, tmp_path, rows):
    path = tmp_path / "bag.csv"
    lines = [",".join(rows.BAG_HEADER)] + [",".join(map(str, rows.bag(n))) for n in (1, 2)]
    lines.insert(3, ",".join(map(str, rows.bag(5))) + ",extra")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    report = import_csv(con, "bag", path, actor="test")
    assert not report.imported
    assert str(report.errors[0]) == "regel 4: te veel velden (verwacht 9)"


def test_a_file_that_is_not_utf8_is_refused(con, tmp_path, rows):
    path = tmp_path / "bag.csv"
    row = ",".join(map(str, rows.bag(1))).replace("Teststad", "Sch\xe9ndorp")
    path.write_bytes((",".join(rows.BAG_HEADER) + "\n" + row + "\n").encode("latin-1"))
    report = import_csv(con, "bag", path, actor="test")
    assert not report.imported
    assert "UTF-8" in str(report.errors[0]) and report.errors[0].line == 2


def test_a_missing_column_is_named(con, write_csv, rows):
    header = [name for name in rows.BAG_HEADER if name != "oppervlakte"]
    report = import_csv(con, "bag", write_csv("bag.csv", header, [[1] * 8]), actor="test")
    assert [str(error) for error in report.errors] == [
        "regel 1, veld oppervlakte: kolom ontbreekt in de kopregel"
    ]


def test_an_empty_file_is_refused(con, write_csv, rows):
    report = import_csv(con, "bag", write_csv("bag.csv", rows.BAG_HEADER, []), actor="test")
    assert not report.imported and "geen gegevensregels" in str(report.errors[0])


def test_semicolons_and_a_byte_order_mark_are_read(con, tmp_path, rows):
    path = tmp_path / "bag.csv"
    row = [rows.object_id(1), "1234 ab", "1", "a", "", "Teststad", "80",
           '"woonfunctie;kantoorfunctie"', "1930"]
    path.write_text("\ufeff" + ";".join(rows.BAG_HEADER) + "\n" + ";".join(row) + "\n",
                    encoding="utf-8")
    report = import_csv(con, "bag", path, actor="test")
    assert report.imported, report.lines()
    stored = con.execute("SELECT postcode, huisletter, gebruiksdoelen FROM bag").fetchone()
    assert stored == ("1234AB", "A", ["kantoorfunctie", "woonfunctie"])


def test_a_bsn_is_refused_as_person_id_without_echoing_it(con, write_csv, rows):
    data = [rows.brp("111222333", 1, "2020-01-01"), rows.brp("123456789", 1, "2020-01-01")]
    report = import_csv(con, "brp", write_csv("brp.csv", rows.BRP_HEADER, data), actor="test")
    assert not report.imported
    assert [(e.line, e.field) for e in report.errors] == [(2, "persoon_id")]  # 2nd fails 11-proef
    assert "BSN" in report.errors[0].message
    assert "111222333" not in "\n".join(report.lines())


def test_an_end_before_the_start_is_refused(con, write_csv, rows):
    data = [rows.brp("P1", 1, "2019-05-00", "2019-04-00")]
    report = import_csv(con, "brp", write_csv("brp.csv", rows.BRP_HEADER, data), actor="test")
    assert [str(e) for e in report.errors] == ["regel 2, veld datum_einde: ligt voor datum_aanvang"]


@pytest.mark.parametrize(("text", "earliest", "latest"), [
    ("2019-05-17", date(2019, 5, 17), date(2019, 5, 17)),
    ("2019-05-00", date(2019, 5, 1), date(2019, 5, 31)),
    ("2020-02-00", date(2020, 2, 1), date(2020, 2, 29)),
    ("2019-00-00", date(2019, 1, 1), date(2019, 12, 31)),
    ("2019", date(2019, 1, 1), date(2019, 12, 31)),
    ("2019-05", date(2019, 5, 1), date(2019, 5, 31)),
    ("20190500", date(2019, 5, 1), date(2019, 5, 31)),
    ("0000-00-00", date(1, 1, 1), date(9999, 12, 31)),
    ("00000000", date(1, 1, 1), date(9999, 12, 31)),
])
def test_partly_unknown_dates_become_a_period(con, write_csv, text, earliest, latest, rows):
    data = [rows.brp("P1", 1, text, born=text)]
    report = import_csv(con, "brp", write_csv("brp.csv", rows.BRP_HEADER, data), actor="test")
    assert report.imported, report.lines()
    stored = con.execute("SELECT datum_aanvang, aanvang_vroegst, aanvang_laatst, "
                         "geboren_vroegst, geboren_laatst, einde_vroegst FROM brp").fetchone()
    assert stored == (text, earliest, latest, earliest, latest, date(9999, 12, 31))


@pytest.mark.parametrize("text", ["2019-13-00", "2019-00-05", "0000-05-00", "2019-02-30",
                                  "17-05-2019", "2019/05/17", "mei 2019", "201905"])
def test_impossible_dates_are_refused(con, write_csv, text, rows):
    report = import_csv(con, "brp", write_csv("brp.csv", rows.BRP_HEADER,
                                              [rows.brp("P1", 1, text)]), actor="test")
    assert [(e.line, e.field) for e in report.errors] == [(2, "datum_aanvang")]


def test_columns_outside_the_format_are_dropped_and_never_stored(tmp_path, write_csv, rows):
    marker = "Zemblaans-7f3a"  # a value that must not end up anywhere in the registers file
    header = [*rows.BRP_HEADER, "nationaliteit", "geboorteplaats", "geslachtsnaam"]
    data = [rows.brp(f"P{n}", 1, "2020-01-01") + [marker, marker, marker] for n in range(50)]
    db = tmp_path / "registers.duckdb"
    con = store.connect(db)
    report = import_csv(con, "brp", write_csv("brp.csv", header, data), actor="test")
    assert report.imported, report.lines()
    assert report.dropped_columns == ["nationaliteit", "geboorteplaats", "geslachtsnaam"]
    text = "\n".join(report.lines())
    assert "nationaliteit, geboorteplaats: herkomstgegevens worden nooit gebruikt" in text
    columns = {row[0] for row in con.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_name = 'brp'").fetchall()}
    assert not columns & {"nationaliteit", "geboorteplaats", "geslachtsnaam"}
    assert con.execute("SELECT dropped_columns FROM import_log").fetchone()[0] == \
        ["nationaliteit", "geboorteplaats", "geslachtsnaam"]
    con.execute("CHECKPOINT")
    con.close()
    for path in tmp_path.rglob("registers.duckdb*"):
        if path.is_file():
            assert marker.encode() not in path.read_bytes(), path


def test_a_reference_to_an_unknown_object_is_a_warning(con, write_csv, rows):
    import_csv(con, "bag", write_csv("bag.csv", rows.BAG_HEADER, [rows.bag(1)]), actor="test")
    data = [rows.brp("P1", 1, "2020-01-01"), rows.brp("P2", 2, "2020-01-01")]
    report = import_csv(con, "brp", write_csv("brp.csv", rows.BRP_HEADER, data), actor="test")
    assert report.imported
    assert any("1 regel(s) verwijzen naar een BAG-id" in warning for warning in report.warnings)


def test_the_birth_date_column_may_be_left_out(con, write_csv, rows):
    header = [name for name in rows.BRP_HEADER if name != "geboortedatum"]
    data = [["P1", rows.object_id(1), "2020-01-01", "", "W"]]
    report = import_csv(con, "brp", write_csv("brp.csv", header, data), actor="test")
    assert report.imported, report.lines()
    assert con.execute("SELECT geboortedatum FROM brp").fetchone() == (None,)


def test_progress_goes_to_stderr(con, write_csv, capsys, rows):
    path = write_csv("bag.csv", rows.BAG_HEADER, [rows.bag(n) for n in range(1, 4)])
    assert import_csv(con, "bag", path, actor="test", progress=True).imported
    captured = capsys.readouterr()
    assert "inlezen" in captured.err and "opslaan" in captured.err
    assert captured.out == ""
