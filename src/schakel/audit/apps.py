# SPDX-License-Identifier: EUPL-1.2
from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "schakel.audit"
    label = "audit"
    verbose_name = "Toegangslogboek"

    def ready(self) -> None:
        from schakel.audit import receivers  # connects the log-in and admin receivers

        receivers.audit_bulk_admin_entries()
