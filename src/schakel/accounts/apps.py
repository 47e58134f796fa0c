# SPDX-License-Identifier: EUPL-1.2
from django.apps import AppConfig
from django.db.models.signals import post_migrate


class AccountsConfig(AppConfig):
    name = "schakel.accounts"
    label = "accounts"
    verbose_name = "Accounts"

    def ready(self) -> None:
        from schakel.accounts.services import add_missing_role_permissions

        post_migrate.connect(add_missing_role_permissions,
                             dispatch_uid="schakel-role-permissions")
