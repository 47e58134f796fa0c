# SPDX-License-Identifier: EUPL-1.2
"""``schakel keys rotate`` re-encrypts every encrypted database value and every attachment
under the newest key; ``schakel keys generate`` prints a new key for ``SCHAKEL_FERNET_KEYS``;
``schakel keys reindex`` recomputes the keyed hashes (name hashes, search index) after
``SCHAKEL_HASH_KEY`` changed.

Rotation procedure (docs/operations.md): put the new key first in ``SCHAKEL_FERNET_KEYS`` and
keep the old ones after it, restart, run ``schakel keys rotate`` until it reports 0 failed,
then remove the old keys and restart again.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from schakel.core import crypto

# The keyed-hash columns of a signal subject, recomputed from its decrypted fields on save.
SUBJECT_HASHES = ["name_hash", "full_name_hash", "kvk_hash", "plate_hash", "phone_hash"]


class Command(BaseCommand):
    help = ("Sleutels: rotate (gegevens en bijlagen opnieuw versleutelen), reindex (hashes "
            "opnieuw berekenen) of generate / encryption keys.")

    def add_arguments(self, parser) -> None:
        parser.add_argument("action", choices=["rotate", "reindex", "generate"])

    def handle(self, *args, **options) -> None:
        if options["action"] == "generate":
            self.stdout.write(crypto.generate_key())
            return
        if options["action"] == "reindex":
            self._reindex()
            return
        from schakel.audit import services as audit
        from schakel.core.rotation import rotate_fields
        from schakel.privacy.attachments import rotate_all

        fields = rotate_fields(progress=lambda label: self.stderr.write(label))
        self.stdout.write(
            f"Gegevens: {fields.values} versleutelde waarden, opnieuw versleuteld "
            f"{fields.rotated}, al met nieuwste sleutel {fields.already_current}, "
            f"mislukt {fields.failed}.")
        report = rotate_all(progress=self._progress)
        audit.record(actor=None, action="update", object_type="attachment",
                     object_refs=[f"keys-rotate:{fields.rotated}+{report.rotated}"],
                     purpose="key-rotation", channel="cli", origin="cli")
        self.stdout.write(
            f"Bijlagen: {report.total}, opnieuw versleuteld {report.rotated}, al met nieuwste "
            f"sleutel {report.already_current}, bestand ontbreekt {report.missing}, "
            f"mislukt {report.failed}.")
        if report.failed or report.missing or fields.failed:
            raise CommandError("Niet alles kon worden omgezet: verwijder nog geen oude "
                               "sleutels.", returncode=1)

    def _reindex(self) -> None:
        from schakel.linking.services import rekey_signal
        from schakel.signals.models import Signal, SignalSubject
        from schakel.signals.search import index_signal

        subjects = signals = keys = 0
        for subject in SignalSubject.objects.iterator():
            subject.save(update_fields=SUBJECT_HASHES)
            subjects += 1
        total = Signal.objects.count()
        for signals, signal in enumerate(
                Signal.objects.prefetch_related("subjects").iterator(chunk_size=500), start=1):
            signal.save(update_fields=["address_hash"])
            index_signal(signal)
            keys += rekey_signal(signal)
            self._progress(signals, total)
        self.stdout.write(f"Opnieuw berekend: namen en kenmerken van {subjects} betrokkenen, "
                          f"adressen en zoekindex van {signals} signalen, {keys} koppelsleutels.")

    def _progress(self, done: int, total: int) -> None:
        if done == total or done % 100 == 0:
            self.stderr.write(f"{done}/{total}")
