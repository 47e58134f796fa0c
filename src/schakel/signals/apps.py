# SPDX-License-Identifier: EUPL-1.2
from django.apps import AppConfig


class SignalsConfig(AppConfig):
    name = "schakel.signals"
    label = "signals"
