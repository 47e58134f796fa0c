# SPDX-License-Identifier: EUPL-1.2
"""Benchmark of the register imports and scans (issue 8): municipality to national scale.

Why this exists: a coordinator waits for the scan, and a national deployment (or a region that
runs it for its municipalities) must import 18 million BRP rows and 9 million BAG objects on an
ordinary server. Targets: import + scan of a municipality under 5 s; of the Netherlands under
5 minutes with a peak memory under 8 GB.

The yardstick is one hand-written DuckDB query that computes the same four rules straight from
the same CSV files, without validation, partial dates, explanations or logging: the ratio says
what the all-or-nothing checks and the readable rule files cost on top of what DuckDB can do.

Every phase runs in its own process (the real ``schakel registers`` command), so its wall time
and peak memory (``wait4`` rusage) are measured separately:

1. generate the synthetic registers (``schakel registers demo``), not part of the target;
2. import bag, brp, kvk and permits into a fresh DuckDB file;
3. scan (``schakel registers scan --json``) and check the hits against the ground truth;
4. the baseline query.

Run::

    .venv/bin/python bench/registers_scan.py --scale municipality
    .venv/bin/python bench/registers_scan.py --scale nl --workdir /tmp/schakel-nl

``--reuse`` keeps generated CSV files from an earlier run in the same work directory; without
``--workdir`` a temporary directory is used and removed afterwards.
Results are printed and written to ``bench/results/registers-SCALE.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
KINDS = ("bag", "brp", "kvk", "permits")
TARGET_SECONDS = {"municipality": 5.0, "region": 30.0, "nl": 300.0}
TARGET_PEAK_GB = 8.0

BASELINE_SQL = """
WITH
bag AS (SELECT * FROM read_csv('{dir}/bag.csv', header = true, all_varchar = true)),
brp AS (SELECT * FROM read_csv('{dir}/brp.csv', header = true, all_varchar = true)),
kvk AS (SELECT * FROM read_csv('{dir}/kvk.csv', header = true, all_varchar = true)),
periods AS (
    SELECT adresseerbaar_object_id AS id, functie_adres,
           coalesce(TRY_CAST(datum_aanvang AS DATE), TRY_STRPTIME(datum_aanvang, '%Y%m%d')::DATE,
                    DATE '0001-01-01') AS van,
           coalesce(TRY_CAST(datum_einde AS DATE), TRY_STRPTIME(datum_einde, '%Y%m%d')::DATE)
               AS tot
    FROM brp
),
residents AS (
    SELECT id, count(*) AS n FROM periods
    WHERE functie_adres = 'W' AND van <= DATE '{peildatum}'
      AND (tot IS NULL OR tot > DATE '{peildatum}')
    GROUP BY id
),
moves AS (
    SELECT id, count(*) AS n FROM (
        SELECT id, 'in' AS richting, van AS d FROM periods
        UNION ALL SELECT id, 'uit', tot FROM periods WHERE tot IS NOT NULL)
    WHERE d > DATE '{peildatum}' - INTERVAL 12 MONTH AND d <= DATE '{peildatum}'
    GROUP BY id
),
objects AS (
    SELECT adresseerbaar_object_id AS id, TRY_CAST(oppervlakte AS INTEGER) AS m2,
           string_split(gebruiksdoelen, ';') AS doelen
    FROM bag
),
risky AS (
    SELECT DISTINCT adresseerbaar_object_id AS id
    FROM kvk, unnest(string_split(sbi_codes, ';')) s(c)
    WHERE c[1:4] IN ('0113','0119','0130','0161','1011','1012','1013','4520','4941','5210',
                     '5229','5510','5610','7810','7820','7830','8121','8122','9602','9604',
                     '9609','9700') OR c[1:2] IN ('38','41','42','43')
)
SELECT count(*), count(*) FILTER (WHERE risk) FROM (
    SELECT o.id, k.id IS NOT NULL AS risk,
        (NOT list_has_any(o.doelen, ['logiesfunctie','gezondheidszorgfunctie','celfunctie'])
            AND o.m2 >= 10
            AND o.m2 < 12 * r.n) AS occupancy,
        (coalesce(m.n, 0) >= 8
            AND NOT list_has_any(o.doelen, ['gezondheidszorgfunctie','celfunctie'])) AS churn,
        (r.n > 0 AND NOT list_has_any(o.doelen,
            ['woonfunctie','logiesfunctie','gezondheidszorgfunctie','celfunctie'])) AS non_res
    FROM objects o
    LEFT JOIN residents r USING (id)
    LEFT JOIN moves m USING (id)
    LEFT JOIN risky k USING (id)
) WHERE occupancy OR churn OR non_res
"""


@dataclass
class Phase:
    name: str
    seconds: float
    peak_mb: float
    returncode: int
    output: str = ""


def run(name: str, command: list[str], *, env: dict[str, str] | None = None) -> Phase:
    """Run ``command`` in its own process; wall time and that process's peak memory."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        process = subprocess.Popen(command, stdout=out, stderr=err, env=env)  # noqa: S603
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        text = out.read().decode("utf-8", "replace")
        if process.returncode:
            sys.stderr.write(err.read().decode("utf-8", "replace"))
    phase = Phase(name, seconds, usage.ru_maxrss / 1024, process.returncode, text)
    print(f"{name}: {seconds:.2f} s, peak {phase.peak_mb:.0f} MB", file=sys.stderr, flush=True)
    return phase


def cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "schakel.registers.cli", *args]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", choices=tuple(TARGET_SECONDS), default="municipality")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workdir", type=Path, default=None)
    parser.add_argument("--reuse", action="store_true", help="keep generated CSV files")
    parser.add_argument("--memory-limit", default="4GB")
    args = parser.parse_args(argv)
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix=f"schakel-registers-{args.scale}-"))
    csv_dir, db = workdir / "csv", workdir / "registers.duckdb"
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    common = ["--db", str(db), "--memory-limit", args.memory_limit]
    phases = []
    if not (args.reuse and (csv_dir / "ground_truth.json").exists()):
        phases.append(run("generate", cli(*common, "demo", "--scale", args.scale, "--seed",
                                          str(args.seed), "--out", str(csv_dir)), env=env))
    truth = json.loads((csv_dir / "ground_truth.json").read_text(encoding="utf-8"))
    for path in workdir.glob("registers.duckdb*"):
        _remove(path)
    for kind in KINDS:
        phases.append(run(f"import {kind}", cli(*common, "import", kind,
                                                str(csv_dir / f"{kind}.csv")), env=env))
    known = workdir / "known.txt"
    known.write_text("\n".join(truth["known_addresses"]) + "\n", encoding="utf-8")
    scan = run("scan", cli(*common, "scan", "--json", "--peildatum", truth["peildatum"],
                           "--known", str(known)), env=env)
    phases.append(scan)
    phases.append(run("baseline query", _baseline_command(csv_dir, truth["peildatum"]), env=env))
    failed = [phase.name for phase in phases if phase.returncode]
    if failed:
        print(f"failed: {', '.join(failed)}", file=sys.stderr)
        return 1
    summary = _summary(args, workdir, phases, json.loads(scan.output), truth)
    _print(summary)
    results = ROOT / "bench" / "results"
    results.mkdir(parents=True, exist_ok=True)
    (results / f"registers-{args.scale}.json").write_text(json.dumps(summary, indent=1) + "\n")
    if args.workdir is None:
        shutil.rmtree(workdir)
    return 0 if summary["targets_met"] else 2


def _baseline_command(csv_dir: Path, peildatum: str) -> list[str]:
    sql = BASELINE_SQL.format(dir=str(csv_dir).replace("'", "''"), peildatum=peildatum)
    code = ("import duckdb, sys; con = duckdb.connect(); "
            "con.execute(\"SET memory_limit = '4GB'\"); "
            "con.execute('SET enable_progress_bar = false'); "
            "print(con.execute(sys.argv[1]).fetchone()[0])")
    return [sys.executable, "-c", code, sql]


def _summary(args: argparse.Namespace, workdir: Path, phases: list[Phase],
             scan: dict[str, Any], truth: dict[str, Any]) -> dict[str, Any]:
    by_name = {phase.name: phase for phase in phases}
    imports = sum(by_name[f"import {kind}"].seconds for kind in KINDS)
    baseline = by_name["baseline query"]
    total = imports + by_name["scan"].seconds
    peak = max(phase.peak_mb for phase in phases if phase.name != "generate")
    planted = {object_id for ids in truth["rules"].values() for object_id in ids}
    found = {hit["adresseerbaar_object_id"] for hit in scan["hits"]}
    target = TARGET_SECONDS[args.scale]
    return {
        "scale": args.scale,
        "seed": args.seed,
        "workdir": str(workdir),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores (shared), Python "
                   f"{platform.python_version()}, DuckDB {_duckdb_version()}",
        "data": truth["counts"],
        "csv_mb": {kind: round((workdir / "csv" / f"{kind}.csv").stat().st_size / 1e6, 1)
                   for kind in KINDS},
        "phases": [asdict(phase) | {"output": None} for phase in phases],
        "import_seconds": round(imports, 2),
        "scan_seconds_wall": round(by_name["scan"].seconds, 2),
        "scan_seconds_inside": scan["seconds"],
        "import_plus_scan_seconds": round(total, 2),
        "baseline_seconds": round(baseline.seconds, 2),
        "baseline_hits": int(baseline.output.split()[-1]),
        "ratio_import_scan_to_baseline": round(total / baseline.seconds, 2),
        "ratio_scan_to_baseline": round(by_name["scan"].seconds / baseline.seconds, 2),
        "peak_mb": round(peak),
        "hits": len(scan["hits"]),
        "planted_found": len(planted & found),
        "planted": len(planted),
        "unplanted_hits": len(found - planted),
        "target_seconds": target,
        "targets_met": total < target and peak < TARGET_PEAK_GB * 1024,
    }


def _print(summary: dict[str, Any]) -> None:
    print(f"Register scan benchmark, scale {summary['scale']} ({summary['machine']})")
    print(f"data: {summary['data']}")
    print(f"{'phase':16} {'seconds':>9} {'peak MB':>9}")
    for phase in summary["phases"]:
        print(f"{phase['name']:16} {phase['seconds']:9.2f} {phase['peak_mb']:9.0f}")
    print(f"import + scan {summary['import_plus_scan_seconds']} s (target "
          f"< {summary['target_seconds']} s); scan inside {summary['scan_seconds_inside']} s; "
          f"baseline query {summary['baseline_seconds']} s; ratio "
          f"{summary['ratio_import_scan_to_baseline']} (scan alone "
          f"{summary['ratio_scan_to_baseline']}); peak {summary['peak_mb']} MB")
    print(f"hits {summary['hits']} (baseline {summary['baseline_hits']}); planted found "
          f"{summary['planted_found']}/{summary['planted']}; unplanted hits "
          f"{summary['unplanted_hits']}; targets met: {summary['targets_met']}")


def _duckdb_version() -> str:
    import duckdb

    return duckdb.__version__


def _remove(path: Path) -> None:
    if path.is_dir():
        for child in path.iterdir():
            child.unlink()
        path.rmdir()
    else:
        path.unlink()


if __name__ == "__main__":
    sys.exit(main())
