# SPDX-License-Identifier: EUPL-1.2
from django.apps import AppConfig


class LinkingConfig(AppConfig):
    name = "schakel.linking"
    label = "linking"
    verbose_name = "Koppelingen"

    def ready(self) -> None:
        from schakel.linking import receivers  # noqa: F401  (subscribes to signal events)
