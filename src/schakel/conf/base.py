# SPDX-License-Identifier: EUPL-1.2
"""Settings shared by every environment; everything variable comes from the environment.

The thin layers ``demo``, ``test`` and ``production`` import this module and change only what
differs. See ``docs/configuration.md`` for the table of variables.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF, UNSAFE_INLINE
from django.utils.translation import gettext_lazy as _

from schakel.conf.env import env, env_bool, env_int, env_list

PACKAGE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = Path(env("SCHAKEL_DATA_DIR", str(Path.cwd() / "var"))).resolve()

DEMO_SECRET_KEY = "schakel-demo-secret-do-not-use-in-production"  # noqa: S105 - refused by production
SECRET_KEY = env("SECRET_KEY", DEMO_SECRET_KEY)
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_htmx",
    "csp",
    "axes",
    # two-factor authentication: TOTP apps and one-time recovery codes (schakel.accounts)
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "schakel.core",
    "schakel.accounts",
    "schakel.catalog",
    "schakel.audit",
    "schakel.signals",
    "schakel.cases",
    "schakel.scans",
    "schakel.policy",
    "schakel.api",
    "schakel.reporting",
    "schakel.privacy",
    "schakel.linking",
    "schakel.exports",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    # sends a user of a 2FA role to the code page until the session is verified
    "schakel.accounts.middleware.TwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
]

# Lock-out after repeated failed log-ins (django-axes): per user name and address, so an
# attacker can neither guess a password nor lock a colleague out from everywhere.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "schakel.accounts.oidc.SchakelOIDCBackend",  # single sign-on; inactive unless configured
]
AXES_FAILURE_LIMIT = env_int("SCHAKEL_LOGIN_ATTEMPTS", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("SCHAKEL_LOCKOUT_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False  # its log lines would name the attempted user name
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"

# Two-factor authentication (django-otp, see docs/security.md). Required for the roles below
# unless switched off; production refuses to start with it off, the demo switches it off and
# says so in a banner. Wrong codes count as failed log-ins for the lock-out above.
SCHAKEL_REQUIRE_2FA = env_bool("SCHAKEL_REQUIRE_TWO_FACTOR", True)
SCHAKEL_2FA_ROLES = ("coordinator", "partner_handler", "privacy_officer", "functional_admin")
OTP_TOTP_ISSUER = "Schakel"
OTP_ADMIN_HIDE_SENSITIVE_DATA = True

# Single sign-on with OpenID Connect (mozilla-django-oidc), off while no client id is set.
# Claims map to an organisation and roles through the tables below (docs/security.md).
SCHAKEL_OIDC_CLIENT_ID = env("SCHAKEL_OIDC_CLIENT_ID", "")
SCHAKEL_OIDC_PROVIDER_NAME = env("SCHAKEL_OIDC_PROVIDER_NAME", "uw organisatie")
SCHAKEL_OIDC_ISSUER = env("SCHAKEL_OIDC_ISSUER", "")
SCHAKEL_OIDC_USERNAME_CLAIM = env("SCHAKEL_OIDC_USERNAME_CLAIM", "preferred_username")
SCHAKEL_OIDC_ORGANISATION_CLAIM = env("SCHAKEL_OIDC_ORGANISATION_CLAIM", "schakel_organisation")
SCHAKEL_OIDC_ORGANISATION_MAP = env("SCHAKEL_OIDC_ORGANISATION_MAP", "")
SCHAKEL_OIDC_ROLES_CLAIM = env("SCHAKEL_OIDC_ROLES_CLAIM", "roles")
SCHAKEL_OIDC_ROLE_MAP = env("SCHAKEL_OIDC_ROLE_MAP", "")
SCHAKEL_OIDC_MFA_AMR = env_list("SCHAKEL_OIDC_MFA_AMR", "mfa")
SCHAKEL_OIDC_MFA_ACR = env_list("SCHAKEL_OIDC_MFA_ACR", "")
OIDC_RP_CLIENT_ID = SCHAKEL_OIDC_CLIENT_ID
OIDC_RP_CLIENT_SECRET = env("SCHAKEL_OIDC_CLIENT_SECRET", "")
OIDC_OP_AUTHORIZATION_ENDPOINT = env("SCHAKEL_OIDC_AUTHORIZATION_ENDPOINT", "")
OIDC_OP_TOKEN_ENDPOINT = env("SCHAKEL_OIDC_TOKEN_ENDPOINT", "")
OIDC_OP_USER_ENDPOINT = env("SCHAKEL_OIDC_USERINFO_ENDPOINT", "")
OIDC_OP_JWKS_ENDPOINT = env("SCHAKEL_OIDC_JWKS_ENDPOINT", "")
OIDC_RP_SIGN_ALGO = env("SCHAKEL_OIDC_SIGN_ALGO", "RS256")
OIDC_RP_SCOPES = env("SCHAKEL_OIDC_SCOPES", "openid profile email")
OIDC_USE_PKCE = True
OIDC_TIMEOUT = 10
OIDC_AUTHENTICATION_CALLBACK_URL = "accounts:sso_callback"
LOGIN_REDIRECT_URL_FAILURE = "login"

# Content-Security-Policy: no inline or foreign scripts anywhere (templates load htmx as a
# file). Inline style attributes stay allowed for the Django admin and the API docs page.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

ROOT_URLCONF = "schakel.urls"
WSGI_APPLICATION = "schakel.wsgi.application"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "schakel.core.context_processors.schakel",
                "schakel.accounts.context_processors.security",
            ],
        },
    }
]

# One cache shared by every worker process and kept across restarts: reporting keeps the counts
# of earlier years there (``schakel reports warm`` fills it nightly). It holds aggregates only.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": str(DATA_DIR / "cache"),
        "TIMEOUT": 3600,
    }
}

DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL") or f"sqlite:///{DATA_DIR / 'schakel.sqlite3'}",
        conn_max_age=60,
    )
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # WAL lets readers work while a writer commits; the timeout absorbs short lock waits.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL;",
        "transaction_mode": "IMMEDIATE",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
     "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Nederlands")), ("en", _("Engels"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = env("SCHAKEL_TIME_ZONE", "Europe/Amsterdam")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
MEDIA_ROOT = DATA_DIR / "uploads"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Production adds gzip/brotli compression (slow to build, so not for the demo's start-up).
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
}

# Theme: NL Design System component CSS plus a token theme. A municipality plugs in its own theme
# by pointing these at its own token stylesheet (a static path or an absolute URL) and class name.
SCHAKEL_THEME_CSS = env("SCHAKEL_THEME_CSS", "vendor/voorbeeld-theme/theme.css")
SCHAKEL_THEME_CLASS = env("SCHAKEL_THEME_CLASS", "voorbeeld-theme")

# E-mail: deadline reminders carry a link and a reference number only, never case content.
EMAIL_HOST = env("EMAIL_HOST", "")
EMAIL_PORT = env_int("EMAIL_PORT", 587)
EMAIL_HOST_USER = env("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "schakel@localhost")
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend"
)
SCHAKEL_BASE_URL = env("SCHAKEL_BASE_URL", "http://127.0.0.1:8000")

HSTS_SECONDS = env_int("SCHAKEL_HSTS_SECONDS", 31536000)  # applied by the production layer
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = env_int("SCHAKEL_SESSION_IDLE_SECONDS", 30 * 60)
SESSION_SAVE_EVERY_REQUEST = True  # the age above is therefore an idle timeout
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "schakel.api.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "EXCEPTION_HANDLER": "schakel.api.errors.exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Schakel API",
    "DESCRIPTION": "API v1 of Schakel for partner systems. Every call is scoped and logged.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    # documents the 400/401/403/404/409 answers every operation can give
    "POSTPROCESSING_HOOKS": ["drf_spectacular.hooks.postprocess_schema_enums",
                             "schakel.api.schema.add_error_responses"],
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env("SCHAKEL_LOG_LEVEL", "INFO")},
}

# Encryption at rest (attachments, later fields): Fernet keys, comma-separated, newest first.
# The demo and test layers fall back to public demo keys; production refuses to start without
# its own keys (see schakel.core.crypto and docs/privacy.md).
SCHAKEL_FERNET_KEYS = env_list("SCHAKEL_FERNET_KEYS", "")
# Attachments: the largest file accepted, in megabytes (checked on the received bytes).
SCHAKEL_ATTACHMENT_MAX_MB = env_int("SCHAKEL_ATTACHMENT_MAX_MB", 10)
# Encrypted attachment blobs live here (never plaintext on disk).
SCHAKEL_ATTACHMENT_DIR = DATA_DIR / "attachments"
# Uploads stay in memory (no plaintext temporary file on disk); a larger body is not read.
FILE_UPLOAD_HANDLERS = ["django.core.files.uploadhandler.MemoryFileUploadHandler"]
FILE_UPLOAD_MAX_MEMORY_SIZE = (SCHAKEL_ATTACHMENT_MAX_MB + 1) * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 2621440  # form fields other than files (Django's default)

# Reporting: counts from 1 to THRESHOLD-1 are shown as "<THRESHOLD" outside casework
# (schakel.reporting.suppression; reporting-interop.md §4.5).
SCHAKEL_SUPPRESSION_THRESHOLD = env_int("SCHAKEL_SUPPRESSION_THRESHOLD", 5)

# The key of the keyed hashes (HMAC-SHA256) that make encrypted data findable: the inbox
# search index, name hashes and the linking index (where a BSN is kept only as such a hash).
# The demo and test layers fall back to a public demo key; production refuses to start
# without its own (schakel.core.fields, docs/security.md "Encryption at rest").
DEMO_HASH_KEY = "schakel-demo-hash-key-do-not-use-in-production"  # noqa: S105 - refused by production
SCHAKEL_HASH_KEY = env("SCHAKEL_HASH_KEY", "")

# `schakel reminders send`: also warn about deadlines within this many days (0: overdue only).
SCHAKEL_REMINDER_DAYS_BEFORE = env_int("SCHAKEL_REMINDER_DAYS_BEFORE", 2)

# Set by the demo layer: shows a banner on every page and allows the demo accounts.
SCHAKEL_DEMO = False
