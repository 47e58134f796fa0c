# SPDX-License-Identifier: EUPL-1.2
"""Comparison run: Splink 5 (DuckDB) with an ordinary EM-trained configuration.

Not part of Schakel: this is the yardstick behind the choice of engine in docs/linkage.md.
Both engines get the same normalised columns (Schakel's normalisation), so the comparison is
of the models, not of the cleaning. Splink's pairs are counted at match probability 0.5, as
in its own published evaluation; Schakel's are its clusters.

    PYTHONPATH=src .venv/bin/python bench/linkage_splink.py dutch:20000:2
"""

from __future__ import annotations

import sys
import time

import pandas as pd
import splink.comparison_library as cl
from splink import Linker, SettingsCreator, block_on
from splink.backends.duckdb import DuckDBAPI

from schakel.matching import evaluation
from schakel.matching.features import person_frame


def splink_frame(dataset: evaluation.Dataset) -> pd.DataFrame:
    parts = [dataset.left] if dataset.right is None else [dataset.left, dataset.right]
    frames = []
    for k, part in enumerate(parts):
        f = person_frame(part)
        frames.append(pd.DataFrame({
            "unique_id": f["record_id"], "source_dataset": f"s{k}",
            "first_name": f["given1"], "surname": f["surname_full"],
            "dob": [f"{d[:4]}-{d[4:6]}-{d[6:]}" if isinstance(d, str) else None
                    for d in f["dob"]],
            "postcode": f["postcode"], "city": f["city"], "email": f["email"],
            "phone": f["phone"], "bsn": f["bsn"],
        }))
    return pd.concat(frames, ignore_index=True)


def settings(linking: bool, columns: set[str]) -> SettingsCreator:
    comparisons = {
        "first_name": cl.NameComparison("first_name"),
        "surname": cl.NameComparison("surname"),
        "dob": cl.DateOfBirthComparison("dob", input_is_string=True),
        "postcode": cl.ExactMatch("postcode"),
        "city": cl.ExactMatch("city").configure(term_frequency_adjustments=True),
        "email": cl.EmailComparison("email"),
        "phone": cl.ExactMatch("phone"),
        "bsn": cl.ExactMatch("bsn"),
    }
    rules = [block_on("first_name", "surname")] + [
        block_on(c) for c in ("dob", "postcode", "email", "bsn", "phone") if c in columns
    ]
    return SettingsCreator(
        link_type="link_only" if linking else "dedupe_only",
        comparisons=[c for name, c in comparisons.items() if name in columns],
        blocking_rules_to_generate_predictions=rules,
    )


def main() -> None:
    name = sys.argv[1] if len(sys.argv) > 1 else "dutch:20000:2"
    dataset = evaluation.load(name)
    frame = splink_frame(dataset)
    frame = frame.dropna(axis=1, how="all")
    start = time.perf_counter()
    db = DuckDBAPI()
    linker = Linker(db.register(frame), settings(dataset.right is not None, set(frame.columns)),
                    log_level=40)
    linker.training.estimate_probability_two_random_records_match(
        [block_on("first_name", "surname", "dob")], recall=0.7)
    linker.training.estimate_u_using_random_sampling(max_pairs=1e6)
    linker.training.estimate_parameters_using_expectation_maximisation(
        block_on("first_name", "surname"))
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("dob"))
    pairs = linker.inference.predict(threshold_match_probability=0.5).as_pandas_dataframe()
    seconds = time.perf_counter() - start
    predicted = {evaluation._ordered(str(a), str(b))
                 for a, b in zip(pairs["unique_id_l"], pairs["unique_id_r"], strict=True)}
    truth = {evaluation._ordered(a, b) for a, b in dataset.true_pairs}
    hits = len(predicted & truth)
    precision = hits / max(len(predicted), 1)
    recall = hits / max(len(truth), 1)
    f1 = 2 * precision * recall / max(precision + recall, 1e-12)
    print(f"splink {name}: precision {precision:.4f} recall {recall:.4f} f1 {f1:.4f} "
          f"seconds {seconds:.1f}")


if __name__ == "__main__":
    main()
