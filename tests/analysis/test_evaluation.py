# SPDX-License-Identifier: EUPL-1.2
"""``schakel eval text``: the published figures of docs/algorithm.md come from this command, so
it must compute them correctly and the analysis must keep meeting the agreed targets."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from schakel.analysis.evaluation import Counts, evaluate, main, read_signals
from schakel.cli import main as cli_main

DEV_SET = Path(__file__).resolve().parents[3] / "shared/eval/signals-dev.jsonl"
DATA = Path(__file__).resolve().parent / "data"
OWN_SETS = sorted(DATA.glob("signals-extra*.jsonl")) + sorted(
    DATA / f"holdout-{name}.jsonl" for name in "abc")
#: Written after the lexicon and measured once before any change for them: their first-run
#: figures are the published estimate for unseen text (docs/algorithm.md §7). The shipped
#: model is trained on them too, so a figure measured now would be a training figure: they are
#: checked for validity, not held to targets.
FINAL_HOLDOUTS = [DATA / f"holdout-{name}.jsonl" for name in "def"]
JSON_KEYS = {
    "entities_micro_f1", "entities", "label_accuracy", "label_macro_f1", "abstain_rate",
    "domains_micro_f1", "minor_f1", "acute_f1", "mean_ms",
}

#: The targets agreed for issue 5 (dev set and an unseen set of the same distribution).
TARGETS = {
    "entities_micro_f1": 0.97,
    "label_macro_f1": 0.80,
    "domains_micro_f1": 0.85,
    "minor_f1": 0.90,
}
MAX_ABSTAIN = 0.15


def assert_targets(summary: dict) -> None:
    for key, minimum in TARGETS.items():
        assert summary[key] >= minimum, f"{key} = {summary[key]} < {minimum}"
    assert summary["abstain_rate"] <= MAX_ABSTAIN
    # Speed (mean_ms < 10) is a benchmark, not a test: bench/analysis_speed.py measures it.


@pytest.mark.skipif(not DEV_SET.is_file(), reason="shared/eval/signals-dev.jsonl not present")
def test_dev_set_meets_the_targets():
    assert_targets(evaluate(read_signals(DEV_SET)).summary())


@pytest.mark.parametrize("path", OWN_SETS, ids=lambda p: p.name)
def test_own_extra_sets_meet_the_targets(path):
    """Signals written by the team in the same style; a drop here but not on the dev set
    means the lexicon is being fitted to the dev texts."""
    assert_targets(evaluate(read_signals(path)).summary())


def test_own_sets_are_valid_eval_files():
    assert OWN_SETS
    labels = {"sexual", "labour", "housing", "criminal", "dependency", "smuggling", "none"}
    for path in [*OWN_SETS, *FINAL_HOLDOUTS]:
        for signal in read_signals(path):
            assert signal["label"] in labels
            assert set(signal["domains"]) <= labels - {"smuggling", "none"}
            assert (signal["label"] in {"smuggling", "none"}) == (signal["domains"] == [])
            assert not signal["domains"] or signal["domains"][0] == signal["label"]


def test_counts_compute_precision_recall_f1():
    counts = Counts()
    counts.add({"a", "b", "c"}, {"a", "b", "x"})
    assert (counts.tp, counts.fp, counts.fn) == (2, 1, 1)
    assert counts.precision == pytest.approx(2 / 3)
    assert counts.f1 == pytest.approx(2 / 3)
    assert Counts().f1 == 1.0  # nothing to find and nothing found


def test_unsure_counts_as_a_miss_and_as_abstention():
    signals = [{"text": "Onduidelijke melding.", "label": "labour", "domains": ["labour"],
                "minor": False, "acute": False, "entities": []}]
    summary = evaluate(signals).summary()
    assert summary["label_accuracy"] == 0.0
    assert summary["abstain_rate"] == 1.0


def test_json_output_is_one_object_with_the_agreed_keys(tmp_path, capsys):
    path = tmp_path / "set.jsonl"
    path.write_text(json.dumps({
        "id": "T1", "text": "Bel 06-41827365 over de meisjes van 15 in het hotel.",
        "label": "sexual", "domains": ["sexual"], "minor": True, "acute": False,
        "entities": [{"type": "phone", "value": "+31641827365"}],
    }) + "\n", encoding="utf-8")
    assert cli_main(["eval", "text", str(path), "--json"]) == 0
    output = capsys.readouterr().out.strip()
    summary = json.loads(output)
    assert set(summary) == JSON_KEYS
    assert summary["entities"]["phone"] == {"precision": 1.0, "recall": 1.0, "f1": 1.0}
    assert summary["minor_f1"] == 1.0


def test_human_output_and_missing_file(tmp_path, capsys):
    path = tmp_path / "set.jsonl"
    path.write_text(json.dumps({"text": "Geen aanwijzingen, geen vervolg.", "label": "none",
                                "domains": [], "minor": False, "acute": False,
                                "entities": []}) + "\n", encoding="utf-8")
    assert main([str(path)]) == 0
    assert "label macro F1" in capsys.readouterr().out
    assert main([str(tmp_path / "missing.jsonl")]) == 2
