# SPDX-License-Identifier: EUPL-1.2
"""Encryption at rest: round trip, tamper detection, key rotation, and production refusing to
start without real keys."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from cryptography.fernet import Fernet
from django.core.exceptions import ImproperlyConfigured

from schakel.core import crypto

OLD, NEW = Fernet.generate_key().decode(), Fernet.generate_key().decode()


def test_round_trip_and_the_plaintext_is_not_in_the_token(settings):
    settings.SCHAKEL_FERNET_KEYS = [NEW]
    token = crypto.encrypt(b"paspoort van het slachtoffer")
    assert b"paspoort" not in token
    assert crypto.decrypt(token) == b"paspoort van het slachtoffer"
    assert crypto.decrypt_text(crypto.encrypt_text("Jansen")) == "Jansen"


def test_a_changed_token_is_refused_not_decrypted_to_garbage(settings):
    settings.SCHAKEL_FERNET_KEYS = [NEW]
    token = bytearray(crypto.encrypt(b"inhoud"))
    token[20] ^= 1
    with pytest.raises(crypto.DecryptionError):
        crypto.decrypt(bytes(token))


def test_rotation_moves_old_tokens_to_the_newest_key(settings):
    settings.SCHAKEL_FERNET_KEYS = [OLD]
    token = crypto.encrypt(b"foto")
    settings.SCHAKEL_FERNET_KEYS = [NEW, OLD]  # new key first, old still readable
    assert crypto.decrypt(token) == b"foto"
    assert not crypto.is_current(token)
    rotated = crypto.rotate(token)
    assert crypto.is_current(rotated)
    settings.SCHAKEL_FERNET_KEYS = [NEW]  # old key retired after rotation
    assert crypto.decrypt(rotated) == b"foto"
    with pytest.raises(crypto.DecryptionError):
        crypto.decrypt(token)


@pytest.mark.parametrize("keys", [[], ["geen-sleutel"], [crypto.DEMO_FERNET_KEYS[0]],
                                  [NEW, crypto.DEMO_FERNET_KEYS[1]]])
def test_production_refuses_missing_invalid_or_demo_keys(keys):
    with pytest.raises(ImproperlyConfigured):
        crypto.check_production_keys(keys)


def test_production_accepts_own_keys():
    crypto.check_production_keys([NEW, OLD])


def _production_import(keys: str | None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "SCHAKEL_FERNET_KEYS"}
    env.update(SECRET_KEY="x" * 50, DJANGO_SETTINGS_MODULE="schakel.conf.production")
    if keys is not None:
        env["SCHAKEL_FERNET_KEYS"] = keys
    return subprocess.run([sys.executable, "-c", "import schakel.conf.production"], env=env,
                          capture_output=True, text=True, timeout=60, check=False)


def test_the_production_settings_do_not_load_without_own_keys():
    refused = _production_import(None)
    assert refused.returncode != 0 and "SCHAKEL_FERNET_KEYS" in refused.stderr
    demo = _production_import(",".join(crypto.DEMO_FERNET_KEYS))
    assert demo.returncode != 0 and "SCHAKEL_FERNET_KEYS bevat een demosleutel" in demo.stderr
    accepted = _production_import(f"{NEW},{OLD}")
    # (other settings, such as other helpers' keys, may still refuse; ours must not)
    assert "SCHAKEL_FERNET_KEYS" not in accepted.stderr
