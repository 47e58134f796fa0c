# SPDX-License-Identifier: EUPL-1.2
"""``schakel keys rotate`` re-encrypts every attachment under the newest key;
``schakel keys generate`` prints a new key for ``SCHAKEL_FERNET_KEYS``.

Rotation procedure (docs/operations.md): put the new key first in ``SCHAKEL_FERNET_KEYS`` and
keep the old ones after it, restart, run ``schakel keys rotate`` until it reports 0 failed,
then remove the old keys and restart again.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from schakel.core import crypto


class Command(BaseCommand):
    help = "Sleutels: rotate (bijlagen opnieuw versleutelen) of generate / encryption keys."

    def add_arguments(self, parser) -> None:
        parser.add_argument("action", choices=["rotate", "generate"])

    def handle(self, *args, **options) -> None:
        if options["action"] == "generate":
            self.stdout.write(crypto.generate_key())
            return
        from schakel.audit import services as audit
        from schakel.privacy.attachments import rotate_all

        report = rotate_all(progress=self._progress)
        audit.record(actor=None, action="update", object_type="attachment",
                     object_refs=[f"keys-rotate:{report.rotated}"], purpose="key-rotation",
                     channel="cli", origin="cli")
        self.stdout.write(
            f"Bijlagen: {report.total}, opnieuw versleuteld {report.rotated}, al met nieuwste "
            f"sleutel {report.already_current}, bestand ontbreekt {report.missing}, "
            f"mislukt {report.failed}.")
        if report.failed or report.missing:
            raise CommandError("Niet alle bijlagen konden worden omgezet: verwijder nog geen "
                               "oude sleutels.", returncode=1)

    def _progress(self, done: int, total: int) -> None:
        if done == total or done % 100 == 0:
            self.stderr.write(f"{done}/{total}")
