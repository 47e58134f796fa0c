# SPDX-License-Identifier: EUPL-1.2
"""Readable terminal output: the ranked worklist and the status of the registers file."""

from __future__ import annotations

from typing import Any

import duckdb

from .scan import RULE_TITLES, ScanResult
from .store import table_counts
from .text import nl_int, nl_seconds

DISCLAIMER = ("Een treffer is een aanknopingspunt, geen bevinding. Een medewerker beoordeelt "
              "elk adres; pas via de gewone intake wordt het een melding.")


def table(result: ScanResult, *, limit: int = 50) -> str:
    """The hits as a ranked table, each with its explanations underneath."""
    lines = [
        f"Registerscan, peildatum {result.peildatum.isoformat()}: "
        f"{nl_int(result.objects_scanned)} objecten gescand in {nl_seconds(result.seconds)}; "
        f"{nl_int(len(result.hits))} adressen op de werklijst.",
        DISCLAIMER,
        "",
    ]
    if not result.hits:
        lines.append("Geen treffers.")
        return "\n".join(lines)
    lines.append(f"{'#':>4}  {'score':>5}  {'BAG-id':16}  {'adres':32}  regels")
    for rank, hit in enumerate(result.hits[:limit], start=1):
        rules = " + ".join(RULE_TITLES[code] for code in hit.rules)
        lines.append(f"{rank:>4}  {_score(hit.score):>5}  {hit.adresseerbaar_object_id:16}  "
                     f"{format_address(hit.address):32}  {rules}")
        lines.extend(f"{'':30}- {text}" for text in hit.explanations)
        if hit.permits:
            lines.append(f"{'':30}- geldige vergunning(en): {', '.join(hit.permits)}")
    if len(result.hits) > limit:
        lines.append(f"… en nog {nl_int(len(result.hits) - limit)} adressen (--limit of --json).")
    return "\n".join(lines)


def format_address(address: dict[str, Any]) -> str:
    number = str(address["huisnummer"]) + (address.get("huisletter") or "")
    if address.get("huisnummertoevoeging"):
        number += "-" + address["huisnummertoevoeging"]
    town = f", {address['woonplaats']}" if address.get("woonplaats") else ""
    return f"{address['postcode']} {number}{town}"


def status(con: duckdb.DuckDBPyConnection) -> str:
    """What is imported (and when, by whom) and the last scans."""
    lines = ["Ingelezen registers:"]
    counts = table_counts(con)
    for kind, count in counts.items():
        last = con.execute(
            "SELECT file_name, imported_at, actor, dropped_columns FROM import_log "
            "WHERE kind = ? ORDER BY id DESC LIMIT 1", [kind]
        ).fetchone()
        when = (f" uit {last[0]}, {last[1]:%Y-%m-%d %H:%M} door {last[2]}" if last else "")
        lines.append(f"  {kind:8} {nl_int(count):>12} regels{when}")
    runs = con.execute(
        "SELECT started_at, actor, peildatum, hits, objects_scanned, seconds FROM scan_log "
        "ORDER BY id DESC LIMIT 5"
    ).fetchall()
    lines.append("Laatste scans:" if runs else "Nog geen scans.")
    for started, actor, peildatum, hits, objects, seconds in runs:
        lines.append(f"  {started:%Y-%m-%d %H:%M} {actor}: peildatum {peildatum}, "
                     f"{nl_int(hits)} treffers op {nl_int(objects)} objecten "
                     f"({nl_seconds(seconds)})")
    return "\n".join(lines)


def _score(score: float) -> str:
    return str(score) if isinstance(score, int) else f"{score:.1f}".replace(".", ",")
