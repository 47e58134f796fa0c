# SPDX-License-Identifier: EUPL-1.2
from django.apps import AppConfig


class CatalogConfig(AppConfig):
    name = "schakel.catalog"
    label = "catalog"
