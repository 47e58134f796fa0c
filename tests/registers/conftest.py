# SPDX-License-Identifier: EUPL-1.2
"""Fixtures for the register scans: one generated municipality, imported and scanned once."""

from __future__ import annotations

import csv
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import duckdb
import pytest

from schakel.registers import demo, store
from schakel.registers.config import RULE_CODES
from schakel.registers.importer import import_csv
from schakel.registers.scan import ScanResult, run_scan


@dataclass
class Municipality:
    folder: Path
    db: Path
    truth: dict[str, Any]
    result: ScanResult
    fired: dict[str, set[str]]  # objects per rule, listed or not

    @property
    def peildatum(self) -> date:
        return date.fromisoformat(self.truth["peildatum"])

    def hits_by_id(self) -> dict[str, Any]:
        return {hit.adresseerbaar_object_id: hit for hit in self.result.hits}


@pytest.fixture(scope="session")
def municipality(tmp_path_factory: pytest.TempPathFactory) -> Municipality:
    folder = tmp_path_factory.mktemp("municipality")
    truth = demo.generate("municipality", folder / "csv", seed=7)
    db = folder / "registers.duckdb"
    con = store.connect(db)
    try:
        for kind in store.KINDS:
            report = import_csv(con, kind, folder / "csv" / f"{kind}.csv", actor="test")
            assert report.imported, report.lines()
        result = run_scan(con, date.fromisoformat(truth["peildatum"]),
                          known_addresses=truth["known_addresses"], actor="test")
        fired = {code: {row[0] for row in con.execute(
            f"SELECT adresseerbaar_object_id FROM hit_{code}").fetchall()}  # noqa: S608
            for code in RULE_CODES}
    finally:
        con.close()
    return Municipality(folder, db, truth, result, fired)


@pytest.fixture
def con(tmp_path: Path) -> duckdb.DuckDBPyConnection:
    connection = store.connect(tmp_path / "registers.duckdb")
    yield connection
    connection.close()


class Rows:
    """Small hand-made register rows (the big data comes from the demo generator)."""

    BAG_HEADER = ("adresseerbaar_object_id", "postcode", "huisnummer", "huisletter",
                  "huisnummertoevoeging", "woonplaats", "oppervlakte", "gebruiksdoelen",
                  "bouwjaar")
    BRP_HEADER = ("persoon_id", "adresseerbaar_object_id", "datum_aanvang", "datum_einde",
                  "geboortedatum", "functie_adres")

    @staticmethod
    def object_id(number: int) -> str:
        return f"0999010000{number:06d}"

    @classmethod
    def bag(cls, number: int, *, area: int | str | None = 100, uses: str = "woonfunctie",
            postcode: str = "1234AB") -> list[Any]:
        """A valid BAG row for object ``number``."""
        return [cls.object_id(number), postcode, number, "", "", "Teststad",
                "" if area is None else area, uses, 1970]

    @classmethod
    def brp(cls, person: str, number: int, start: str, end: str = "", *,
            born: str = "1990-01-01", function: str = "W") -> list[Any]:
        """A BRP registration of ``person`` at object ``number``."""
        return [person, cls.object_id(number), start, end, born, function]


@pytest.fixture
def rows() -> type[Rows]:
    return Rows


@pytest.fixture
def write_csv(tmp_path: Path) -> Callable[..., Path]:
    """Write a CSV file under tmp_path: ``write_csv('bag.csv', header, rows)``."""

    def _write(name: str, header: Sequence[str], rows: Sequence[Sequence[Any]]) -> Path:
        path = tmp_path / name
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow(header)
            writer.writerows(rows)
        return path

    return _write
