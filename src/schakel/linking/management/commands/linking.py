# SPDX-License-Identifier: EUPL-1.2
"""``schakel linking resolve``: resolve signals that have no mentions yet.

Intake resolves every new signal, but a failure there never blocks intake (the signal is kept,
the error logged without content), and signals from before linking was installed were never
resolved. This command catches both up, oldest first so later signals find the earlier ones
as candidates, just as at intake. It prints counts only.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand

from schakel.linking.services import resolve_signal, unresolved_signals


class Command(BaseCommand):
    help = "Signalen zonder koppelingen alsnog koppelen (oudste eerst)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("action", choices=["resolve"])

    def handle(self, *args, **options) -> None:
        pending = list(unresolved_signals())
        mentions = 0
        for done, signal in enumerate(pending, start=1):
            mentions += len(resolve_signal(signal))
            self.stdout.write(f"  {done}/{len(pending)} signalen", ending="\r")
        self.stdout.write(f"\nKlaar: {len(pending)} signalen gekoppeld, {mentions} vermeldingen.")
