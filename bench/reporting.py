# SPDX-License-Identifier: EUPL-1.2
"""Benchmark of the reporting dashboards on PostgreSQL (issue 9): 100,000 signals, 10,000 cases.

Target: the dashboard answers within 500 ms at p95. What is timed, with Django's test client
through the full middleware stack, as the analyst (suppressed) and the coordinator (exact):

- ``baseline``: a bare ``SELECT COUNT(*)`` of the municipality's signals (the floor: one
  aggregate over the same rows);
- ``report``: the figures alone (:func:`schakel.reporting.figures.build_report`), no cache;
- ``dashboard (cold)``: the page with the report cache emptied before every request (the first
  view after a data change); earlier years (cached up to an hour) and chart SVGs (cached by
  content) stay cached, as in production;
- ``dashboard (empty cache)``: also the earlier years recounted (first view after a restart);
- ``dashboard (warm)``: the page again with the same data version (cache hit);
- ``api (cold)``: ``/api/v1/reports/figures/`` with the report cache emptied;
- ``chart draw``: one chart drawn with vl-convert (what a changed chart costs once).

Data: the signals come from ``bench/inbox.py``'s loader (COPY, demo texts, three years); this
script adds 10,000 cases with domains, referrals, interventions and outcomes, links signals to
them, and runs ``VACUUM ANALYZE``. It drops and re-creates the database
``schakel_bench_reporting`` and refuses any other name.

Run::

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/schakel_bench_reporting \\
        .venv/bin/python bench/reporting.py [--signals 100000] [--cases 10000] [--repeat 30]
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import os
import platform
import random
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

BENCH_DATABASE = "schakel_bench_reporting"
DEFAULT_URL = f"postgres://postgres@127.0.0.1:5432/{BENCH_DATABASE}"
TARGET_P95_MS = 500.0


def _inbox_module():
    """Reuse the signal loader of bench/inbox.py (same data as the inbox benchmark)."""
    if "bench_inbox" in sys.modules:
        return sys.modules["bench_inbox"]
    spec = importlib.util.spec_from_file_location(
        "bench_inbox", Path(__file__).resolve().parent / "inbox.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_inbox"] = module  # dataclasses look their module up here
    spec.loader.exec_module(module)
    module.BENCH_DATABASE = BENCH_DATABASE  # reset_database() drops only this one
    return module


def bench_url() -> str:
    url = os.environ.setdefault("DATABASE_URL", DEFAULT_URL)
    parts = urlsplit(url)
    if parts.scheme not in {"postgres", "postgresql", "pgsql"}:
        sys.exit(f"bench/reporting.py needs PostgreSQL, not {parts.scheme!r}")
    if parts.path.lstrip("/") != BENCH_DATABASE:
        sys.exit(f"refusing to touch database {parts.path.lstrip('/')!r}: "
                 f"the benchmark only drops and re-creates {BENCH_DATABASE!r}")
    return url


def load_cases(count: int, seed: int) -> dict[str, int]:
    """COPY ``count`` cases (mostly Alblasserdam) with their links, through the model
    metadata of ``copy_rows``; link one signal to each case."""
    from django.core.management.color import no_style
    from django.db import connection, transaction
    from django.utils import timezone

    from schakel.accounts.models import Municipality, Organisation, User
    from schakel.cases.models import Case, Intervention, Referral
    from schakel.catalog.models import Domain, InterventionType, Reason
    from schakel.signals.models import Signal

    inbox = _inbox_module()
    rng = random.Random(seed)
    now = timezone.now()
    alb = Municipality.objects.get(cbs_code="0482")
    others = list(Municipality.objects.exclude(pk=alb.pk))
    coordinator = User.objects.get(username="coordinator")
    domains = list(Domain.objects.values_list("pk", flat=True))
    outcomes = list(Reason.objects.filter(kind="case_outcome").values_list("pk", flat=True))
    partners = list(Organisation.objects.filter(kind="partner").values_list("pk", flat=True))
    kinds = list(InterventionType.objects.values_list("pk", flat=True))
    signal_ids = list(Signal.objects.filter(case__isnull=True).order_by("?")
                      .values_list("pk", "municipality_id", "received_at")[: count * 3])
    cases, case_domains, referrals, interventions, links = [], [], [], [], []
    for number in range(1, count + 1):
        sid, municipality_id, received = signal_ids[number % len(signal_ids)]
        opened = received + dt.timedelta(days=rng.uniform(0.5, 10))
        opened = min(opened, now)
        closed = rng.random() < 0.6
        closed_at = min(opened + dt.timedelta(days=rng.uniform(5, 200)), now) if closed else None
        cases.append({"id": number, "reference": f"CAS-B-{number:06d}",
                      "title": f"Benchmarkcasus {number}", "municipality_id": municipality_id,
                      "coordinator_id": coordinator.pk, "status": "closed" if closed else
                      rng.choice(["open", "analysis", "action", "aftercare"]),
                      "outcome_id": rng.choice(outcomes) if closed and rng.random() < 0.9
                      else None, "opened_at": opened, "closed_at": closed_at,
                      "barrier_phases": []})
        for domain in rng.sample(domains, k=1 if rng.random() < 0.85 else 2):
            case_domains.append({"case_id": number, "domain_id": domain})
        links.append((number, sid))
        if rng.random() < 0.6:
            created = opened + dt.timedelta(days=rng.uniform(0, 20))
            responded = created + dt.timedelta(days=rng.uniform(0, 14))
            referrals.append({"case_id": number, "organisation_id": rng.choice(partners),
                              "consent": "not_needed", "shared_fields": [], "reason": "bench",
                              "due_on": (created + dt.timedelta(days=14)).date(),
                              "status": "done" if responded < now else "in_progress",
                              "created_by_id": coordinator.pk, "created_at": min(created, now),
                              "responded_at": responded if responded < now else None})
        if rng.random() < 0.5:
            created = opened + dt.timedelta(days=rng.uniform(0, 30))
            interventions.append({"case_id": number, "type_id": rng.choice(kinds),
                                  "organisation_id": rng.choice(partners),
                                  "due_on": (created + dt.timedelta(days=30)).date(),
                                  "status": rng.choice(["planned", "done"]),
                                  "created_by_id": coordinator.pk,
                                  "created_at": min(created, now)})
    _ = others
    with transaction.atomic():
        written = {
            "cases": inbox.copy_rows(Case, cases),
            "case_domains": inbox.copy_rows(Case.domains.through,
                                            inbox._numbered(case_domains)),
            "referrals": inbox.copy_rows(Referral, inbox._numbered(referrals)),
            "interventions": inbox.copy_rows(Intervention, inbox._numbered(interventions)),
        }
        with connection.cursor() as cursor:
            cursor.execute("CREATE TEMP TABLE bench_links (case_id int, signal_id int)")
            with cursor.cursor.copy("COPY bench_links FROM STDIN") as copy:
                for row in links:
                    copy.write_row(row)
            cursor.execute("UPDATE signals_signal s SET case_id = l.case_id, status = 'linked' "
                           "FROM bench_links l WHERE s.id = l.signal_id")
            for statement in connection.ops.sequence_reset_sql(
                    no_style(), [Case, Case.domains.through, Referral, Intervention]):
                cursor.execute(statement)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    return written


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, -(-len(ordered) * pct // 100) - 1)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--signals", type=int, default=100_000)
    parser.add_argument("--cases", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--reuse", action="store_true", help="skip reset and load")
    args = parser.parse_args(argv)
    url = bench_url()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "schakel.conf.test")
    inbox = _inbox_module()

    import django

    started = time.perf_counter()
    if not args.reuse:
        inbox.reset_database(url)
    django.setup()
    if not args.reuse:
        # all signals in Alblasserdam's region; 4/5 in Alblasserdam itself
        written = inbox.load(args.signals * 4 // 5, args.signals // 5, args.seed)
        written |= load_cases(args.cases, args.seed)
        print(f"loaded in {time.perf_counter() - started:.0f} s: "
              + ", ".join(f"{k} {v}" for k, v in written.items()))
    measure(args.repeat)
    return 0


def measure(repeat: int) -> None:
    from django.conf import settings
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import override_settings
    from django.utils import timezone

    from schakel.accounts.models import User
    from schakel.cases.models import Case
    from schakel.reporting import charts, figures, protection, services
    from schakel.signals.models import Signal

    year = timezone.localdate().year
    analyst = User.objects.get(username="analyst")
    coordinator = User.objects.get(username="coordinator")
    area = services.resolve_scope(analyst, None)
    print(f"{dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC, {platform.node()}, "
          f"{os.cpu_count()} CPUs, Python {platform.python_version()}, PostgreSQL "
          f"{connection.cursor().connection.info.server_version}, load average "
          f"{' '.join(f'{v:.2f}' for v in os.getloadavg())}")
    in_area = Signal.objects.filter(municipality_id__in=area.ids).count()
    print(f"data: {Signal.objects.count()} signals ({in_area} "
          f"in {area.label}), {Case.objects.count()} cases "
          f"({Case.objects.filter(municipality_id__in=area.ids).count()} in {area.label}); "
          f"year {year}")

    hosts = [*settings.ALLOWED_HOSTS, "testserver"]
    results: dict[str, list[float]] = {}

    def timed(name: str, action, before=None) -> None:
        for _ in range(repeat):
            if before:
                before()
            start = time.perf_counter()
            action()
            results.setdefault(name, []).append((time.perf_counter() - start) * 1000)

    def clear(keep: tuple[str, ...]):
        def run() -> None:
            for key in list(getattr(cache, "_cache", {}).keys()):
                if ":reporting:" in key and not any(f":reporting:{k}:" in key for k in keep):
                    cache.delete(key.split(":", 2)[2])
        return run

    # after a data change: the report is recomputed, earlier years and unchanged charts are
    # still cached; "empty cache": earlier years recounted too (first view after a restart)
    clear_reports = clear(("svg", "past"))
    clear_all = clear(("svg",))

    def count_star() -> None:
        with connection.cursor() as cursor:
            cursor.execute("SELECT COUNT(*) FROM signals_signal WHERE municipality_id = ANY(%s)",
                           [area.ids])
            cursor.fetchone()

    with override_settings(ALLOWED_HOSTS=hosts):
        clients = {}
        for user in (analyst, coordinator):
            client = Client()
            client.force_login(user)
            clients[user.username] = client

        def page(username: str):
            def get() -> None:
                response = clients[username].get("/rapportage/", {"jaar": year})
                assert response.status_code == 200, response.status_code
            return get

        def api() -> None:
            response = clients["analyst"].get("/api/v1/reports/figures/", {"year": year},
                                             HTTP_ACCEPT="application/json")
            assert response.status_code == 200

        # warm-up: imports, vl-convert start-up, chart cache
        page("analyst")()
        page("coordinator")()
        timed("baseline: SELECT COUNT(*) signals", count_star)
        timed("report figures, analyst (earlier years cached)",
              lambda: figures.build_report(area.ids, year, protection.internal_policy(),
                                           area.label, area.codes))
        timed("dashboard analyst (cold report cache)", page("analyst"), clear_reports)
        timed("dashboard coordinator (cold report cache)", page("coordinator"), clear_reports)
        timed("dashboard analyst (empty cache, charts kept)", page("analyst"), clear_all)
        def cleared_then_warmed() -> None:
            clear_all()
            services.warm_counts()

        timed("dashboard analyst, first view after `reports warm`", page("analyst"),
              cleared_then_warmed)
        timed("dashboard analyst (warm)", page("analyst"))
        timed("api figures analyst (cold report cache)", api, clear_reports)
        report = services.get_report(area, year, protection.internal_policy())
        table = report.table("signals_by_domain")
        results["chart draw (one chart, vl-convert)"] = []
        for _ in range(min(repeat, 10)):
            start = time.perf_counter()
            charts.chart_svg(table)
            results["chart draw (one chart, vl-convert)"].append(
                (time.perf_counter() - start) * 1000)

    base = percentile(results["baseline: SELECT COUNT(*) signals"], 95)
    print(f"\n{repeat} timed runs per row; milliseconds")
    print(f"| {'measurement':<44} | {'p50':>7} | {'p95':>7} | {'p95/base':>8} |")
    print(f"|{'-' * 46}|{'-' * 9}|{'-' * 9}|{'-' * 10}|")
    for name, values in results.items():
        p95 = percentile(values, 95)
        print(f"| {name:<44} | {statistics.median(values):7.1f} | {p95:7.1f} "
              f"| {p95 / base:8.1f} |")
    normal = [k for k in results if k.startswith("dashboard") and "empty cache" not in k]
    worst = max(percentile(results[k], 95) for k in normal)
    verdict = "meets" if worst <= TARGET_P95_MS else "MISSES"
    print(f"\nslowest dashboard p95 (after a data change or warm) {worst:.0f} ms: {verdict} "
          f"the {TARGET_P95_MS:.0f} ms target")
    empty = [k for k in results if "empty cache" in k]
    for key in empty:
        p95 = percentile(results[key], 95)
        verdict = "meets" if p95 <= TARGET_P95_MS else "misses"
        print(f"{key}: p95 {p95:.0f} ms, {verdict} the target (earlier years recounted once "
              "per day or after a restart)")


if __name__ == "__main__":
    raise SystemExit(main())
