# SPDX-License-Identifier: EUPL-1.2
"""Opening the registers file from the web application, and what Django needs from it.

DuckDB lets one process write a file at a time, and an import from the command line may hold
it for minutes at national scale. The web side therefore opens the file only for the seconds of
a scan, closes it straight after, and turns "in use" into a message a coordinator can act on
instead of an error page. The status is read with a read-only connection.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import duckdb
from django.conf import settings
from django.utils.translation import gettext as _

from schakel.registers import store
from schakel.registers.scan import address_key

logger = logging.getLogger(__name__)


class RegistersUnavailable(Exception):
    """The registers file cannot be used now; the message is for the user, in Dutch."""


def busy_message() -> str:
    return _("Het registerbestand is op dit moment in gebruik, waarschijnlijk door een import "
             "of een andere scan. Er is niets gewijzigd. Probeer het over een minuut opnieuw.")


def missing_message() -> str:
    return _("Er zijn nog geen registers ingelezen (BAG en BRP zijn nodig). Inlezen gebeurt "
             "op de server met: schakel registers import SOORT BESTAND.")


def failed_message() -> str:
    return _("De scan kon niet worden uitgevoerd door een fout in het registerbestand. Er is "
             "niets opgeslagen; de beheerder vindt de details in het logboek van de server.")


def db_path() -> Path:
    return Path(settings.DATA_DIR) / store.DB_NAME


def memory_limit() -> str:
    return getattr(settings, "SCHAKEL_REGISTERS_MEMORY_LIMIT", store.DEFAULT_MEMORY_LIMIT)


@contextmanager
def open_for_scan() -> Iterator[duckdb.DuckDBPyConnection]:
    """A writing connection for one scan, closed on leaving; refuses an empty or busy file."""
    path = db_path()
    if not path.exists():
        raise RegistersUnavailable(missing_message())
    try:
        con = store.connect(path, memory_limit=memory_limit())
    except (duckdb.IOException, duckdb.ConnectionException) as exc:
        logger.info("registers file busy: %s", exc)
        raise RegistersUnavailable(busy_message()) from exc
    try:
        counts = store.table_counts(con)
        if not counts["bag"] or not counts["brp"]:
            raise RegistersUnavailable(missing_message())
        yield con
    except duckdb.Error as exc:
        logger.exception("register scan failed")
        raise RegistersUnavailable(failed_message()) from exc
    finally:
        con.close()


# --- status --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Imported:
    kind: str
    rows: int
    file_name: str = ""
    imported_at: datetime | None = None
    actor: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "rows": self.rows, "file_name": self.file_name,
                "imported_at": self.imported_at.isoformat() if self.imported_at else None}


@dataclass
class RegisterStatus:
    available: bool
    message: str = ""
    imports: list[Imported] = field(default_factory=list)


def imports(con: duckdb.DuckDBPyConnection) -> list[Imported]:
    """Rows per register kind and the latest import of each (file, when, by whom)."""
    result = []
    for kind, count in store.table_counts(con).items():
        last = con.execute(
            "SELECT file_name, imported_at, actor FROM import_log WHERE kind = ? "
            "ORDER BY id DESC LIMIT 1", [kind]).fetchone()
        result.append(Imported(kind, count, *last) if last else Imported(kind, count))
    return result


def status() -> RegisterStatus:
    """What is imported, read without taking the write lock; never raises."""
    path = db_path()
    if not path.exists():
        return RegisterStatus(False, missing_message())
    try:
        con = duckdb.connect(str(path), read_only=True)
    except duckdb.Error as exc:
        logger.info("registers file busy: %s", exc)
        return RegisterStatus(False, busy_message())
    try:
        return RegisterStatus(True, imports=imports(con))
    except duckdb.Error:
        logger.exception("registers status failed")
        return RegisterStatus(False, failed_message())
    finally:
        con.close()


# --- known addresses -----------------------------------------------------------------------


def _plain(text: str | None) -> str:
    return re.sub(r"[^0-9A-Z]", "", (text or "").upper())


def known_keys(con: duckdb.DuckDBPyConnection,
               addresses: Iterable[tuple[str, int, str]]) -> set[str]:
    """The scan's address keys for Schakel addresses (postcode, house number, suffix).

    Schakel keeps one free "toevoeging" field where the BAG has huisletter and
    huisnummertoevoeging, so "12A-2", "12 a 2" and "12A2" all mean letter A, addition 2, and
    "12-A" may mean either. The objects at postcode and number are looked up in the BAG and the
    suffix is matched loosely: an object whose letter and addition read the same (letters and
    digits only) wins; otherwise those that start with the suffix; otherwise every object at
    that postcode and number. Marking a neighbouring unit as known costs little, because
    "known" only raises the rank of an address that another rule listed.
    """
    wanted = sorted({(postcode.replace(" ", "").upper(), int(number), _plain(suffix))
                     for postcode, number, suffix in addresses if postcode and number})
    if not wanted:
        return set()
    con.execute("CREATE OR REPLACE TEMP TABLE schakel_addresses "
                "(postcode VARCHAR, huisnummer INTEGER, suffix VARCHAR)")
    con.execute("INSERT INTO schakel_addresses SELECT unnest(?::VARCHAR[]), "
                "unnest(?::INTEGER[]), unnest(?::VARCHAR[])",
                [[w[0] for w in wanted], [w[1] for w in wanted], [w[2] for w in wanted]])
    rows = con.execute(
        "SELECT a.postcode, a.huisnummer, a.suffix, b.huisletter, b.huisnummertoevoeging "
        "FROM schakel_addresses a JOIN bag b "
        "ON b.postcode = a.postcode AND b.huisnummer = a.huisnummer").fetchall()
    con.execute("DROP TABLE schakel_addresses")
    candidates: dict[tuple[str, int, str], list[tuple[str, str]]] = {}
    for postcode, number, suffix, letter, addition in rows:
        candidates.setdefault((postcode, number, suffix), []).append((letter or "",
                                                                      addition or ""))
    keys = set()
    for (postcode, number, suffix), objects in candidates.items():
        for letter, addition in _loose_match(suffix, objects):
            keys.add(address_key(postcode, number, letter, addition))
    return keys


def _loose_match(suffix: str, objects: list[tuple[str, str]]) -> list[tuple[str, str]]:
    exact = [o for o in objects if _plain(o[0] + o[1]) == suffix]
    if exact:
        return exact
    starting = [o for o in objects if suffix and _plain(o[0] + o[1]).startswith(suffix)]
    return starting or objects
