# SPDX-License-Identifier: EUPL-1.2
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    """Attachments (encrypted at rest), retention, the deletion register and subject rights."""

    name = "schakel.privacy"
    label = "privacy"
    verbose_name = _("Privacy en bewaren")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from schakel.privacy import receivers  # noqa: F401 - connects the blob clean-up
