# SPDX-License-Identifier: EUPL-1.2
"""A real OpenID Connect provider for the tests: django-oidc-provider in its own process.

Not part of Schakel. ``tests/accounts/oidc_provider.py`` starts it (``serve.py``) on a free
port with a throw-away SQLite database, users and one client for Schakel; Schakel then talks to
it over HTTP exactly as to a municipality's identity provider (authorisation code flow, RS256
signed ID tokens, JWKS, userinfo). See docs/adr/0004.
"""

from __future__ import annotations

import os
from pathlib import Path

HERE = Path(__file__).resolve().parent
SECRET_KEY = "test-identity-provider-not-a-secret"  # noqa: S105 - a test process only
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "oidc_provider",
]
MIDDLEWARE = [
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
]
ROOT_URLCONF = "tests.oidc_op.urls"
TEMPLATES = [{
    "BACKEND": "django.template.backends.django.DjangoTemplates",
    "DIRS": [HERE / "templates"],
    "APP_DIRS": True,
    "OPTIONS": {"context_processors": [
        "django.template.context_processors.request",
        "django.contrib.auth.context_processors.auth",
        "django.contrib.messages.context_processors.messages",
    ]},
}]
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3",
                         "NAME": os.environ.get("TEST_OP_DATABASE", str(HERE / "op.sqlite3"))}}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
USE_TZ = True
# Schakel runs on the same host (another port): browsers share cookies across ports, so the
# provider's cookies need names of their own.
SESSION_COOKIE_NAME = "op_sessionid"
CSRF_COOKIE_NAME = "op_csrftoken"
LOGIN_URL = "/login/"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
OIDC_EXTRA_SCOPE_CLAIMS = "tests.oidc_op.claims.SchakelScopeClaims"
OIDC_USERINFO = "tests.oidc_op.claims.userinfo"
OIDC_IDTOKEN_PROCESSING_HOOK = "tests.oidc_op.claims.idtoken_hook"
LOGGING = {"version": 1, "disable_existing_loggers": False,
           "root": {"handlers": [], "level": "WARNING"}}
