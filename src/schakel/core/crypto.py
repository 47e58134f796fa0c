# SPDX-License-Identifier: EUPL-1.2
"""Symmetric encryption at rest: one small API over ``cryptography``'s Fernet and MultiFernet.

Why Fernet: it is authenticated encryption (AES-128-CBC + HMAC-SHA256) with a versioned token
format, so a changed or truncated ciphertext is refused instead of decrypting to garbage, and
the library is the maintained reference implementation. Why MultiFernet: keys can be rotated
without downtime. The keys come from ``SCHAKEL_FERNET_KEYS`` (comma-separated, **newest
first**): :func:`encrypt` always uses the newest key, :func:`decrypt` tries every key, and
:func:`rotate` re-encrypts a token under the newest key (``schakel keys rotate`` does this for
every stored blob). Remove an old key from the variable only after rotation has finished.

Used for attachments (:mod:`schakel.privacy`) and for the encrypted model fields
(:mod:`schakel.core.fields`): the functions take and return ``bytes``;
:func:`encrypt_text`/:func:`decrypt_text` wrap ``str``. :func:`keyed_hash` gives the HMACs
under ``SCHAKEL_HASH_KEY`` that make encrypted values findable by exact match.

The demo and test settings supply :data:`DEMO_FERNET_KEYS`, fixed and public, so the demo runs
without configuration; the production settings refuse to start without keys or with a demo key
(:func:`check_production_keys`).
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Sequence
from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

# Public, fixed keys for the demo and the test suite only. Never use them for real data:
# production refuses them. (Two keys, so rotation can be shown and tested.)
DEMO_FERNET_KEYS: tuple[str, ...] = (
    "T0DRvztiucDSmz1vDKod1jNgJX-7Cj7YRw2s5P4xcL0=",
    "hXVQ-uArZZSKEE_lCh33cF8DkORbGYt-JDa1No-pzO4=",
)


class DecryptionError(Exception):
    """The token was changed, truncated, or made with a key that is no longer configured."""


def _valid(key: str) -> bool:
    try:
        Fernet(key.encode("ascii"))
    except (ValueError, UnicodeEncodeError):
        return False
    return True


def check_keys(keys: Sequence[str]) -> None:
    """Refuse an empty list or a value that is not a Fernet key (32 url-safe base64 bytes)."""
    if not keys:
        raise ImproperlyConfigured(
            "SCHAKEL_FERNET_KEYS ontbreekt: zet minstens één Fernet-sleutel "
            "(maak er een met: schakel keys generate).")
    for position, key in enumerate(keys, start=1):
        if not _valid(key):
            raise ImproperlyConfigured(
                f"SCHAKEL_FERNET_KEYS: sleutel {position} is geen geldige Fernet-sleutel.")


def check_production_keys(keys: Sequence[str]) -> None:
    """What the production settings run: keys present, valid and none of the demo keys."""
    check_keys(keys)
    if set(keys) & set(DEMO_FERNET_KEYS):
        raise ImproperlyConfigured(
            "SCHAKEL_FERNET_KEYS bevat een demosleutel: zet eigen geheime sleutels.")


def configured_keys() -> tuple[str, ...]:
    """The keys from the settings, newest first."""
    return tuple(getattr(settings, "SCHAKEL_FERNET_KEYS", ()) or ())


@lru_cache(maxsize=4)
def _multi(keys: tuple[str, ...]) -> MultiFernet:
    check_keys(keys)
    return MultiFernet([Fernet(key.encode("ascii")) for key in keys])


@lru_cache(maxsize=4)
def _newest(keys: tuple[str, ...]) -> Fernet:
    check_keys(keys)
    return Fernet(keys[0].encode("ascii"))


def encrypt(data: bytes) -> bytes:
    """Encrypt ``data`` with the newest key; the token includes a timestamp and a MAC."""
    return _multi(configured_keys()).encrypt(data)


def decrypt(token: bytes) -> bytes:
    """Decrypt a token made with any configured key; raise :class:`DecryptionError` if none
    fits or the token was tampered with."""
    try:
        return _multi(configured_keys()).decrypt(token)
    except InvalidToken:
        raise DecryptionError("token cannot be decrypted with the configured keys") from None


def rotate(token: bytes) -> bytes:
    """The same plaintext, encrypted again under the newest key (keeps the original timestamp)."""
    try:
        return _multi(configured_keys()).rotate(token)
    except InvalidToken:
        raise DecryptionError("token cannot be decrypted with the configured keys") from None


def is_current(token: bytes) -> bool:
    """Whether ``token`` was made with the newest key (so rotation can skip it and count it)."""
    try:
        _newest(configured_keys()).decrypt(token)
    except InvalidToken:
        return False
    return True


def encrypt_text(text: str) -> bytes:
    return encrypt(text.encode("utf-8"))


def decrypt_text(token: bytes) -> str:
    return decrypt(token).decode("utf-8")


def generate_key() -> str:
    """A new random key, for ``schakel keys generate``."""
    return Fernet.generate_key().decode("ascii")


def keyed_hash(purpose: str, text: str) -> str:
    """HMAC-SHA256 of ``text`` under ``SCHAKEL_HASH_KEY``, separated per ``purpose``.

    Why keyed: a plain hash of a name, a birth year or a BSN can be reversed by hashing every
    candidate; without the key that is impossible. The purpose is mixed into the key so that
    the hashes of one use (search words) never equal those of another (names)."""
    secret = getattr(settings, "SCHAKEL_HASH_KEY", "")
    if not secret:
        raise ImproperlyConfigured("SCHAKEL_HASH_KEY ontbreekt.")
    purpose_key = hmac.new(secret.encode("utf-8"), purpose.encode("utf-8"),
                           hashlib.sha256).digest()
    return hmac.new(purpose_key, text.encode("utf-8"), hashlib.sha256).hexdigest()
