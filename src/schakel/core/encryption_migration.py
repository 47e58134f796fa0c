# SPDX-License-Identifier: EUPL-1.2
"""Migration steps that encrypt the personal data an existing database holds in plaintext.

A deployment that ran Schakel before field encryption keeps its rows: after the columns have
become text, :func:`encrypt_columns` encrypts every filled-in value in place (and decrypts them
again when the migration is reversed). It works with plain SQL on table and column names, not
with model classes, so later changes to the models cannot break an old migration.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from schakel.core import crypto
from schakel.core.fields import TOKEN_PREFIX


def _is_token(value: str) -> bool:
    return value.startswith(TOKEN_PREFIX)


def _transform_columns(schema_editor, table: str, columns: Sequence[str],
                       change: Callable[[str], str | None]) -> int:
    """Apply ``change`` to every non-empty value of ``columns``; ``None`` means keep it."""
    connection = schema_editor.connection
    quote = connection.ops.quote_name
    changed = 0
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT id, {', '.join(quote(c) for c in columns)} "  # noqa: S608
                       f"FROM {quote(table)}")
        rows = cursor.fetchall()
        for row_id, *values in rows:
            updates = {}
            for column, value in zip(columns, values, strict=True):
                if value in (None, ""):
                    continue
                new = change(str(value))
                if new is not None:
                    updates[column] = new
            if updates:
                assignments = ", ".join(f"{quote(c)} = %s" for c in updates)
                cursor.execute(f"UPDATE {quote(table)} SET {assignments} "  # noqa: S608
                               f"WHERE id = %s", [*updates.values(), row_id])
                changed += 1
    return changed


def encrypt_columns(table: str, columns: Sequence[str]):
    """A ``RunPython`` pair that encrypts (forwards) or decrypts (backwards) the columns."""

    def forwards(apps, schema_editor) -> None:
        _transform_columns(schema_editor, table, columns,
                           lambda v: None if _is_token(v) else crypto.encrypt_text(v).decode())

    def backwards(apps, schema_editor) -> None:
        _transform_columns(schema_editor, table, columns,
                           lambda v: crypto.decrypt_text(v.encode()) if _is_token(v) else None)

    return forwards, backwards


def read_decrypted(schema_editor, sql: str) -> list[tuple]:
    """Rows of ``sql`` with every token decrypted (for backfilling hashes in a migration)."""
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(sql)
        return [tuple(crypto.decrypt_text(v.encode()) if isinstance(v, str) and _is_token(v)
                      else v for v in row) for row in cursor.fetchall()]
