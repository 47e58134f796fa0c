# SPDX-License-Identifier: EUPL-1.2
"""Benchmark: batch de-duplication of N generated Dutch records (default one million).

The records are generated first and written to a Parquet file (not timed); a fresh process
then reads them, de-duplicates them and reports seconds, peak memory (max RSS of that
process), quality against the known truth, and the ratio to a baseline on the same rows:
one DuckDB ``GROUP BY`` on (surname, birth date), the cheapest exact-key de-duplication.

    PYTHONPATH=src .venv/bin/python bench/linkage_batch.py [--records N] [--data PATH]
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import resource
import tempfile
import time
from pathlib import Path

import duckdb
import pandas as pd

from schakel.matching.batch import deduplicate
from schakel.matching.evaluation import from_clusters
from schakel.matching.generate import generate_population


def make_data(records: int, path: Path) -> None:
    if not path.exists():
        generate_population(records, seed=21).astype(str).to_parquet(path)


def baseline(frame: pd.DataFrame) -> float:
    start = time.perf_counter()
    con = duckdb.connect()
    con.register("records", frame)
    con.execute(
        "SELECT surname, dob, count(*) AS n FROM records GROUP BY surname, dob"
    ).fetchall()
    return time.perf_counter() - start


def run(path: str, queue: mp.Queue) -> None:
    frame = pd.read_parquet(path).replace({"": None, "nan": None, "None": None})
    dataset = from_clusters(frame)
    base_s = baseline(frame)
    start, cpu_start = time.perf_counter(), time.process_time()
    result = deduplicate(dataset.left)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu_start
    ids = result.record_ids
    predicted = {tuple(sorted((str(ids[a]), str(ids[b])))) for a, b in result.matched_pairs()}
    hits = len(predicted & dataset.true_pairs)
    precision = hits / max(len(predicted), 1)
    recall = hits / max(len(dataset.true_pairs), 1)
    queue.put({
        "records": len(frame), "seconds": seconds, "cpu": cpu, "timings": result.timings,
        "pairs": len(result.pairs), "baseline": base_s,
        "peak_gb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 / 1024,
        "precision": precision, "recall": recall,
        "f1": 2 * precision * recall / max(precision + recall, 1e-12),
    })


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--records", type=int, default=1_000_000)
    parser.add_argument("--data", default=None, help="Parquet cache of the generated records")
    args = parser.parse_args()
    default = Path(tempfile.gettempdir()) / f"schakel-linkage-{args.records}.parquet"
    path = Path(args.data) if args.data else default
    make_data(args.records, path)
    ctx = mp.get_context("spawn")
    queue = ctx.Queue()
    child = ctx.Process(target=run, args=(str(path), queue))
    child.start()
    out = queue.get()
    child.join()
    stages = ", ".join(f"{k} {v:.1f} s" for k, v in out["timings"].items())
    print(f"records               {out['records']:,} (generated Dutch population, seed 21)")
    print(f"de-duplication        {out['seconds']:.1f} s wall, {out['cpu']:.1f} s CPU  ({stages})")
    print(f"pairs compared        {out['pairs']:,}")
    print(f"peak memory           {out['peak_gb']:.2f} GB (max RSS of the process)")
    print(f"quality               precision {out['precision']:.4f}  recall {out['recall']:.4f}"
          f"  F1 {out['f1']:.4f}")
    print(f"baseline GROUP BY     {out['baseline']:.2f} s  ratio "
          f"{out['seconds'] / max(out['baseline'], 1e-9):.0f}x")


if __name__ == "__main__":
    main()
