# SPDX-License-Identifier: EUPL-1.2
"""Production: refuses to start with DEBUG on or with the demo secret, and hardens transport."""

from django.core.exceptions import ImproperlyConfigured

from schakel.conf.base import *  # noqa: F403
from schakel.conf.base import DEBUG, DEMO_SECRET_KEY, HSTS_SECONDS, SECRET_KEY, STORAGES

if DEBUG:
    raise ImproperlyConfigured("DEBUG staat aan: productie start niet met DEBUG=true.")
if SECRET_KEY == DEMO_SECRET_KEY or len(SECRET_KEY) < 40:
    raise ImproperlyConfigured(
        "SECRET_KEY ontbreekt of is de demosleutel: zet een eigen geheime sleutel (40+ tekens)."
    )

SCHAKEL_DEMO = False
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_SSL_REDIRECT = True
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = HSTS_SECONDS
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
