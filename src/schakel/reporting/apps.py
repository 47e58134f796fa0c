# SPDX-License-Identifier: EUPL-1.2
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportingConfig(AppConfig):
    name = "schakel.reporting"
    label = "reporting"
    verbose_name = _("Rapportage")
    default_auto_field = "django.db.models.BigAutoField"
