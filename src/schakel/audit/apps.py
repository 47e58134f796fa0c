# SPDX-License-Identifier: EUPL-1.2
from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "schakel.audit"
    label = "audit"
    verbose_name = "Toegangslogboek"

    def ready(self) -> None:
        from schakel.audit import receivers  # noqa: F401  (connects the log-in receivers)
