# SPDX-License-Identifier: EUPL-1.2
"""Production cannot run without two-factor authentication; the demo may, and says so."""

from __future__ import annotations

import os
import subprocess
import sys

from cryptography.fernet import Fernet


def _import(module: str, **env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items()
             if not k.startswith("SCHAKEL_") and k not in {"SECRET_KEY", "DEBUG"}}
    # the other production checks (secret, encryption and hash keys) satisfied
    base = {"SECRET_KEY": "p" * 50, "SCHAKEL_FERNET_KEYS": Fernet.generate_key().decode(),
            "SCHAKEL_HASH_KEY": "h" * 40}
    return subprocess.run(  # noqa: S603 - our own interpreter
        [sys.executable, "-c",
         f"import {module} as s; print('2FA', s.SCHAKEL_REQUIRE_2FA)"],
        env={**clean, **base, **env}, capture_output=True, text=True, check=False)


def test_production_refuses_to_start_with_two_factor_off():
    result = _import("schakel.conf.production", SCHAKEL_REQUIRE_TWO_FACTOR="false")
    assert result.returncode != 0 and "SCHAKEL_REQUIRE_TWO_FACTOR" in result.stderr


def test_production_requires_two_factor_by_default():
    result = _import("schakel.conf.production")
    assert "2FA True" in result.stdout, result.stderr[-500:]


def test_the_demo_relaxes_two_factor_unless_asked():
    assert "2FA False" in _import("schakel.conf.demo").stdout
    assert "2FA True" in _import("schakel.conf.demo", SCHAKEL_REQUIRE_TWO_FACTOR="true").stdout
