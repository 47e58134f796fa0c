# SPDX-License-Identifier: EUPL-1.2
"""Importing one register file: all or nothing, with errors by line and field.

DuckDB reads the CSV (only the columns the format needs, all as text), SQL checks every value,
and only a file without a single error replaces the previous data of that kind, in one
transaction. A rejected file therefore changes nothing, and a half-read national extract can
never leave a mix of old and new rows behind.
"""

from __future__ import annotations

import csv
import io
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from .formats import FORMATS, Field, Format, Header, RowCheck, is_sensitive, split_header
from .progress import Progress
from .text import nl_int, nl_seconds

LARGE_FILE_BYTES = 50_000_000  # progress is shown from this size on
RAW = "import_raw"
ERRORS = "import_errors"
REJECTS = "import_rejects"
ROW_CHECK_MARK = "#"  # error column of a row check: datum_einde#0

# DuckDB's reader error types, in words a municipal data steward can act on
_READER_ERRORS = {
    "MISSING COLUMNS": "te weinig velden (verwacht {expected})",
    "TOO MANY COLUMNS": "te veel velden (verwacht {expected})",
    "INVALID ENCODING": "geen geldige UTF-8-tekst",
    "INVALID UNICODE": "geen geldige UTF-8-tekst",
    "UNQUOTED VALUE": "aanhalingstekens kloppen niet",
    "UNTERMINATED QUOTES": "aanhalingsteken wordt niet gesloten",
    "LINE SIZE OVER MAXIMUM": "regel is te lang",
}


@dataclass(frozen=True)
class LineError:
    """One problem in the file; line 1 is the header row."""

    line: int | None
    field: str | None
    message: str

    def __str__(self) -> str:
        where = f"regel {self.line}" if self.line is not None else "bestand"
        return f"{where}, veld {self.field}: {self.message}" if self.field else (
            f"{where}: {self.message}"
        )


@dataclass
class ImportReport:
    """What an import did or why it did nothing."""

    kind: str
    file: str
    imported: bool = False
    rows: int = 0
    errors: list[LineError] = field(default_factory=list)
    error_count: int = 0
    errors_by_field: dict[str, int] = field(default_factory=dict)
    dropped_columns: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def fail(self, error: LineError) -> ImportReport:
        self.errors.append(error)
        self.error_count += 1
        return self

    def lines(self) -> list[str]:
        """The report in Dutch, for the terminal."""
        out = []
        if self.imported:
            out.append(f"{self.kind}: {nl_int(self.rows)} regels ingelezen uit {self.file} "
                       f"({nl_seconds(self.seconds)}); de vorige {self.kind}-gegevens zijn "
                       "vervangen.")
        else:
            out.append(f"{self.kind}: NIET ingelezen: {nl_int(self.error_count)} fout(en) in "
                       f"{self.file}. De bestaande gegevens zijn niet gewijzigd.")
            out.extend(f"  {error}" for error in self.errors)
            if self.error_count > len(self.errors):
                out.append(f"  … en nog {nl_int(self.error_count - len(self.errors))} fout(en).")
            if self.errors_by_field:
                counts = ", ".join(f"{name}: {nl_int(count)}" for name, count in
                                   self.errors_by_field.items())
                out.append(f"  Fouten per veld: {counts}")
        out.extend(self._dropped_lines())
        out.extend(f"  Let op: {warning}" for warning in self.warnings)
        return out

    def _dropped_lines(self) -> list[str]:
        if not self.dropped_columns:
            return []
        dropped = ", ".join(self.dropped_columns)
        lines = [f"  Kolommen niet ingelezen en nergens opgeslagen: {dropped}."]
        sensitive = [name for name in self.dropped_columns if is_sensitive(name)]
        if sensitive:
            lines.append(
                f"  {', '.join(sensitive)}: herkomstgegevens worden nooit gebruikt; vraag de "
                "leverancier van het bestand ze niet meer mee te sturen."
            )
        return lines


