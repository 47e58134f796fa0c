# SPDX-License-Identifier: EUPL-1.2
"""``schakel serve``: serve the configured database with gunicorn (never the dev server)."""

from __future__ import annotations

import os
import sys

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Schakel serveren met een productie-WSGI-server (gunicorn) en statische bestanden."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--workers", type=int, default=2)

    def handle(self, *args, **options) -> None:
        call_command("collectstatic", interactive=False, verbosity=0)
        bind = f"{options['host']}:{options['port']}"
        self.stdout.write(f"Schakel draait op http://{bind}/ (stoppen: Ctrl+C)")
        self.stdout.flush()
        os.environ["DJANGO_SETTINGS_MODULE"] = os.environ.get(
            "DJANGO_SETTINGS_MODULE", settings.SETTINGS_MODULE)
        argv = [sys.executable, "-m", "gunicorn", "schakel.wsgi:application",
                "--bind", bind, "--workers", str(options["workers"]),
                "--access-logfile", "-", "--access-logformat", '%(h)s "%(m)s %(U)s" %(s)s %(M)sms']
        os.execv(sys.executable, argv)  # noqa: S606 - fixed argv, no shell
