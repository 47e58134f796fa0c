# SPDX-License-Identifier: EUPL-1.2
"""``schakel eval text PATH.jsonl [--json]``: measure the text analysis on a labelled set.

The file holds one signal per line (format of ``shared/eval/signals-dev.jsonl``): ``text``,
``label``, ``domains``, ``minor``, ``acute`` and ``entities`` (type + normalised value). The
command runs :func:`~schakel.analysis.entities.extract` and
:func:`~schakel.analysis.suggest.suggest` on every text and reports:

* entities: precision, recall and F1 per type, and micro F1 over all types, matching on
  type + normalised value per signal;
* label: accuracy and macro F1 over the seven labels (an ``unsure`` counts as a miss), and
  the abstain rate (share of ``unsure``);
* domains: micro F1 of the sets of exploitation domains;
* minor and acute: F1 of the flag (positive class = True);
* speed: mean milliseconds per signal for extraction plus suggestion.

The figures published in ``docs/algorithm.md`` come from this command; it needs no Django.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from schakel.analysis.entities import ENTITY_TYPES, extract
from schakel.analysis.model import shipped_model
from schakel.analysis.suggest import LABELS, UNSURE, default_lexicon, suggest


@dataclass
class Counts:
    """True positives, false positives and false negatives of one measure."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, gold: set[Any], predicted: set[Any]) -> None:
        self.tp += len(gold & predicted)
        self.fp += len(predicted - gold)
        self.fn += len(gold - predicted)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        if not self.tp + self.fp + self.fn:
            return 1.0
        return 2 * self.tp / (2 * self.tp + self.fp + self.fn)

    def as_dict(self) -> dict[str, float]:
        return {"precision": round(self.precision, 4), "recall": round(self.recall, 4),
                "f1": round(self.f1, 4)}


@dataclass
class Report:
    """Everything the command prints, gathered over one file."""

    signals: int = 0
    entities: dict[str, Counts] = field(default_factory=lambda: {t: Counts() for t in ENTITY_TYPES})
    labels: dict[str, Counts] = field(default_factory=lambda: {lab: Counts() for lab in LABELS})
    correct_labels: int = 0
    abstained: int = 0
    domains: Counts = field(default_factory=Counts)
    minor: Counts = field(default_factory=Counts)
    acute: Counts = field(default_factory=Counts)
    seconds: float = 0.0
    errors: list[dict[str, Any]] = field(default_factory=list)

    def summary(self) -> dict[str, Any]:
        micro = Counts()
        for counts in self.entities.values():
            micro.tp, micro.fp, micro.fn = (micro.tp + counts.tp, micro.fp + counts.fp,
                                            micro.fn + counts.fn)
        n = max(self.signals, 1)
        return {
            "entities_micro_f1": round(micro.f1, 4),
            "entities": {t: c.as_dict() for t, c in self.entities.items()},
            "label_accuracy": round(self.correct_labels / n, 4),
            "label_macro_f1": round(sum(c.f1 for c in self.labels.values()) / len(LABELS), 4),
            "abstain_rate": round(self.abstained / n, 4),
            "domains_micro_f1": round(self.domains.f1, 4),
            "minor_f1": round(self.minor.f1, 4),
            "acute_f1": round(self.acute.f1, 4),
            "mean_ms": round(1000 * self.seconds / n, 3),
        }


def read_signals(path: Path) -> list[dict[str, Any]]:
    """The labelled signals of a JSONL file (blank lines are skipped)."""
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def evaluate(signals: Iterable[dict[str, Any]]) -> Report:
    """Run extraction and suggestion over ``signals`` and count against the gold labels."""
    default_lexicon()  # compile once, outside the timing
    shipped_model()  # read the weight file once, outside the timing
    report = Report()
    for signal in signals:
        started = time.perf_counter()
        found = extract(signal["text"])
        suggestion = suggest(signal["text"])
        report.seconds += time.perf_counter() - started
        _count(report, signal, found, suggestion)
    return report


def _count(report: Report, signal: dict[str, Any], found: list[Any], suggestion: Any) -> None:
    report.signals += 1
    for kind, counts in report.entities.items():
        gold = {e["value"] for e in signal.get("entities", []) if e["type"] == kind}
        counts.add(gold, {e.value for e in found if e.type == kind})
    gold_label, label = signal["label"], suggestion.label
    report.correct_labels += label == gold_label
    report.abstained += label == UNSURE
    for name, counts in report.labels.items():
        counts.add({1} if gold_label == name else set(), {1} if label == name else set())
    report.domains.add(set(signal.get("domains", [])), set(suggestion.domains))
    report.minor.add({1} if signal.get("minor") else set(), {1} if suggestion.minor else set())
    report.acute.add({1} if signal.get("acute") else set(), {1} if suggestion.acute else set())
    if label != gold_label or set(signal.get("domains", [])) != set(suggestion.domains):
        report.errors.append({"id": signal.get("id"), "gold": gold_label, "label": label,
                              "gold_domains": signal.get("domains", []),
                              "domains": suggestion.domains})


def format_report(summary: dict[str, Any], path: Path, signals: int) -> str:
    """The human-readable table."""
    lines = [f"Text analysis on {path} ({signals} signals)", "",
             f"{'entity type':<15}{'precision':>10}{'recall':>10}{'F1':>10}"]
    for kind, values in summary["entities"].items():
        lines.append(f"{kind:<15}{values['precision']:>10.3f}{values['recall']:>10.3f}"
                     f"{values['f1']:>10.3f}")
    lines += [
        f"{'micro F1':<35}{summary['entities_micro_f1']:>10.3f}", "",
        f"{'label accuracy':<35}{summary['label_accuracy']:>10.3f}",
        f"{'label macro F1 (7 labels)':<35}{summary['label_macro_f1']:>10.3f}",
        f"{'abstain rate (unsure)':<35}{summary['abstain_rate']:>10.3f}",
        f"{'domains micro F1':<35}{summary['domains_micro_f1']:>10.3f}",
        f"{'minor F1':<35}{summary['minor_f1']:>10.3f}",
        f"{'acute F1':<35}{summary['acute_f1']:>10.3f}",
        f"{'mean ms per signal':<35}{summary['mean_ms']:>10.3f}",
    ]
    return "\n".join(lines)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="schakel eval text",
                                     description="Measure the text analysis on a JSONL set.")
    parser.add_argument("path", type=Path, help="JSONL file with labelled signals")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--errors", action="store_true",
                        help="also list the signals whose label or domains differ")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(list(sys.argv[1:] if argv is None else argv))
    if not args.path.is_file():
        print(f"file not found: {args.path}", file=sys.stderr)
        return 2
    report = evaluate(read_signals(args.path))
    summary = report.summary()
    if args.json:
        print(json.dumps(summary))
    else:
        print(format_report(summary, args.path, report.signals))
        if args.errors:
            print()
            for error in report.errors:
                print(json.dumps(error, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