def import_csv(
    con: duckdb.DuckDBPyConnection,
    kind: str,
    path: Path | str,
    *,
    actor: str,
    max_errors: int = 50,
    progress: bool | None = None,
) -> ImportReport:
    """Check ``path`` against the ``kind`` format and, only if it is clean, replace that data."""
    fmt = FORMATS[kind]
    path = Path(path)
    started = time.perf_counter()
    report = ImportReport(kind=kind, file=path.name)
    size = path.stat().st_size if path.exists() else 0
    show = progress if progress is not None else size >= LARGE_FILE_BYTES
    meter = Progress(f"{kind} ({path.name})", enabled=show)
    try:
        _run(con, fmt, path, report, meter, actor=actor, max_errors=max_errors, size=size,
             started=started)
    finally:
        for table in (RAW, ERRORS, REJECTS, REJECTS + "_scans"):
            con.execute(f"DROP TABLE IF EXISTS {table}")
    report.seconds = time.perf_counter() - started
    return report


def _run(con: duckdb.DuckDBPyConnection, fmt: Format, path: Path, report: ImportReport,
         meter: Progress, *, actor: str, max_errors: int, size: int, started: float) -> None:
    header, delimiter = _read_header(fmt, path, report)
    if header is None:
        return
    report.dropped_columns = header.dropped
    with meter.phase(con, "inlezen"):
        if not _stage(con, fmt, path, header, delimiter, report, max_errors):
            return
    report.rows = con.execute(f"SELECT count(*) FROM {RAW}").fetchone()[0]  # noqa: S608
    if report.rows == 0:
        report.fail(LineError(None, None, "het bestand bevat geen gegevensregels"))
        return
    _collect_errors(con, fmt, report, max_errors, meter)
    if report.error_count:
        return
    report.warnings.extend(_warnings(con, fmt, header))
    with meter.phase(con, "opslaan"):
        _replace(con, fmt, path, report, actor=actor, size=size, started=started)
    meter.note(f"{nl_int(report.rows)} regels opgeslagen")


# --- header --------------------------------------------------------------------------------


def _read_header(fmt: Format, path: Path, report: ImportReport) -> tuple[Header | None, str]:
    """Read the header row in Python: DuckDB then gets exact column names and no guessing."""
    try:
        with path.open("rb") as handle:
            first = handle.readline(1_000_000).decode("utf-8-sig")
    except FileNotFoundError:
        report.fail(LineError(None, None, f"bestand {path} bestaat niet"))
        return None, ","
    except UnicodeDecodeError:
        report.fail(LineError(1, None, "geen geldige UTF-8-tekst in de kopregel"))
        return None, ","
    if not first.strip():
        report.fail(LineError(1, None, "de kopregel met kolomnamen ontbreekt"))
        return None, ","
    delimiter = ";" if first.count(";") > first.count(",") else ","
    names = [name.strip().lower() for name in next(csv.reader(io.StringIO(first),
                                                             delimiter=delimiter))]
    header = split_header(fmt, names)
    for name in header.missing:
        report.fail(LineError(1, name, "kolom ontbreekt in de kopregel"))
    for name in header.duplicates:
        report.fail(LineError(1, name, "kolom staat meer dan eens in de kopregel"))
    if "" in names:
        report.fail(LineError(1, None, "een kolom in de kopregel heeft geen naam"))
    return (None if report.error_count else header), delimiter


# --- staging -------------------------------------------------------------------------------


def _stage(con: duckdb.DuckDBPyConnection, fmt: Format, path: Path, header: Header,
           delimiter: str, report: ImportReport, max_errors: int) -> bool:
    """Read the file into a temporary table: kept columns only, trimmed, empty as NULL.

    ``rowid + 2`` of that table is the line number in the file, because DuckDB keeps the order
    of the rows and any row that cannot be read stops the import before field checks start.
    """
    columns = ", ".join(f"'{_text(name)}': 'VARCHAR'" for name in _unique_names(header.names))
    select = ", ".join(
        f"nullif(trim({_ident(f.name)}), '') AS {_ident(f.name)}" if f.name in header.kept
        else f"NULL::VARCHAR AS {_ident(f.name)}"
        for f in fmt.fields
    )
    try:
        con.execute(
            f"CREATE TEMP TABLE {RAW} AS SELECT {select} FROM read_csv('{_text(str(path))}', "  # noqa: S608
            f"header = true, auto_detect = false, columns = {{{columns}}}, "
            f"delim = '{delimiter}', quote = '\"', escape = '\"', strict_mode = true, "
            f"store_rejects = true, rejects_table = '{REJECTS}', "
            f"rejects_scan = '{REJECTS}_scans', max_line_size = 1000000)"
        )
    except duckdb.Error as exc:
        report.fail(LineError(None, None, f"het bestand kan niet als CSV worden gelezen ({exc})"))
        return False
    return _reader_errors(con, report, expected=len(header.names), max_errors=max_errors)


