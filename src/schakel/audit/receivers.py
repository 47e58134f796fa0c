# SPDX-License-Identifier: EUPL-1.2
"""Log-ins, log-outs and failed log-ins go to the access log (BIO 8.15.01)."""

from __future__ import annotations

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from schakel.audit import services


@receiver(user_logged_in)
def _logged_in(sender, request, user, **kwargs) -> None:
    services.record(actor=user, action="login", object_type="session", request=request,
                    purpose="authentication", legal_basis="")


@receiver(user_logged_out)
def _logged_out(sender, request, user, **kwargs) -> None:
    if user is not None:
        services.record(actor=user, action="logout", object_type="session", request=request,
                        purpose="authentication", legal_basis="")


@receiver(user_login_failed)
def _login_failed(sender, credentials, request=None, **kwargs) -> None:
    # The attempted username is personal data of its own; only the fact is logged.
    services.record(actor=None, action="login_failed", object_type="session", result="denied",
                    request=request, purpose="authentication", legal_basis="")
