# SPDX-License-Identifier: EUPL-1.2
"""``schakel audit verify``: check that the access log is unchanged (BIO 8.15.05, 8.15.06).

Meant to be run periodically by someone independent of daily operations; a non-zero exit code
means the log was changed, shortened or extended outside Schakel and is a security incident.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from schakel.audit import chain


class Command(BaseCommand):
    help = "Toegangslogboek controleren: is de hashketen ongeschonden? / verify the audit chain."

    def add_arguments(self, parser) -> None:
        parser.add_argument("action", choices=["verify"])

    def handle(self, *args, **options) -> None:
        report = chain.verify()
        for problem in report.problems:
            self.stderr.write(f"FOUT/ERROR {problem.kind}: {problem}")
        self.stdout.write(
            f"Kop/head: volgnummer/sequence {report.head_sequence}, hash {report.head_hash}")
        if report.ok:
            self.stdout.write(self.style.SUCCESS(
                f"Logboekketen ongeschonden: {report.checked} gebeurtenissen gecontroleerd. / "
                f"Audit chain intact: {report.checked} events checked."))
            return
        raise CommandError(
            f"Logboekketen geschonden: {len(report.problems)} probleem/problemen in "
            f"{report.checked} gebeurtenissen. / Audit chain broken: {len(report.problems)} "
            f"problem(s) in {report.checked} events.", returncode=1)
