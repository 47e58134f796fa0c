# SPDX-License-Identifier: EUPL-1.2
"""Reading the catalogue YAML files (pure Python, no Django).

Every ``*.yaml`` file under ``catalog/data`` is a mapping with any of the sections below; the
files are merged. ``version`` appears once, in ``_version.yaml``. A municipality may point
``SCHAKEL_CATALOG_DIR`` at an extra folder whose entries add to or override the shipped ones.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

SECTIONS = (
    "domains", "subforms", "indicators", "partners", "legal_references", "reasons",
    "intervention_types",
    # cue words for the text analysis (schakel.analysis.lexicon); read from YAML only, there is
    # no model for it, so ``catalog.services.load_catalog`` leaves it alone
    "analysis_cues",
    # policy cycle (schakel.policy.loader, registered in catalog.services.SECTION_LOADERS)
    "barrier_instruments", "barrier_models", "bba_items",
)
DATA_DIR = Path(__file__).resolve().parent / "data"


class CatalogError(ValueError):
    """The YAML is not a valid catalogue; the message says which file and entry."""


@dataclass
class CatalogSource:
    version: str = ""
    sections: dict[str, list[dict[str, Any]]] = field(
        default_factory=lambda: {name: [] for name in SECTIONS}
    )

    def codes(self, section: str) -> set[str]:
        return {entry["code"] for entry in self.sections[section]}


def read_catalog(*folders: Path) -> CatalogSource:
    """Merge the YAML files of ``folders`` (later folders override earlier entries by code)."""
    source = CatalogSource()
    for folder in folders or (DATA_DIR,):
        for path in sorted(Path(folder).glob("*.yaml")):
            _merge_file(source, path)
    _check_references(source)
    return source


def _merge_file(source: CatalogSource, path: Path) -> None:
    content = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    if not isinstance(content, dict):
        raise CatalogError(f"{path.name}: expected a mapping at the top level")
    unknown = set(content) - set(SECTIONS) - {"version"}
    if unknown:
        raise CatalogError(f"{path.name}: unknown sections {sorted(unknown)}")
    if "version" in content:
        source.version = str(content["version"])
    for section in SECTIONS:
        for order, entry in enumerate(content.get(section) or []):
            _merge_entry(source.sections[section], entry, path, order)


def _merge_entry(entries: list[dict[str, Any]], entry: Any, path: Path, order: int) -> None:
    if not isinstance(entry, dict) or not entry.get("code"):
        raise CatalogError(f"{path.name}: entry {order + 1} has no code")
    entry = {"order": order, **entry}
    for index, existing in enumerate(entries):
        if existing["code"] == entry["code"]:
            entries[index] = {**existing, **entry}
            return
    entries.append(entry)


def _check_references(source: CatalogSource) -> None:
    domains = source.codes("domains")
    for section in ("subforms", "indicators"):
        for entry in source.sections[section]:
            if entry.get("domain") not in domains:
                raise CatalogError(
                    f"{section} {entry['code']}: unknown domain {entry.get('domain')!r}"
                )
    seen: set[str] = set()
    for section in ("indicators",):
        for entry in source.sections[section]:
            if entry["code"] in seen:
                raise CatalogError(f"duplicate code {entry['code']}")
            seen.add(entry["code"])
