# SPDX-License-Identifier: EUPL-1.2
"""Settings for the test suite: fast hashing, in-memory mail, plain static storage."""

from schakel.conf.base import *  # noqa: F403
from schakel.conf.base import STORAGES

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
SCHAKEL_DEMO = True
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
