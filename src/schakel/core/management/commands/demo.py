# SPDX-License-Identifier: EUPL-1.2
"""``schakel demo``: build the demo database and serve it (what ``make run`` does)."""

from __future__ import annotations

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from schakel.core.demo import DEMO_PASSWORD, build_demo, listed_users
from schakel.core.models import is_demo_database


class Command(BaseCommand):
    help = "Demo-omgeving opbouwen met verzonnen gegevens en starten."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument("--signals", type=int, default=200)
        parser.add_argument("--no-serve", action="store_true")
        parser.add_argument("--port", type=int, default=8000)

    def handle(self, *args, **options) -> None:
        settings.DATA_DIR.mkdir(parents=True, exist_ok=True)
        self.stdout.write("Database bijwerken…")
        call_command("migrate", interactive=False, verbosity=0)
        self._reset_if_allowed()
        self.stdout.write("Catalogus en demogegevens laden…")
        totals = build_demo(seed=options["seed"], signal_count=options["signals"])
        self.stdout.write(
            f"Demo klaar: {totals['municipalities']} gemeenten, {totals['organisations']} "
            f"organisaties, {totals['users']} gebruikers, {totals['signals']} signalen."
        )
        self.stdout.write("Synthetische registers (BAG, BRP, KvK, vergunningen) voor de "
                          "registerscan maken…")
        from schakel.scans.demo import build_register_demo

        build_register_demo(seed=options["seed"])
        self._print_logins(options["port"])
        if not options["no_serve"]:
            call_command("serve", port=options["port"])

    def _reset_if_allowed(self) -> None:
        from schakel.accounts.models import User

        if not User.objects.exists():
            return
        if not is_demo_database():
            raise CommandError(
                "Deze database bevat gegevens die niet van de demo zijn; de demo overschrijft "
                "ze niet. Gebruik een lege database (SCHAKEL_DATA_DIR of DATABASE_URL)."
            )
        self.stdout.write("Bestaande demogegevens worden vervangen…")
        call_command("flush", interactive=False, verbosity=0)

    def _print_logins(self, port: int) -> None:
        self.stdout.write(f"\nOpen http://127.0.0.1:{port}/ en log in met wachtwoord "
                          f"'{DEMO_PASSWORD}' als:")
        for user in listed_users():
            self.stdout.write(f"  {user.username:<12} {user.title}")
        self.stdout.write("")
