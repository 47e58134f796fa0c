# SPDX-License-Identifier: EUPL-1.2
"""``schakel registers ...``: import, scan, demo data, settings and status, without Django.

Exit codes: 0 done, 1 an import was refused or the data is missing, 2 wrong use.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path

import duckdb

from . import demo, report
from .config import ConfigError, defaults_text, load_config
from .importer import import_csv
from .scan import run_scan
from .store import DEFAULT_MEMORY_LIMIT, KINDS, connect, current_actor, default_db_path
from .text import nl_int, nl_seconds


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(list(sys.argv[1:] if argv is None else argv))
    if not getattr(args, "handler", None):
        parser.print_help()
        return 2
    try:
        return int(args.handler(args))
    except ConfigError as exc:
        print(f"fout in de instellingen: {exc}", file=sys.stderr)
        return 2
    except duckdb.IOException as exc:
        # DuckDB allows one writing process per file: most often another import or scan runs
        print(f"het registerbestand kan niet worden geopend: {exc}", file=sys.stderr)
        return 1


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="schakel registers",
        description="Registers (BRP, BAG, KvK, vergunningen) inlezen en scannen op "
                    "aanknopingspunten. Een treffer is geen bevinding: een mens beoordeelt.",
    )
    parser.add_argument("--db", type=Path, default=None,
                        help="DuckDB-bestand (standaard $SCHAKEL_DATA_DIR/registers.duckdb)")
    parser.add_argument("--memory-limit", default=DEFAULT_MEMORY_LIMIT,
                        help="geheugengrens voor DuckDB, bijvoorbeeld 4GB")
    commands = parser.add_subparsers(metavar="OPDRACHT")
    _import_parser(commands)
    _scan_parser(commands)
    _demo_parser(commands)
    config = commands.add_parser("config", help="de standaardinstellingen (YAML) tonen")
    config.set_defaults(handler=_config)
    status = commands.add_parser("status", help="wat is ingelezen en de laatste scans")
    status.set_defaults(handler=_status)
    return parser


def _import_parser(commands: argparse._SubParsersAction) -> None:
    command = commands.add_parser("import", help="een registerbestand (CSV) inlezen")
    command.add_argument("kind", choices=KINDS, help="soort register")
    command.add_argument("file", type=Path, help="CSV-bestand, UTF-8, met kopregel")
    command.add_argument("--actor", help="wie inleest (standaard de systeemgebruiker)")
    command.add_argument("--max-errors", type=int, default=50, help="maximaal getoonde fouten")
    command.add_argument("--progress", action=argparse.BooleanOptionalAction, default=None,
                         help="voortgang tonen (standaard bij grote bestanden)")
    command.set_defaults(handler=_import)


def _scan_parser(commands: argparse._SubParsersAction) -> None:
    command = commands.add_parser("scan", help="de scans draaien en de treffers tonen")
    command.add_argument("--peildatum", type=date.fromisoformat, default=None,
                         help="JJJJ-MM-DD (standaard vandaag)")
    command.add_argument("--json", action="store_true", help="uitvoer als één JSON-object")
    command.add_argument("--config", type=Path, help="YAML met afwijkende drempels en gewichten")
    command.add_argument("--known", type=Path,
                         help="bestand met bekende adressleutels (POSTCODE|NR|LETTER|TOEV), "
                              "één per regel")
    command.add_argument("--actor", help="wie scant (standaard de systeemgebruiker)")
    command.add_argument("--limit", type=int, default=50,
                         help="rijen in de tabel (niet bij --json)")
    command.set_defaults(handler=_scan)


def _demo_parser(commands: argparse._SubParsersAction) -> None:
    command = commands.add_parser("demo", help="synthetische registers maken")
    command.add_argument("--scale", choices=tuple(demo.SCALES), default="municipality")
    command.add_argument("--seed", type=int, default=1)
    command.add_argument("--out", type=Path, default=None,
                         help="map voor de CSV-bestanden (standaard $SCHAKEL_DATA_DIR/demo-SCALE)")
    command.add_argument("--peildatum", type=date.fromisoformat, default=demo.DEMO_PEILDATUM)
    command.add_argument("--import", dest="do_import", action="store_true",
                         help="de bestanden daarna meteen inlezen")
    command.set_defaults(handler=_demo)


# --- handlers ------------------------------------------------------------------------------


def _import(args: argparse.Namespace) -> int:
    con = connect(args.db, memory_limit=args.memory_limit)
    try:
        result = import_csv(con, args.kind, args.file, actor=current_actor(args.actor),
                            max_errors=args.max_errors, progress=args.progress)
    finally:
        con.close()
    stream = sys.stdout if result.imported else sys.stderr
    print("\n".join(result.lines()), file=stream)
    return 0 if result.imported else 1


def _scan(args: argparse.Namespace) -> int:
    config = load_config(args.config)
    known = _read_known(args.known) if args.known else []
    con = connect(args.db, memory_limit=args.memory_limit)
    try:
        counts = {kind: con.execute(f"SELECT count(*) FROM {kind}").fetchone()[0]  # noqa: S608
                  for kind in ("bag", "brp")}
        missing = [kind for kind, count in counts.items() if not count]
        if missing:
            print(f"nog niet ingelezen: {', '.join(missing)} (schakel registers import ...)",
                  file=sys.stderr)
            return 1
        result = run_scan(con, args.peildatum or date.today(), config=config,
                          known_addresses=known, actor=current_actor(args.actor))
    finally:
        con.close()
    if args.json:
        print(json.dumps(result.as_dict(), ensure_ascii=False))
    else:
        print(report.table(result, limit=args.limit))
    return 0


def _demo(args: argparse.Namespace) -> int:
    out = args.out or default_db_path().parent / f"demo-{args.scale}"
    truth = demo.generate(args.scale, out, seed=args.seed, peildatum=args.peildatum,
                          memory_limit=args.memory_limit)
    counts = truth["counts"]
    print(f"Synthetische registers ({args.scale}, seed {args.seed}) in {out}: "
          f"{nl_int(counts['objects'])} objecten, {nl_int(counts['persons'])} personen "
          f"({nl_int(counts['brp_rows'])} BRP-regels), {nl_int(counts['kvk'])} vestigingen, "
          f"{nl_int(counts['permits'])} vergunningen ({nl_seconds(truth['seconds'])}).")
    if args.do_import:
        for kind in KINDS:
            code = main([*_db_args(args), "import", kind, str(out / f"{kind}.csv")])
            if code:
                return code
    known = out / "known_addresses.txt"
    known.write_text("\n".join(truth["known_addresses"]) + "\n", encoding="utf-8")
    print(f"Scannen: schakel registers scan --peildatum {truth['peildatum']} --known {known}")
    return 0


def _db_args(args: argparse.Namespace) -> list[str]:
    db = ["--db", str(args.db)] if args.db else []
    return [*db, "--memory-limit", args.memory_limit]


def _config(args: argparse.Namespace) -> int:
    print(defaults_text(), end="")
    return 0


def _status(args: argparse.Namespace) -> int:
    con = connect(args.db, memory_limit=args.memory_limit)
    try:
        print(report.status(con))
    finally:
        con.close()
    return 0


def _read_known(path: Path) -> list[str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]



if __name__ == "__main__":
    sys.exit(main())
