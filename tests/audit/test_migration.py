# SPDX-License-Identifier: EUPL-1.2
"""Events logged before the chain existed are chained by the data migration."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from schakel.audit import chain


@pytest.mark.django_db(transaction=True)
def test_existing_events_are_chained_by_the_migration():
    executor = MigrationExecutor(connection)
    executor.migrate([("audit", "0001_initial")])
    old_apps = executor.loader.project_state([("audit", "0001_initial")]).apps
    old_event = old_apps.get_model("audit", "AccessEvent")
    for n in range(3):
        old_event.objects.create(at=timezone.now(), action="view", object_type="signal",
                                 object_refs=[f"SIG-2026-{n:05d}"], result="ok")
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes("audit"))
    report = chain.verify()
    assert report.ok and report.checked == 3 and report.head_sequence == 3
