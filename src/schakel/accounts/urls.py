# SPDX-License-Identifier: EUPL-1.2
"""Log-in security: two-factor pages, the account's security page and single sign-on."""

from django.urls import path

from schakel.accounts import views

app_name = "accounts"

urlpatterns = [
    path("inloggen/tweestaps/", views.verify, name="2fa_verify"),
    path("inloggen/tweestaps/instellen/", views.setup, name="2fa_setup"),
    path("inloggen/tweestaps/herstelcodes/", views.recovery_codes, name="2fa_codes"),
    path("inloggen/sso/", views.sso_start, name="sso_start"),
    path("inloggen/sso/terug/", views.sso_callback, name="sso_callback"),
    path("account/beveiliging/", views.security, name="security"),
]
