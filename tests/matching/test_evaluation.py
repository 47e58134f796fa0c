# SPDX-License-Identifier: EUPL-1.2
"""``schakel eval linkage``: the quality targets and the command's contract."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from schakel.matching import evaluation
from schakel.matching.generate import generate_population
from schakel.matching.generate import main as generate_main

FAKE_1000 = Path(__file__).resolve().parents[3] / "shared/eval/linkage/fake_1000.csv"


def f1_of(dataset: str) -> float:
    scores, _ = evaluation.run(evaluation.load(dataset))
    return scores.f1


def test_febrl4_linkage_target() -> None:
    assert f1_of("febrl4") >= 0.99


def test_febrl3_deduplication_target() -> None:
    assert f1_of("febrl3") >= 0.99


@pytest.mark.skipif(not FAKE_1000.exists(), reason="shared/eval/linkage/fake_1000.csv missing")
def test_fake_1000_target() -> None:
    assert f1_of(str(FAKE_1000)) >= 0.90


def test_generated_dutch_population_target() -> None:
    assert f1_of("dutch:3000:7") >= 0.95


def test_json_output_has_exactly_the_agreed_keys(capsys: pytest.CaptureFixture[str]) -> None:
    assert evaluation.main(["dutch:800:3", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert set(out) == {"precision", "recall", "f1", "pairs_compared", "seconds"}
    assert 0.0 <= out["precision"] <= 1.0 and out["pairs_compared"] > 0


def test_plain_output_and_missing_file(capsys: pytest.CaptureFixture[str]) -> None:
    assert evaluation.main(["dutch:500:4"]) == 0
    assert "precision" in capsys.readouterr().out
    assert evaluation.main(["/nonexistent/file.csv"]) == 2


def test_unseen_csv_with_few_columns_and_gaps(tmp_path: Path) -> None:
    """A CSV it has never seen: other column names, some columns only, missing values."""
    frame = generate_population(1200, seed=8)
    frame = frame.rename(columns={"given_name": "first_name", "dob": "date_of_birth",
                                  "city": "suburb"})
    frame = frame[["unique_id", "first_name", "surname", "date_of_birth", "suburb", "cluster"]]
    frame.loc[frame.sample(frac=0.2, random_state=1).index, "date_of_birth"] = None
    path = tmp_path / "unseen.csv"
    frame.to_csv(path, index=False)
    scores, _ = evaluation.run(evaluation.load(str(path)))
    assert scores.precision > 0.8 and scores.recall > 0.6


def test_csv_with_two_sources_is_linked(tmp_path: Path) -> None:
    frame = generate_population(1000, seed=9)
    frame["source_dataset"] = ["a" if i % 2 else "b" for i in range(len(frame))]
    path = tmp_path / "two.csv"
    frame.to_csv(path, index=False)
    dataset = evaluation.load(str(path))
    assert dataset.right is not None
    scores, _ = evaluation.run(dataset)
    assert scores.f1 >= 0.9


def test_generator_writes_a_csv(tmp_path: Path) -> None:
    path = tmp_path / "population.csv"
    assert generate_main(["--records", "200", "--seed", "2", "--out", str(path)]) == 0
    frame = pd.read_csv(path)
    assert {"unique_id", "cluster", "bsn", "dob"} <= set(frame.columns)
    assert len(frame) == 200 and frame["cluster"].nunique() < 200
