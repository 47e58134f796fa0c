# SPDX-License-Identifier: EUPL-1.2
"""The DuckDB file that holds the imported registers and the import and scan logs.

One file per installation, ``$SCHAKEL_DATA_DIR/registers.duckdb``: DuckDB reads CSV and scans
tens of millions of rows on a laptop-class machine, which a row store such as SQLite or the
application's PostgreSQL cannot do in the seconds a coordinator is willing to wait.
"""

from __future__ import annotations

import getpass
import os
from importlib import resources
from pathlib import Path

import duckdb
from stdnum.nl import bsn

DB_NAME = "registers.duckdb"
DEFAULT_MEMORY_LIMIT = "4GB"
KINDS = ("bag", "brp", "kvk", "permits")


def data_dir() -> Path:
    """The data directory, as the Django settings read it (``SCHAKEL_DATA_DIR``, default ./var)."""
    return Path(os.environ.get("SCHAKEL_DATA_DIR") or Path.cwd() / "var")


def default_db_path() -> Path:
    return data_dir() / DB_NAME


def read_sql(name: str) -> str:
    """Read a packaged ``.sql`` file, e.g. ``scan/occupancy.sql``."""
    return resources.files("schakel.registers").joinpath("sql", name).read_text(encoding="utf-8")


def current_actor(actor: str | None = None) -> str:
    """Who runs an import or scan: the name given, otherwise the operating-system user."""
    if actor:
        return actor
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "onbekend"


def connect(
    path: Path | str | None = None, *, memory_limit: str = DEFAULT_MEMORY_LIMIT
) -> duckdb.DuckDBPyConnection:
    """Open (or create) the registers file with its schema, helper macros and the BSN check.

    The memory limit keeps a national-scale run within a shared server's budget: DuckDB spills
    to a temporary folder beside the file instead of growing without bound.
    """
    target = Path(path) if path is not None else default_db_path()
    target.parent.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(str(target))
    con.execute(f"SET memory_limit = '{_checked_memory_limit(memory_limit)}'")
    con.execute(f"SET temp_directory = '{_sql_text(str(target) + '.tmp')}'")
    prepare(con)
    return con


def prepare(con: duckdb.DuckDBPyConnection) -> None:
    """Create missing tables and (re)define the connection's macros and functions."""
    con.execute(read_sql("schema.sql"))
    con.execute(read_sql("macros.sql"))
    con.create_function("schakel_is_bsn", _is_bsn, ["VARCHAR"], "BOOLEAN", side_effects=False)


def table_counts(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Rows per register kind, for status output and the scan report."""
    return {kind: con.execute(f"SELECT count(*) FROM {kind}").fetchone()[0] for kind in KINDS}  # noqa: S608


def _is_bsn(value: str | None) -> bool:
    # python-stdnum rather than a home-made 11-proef (project convention)
    return value is not None and bsn.is_valid(value)


def _checked_memory_limit(value: str) -> str:
    cleaned = value.strip().upper().replace(" ", "")
    if not cleaned[:-2].replace(".", "").isdigit() or cleaned[-2:] not in {"MB", "GB", "TB"}:
        raise ValueError(f"geheugenlimiet moet er uitzien als 4GB of 512MB, niet {value!r}")
    return cleaned


def _sql_text(value: str) -> str:
    return value.replace("'", "''")
