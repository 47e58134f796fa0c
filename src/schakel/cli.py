# SPDX-License-Identifier: EUPL-1.2
"""The ``schakel`` command.

Pure-Python commands (text and linkage evaluation, register scans) run without loading Django,
so they start fast and work on any data file. Everything else is a Django management command
of the same name (``schakel demo`` runs ``manage.py demo``).

The settings module defaults to the demo layer; set ``DJANGO_SETTINGS_MODULE`` to
``schakel.conf.production`` in production.
"""

from __future__ import annotations

import importlib
import os
import sys

# command words → module with a ``main(argv) -> int`` that needs no Django
PURE_COMMANDS: dict[tuple[str, ...], str] = {
    ("eval", "text"): "schakel.analysis.evaluation",
    ("eval", "linkage"): "schakel.matching.evaluation",
    ("registers",): "schakel.registers.cli",
}

USAGE = """gebruik: schakel <opdracht> [opties]

  demo [--seed N] [--no-serve] [--port P]   demo-omgeving opbouwen en starten
  serve [--port P]                          de applicatie serveren (productie-WSGI-server)
  catalog load                              referentiecatalogus laden of bijwerken
  token create GEBRUIKERSNAAM               API-token aanmaken en tonen
  audit verify                              hashketen van het toegangslogboek controleren
  retention --dry-run|--apply [--gemeente C] bewaartermijnen tonen of toepassen (register)
  keys rotate                               bijlagen opnieuw versleutelen met de nieuwste sleutel
  keys generate                             nieuwe sleutel voor SCHAKEL_FERNET_KEYS maken
  reminders send [--dry-run]                termijnherinneringen mailen (alleen kenmerken)
  linking resolve                           signalen zonder koppelingen alsnog koppelen
  reports warm                              rapportagecijfers van eerdere jaren vooraf tellen
  eval text PAD.jsonl [--json]              tekstanalyse meten op een evaluatieset
  eval linkage DATASET [--json]             koppelkwaliteit meten
  registers import SOORT BESTAND.csv        registerbestand inlezen (bag, brp, kvk, permits)
  registers scan [--json] [--peildatum D]   registerscan draaien
  registers demo --scale S [--seed N]       synthetische registers maken
  registers config                          drempels en gewichten tonen
  registers status                          wat is ingelezen, laatste scans
  <django-opdracht> ...                     elke andere Django-beheeropdracht
"""


def _pure_command(argv: list[str]) -> tuple[str, list[str]] | None:
    for words, module in PURE_COMMANDS.items():
        if tuple(argv[: len(words)]) == words:
            return module, argv[len(words):]
    return None


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] in {"-h", "--help", "help"}:
        print(USAGE)
        return 0
    pure = _pure_command(argv)
    if pure is not None:
        module, rest = pure
        return int(importlib.import_module(module).main(rest) or 0)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "schakel.conf.demo")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["schakel", *argv])
    return 0


if __name__ == "__main__":
    sys.exit(main())
