# SPDX-License-Identifier: EUPL-1.2
"""Compute TOTP codes the way an authenticator app does (django-otp's RFC 6238 implementation)."""

from __future__ import annotations

import base64
import time

from django_otp.oath import TOTP


def app_code(device, steps_ahead: int = 0) -> str:
    """The code an app shows for ``device`` now (or ``steps_ahead`` periods of 30 s later)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + steps_ahead * device.step
    return f"{totp.token():0{device.digits}d}"


def secret_code(secret_text: str, steps_ahead: int = 0) -> str:
    """The code for a secret typed in by hand (base32 in groups of four, as the page shows it)."""
    compact = secret_text.replace(" ", "").strip().upper()
    key = base64.b32decode(compact + "=" * (-len(compact) % 8))
    totp = TOTP(key, 30, 0, 6, 0)
    totp.time = time.time() + steps_ahead * 30
    return f"{totp.token():06d}"
