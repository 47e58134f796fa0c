# SPDX-License-Identifier: EUPL-1.2
"""Small shared tables (reference-number sequences, deployment flags) and the append-only base
that every history table uses."""

from __future__ import annotations

from django.db import models, transaction
from django.utils.translation import gettext_lazy as _


class AppendOnlyError(RuntimeError):
    """Raised when code tries to change or remove a history row: a correction is a new row."""


class AppendOnly(models.Model):
    """Rows that are written once and never changed or removed through the ORM's objects.

    Retention (schakel.privacy) removes expired rows with queryset deletes, on purpose: that is
    the one documented doorway for deleting history, and it writes its own register."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None:
            raise AppendOnlyError(f"{type(self).__name__} rows cannot be changed")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError(f"{type(self).__name__} rows cannot be removed")


class ReferenceSequence(models.Model):
    """The last number handed out per prefix and year (SIG-2026-00042, CAS-2026-0007).

    Numbers are taken inside the caller's transaction under a row lock, so two simultaneous
    registrations never receive the same reference, on PostgreSQL and on SQLite alike.
    """

    prefix = models.CharField(max_length=10)
    year = models.PositiveSmallIntegerField()
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["prefix", "year"], name="unique_sequence_per_year")
        ]

    def __str__(self) -> str:
        return f"{self.prefix}-{self.year}: {self.last_number}"

    @classmethod
    def next_reference(cls, prefix: str, year: int, width: int) -> str:
        with transaction.atomic():
            cls.objects.get_or_create(prefix=prefix, year=year)
            row = cls.objects.select_for_update().get(prefix=prefix, year=year)
            row.last_number += 1
            row.save(update_fields=["last_number"])
        return f"{prefix}-{year}-{row.last_number:0{width}d}"


class DeploymentFlag(models.Model):
    """Facts about this database, such as 'this is a demo database' (so the demo may reset it)."""

    key = models.CharField(max_length=50, unique=True)
    value = models.CharField(max_length=200, blank=True)

    def __str__(self) -> str:
        return f"{self.key}={self.value}"


def is_demo_database() -> bool:
    return DeploymentFlag.objects.filter(key="demo", value="1").exists()


def reference_width(prefix: str) -> int:
    return {"SIG": 5, "CAS": 4}.get(prefix, 5)


__all__ = ["ReferenceSequence", "DeploymentFlag", "is_demo_database", "reference_width", "_"]
