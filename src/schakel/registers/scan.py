# SPDX-License-Identifier: EUPL-1.2
"""Running the register scans: settings in, ranked and explained addresses out.

The rules themselves are SQL files under ``sql/scan/`` so that an auditor reads the algorithm
where it runs. This module only feeds them the peildatum, the thresholds and the known
addresses, and records each run in the scan log (who, when, which settings, how many hits).
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

import duckdb

from .config import RULE_CODES, ScanConfig, default_config
from .store import read_sql

STEPS = ("context", *RULE_CODES, "score")

# Plain-Dutch names of the rules, for tables and the UI; the SQL files hold the full wording.
RULE_TITLES = {
    "occupancy": "bewoningsgraad",
    "churn": "verloop",
    "non_residential": "wonen zonder woonfunctie",
    "risk_business": "risicobranche op woonadres",
    "known": "al bekend in Schakel",
}


@dataclass(frozen=True)
class Hit:
    """One listed address with everything needed to judge it without rerunning the scan."""

    adresseerbaar_object_id: str
    score: float
    rules: list[str]
    figures: dict[str, Any]
    explanations: list[str]
    address: dict[str, Any]
    permits: list[str]

    def as_dict(self) -> dict[str, Any]:
        return {
            "adresseerbaar_object_id": self.adresseerbaar_object_id,
            "score": self.score,
            "rules": self.rules,
            "figures": self.figures,
            "explanations": self.explanations,
            "address": self.address,
            "permits": self.permits,
        }


@dataclass
class ScanResult:
    peildatum: date
    objects_scanned: int
    seconds: float
    hits: list[Hit]
    config: ScanConfig
    fired: dict[str, int] = field(default_factory=dict)  # objects per rule, listed or not

    def as_dict(self) -> dict[str, Any]:
        return {
            "peildatum": self.peildatum.isoformat(),
            "objects_scanned": self.objects_scanned,
            "seconds": round(self.seconds, 3),
            "rules_fired": self.fired,
            "config": self.config.as_dict(),
            "hits": [hit.as_dict() for hit in self.hits],
        }


def address_key(postcode: str, huisnummer: int | str, huisletter: str | None = "",
                toevoeging: str | None = "") -> str:
    """The key under which the Django side passes known addresses: ``1234AB|12|A|2``.

    Must give the same text as the SQL macro ``schakel_address_key`` (a test checks both).
    """
    return "|".join((
        (postcode or "").replace(" ", "").upper(),
        str(huisnummer).strip(),
        (huisletter or "").strip().upper(),
        (toevoeging or "").strip().upper(),
    ))


def run_scan(
    con: duckdb.DuckDBPyConnection,
    peildatum: date,
    *,
    config: ScanConfig | None = None,
    known_addresses: Iterable[str] = (),
    actor: str,
    log: bool = True,
) -> ScanResult:
    """Scan all imported objects for ``peildatum`` and return the listed addresses, ranked."""
    config = config or default_config()
    known = sorted(set(known_addresses))
    started_at = datetime.now(UTC)
    started = time.perf_counter()
    _set_inputs(con, peildatum, config, known)
    for step in STEPS:
        con.execute(read_sql(f"scan/{step}.sql"))
    hits = _fetch_hits(con)
    result = ScanResult(
        peildatum=peildatum,
        objects_scanned=con.execute("SELECT count(*) FROM bag").fetchone()[0],
        seconds=0.0,
        hits=hits,
        config=config,
        fired=_fired(con),
    )
    result.seconds = time.perf_counter() - started
    if log:
        _log_run(con, result, actor=actor, started_at=started_at, known=len(known))
    return result


def _set_inputs(con: duckdb.DuckDBPyConnection, peildatum: date, config: ScanConfig,
                known: list[str]) -> None:
    """Hand the settings to the SQL: one variable per threshold, small tables for lists."""
    con.execute("SET VARIABLE peildatum = ?", [peildatum])
    con.execute("SET VARIABLE min_score = ?", [float(config.min_score)])
    for code, rule in config.rules.items():
        for name, value in rule.params.items():
            if not isinstance(value, dict):
                con.execute(f"SET VARIABLE {code}_{name} = ?", [_sql_value(value)])
    con.execute("CREATE OR REPLACE TEMP TABLE scan_rules (code VARCHAR, enabled BOOLEAN, "
                "weight DOUBLE, standalone BOOLEAN, position INTEGER)")
    con.executemany("INSERT INTO scan_rules VALUES (?, ?, ?, ?, ?)", [
        (code, rule.enabled, float(rule.weight), rule.standalone, position)
        for position, (code, rule) in enumerate(config.rules.items())
    ])
    con.execute("CREATE OR REPLACE TEMP TABLE scan_risk_sbi (code VARCHAR, omschrijving VARCHAR)")
    codes = config.rule("risk_business").params["sbi_codes"]
    if codes:
        con.executemany("INSERT INTO scan_risk_sbi VALUES (?, ?)", sorted(codes.items()))
    con.execute("CREATE OR REPLACE TEMP TABLE scan_known (adres_sleutel VARCHAR)")
    if known:
        con.execute("INSERT INTO scan_known SELECT unnest(?::VARCHAR[])", [known])


def _sql_value(value: Any) -> Any:
    # lists of text must reach DuckDB as VARCHAR[] even when empty
    if isinstance(value, list):
        return [str(item) for item in value]
    return value


def _fetch_hits(con: duckdb.DuckDBPyConnection) -> list[Hit]:
    rows = con.execute(
        "SELECT adresseerbaar_object_id, score, rules, cijfers, uitleg, postcode, huisnummer, "
        "huisletter, huisnummertoevoeging, woonplaats, vergunningen FROM scan_hits "
        "ORDER BY score DESC, len(rules) DESC, adresseerbaar_object_id"
    ).fetchall()
    return [_hit(row) for row in rows]


def _hit(row: tuple[Any, ...]) -> Hit:
    object_id, score, rules, figures, explanations, postcode, number, letter, addition, town, \
        permits = row
    return Hit(
        adresseerbaar_object_id=object_id,
        score=int(score) if float(score).is_integer() else float(score),
        rules=list(rules),
        figures=json.loads(figures),
        explanations=list(explanations),
        address={"postcode": postcode, "huisnummer": number, "huisletter": letter,
                 "huisnummertoevoeging": addition, "woonplaats": town},
        permits=list(permits),
    )


def _fired(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    return {code: con.execute(f"SELECT count(*) FROM hit_{code}").fetchone()[0]  # noqa: S608
            for code in RULE_CODES}


def _log_run(con: duckdb.DuckDBPyConnection, result: ScanResult, *, actor: str,
             started_at: datetime, known: int) -> None:
    con.execute(
        "INSERT INTO scan_log (started_at, actor, peildatum, config, known_addresses, "
        "objects_scanned, hits, seconds) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [started_at, actor, result.peildatum, json.dumps(result.config.as_dict()), known,
         result.objects_scanned, len(result.hits), result.seconds],
    )
