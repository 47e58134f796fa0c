# SPDX-License-Identifier: EUPL-1.2
from django.apps import AppConfig


class SignalsConfig(AppConfig):
    name = "schakel.signals"
    label = "signals"
    verbose_name = "Signalen"

    def ready(self) -> None:
        from schakel.signals import intelligence  # noqa: F401  (connects the receivers)
