# SPDX-License-Identifier: EUPL-1.2
"""Trigram indexes for the inbox text search (PostgreSQL only).

``inbox.search`` filters with ``icontains``, which Django writes as
``UPPER(col::text) LIKE UPPER('%word%')``. A B-tree cannot serve a leading wildcard, so without
these indexes every search reads all signals (docs/performance.md). The index expression must
stay ``UPPER(col)`` to match that SQL. SQLite (the demo) has no pg_trgm and few rows.
"""

from django.db import migrations

FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS signals_signal_descr_trgm ON signals_signal "
    "USING gin (UPPER(description) gin_trgm_ops)",
    "CREATE INDEX IF NOT EXISTS signals_signal_locdescr_trgm ON signals_signal "
    "USING gin (UPPER(location_description) gin_trgm_ops)",
]
BACKWARD = [
    "DROP INDEX IF EXISTS signals_signal_locdescr_trgm",
    "DROP INDEX IF EXISTS signals_signal_descr_trgm",
]


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in FORWARD:
            schema_editor.execute(statement)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in BACKWARD:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("signals", "0003_signalsuggestion")]
    operations = [migrations.RunPython(forwards, backwards)]
