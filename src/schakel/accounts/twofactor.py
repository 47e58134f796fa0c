# SPDX-License-Identifier: EUPL-1.2
"""Two-factor authentication: TOTP apps (django-otp) with one-time recovery codes.

Who needs it is a setting (``SCHAKEL_REQUIRE_2FA``) plus a role list (``SCHAKEL_2FA_ROLES``):
the roles that see case content or manage who sees it. A session counts as verified when
django-otp has marked it (a code was entered in this session), or when the identity provider
asserted multi-factor authentication at a single sign-on (:mod:`schakel.accounts.oidc`).

Every event (enrolment, success, failure, recovery code used, codes renewed, reset) goes to the
access log. Wrong codes count as failed log-ins for django-axes, so the same lock-out applies to
guessing a code as to guessing a password.
"""

from __future__ import annotations

import base64
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from schakel.accounts.models import SecureTOTPDevice
from schakel.audit import services as audit
from schakel.core import crypto

RECOVERY_CODE_COUNT = 10
TOTP_NAME = "Authenticator-app"
RECOVERY_NAME = "Herstelcodes"
RECOVERY_PURPOSE = "2fa_recovery_code"  # keyed-hash purpose of stored recovery codes
# Set in the session when the identity provider asserted MFA (amr/acr) at an SSO login.
IDP_MFA_SESSION_KEY = "schakel_mfa_by_idp"
# Recovery codes just generated, shown once on the next page and then removed from the session.
FRESH_CODES_SESSION_KEY = "schakel_fresh_recovery_codes"


# --- who needs it --------------------------------------------------------------------------------

def is_enforced() -> bool:
    return bool(getattr(settings, "SCHAKEL_REQUIRE_2FA", True))


def role_requires_2fa(user) -> bool:
    """True for users holding one of the 2FA roles (and for superusers: they can grant those)."""
    if not getattr(user, "is_authenticated", False):
        return False
    if user.is_superuser:
        return True
    roles = set(getattr(settings, "SCHAKEL_2FA_ROLES", ()))
    return user.groups.filter(name__in=roles).exists()


def session_is_verified(request: HttpRequest) -> bool:
    user = request.user
    verified = getattr(user, "is_verified", None)
    if callable(verified) and verified():
        return True
    return bool(request.session.get(IDP_MFA_SESSION_KEY))


