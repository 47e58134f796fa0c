# SPDX-License-Identifier: EUPL-1.2
"""Template values for log-in security: the 2FA banner and the single sign-on button."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest

from schakel.accounts import oidc, twofactor


def security(request: HttpRequest) -> dict:
    return {
        # shown as a banner on every page: nobody should think 2FA protects this installation
        "twofactor_relaxed": not twofactor.is_enforced(),
        "sso_login": {
            "enabled": oidc.is_enabled(),
            "name": getattr(settings, "SCHAKEL_OIDC_PROVIDER_NAME", ""),
        },
    }
