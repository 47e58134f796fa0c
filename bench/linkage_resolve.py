# SPDX-License-Identifier: EUPL-1.2
"""Benchmark: resolve one new mention against N known persons (default one million).

Prints index build time, p50/p95 latency per mention, top-1 accuracy, and the ratio to two
baselines measured in the same run on the same data:

- a dict lookup on an exact key (the BSN), the floor for any resolver;
- a plain rapidfuzz ``process.extractOne`` over the full names of one surname block, what a
  naive fuzzy search costs without blocking indexes or weights.

    PYTHONPATH=src .venv/bin/python bench/linkage_resolve.py [--persons N] [--queries Q]
"""

from __future__ import annotations

import argparse
import random
import resource
import statistics
import time

import numpy as np
from rapidfuzz import fuzz, process

from schakel.matching.generate import (
    generate_people,
    generate_population,
    noisy_mention,
    person_row,
)
from schakel.matching.resolver import Resolver, estimate_model


def percentile(values: list[float], q: float) -> float:
    return float(np.percentile(np.asarray(values), q))


def build(persons: int) -> tuple[Resolver, list, float]:
    people = generate_people(persons, seed=11)
    model = estimate_model(generate_population(20_000, seed=12))
    resolver = Resolver(model)
    start = time.perf_counter()
    resolver.add([person_row(p) for p in people])
    return resolver, people, time.perf_counter() - start


def queries(people: list, count: int) -> list[tuple[dict, str | None]]:
    """Mostly disturbed mentions of known persons, some of people never indexed."""
    rng = random.Random(13)
    strangers = generate_people(count, seed=99)
    out = []
    for q in range(count):
        if q % 5 == 4:
            out.append((noisy_mention(strangers[q], q), None))
        else:
            person = people[rng.randrange(len(people))]
            out.append((noisy_mention(person, q), f"p{person.pid}"))
    return out


def run_resolver(resolver: Resolver, mentions: list) -> tuple[list[float], float]:
    latencies, correct = [], 0
    for mention, truth in mentions:
        start = time.perf_counter()
        found = resolver.resolve(mention, limit=5)
        latencies.append((time.perf_counter() - start) * 1000)
        best = found[0] if found and found[0].probability >= 0.5 else None
        correct += (best.record_id if best else None) == truth
    return latencies, correct / len(mentions)


def baselines(resolver: Resolver, mentions: list) -> tuple[list[float], list[float]]:
    """Exact-key dict lookup and an extractOne over one surname block, per mention."""
    table = resolver.table
    by_bsn = {b: i for i, b in enumerate(table["bsn"]) if b}
    names = np.array([f"{g or ''} {s or ''}" for g, s in zip(
        table["given"], table["surname_full"], strict=True)], dtype=object)
    surname_rows: dict[str, list[int]] = {}
    for i, s in enumerate(table["surname_ph"]):
        if s:
            surname_rows.setdefault(s, []).append(i)
    dict_ms, fuzzy_ms = [], []
    for mention, _ in mentions:
        key = str(mention.get("bsn") or "000000000")
        start = time.perf_counter()
        by_bsn.get(key)
        dict_ms.append((time.perf_counter() - start) * 1000)
        query = resolver_query_name(mention)
        block = surname_rows.get(query[1], [])
        start = time.perf_counter()
        if block:
            process.extractOne(query[0], names[block], scorer=fuzz.token_sort_ratio)
        fuzzy_ms.append((time.perf_counter() - start) * 1000)
    return dict_ms, fuzzy_ms


def resolver_query_name(mention: dict) -> tuple[str, str]:
    from schakel.matching.features import record_features

    f = record_features(mention)
    return f"{f['given'] or ''} {f['surname_full'] or ''}", f["surname_ph"] or ""


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--persons", type=int, default=1_000_000)
    parser.add_argument("--queries", type=int, default=1000)
    args = parser.parse_args()
    resolver, people, build_s = build(args.persons)
    mentions = queries(people, args.queries)
    resolver.resolve(mentions[0][0])  # warm caches
    latencies, accuracy = run_resolver(resolver, mentions)
    dict_ms, fuzzy_ms = baselines(resolver, mentions)
    p50, p95 = percentile(latencies, 50), percentile(latencies, 95)
    peak_gb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 / 1024
    print(f"persons indexed       {len(resolver):,}")
    print(f"index build           {build_s:.1f} s (peak RSS {peak_gb:.2f} GB)")
    print(f"resolve latency       p50 {p50:.2f} ms  p95 {p95:.2f} ms  "
          f"mean {statistics.mean(latencies):.2f} ms  ({args.queries} mentions)")
    print(f"top-1 correct         {accuracy:.3f} (known persons and unknown ones, p >= 0.5)")
    print(f"baseline dict lookup  p50 {percentile(dict_ms, 50) * 1000:.2f} us  "
          f"ratio p50 {p50 / max(percentile(dict_ms, 50), 1e-9):,.0f}x")
    print(f"baseline extractOne   p50 {percentile(fuzzy_ms, 50):.3f} ms  "
          f"p95 {percentile(fuzzy_ms, 95):.3f} ms  ratio p50 "
          f"{p50 / max(percentile(fuzzy_ms, 50), 1e-9):.1f}x  p95 "
          f"{p95 / max(percentile(fuzzy_ms, 95), 1e-9):.1f}x")


if __name__ == "__main__":
    main()
