# SPDX-License-Identifier: EUPL-1.2
"""Re-encrypting every encrypted database value under the newest key (``schakel keys rotate``).

Works table by table on the raw tokens, in chunks ordered by primary key, without loading
model instances: history tables are append-only through the ORM, but re-encrypting the same
plaintext under a new key changes no content, and rotation must reach every row. A value that
no configured key can decrypt is counted as failed and left as it is, so the operator knows
not to retire an old key yet.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.apps import apps
from django.db import connection, models, transaction

from schakel.core import crypto
from schakel.core.fields import encrypted_fields

CHUNK = 1000


@dataclass
class FieldRotationReport:
    values: int = 0
    rotated: int = 0
    already_current: int = 0
    failed: int = 0


def encrypted_models() -> list[tuple[type[models.Model], list[models.Field]]]:
    """Every model with encrypted columns, with those columns."""
    found = []
    for model in apps.get_models():
        fields = encrypted_fields(model)
        if fields and not model._meta.proxy:
            found.append((model, fields))
    return found


def rotate_fields(progress: Callable[[str], None] | None = None) -> FieldRotationReport:
    report = FieldRotationReport()
    for model, fields in encrypted_models():
        _rotate_table(model, fields, report)
        if progress is not None:
            progress(model._meta.label)
    return report


def _rotate_table(model: type[models.Model], fields: list[models.Field],
                  report: FieldRotationReport) -> None:
    quote = connection.ops.quote_name
    table, pk = quote(model._meta.db_table), quote(model._meta.pk.column)
    columns = [quote(f.column) for f in fields]
    last = None
    while True:
        where = f"WHERE {pk} > %s " if last is not None else ""
        sql = (f"SELECT {pk}, {', '.join(columns)} FROM {table} {where}"  # noqa: S608
               f"ORDER BY {pk} LIMIT {CHUNK}")
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, [last] if last is not None else [])
            rows = cursor.fetchall()
            for row_id, *values in rows:
                updates = _rotated_values(columns, values, report)
                if updates:
                    assignments = ", ".join(f"{column} = %s" for column in updates)
                    cursor.execute(f"UPDATE {table} SET {assignments} "  # noqa: S608
                                   f"WHERE {pk} = %s", [*updates.values(), row_id])
        if len(rows) < CHUNK:
            return
        last = rows[-1][0]


def _rotated_values(columns: list[str], values: list, report: FieldRotationReport) -> dict:
    updates = {}
    for column, value in zip(columns, values, strict=True):
        if not value:
            continue
        report.values += 1
        token = value.encode("ascii")
        if crypto.is_current(token):
            report.already_current += 1
            continue
        try:
            updates[column] = crypto.rotate(token).decode("ascii")
        except crypto.DecryptionError:
            report.failed += 1
            continue
        report.rotated += 1
    return updates
