# SPDX-License-Identifier: EUPL-1.2
"""Benchmark: resolving a person mention at intake against N known persons in the database.

Why this exists: every signal registered runs entity resolution inside the request. The
candidates must come from indexed blocking keys (``linking_entitykey.key``), never from
loading all persons, so the time per mention should hardly grow with N.

What it does: builds a throw-away database (SQLite file in a temporary directory, or the
PostgreSQL database ``schakel_linking_bench`` when ``DATABASE_URL`` names exactly that one),
loads N generated Dutch persons as entities with their mentions and keys (bulk inserts, not
the service layer: test data), then times, for Q disturbed mentions of known persons and a
few strangers:

- ``rank``: the real resolution read path (key probe, candidate fetch, engine scoring);
- baseline: the same key probe and candidate fetch without the fuzzy scoring.

It prints p50/p95 for both, their ratio, the candidates per mention and top-1 accuracy.

    PYTHONPATH=src .venv/bin/python bench/linking_intake.py [--persons 50000] [--queries 300]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import tempfile
import time
from pathlib import Path


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q / 100 * (len(ordered) - 1))))]


def setup_django() -> None:
    url = os.environ.get("DATABASE_URL", "")
    if url and not url.rstrip("/").endswith("/schakel_linking_bench"):
        raise SystemExit("DATABASE_URL must name the database schakel_linking_bench")
    if not url:
        path = Path(tempfile.mkdtemp()) / "linking_bench.sqlite3"
        os.environ["DATABASE_URL"] = f"sqlite:///{path}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "schakel.conf.test")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    if url:
        call_command("flush", interactive=False, verbosity=0)


def load(persons: int) -> tuple[list, dict[int, int]]:
    """Generated persons as entities, mentions and keys; returns people and pid -> entity."""
    from django.db import transaction
    from django.utils import timezone

    from schakel.accounts.models import Municipality, User
    from schakel.core.demo import build_demo
    from schakel.linking import keys as lk
    from schakel.linking.models import Entity, EntityKey, Mention
    from schakel.matching.generate import generate_people
    from schakel.signals.models import Signal

    build_demo(seed=1, signal_count=0)
    municipality = Municipality.objects.get(cbs_code="0482")
    reporter = User.objects.get(username="melder")
    people = generate_people(persons, seed=11)
    now = timezone.now()
    started = time.perf_counter()
    with transaction.atomic():
        signals = Signal.objects.bulk_create([
            Signal(reference=f"BENCH-{i:07d}", municipality=municipality, reporter=reporter,
                   source_organisation=reporter.organisation, description="bench",
                   triage_due=now, received_at=now)
            for i in range(max(persons // 5, 1))], batch_size=2000)
        entities = Entity.objects.bulk_create(
            [Entity(kind="person", label=" ".join(p.given_names) + " " + p.surname)
             for p in people], batch_size=2000)
        records = [_record(p) for p in people]
        mentions = Mention.objects.bulk_create([
            Mention(signal=signals[i % len(signals)], kind="person", label=e.label, record=r,
                    entity=e) for i, (e, r) in enumerate(zip(entities, records, strict=True))],
            batch_size=2000)
        rows = []
        for mention, record in zip(mentions, records, strict=True):
            rows.extend(EntityKey(key=k, mention=mention, entity_id=mention.entity_id)
                        for k in lk.person_blocking_keys(record))
        EntityKey.objects.bulk_create(rows, batch_size=5000)
    from django.db import connection

    with connection.cursor() as cursor:  # planner statistics, as autovacuum keeps them live
        cursor.execute("ANALYZE")
    print(f"loaded {persons:,} persons, {len(rows):,} keys in "
          f"{time.perf_counter() - started:.1f} s")
    return people, {p.pid: e.pk for p, e in zip(people, entities, strict=True)}


def _record(person) -> dict:
    return {"given_names": " ".join(person.given_names), "surname_prefix": person.prefix,
            "surname": person.surname, "birth_year": person.dob.year,
            "sex": {"m": "male", "f": "female"}.get(person.sex, "")}


def _typo(text: str, rng: random.Random) -> str:
    if len(text) < 4:
        return text
    i = rng.randrange(1, len(text) - 1)
    return text[:i] + text[i + 1] + text[i] + text[i + 2:]


def queries(people: list, count: int) -> list[tuple[dict, int | None]]:
    """Mentions as a front desk writes them: first given name (sometimes a typo), the surname,
    an estimated age instead of a birth date; a fifth are people never loaded."""
    from schakel.matching.generate import generate_people

    rng = random.Random(13)
    strangers = generate_people(count, seed=99)
    out = []
    for i in range(count):
        stranger = i % 5 == 4
        person = strangers[i] if stranger else rng.choice(people)
        given = person.given_names[0]
        record = {"given_names": _typo(given, rng) if rng.random() < 0.3 else given,
                  "surname_prefix": person.prefix, "surname": person.surname,
                  "estimated_age": 2026 - person.dob.year + rng.randint(-2, 2),
                  "reference_date": "2026-06-01"}
        out.append((record, None if stranger else person.pid))
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--persons", type=int, default=50_000)
    parser.add_argument("--queries", type=int, default=300)
    args = parser.parse_args()
    setup_django()
    from schakel.accounts.models import Municipality
    from schakel.linking import keys as lk
    from schakel.linking import services
    from schakel.linking.models import Mention

    people, entity_of = load(args.persons)
    municipality = Municipality.objects.get(cbs_code="0482").pk
    timings, base, sizes, correct, proposed = [], [], [], 0, 0
    for record, pid in queries(people, args.queries):
        item = services.MentionInput("person", "q", record=record,
                                     fuzzy=lk.person_blocking_keys(record))
        services.rank(item, municipality)  # warm-up: both timings below see warm caches
        start = time.perf_counter()
        ids = services.candidate_mentions(item)
        list(Mention.objects.filter(pk__in=ids, signal__municipality_id=municipality)
             .select_related("entity"))
        base.append((time.perf_counter() - start) * 1000)
        start = time.perf_counter()
        ranked = services.rank(item, municipality)
        timings.append((time.perf_counter() - start) * 1000)
        sizes.append(len(ids))
        best = ranked[0] if ranked and ranked[0][1].probability >= 0.5 else None
        found = best[0].entity_id if best else None
        want = entity_of[pid] if pid is not None else None
        correct += found == want
        shown = [m.entity_id for m, r in ranked if r.probability >= services.PROPOSE_FROM]
        proposed += (want in shown[:services.PROPOSALS_PER_MENTION]) if want else not shown
    p50, p95 = percentile(timings, 50), percentile(timings, 95)
    b50, b95 = percentile(base, 50), percentile(base, 95)
    print(f"resolve (keys + engine): p50 {p50:.1f} ms, p95 {p95:.1f} ms")
    print(f"baseline (keys only):    p50 {b50:.1f} ms, p95 {b95:.1f} ms")
    print(f"ratio p50 {p50 / b50:.1f}x, p95 {p95 / b95:.1f}x")
    print(f"candidates per mention: median {statistics.median(sizes):.0f}, max {max(sizes)}")
    print(f"top-1 correct (right entity at p >= 0.5, or none for strangers): "
          f"{correct / args.queries:.3f}")
    print(f"right entity among the proposals shown (p >= {services.PROPOSE_FROM}, top "
          f"{services.PROPOSALS_PER_MENTION}; none for strangers): {proposed / args.queries:.3f}")


if __name__ == "__main__":
    main()
