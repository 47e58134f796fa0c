# SPDX-License-Identifier: EUPL-1.2
"""``schakel catalog load``: bring the reference catalogue in line with the YAML files."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from schakel.catalog.services import catalog_folders, load_catalog
from schakel.catalog.source import CatalogError, read_catalog

LABELS = {"created": "nieuw", "updated": "gewijzigd", "deactivated": "gedeactiveerd"}


class Command(BaseCommand):
    help = "Referentiecatalogus laden (idempotent; toont wat er veranderde)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("action", choices=["load"])

    def handle(self, *args, **options) -> None:
        try:
            source = read_catalog(*catalog_folders())
        except CatalogError as error:
            raise CommandError(f"catalogus ongeldig: {error}") from error
        summary = load_catalog(source)
        self.stdout.write(f"Catalogus versie {source.version or '?'}")
        changed = False
        for section, changes in summary.items():
            for kind, codes in changes.items():
                if codes:
                    changed = True
                    self.stdout.write(f"  {section}: {len(codes)} {LABELS[kind]}: "
                                      f"{', '.join(codes[:8])}{' …' if len(codes) > 8 else ''}")
        if not changed:
            self.stdout.write("  geen wijzigingen")
