# SPDX-License-Identifier: EUPL-1.2
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ScansConfig(AppConfig):
    name = "schakel.scans"
    label = "scans"
    verbose_name = _("Registerscans")
    default_auto_field = "django.db.models.BigAutoField"