def _reader_errors(con: duckdb.DuckDBPyConnection, report: ImportReport, *, expected: int,
                   max_errors: int) -> bool:
    count = con.execute(f"SELECT count(*) FROM {REJECTS}").fetchone()[0]  # noqa: S608
    if not count:
        return True
    rows = con.execute(
        f"SELECT line, error_type, error_message FROM {REJECTS} ORDER BY line LIMIT ?",  # noqa: S608
        [max_errors],
    ).fetchall()
    for line, error_type, message in rows:
        text = _READER_ERRORS.get(str(error_type), message).format(expected=expected)
        report.errors.append(LineError(int(line), None, text))
    report.error_count = count
    report.errors.append(LineError(None, None, "herstel eerst deze regels; de velden zijn nog "
                                               "niet gecontroleerd"))
    return False


# --- checks --------------------------------------------------------------------------------


def _collect_errors(con: duckdb.DuckDBPyConnection, fmt: Format, report: ImportReport,
                    max_errors: int, meter: Progress) -> None:
    """All value, row and uniqueness errors into one temporary table, then the first few.

    Each check yields a constant message or NULL, one column per field; only rows with a
    message are unpivoted. Plain text columns keep this at one cheap pass over the file.
    """
    columns = [f"{_field_case(f)} AS {_ident(f.name)}" for f in fmt.fields]
    columns += [f"{_row_case(check)} AS {_ident(f'{check.field}{ROW_CHECK_MARK}{index}')}"
                for index, check in enumerate(fmt.row_checks)]
    names = [name.rsplit(" AS ", 1)[1] for name in columns]
    with meter.phase(con, "controleren"):
        con.execute(
            f"CREATE TEMP TABLE {ERRORS} AS "  # noqa: S608
            f"WITH checked AS (SELECT rowid + 2 AS line, {', '.join(columns)} FROM {RAW}) "
            f"UNPIVOT (SELECT * FROM checked WHERE coalesce({', '.join(names)}) IS NOT NULL) "
            "ON COLUMNS(* EXCLUDE (line)) INTO NAME field VALUE message"
        )
    if fmt.unique:
        with meter.phase(con, "dubbele regels zoeken"):
            con.execute(_duplicates_sql(fmt))
    report.error_count = con.execute(f"SELECT count(*) FROM {ERRORS}").fetchone()[0]  # noqa: S608
    if not report.error_count:
        return
    order = {f.name: index for index, f in enumerate(fmt.fields)}
    rows = con.execute(
        f"SELECT line, split_part(field, '{ROW_CHECK_MARK}', 1) AS field, message "  # noqa: S608
        f"FROM {ERRORS} ORDER BY line LIMIT ?",
        [max_errors],
    ).fetchall()
    rows.sort(key=lambda row: (row[0], order[row[1]]))
    report.errors = [_line_error(con, fmt, *row) for row in rows]
    by_field = con.execute(
        f"SELECT split_part(field, '{ROW_CHECK_MARK}', 1) AS f, count(*) FROM {ERRORS} "  # noqa: S608
        "GROUP BY f"
    ).fetchall()
    report.errors_by_field = dict(sorted(by_field, key=lambda item: order[item[0]]))


def _field_case(f: Field) -> str:
    """SQL for one field: the message of its first problem, or NULL when it is fine."""
    column = _ident(f.name)
    whens = [f"WHEN {column} IS NULL THEN "
             + (_quoted("verplicht veld is leeg") if f.required else "NULL")]
    whens.append(f"WHEN contains({column}, chr(10)) THEN {_quoted('bevat een regeleinde')}")
    whens.extend(f"WHEN {check.condition.replace('{v}', column)} THEN {_quoted(check.message)}"
                 for check in f.checks)
    return "CASE " + " ".join(whens) + " END"


def _row_case(check: RowCheck) -> str:
    return (f"CASE WHEN ({check.guard}) AND ({check.condition}) "
            f"THEN {_quoted(check.message)} END")


