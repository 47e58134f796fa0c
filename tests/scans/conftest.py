# SPDX-License-Identifier: EUPL-1.2
"""Fixtures for the worklist: one generated municipality imported once per session, copied
into a fresh ``SCHAKEL_DATA_DIR`` for every test, and the demo world around it."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from schakel.accounts.models import Municipality
from schakel.registers import demo, store
from schakel.registers.importer import import_csv
from schakel.scans.models import ScanSettings

# The generator numbers its objects from 1000: those ids stand in for Alblasserdam's here.
DEMO_PREFIX = "1000"


@dataclass
class Registers:
    path: Path
    truth: dict[str, Any]

    @property
    def peildatum(self) -> date:
        return date.fromisoformat(self.truth["peildatum"])

    def planted(self, rule: str) -> set[str]:
        return set(self.truth["rules"][rule])


@pytest.fixture(scope="session")
def registers_template(tmp_path_factory: pytest.TempPathFactory) -> Registers:
    folder = tmp_path_factory.mktemp("scans-registers")
    truth = demo.generate("municipality", folder / "csv", seed=5)
    path = folder / store.DB_NAME
    con = store.connect(path)
    try:
        for kind in store.KINDS:
            report = import_csv(con, kind, folder / "csv" / f"{kind}.csv", actor="test")
            assert report.imported, report.lines()
    finally:
        con.close()
    return Registers(path, truth)


@pytest.fixture
def registers(registers_template: Registers, settings, tmp_path: Path) -> Registers:
    """The imported registers in this test's own data directory (settings.DATA_DIR)."""
    shutil.copy(registers_template.path, tmp_path / store.DB_NAME)
    settings.DATA_DIR = tmp_path
    return Registers(tmp_path / store.DB_NAME, registers_template.truth)


@pytest.fixture
def alblasserdam(world) -> Municipality:
    municipality = Municipality.objects.get(cbs_code="0482")
    ScanSettings.objects.create(municipality=municipality, object_id_prefixes=DEMO_PREFIX)
    return municipality


@pytest.fixture
def papendrecht(world) -> Municipality:
    return Municipality.objects.get(cbs_code="0590")
