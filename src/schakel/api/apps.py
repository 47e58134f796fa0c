# SPDX-License-Identifier: EUPL-1.2
from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "schakel.api"
    label = "api"
