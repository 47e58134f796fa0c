# SPDX-License-Identifier: EUPL-1.2
"""Settings for the test suite: fast hashing, in-memory mail, plain static storage."""

import os
import tempfile
from pathlib import Path

from schakel.conf.base import *  # noqa: F403
from schakel.conf.base import STORAGES

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Per process, so parallel test workers never see each other's cached reports.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
SCHAKEL_DEMO = True
SCHAKEL_HASH_KEY = SCHAKEL_HASH_KEY or DEMO_HASH_KEY  # noqa: F405  (public demo key for BSN hashes)
# Off for the suite (tests log in with force_login or the demo password); the tests of
# tests/accounts and tests/e2e/test_login_security.py switch it on.
SCHAKEL_REQUIRE_2FA = False
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True

# Fixed public keys and a throw-away directory for encrypted attachments.
if not SCHAKEL_FERNET_KEYS:  # noqa: F405
    from schakel.core.crypto import DEMO_FERNET_KEYS

    SCHAKEL_FERNET_KEYS = list(DEMO_FERNET_KEYS)
SCHAKEL_ATTACHMENT_DIR = Path(tempfile.gettempdir()) / f"schakel-test-attachments-{os.getpid()}"
