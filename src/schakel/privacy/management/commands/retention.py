# SPDX-License-Identifier: EUPL-1.2
"""``schakel retention --dry-run | --apply``: list or carry out what the retention rules make due.

The listing holds rule, record reference, action and due date, never content. ``--apply``
recomputes the plan, carries it out record by record and writes the deletion register; its run
id is printed so the register lines can be found. Schedule ``--apply`` nightly; nothing linked
to an open case or under a legal hold is ever touched.
"""

from __future__ import annotations

import datetime as dt
import json

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from schakel.accounts.models import Municipality
from schakel.privacy import retention, rules

ACTION_NL = {rules.ANONYMISE: "anonimiseren", rules.DELETE: "verwijderen"}
REASON_NL = {"open_case": "hoort bij een open casus", "legal_hold": "bewaarplicht (legal hold)"}


class Command(BaseCommand):
    help = "Bewaartermijnen toepassen: --dry-run toont, --apply voert uit / apply retention."

    def add_arguments(self, parser) -> None:
        mode = parser.add_mutually_exclusive_group(required=True)
        mode.add_argument("--dry-run", action="store_true", help="alleen tonen / list only")
        mode.add_argument("--apply", action="store_true", help="uitvoeren / carry out")
        parser.add_argument("--gemeente", help="CBS-code: alleen deze gemeente")
        parser.add_argument("--peildatum", help="JJJJ-MM-DD: rekenen alsof het die dag is "
                            "(alleen met --dry-run)")
        parser.add_argument("--json", action="store_true", help="uitvoer als JSON")

    def handle(self, *args, **options) -> None:
        municipality = self._municipality(options.get("gemeente"))
        now = self._now(options.get("peildatum"), options["apply"])
        if options["apply"]:
            run, result = retention.apply(now, municipality, progress=self._progress)
            self._print(result, options["json"], run.run_id)
            return
        self._print(retention.plan(now, municipality), options["json"], None)

    def _municipality(self, code: str | None) -> Municipality | None:
        if not code:
            return None
        municipality = Municipality.objects.filter(cbs_code=code).first()
        if municipality is None:
            raise CommandError(f"Onbekende gemeente {code}.")
        return municipality

    def _now(self, day: str | None, apply: bool) -> dt.datetime:
        if not day:
            return timezone.now()
        if apply:
            raise CommandError("--peildatum kan alleen met --dry-run: uitvoeren gebeurt altijd "
                               "op vandaag.")
        return timezone.make_aware(dt.datetime.combine(dt.date.fromisoformat(day), dt.time.max))

    def _progress(self, done: int, total: int) -> None:
        if done == total or done % 100 == 0:
            self.stderr.write(f"{done}/{total}")

    def _print(self, result: retention.Plan, as_json: bool, run_id: str | None) -> None:
        if as_json:
            payload = result.as_dict()
            payload["run_id"] = run_id
            self.stdout.write(json.dumps(payload, default=str, indent=2))
            return
        verb = "uitgevoerd" if run_id else "zou worden uitgevoerd"
        self.stdout.write(f"Peilmoment {timezone.localtime(result.now):%Y-%m-%d %H:%M}")
        for item in result.due:
            amount = f" ({item.count} regels)" if item.count > 1 else ""
            self.stdout.write(f"{item.rule}\t{item.record_type}\t{item.reference}{amount}\t"
                              f"{ACTION_NL[item.action]}\tverviel {item.due_on:%Y-%m-%d}")
        for item in result.skipped:
            self.stdout.write(f"{item.rule}\t{item.record_type}\t{item.reference}\t"
                              f"overgeslagen: {REASON_NL.get(item.reason, item.reason)}")
        self.stdout.write(f"{len(result.due)} {verb}, {len(result.skipped)} overgeslagen.")
        if run_id:
            self.stdout.write(f"Run {run_id}: vastgelegd in het verwijderregister.")
