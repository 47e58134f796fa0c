# SPDX-License-Identifier: EUPL-1.2
from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "schakel.accounts"
    label = "accounts"
