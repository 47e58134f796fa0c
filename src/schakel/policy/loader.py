# SPDX-License-Identifier: EUPL-1.2
"""Loading the policy sections of the catalogue (``barrier_instruments``, ``barrier_models``,
``bba_items``) as part of ``schakel catalog load``.

Barrier models are nested (model → steps → barriers), which the generic flat loader of
:mod:`schakel.catalog.services` cannot express, so they are synced here; the flat sections reuse
the generic loader. Like the rest of the catalogue: idempotent, entries are never deleted (an
assessment may refer to them) but marked inactive, and the YAML wins over admin edits. Every
load that changes a barrier model appends a :class:`BarrierModelRevision` with a snapshot.
"""

from __future__ import annotations

from typing import Any

from django.db import models

from schakel.catalog.services import _sync_section
from schakel.catalog.source import CatalogError
from schakel.policy.models import (
    Barrier,
    BarrierModel,
    BarrierModelRevision,
    BarrierStep,
    BbaItem,
    Instrument,
)

CASE_PHASES = ("entry", "identity", "housing", "work", "finances")
MODEL_FIELDS = ("name", "short_name", "description", "source", "version")
STEP_FIELDS = ("name", "needs", "signals", "facilitators_unaware", "facilitators_aware",
               "case_phases", "verified")
Changes = dict[str, list[str]]


def _empty() -> Changes:
    return {"created": [], "updated": [], "deactivated": []}


def sync_instruments(entries: list[dict[str, Any]]) -> Changes:
    return _sync_section(Instrument, entries)


def sync_bba_items(entries: list[dict[str, Any]]) -> Changes:
    return _sync_section(BbaItem, entries)


def sync_barrier_models(entries: list[dict[str, Any]]) -> Changes:
    """Bring barrier models, their steps and barriers in line with the YAML."""
    summary = _empty()
    instruments = {i.code: i for i in Instrument.objects.all()}
    seen: set[str] = set()
    for order, entry in enumerate(entries):
        seen.add(entry["code"])
        created, details = _sync_model(entry, order, instruments)
        if created or any(details.values()):
            summary["created" if created else "updated"].append(entry["code"])
    for model in BarrierModel.objects.filter(active=True).exclude(code__in=seen):
        model.active = False
        model.save(update_fields=["active"])
        record_revision(model, BarrierModelRevision.Source.CATALOG, {"model": ["deactivated"]})
        summary["deactivated"].append(model.code)
    return summary


def _sync_model(entry: dict[str, Any], order: int,
                instruments: dict[str, Instrument]) -> tuple[bool, dict[str, list[str]]]:
    values = {key: entry.get(key, "") for key in MODEL_FIELDS}
    values["version"] = str(values["version"])
    values.update(order=entry.get("order", order), active=True)
    model, created = BarrierModel.objects.get_or_create(code=entry["code"], defaults=values)
    details: dict[str, list[str]] = {"model": []}
    if not created and _apply(model, values):
        model.save()
        details["model"].append("updated")
    details.update(_sync_steps(model, entry.get("steps") or [], instruments))
    if created or any(details.values()):
        record_revision(model, BarrierModelRevision.Source.CATALOG,
                        {"model": ["created"]} if created else details)
    return created, details


def _sync_steps(model: BarrierModel, entries: list[dict[str, Any]],
                instruments: dict[str, Instrument]) -> dict[str, list[str]]:
    steps = _empty()
    barriers = _empty()
    existing = {step.code: step for step in model.steps.all()}
    for order, entry in enumerate(entries):
        values = _step_values(model, entry, order)
        step = existing.pop(entry["code"], None)
        if step is None:
            step = BarrierStep.objects.create(model=model, code=entry["code"], **values)
            steps["created"].append(step.code)
        elif _apply(step, values):
            step.save()
            steps["updated"].append(step.code)
        for kind, codes in _sync_barriers(step, entry.get("barriers") or [],
                                          instruments).items():
            barriers[kind].extend(f"{step.code}/{code}" for code in codes)
    _deactivate(existing.values(), steps)
    return {f"steps_{kind}": codes for kind, codes in steps.items()} | \
        {f"barriers_{kind}": codes for kind, codes in barriers.items()}


def _step_values(model: BarrierModel, entry: dict[str, Any], order: int) -> dict[str, Any]:
    if not entry.get("code") or not entry.get("name"):
        raise CatalogError(f"barrier_models {model.code}: step {order + 1} needs code and name")
    unknown = set(entry.get("case_phases") or []) - set(CASE_PHASES)
    if unknown:
        raise CatalogError(f"barrier_models {model.code}/{entry['code']}: unknown case "
                           f"phases {sorted(unknown)}")
    values: dict[str, Any] = {"order": order, "active": True, "verified": True}
    for key in STEP_FIELDS:
        if key in entry:
            values[key] = entry[key]
    for key in ("signals", "facilitators_unaware", "facilitators_aware", "case_phases"):
        values[key] = list(values.get(key) or [])
    values["needs"] = str(values.get("needs") or "").strip()
    return values


def _sync_barriers(step: BarrierStep, entries: list[dict[str, Any]],
                   instruments: dict[str, Instrument]) -> Changes:
    changes = _empty()
    existing = {b.instrument.code: b for b in step.barriers.select_related("instrument")}
    for order, entry in enumerate(entries):
        code = entry.get("instrument", "")
        if code not in instruments:
            raise CatalogError(f"barrier_models {step.model.code}/{step.code}: unknown "
                               f"instrument {code!r}")
        values = {"order": order, "active": True, "how": str(entry.get("how", "")).strip()}
        barrier = existing.pop(code, None)
        if barrier is None:
            Barrier.objects.create(step=step, instrument=instruments[code], **values)
            changes["created"].append(code)
        elif _apply(barrier, values):
            barrier.save()
            changes["updated"].append(code)
    _deactivate(existing.values(), changes, key=lambda b: b.instrument.code)
    return changes


def _deactivate(objects, changes: Changes, key=lambda obj: obj.code) -> None:
    for obj in objects:
        if obj.active:
            obj.active = False
            obj.save(update_fields=["active"])
            changes["deactivated"].append(key(obj))


def _apply(obj: models.Model, values: dict[str, Any]) -> bool:
    changed = False
    for key, value in values.items():
        if getattr(obj, key) != value:
            setattr(obj, key, value)
            changed = True
    return changed


# --- history ----------------------------------------------------------------------------------

def snapshot(model: BarrierModel) -> dict[str, Any]:
    """The whole model as plain data, so a revision shows what the model looked like then."""
    return {
        "code": model.code, "name": model.name, "version": model.version,
        "active": model.active,
        "steps": [
            {"code": step.code, "name": step.name, "active": step.active,
             "case_phases": step.case_phases, "verified": step.verified,
             "barriers": [{"instrument": b.instrument.code, "active": b.active, "how": b.how}
                          for b in step.barriers.select_related("instrument")
                          .order_by("order", "id")]}
            for step in model.steps.order_by("order", "id")
        ],
    }


def record_revision(model: BarrierModel, source: str, changes: dict[str, Any],
                    user=None) -> BarrierModelRevision:
    """Append one history row for ``model`` (called by the loader and by the admin)."""
    return BarrierModelRevision.objects.create(
        model=model, version=model.version, source=source,
        changes={key: value for key, value in changes.items() if value},
        snapshot=snapshot(model), changed_by=user,
    )
