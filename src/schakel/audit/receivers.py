# SPDX-License-Identifier: EUPL-1.2
"""Log-ins, log-outs, failed log-ins and admin changes go to the access log (BIO 8.15.01)."""

from __future__ import annotations

from django.contrib.admin.models import ADDITION, CHANGE, DELETION, LogEntry
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import post_save
from django.dispatch import receiver

from schakel.audit import services


@receiver(user_logged_in)
def _logged_in(sender, request, user, **kwargs) -> None:
    services.record(actor=user, action="login", object_type="session", request=request,
                    purpose="authentication", legal_basis="")


@receiver(user_logged_out)
def _logged_out(sender, request, user, **kwargs) -> None:
    if user is not None:
        services.record(actor=user, action="logout", object_type="session", request=request,
                        purpose="authentication", legal_basis="")


@receiver(user_login_failed)
def _login_failed(sender, credentials, request=None, **kwargs) -> None:
    # The attempted username is personal data of its own; only the fact is logged.
    services.record(actor=None, action="login_failed", object_type="session", result="denied",
                    request=request, purpose="authentication", legal_basis="")


ADMIN_ACTIONS = {ADDITION: "create", CHANGE: "update", DELETION: "delete"}


@receiver(post_save, sender=LogEntry)
def _admin_change(sender, instance: LogEntry, created: bool, **kwargs) -> None:
    """Every add, change or delete in the Django admin (``/beheer/``) is an audited change."""
    if created:
        record_admin_entry(instance)


def record_admin_entry(instance: LogEntry) -> None:
    """One admin log entry as an access event. Only the object type and id are logged:
    ``object_repr`` and the change message may hold a name or other content (BIO 8.15.02)."""
    content_type = instance.content_type
    object_type = (f"{content_type.app_label}.{content_type.model}"[:40]
                   if content_type else "admin")
    services.record(actor=instance.user, action=ADMIN_ACTIONS.get(instance.action_flag, "update"),
                    object_type=object_type,
                    object_refs=[str(instance.object_id)] if instance.object_id else [],
                    purpose="administration", channel="admin", origin="admin")


def audit_bulk_admin_entries() -> None:
    """Also audit the entries the admin writes with ``bulk_create`` (deleting several objects
    at once), which send no ``post_save``. Called once from ``AuditConfig.ready``."""
    from django.contrib.admin.models import LogEntryManager

    original = LogEntryManager.log_actions
    if getattr(original, "_schakel_audited", False):
        return

    def log_actions(self, *args, **kwargs):
        entries = original(self, *args, **kwargs)
        if isinstance(entries, list) and len(entries) > 1:  # bulk path: no post_save was sent
            for entry in entries:
                record_admin_entry(entry)
        return entries

    log_actions._schakel_audited = True  # type: ignore[attr-defined]
    LogEntryManager.log_actions = log_actions  # type: ignore[method-assign]
