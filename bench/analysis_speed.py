# SPDX-License-Identifier: EUPL-1.2
"""Speed of the text analysis on one core: mean and p95 milliseconds per signal for extract()
and suggest(), against a baseline measured in the same run (a single compiled regular
expression over the same texts, i.e. the cheapest possible pass over the text).

Run: .venv/bin/python bench/analysis_speed.py [PATH.jsonl] [--repeat N]
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import time
from pathlib import Path

from schakel.analysis import extract, suggest

DEFAULT_SET = Path(__file__).resolve().parents[2] / "shared" / "eval" / "signals-dev.jsonl"


def timings(function, texts: list[str], repeat: int) -> list[float]:
    result = []
    for _ in range(repeat):
        for text in texts:
            started = time.perf_counter()
            function(text)
            result.append((time.perf_counter() - started) * 1000)
    return result


def report(name: str, values: list[float], baseline: float) -> None:
    p95 = statistics.quantiles(values, n=20)[18]
    mean = statistics.fmean(values)
    print(f"{name:<10} mean {mean:7.3f} ms  p95 {p95:7.3f} ms  ratio to baseline "
          f"{mean / baseline:8.1f}x")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("path", nargs="?", default=str(DEFAULT_SET))
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    texts = [json.loads(line)["text"] for line in Path(args.path).read_text().splitlines()
             if line.strip()]
    suggest(texts[0])  # compile the lexicon once, as the server does
    word = re.compile(r"\w+")
    baseline = statistics.fmean(timings(lambda t: word.findall(t), texts, args.repeat))
    print(f"{len(texts)} signals x {args.repeat}; baseline (one regex pass) "
          f"{baseline:.4f} ms")
    report("extract", timings(extract, texts, args.repeat), baseline)
    report("suggest", timings(suggest, texts, args.repeat), baseline)


if __name__ == "__main__":
    main()