def _duplicates_sql(fmt: Format) -> str:
    keys = ", ".join(_ident(name) for name in fmt.unique)
    not_null = " AND ".join(f"{_ident(name)} IS NOT NULL" for name in fmt.unique)
    message = _text(fmt.unique_message)
    return (
        f"INSERT INTO {ERRORS} SELECT line, '{fmt.unique[0]}', "  # noqa: S608
        f"'{message} (regel ' || first_line || ')' FROM ("
        f"SELECT rowid + 2 AS line, min(rowid) OVER (PARTITION BY {keys}) + 2 AS first_line "
        f"FROM {RAW} WHERE {not_null}) WHERE line <> first_line"
    )


def _line_error(con: duckdb.DuckDBPyConnection, fmt: Format, line: int, field_name: str,
                message: str) -> LineError:
    """An error for the report, with the wrong value when the field may show it."""
    field_spec = fmt.field(field_name)
    if field_spec.show_value and not message.startswith(("verplicht", "bevat", "dit ", "ligt")):
        value = con.execute(
            f"SELECT left({_ident(field_name)}, 40) FROM {RAW} WHERE rowid = ?",  # noqa: S608
            [line - 2],
        ).fetchone()
        if value and value[0] is not None:
            message = f"{message} (waarde: {value[0]!r})"
    return LineError(int(line), field_name, message)


def _warnings(con: duckdb.DuckDBPyConnection, fmt: Format, header: Header) -> list[str]:
    """Things that do not stop an import but that the person importing should know."""
    warnings = []
    if fmt.references_bag and con.execute("SELECT count(*) FROM bag").fetchone()[0]:
        unknown = con.execute(
            f"SELECT count(*) FROM {RAW} r WHERE r.adresseerbaar_object_id IS NOT NULL AND NOT "  # noqa: S608
            "EXISTS (SELECT 1 FROM bag b WHERE b.adresseerbaar_object_id = "
            "r.adresseerbaar_object_id)"
        ).fetchone()[0]
        if unknown:
            warnings.append(f"{nl_int(unknown)} regel(s) verwijzen naar een BAG-id dat niet in de "
                            "ingelezen BAG staat; die tellen in de scans niet mee.")
    if fmt.kind == "kvk":
        missing = con.execute(
            f"SELECT count(*) FROM {RAW} WHERE adresseerbaar_object_id IS NULL"  # noqa: S608
        ).fetchone()[0]
        if missing:
            warnings.append(f"{nl_int(missing)} vestiging(en) zonder BAG-id; die tellen in de "
                            "scans niet mee.")
    for f in fmt.fields:
        if f.optional_column and f.name not in header.kept:
            warnings.append(f"kolom {f.name} ontbreekt (optioneel); de scans tonen dan minder "
                            "cijfers.")
    return warnings


# --- replacing the data --------------------------------------------------------------------


def _replace(con: duckdb.DuckDBPyConnection, fmt: Format, path: Path, report: ImportReport, *,
             actor: str, size: int, started: float) -> None:
    """Swap the old rows for the new ones in one transaction, and log the import."""
    targets = [(column, expr.replace("{v}", _ident(f.name)))
               for f in fmt.fields for column, expr in f.stored()]
    names = ", ".join(_ident(column) for column, _ in targets)
    values = ", ".join(expr for _, expr in targets)
    con.execute("BEGIN TRANSACTION")
    try:
        con.execute(f"DELETE FROM {fmt.kind}")  # noqa: S608
        con.execute(f"INSERT INTO {fmt.kind} ({names}) SELECT {values} FROM {RAW}")  # noqa: S608
        con.execute(
            "INSERT INTO import_log (kind, file_name, file_bytes, rows, dropped_columns, actor, "
            "imported_at, seconds) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [fmt.kind, path.name, size, report.rows, report.dropped_columns, actor,
             datetime.now(UTC), time.perf_counter() - started],
        )
        con.execute("COMMIT")
    except duckdb.Error as exc:
        con.execute("ROLLBACK")
        report.fail(LineError(None, None, f"opslaan mislukt, niets gewijzigd ({exc})"))
        return
    report.imported = True


# --- small helpers -------------------------------------------------------------------------


def _quoted(text: str) -> str:
    return f"'{_text(text)}'"


def _unique_names(names: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    unique = []
    for name in names:
        seen[name] = seen.get(name, 0) + 1
        unique.append(name if seen[name] == 1 else f"{name}__{seen[name]}")
    return unique


def _ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _text(value: str) -> str:
    return value.replace("'", "''")
