# SPDX-License-Identifier: EUPL-1.2
"""Synthetic registers for the demo, so the coordinator can run a register scan in `make run`.

The generated municipality numbers its objects from 1000…; the demo's Alblasserdam is told so
(``ScanSettings.object_id_prefixes``), exactly as a real municipality sets its own BAG code.
"""

from __future__ import annotations

import shutil

from django.conf import settings

from schakel.accounts.models import Municipality
from schakel.registers import demo as register_demo
from schakel.registers import importer, store
from schakel.scans.models import ScanSettings
from schakel.scans.registers import db_path

KINDS = ("bag", "brp", "kvk", "permits")


def build_register_demo(seed: int = 1) -> dict[str, int]:
    """Write and import municipality-scale synthetic registers; returns rows per kind."""
    folder = settings.DATA_DIR / "registers-demo"
    shutil.rmtree(folder, ignore_errors=True)
    register_demo.generate("municipality", folder, seed=seed)
    db_path().unlink(missing_ok=True)
    rows = {}
    con = store.connect(db_path())
    try:
        for kind in KINDS:
            report = importer.import_csv(con, kind, folder / f"{kind}.csv", actor="demo")
            rows[kind] = getattr(report, "rows", 0)
    finally:
        con.close()
    municipality = Municipality.objects.get(cbs_code="0482")
    ScanSettings.objects.update_or_create(municipality=municipality,
                                          defaults={"object_id_prefixes": "1000"})
    return rows
