# SPDX-License-Identifier: EUPL-1.2
"""Loading the catalogue into the database: idempotent, and it reports what changed."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import models, transaction
from django.utils.module_loading import import_string

from schakel.catalog.models import (
    CatalogLoad,
    Domain,
    Indicator,
    InterventionType,
    LegalReference,
    Partner,
    Reason,
    SubForm,
)
from schakel.catalog.source import DATA_DIR, CatalogSource, read_catalog

SECTION_MODELS: dict[str, type[models.Model]] = {
    "domains": Domain,
    "subforms": SubForm,
    "indicators": Indicator,
    "partners": Partner,
    "legal_references": LegalReference,
    "reasons": Reason,
    "intervention_types": InterventionType,
}
FOREIGN_KEYS = {"domain": Domain}
# Sections that another app loads itself (nested entries, own history): section -> dotted path
# of a function that takes the section's entries and returns the same change summary as
# ``_sync_section``. Run after SECTION_MODELS, in this order.
SECTION_LOADERS: dict[str, str] = {
    "barrier_instruments": "schakel.policy.loader.sync_instruments",
    "barrier_models": "schakel.policy.loader.sync_barrier_models",
    "bba_items": "schakel.policy.loader.sync_bba_items",
}


def catalog_folders() -> list[Path]:
    extra = getattr(settings, "SCHAKEL_CATALOG_DIR", "")
    return [DATA_DIR, Path(extra)] if extra else [DATA_DIR]


@transaction.atomic
def load_catalog(source: CatalogSource | None = None) -> dict[str, dict[str, list[str]]]:
    """Bring the database in line with the YAML; returns per section the codes that changed."""
    source = source or read_catalog(*catalog_folders())
    summary = {
        section: _sync_section(SECTION_MODELS[section], source.sections[section])
        for section in SECTION_MODELS
    }
    for section, loader in SECTION_LOADERS.items():
        summary[section] = import_string(loader)(source.sections[section])
    if any(any(codes for codes in changes.values()) for changes in summary.values()):
        CatalogLoad.objects.create(version=source.version, summary=summary)
    return summary


def _sync_section(model: type[models.Model], entries: list[dict[str, Any]]) -> dict[str, list[str]]:
    changes: dict[str, list[str]] = {"created": [], "updated": [], "deactivated": []}
    existing = {obj.code: obj for obj in model.objects.all()}
    for entry in entries:
        values = _field_values(model, entry)
        obj = existing.pop(entry["code"], None)
        if obj is None:
            model.objects.create(code=entry["code"], **values)
            changes["created"].append(entry["code"])
        elif _apply(obj, values):
            obj.save()
            changes["updated"].append(entry["code"])
    for obj in existing.values():
        if obj.active:
            obj.active = False
            obj.save(update_fields=["active"])
            changes["deactivated"].append(obj.code)
    return changes


def _field_values(model: type[models.Model], entry: dict[str, Any]) -> dict[str, Any]:
    names = {f.name for f in model._meta.get_fields()}
    values: dict[str, Any] = {"active": True}
    for key, value in entry.items():
        if key == "code" or key not in names:
            continue
        if key in FOREIGN_KEYS:
            value = FOREIGN_KEYS[key].objects.get(code=value)
        values[key] = value
    return values


def _apply(obj: models.Model, values: dict[str, Any]) -> bool:
    changed = False
    for key, value in values.items():
        if getattr(obj, key) != value:
            setattr(obj, key, value)
            changed = True
    return changed