def needs_verification(request: HttpRequest) -> bool:
    """Whether this request's user must still enter a code before doing anything else."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not is_enforced():
        return False
    if session_is_verified(request):
        return False
    # a role that requires it, or someone who chose to connect an app: then it is always asked
    return role_requires_2fa(user) or confirmed_totp(user) is not None


# --- devices -------------------------------------------------------------------------------------

def confirmed_totp(user) -> SecureTOTPDevice | None:
    return (SecureTOTPDevice.objects.filter(user=user, confirmed=True,
                                            schakel_secret__isnull=False)
            .select_related("schakel_secret").order_by("id").first())


def pending_totp(user) -> SecureTOTPDevice:
    """The unconfirmed device of an enrolment in progress; the same one on every reload, so the
    QR code does not change while the user is scanning it. Its secret is stored encrypted
    (:class:`~schakel.accounts.models.TOTPSecret`)."""
    device = (SecureTOTPDevice.objects.filter(user=user, confirmed=False,
                                              schakel_secret__isnull=False)
              .order_by("id").first())
    if device is None:
        device = SecureTOTPDevice.create_for(user, TOTP_NAME)
    return device


def secret_text(device: SecureTOTPDevice) -> str:
    """The base32 secret in groups of four, for typing into an app by hand."""
    secret = base64.b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(secret[i:i + 4] for i in range(0, len(secret), 4))


def qr_data_uri(device: SecureTOTPDevice) -> str:
    """The enrolment QR code as an SVG data URI (allowed by the CSP's ``img-src data:``)."""
    import segno

    return segno.make(device.config_url, error="m").svg_data_uri(scale=5, border=2)


def remaining_recovery_codes(user) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def _format_code(raw: str) -> str:
    return f"{raw[:4]}-{raw[4:]}"


def normalise_code(code: str) -> str:
    """Accept codes with spaces or a dash and in any case, as people type them."""
    return "".join(ch for ch in code.lower() if ch.isalnum())


def stored_code(code: str) -> str:
    """What the database keeps of a recovery code: a keyed hash (16 hex characters, the length
    of django-otp's token column), so that reading the database does not give anyone a way
    past the second factor. The code itself is shown once and never stored."""
    return crypto.keyed_hash(RECOVERY_PURPOSE, normalise_code(code))[:16]


def _new_raw_code() -> str:
    alphabet = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i: read off paper reliably
    return "".join(secrets.choice(alphabet) for _ in range(8))


@transaction.atomic
def new_recovery_codes(user, request: HttpRequest | None = None, *, audit_event: bool = True
                       ) -> list[str]:
    """Replace the user's recovery codes by ten new ones (the old ones stop working) and return
    them for showing once. Each code works once."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY_NAME, confirmed=True)
    raw = [_new_raw_code() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=stored_code(code))
                                    for code in raw)
    if audit_event:
        _record(user, "update", "2fa.recovery_codes", request)
    return [_format_code(code) for code in raw]


@transaction.atomic
def confirm_enrolment(request: HttpRequest, device: SecureTOTPDevice, code: str
                      ) -> list[str] | None:
    """Confirm a new app with a first code: on success the device counts, the session is verified,
    and ten recovery codes are returned (to show once). ``None`` when the code is wrong."""
    user = request.user
    if device.user_id != user.pk or device.confirmed:
        return None
    if not device.verify_token(normalise_code(code)):
        _record(user, "login_failed", "2fa.enrolment", request, result="invalid")
        return None
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    otp_login(request, device)
    request.session.cycle_key()
    _record(user, "create", "2fa.enrolment", request)
    return new_recovery_codes(user, request, audit_event=False)


# --- verifying a log-in ---------------------------------------------------------------------

@dataclass(frozen=True)
class Verification:
    ok: bool
    method: str = ""  # "totp" or "recovery_code"
    remaining_codes: int = 0
    throttled: bool = False


def verify(request: HttpRequest, code: str) -> Verification:
    """Check a code from the app, or else a recovery code, for the signed-in user, and mark the
    session verified on success. A recovery code is used up by this."""
    user = request.user
    token = normalise_code(code)
    totp = confirmed_totp(user)
    throttled = False
    if totp is not None and len(token) == totp.digits and token.isdigit():
        allowed, _ = totp.verify_is_allowed()
        throttled = not allowed
        if allowed and totp.verify_token(token):
            return _verified(request, totp, "totp")
    elif token:
        for device in StaticDevice.objects.filter(user=user, confirmed=True):
            allowed, _ = device.verify_is_allowed()
            throttled = throttled or not allowed
            if allowed and device.verify_token(stored_code(token)):
                return _verified(request, device, "recovery_code")
    _record(user, "login_failed", "2fa", request, result="denied")
    return Verification(False, throttled=throttled)


def _verified(request: HttpRequest, device, method: str) -> Verification:
    otp_login(request, device)
    request.session.cycle_key()  # a new session id for the now fully signed-in session
    _record(request.user, "login", f"2fa.{method}", request)
    return Verification(True, method, remaining_recovery_codes(request.user))


@transaction.atomic
def reset_devices(actor, user, request: HttpRequest | None = None) -> int:
    """Remove a user's app and recovery codes (a lost phone): at the next log-in they enrol
    again. Done by a functional administrator; logged with the affected account's id."""
    deleted = 0
    for model in (TOTPDevice, StaticDevice):
        count, _ = model.objects.filter(user=user).delete()
        deleted += count
    audit.record(actor=actor, action="delete", object_type="2fa.devices",
                 object_refs=[f"user:{user.pk}"], request=request,
                 purpose="authentication", legal_basis="")
    return deleted


def _record(user, action: str, object_type: str, request: HttpRequest | None,
            result: str = "ok") -> None:
    audit.record(actor=user, action=action, object_type=object_type, result=result,
                 request=request, purpose="authentication", legal_basis="")
