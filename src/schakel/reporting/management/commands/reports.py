# SPDX-License-Identifier: EUPL-1.2
"""``schakel reports warm``: count the earlier years ahead of the first dashboard view.

The dashboard recounts closed earlier years once a day (``figures.counts_for``); on 100,000
signals that first count takes about a second. Run this nightly (and after a deployment) so no
person waits for it. It reads aggregates only and prints counts of areas, never figures.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from schakel.reporting import services


class Command(BaseCommand):
    help = "Rapportagecijfers van eerdere jaren vooraf tellen (nachtelijk draaien)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("action", choices=["warm"])

    def handle(self, *args, **options) -> None:
        if options["action"] != "warm":  # pragma: no cover - argparse restricts the choices
            raise CommandError("onbekende opdracht")
        areas = services.warm_counts(progress=lambda done, total: self.stdout.write(
            f"  {done}/{total} gebieden geteld", ending="\r"))
        self.stdout.write(f"\nKlaar: cijfers van {areas} gebieden staan klaar.")
