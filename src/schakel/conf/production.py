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
# Attachments are encrypted at rest: no keys, an invalid key or a public demo key stops start-up.
from schakel.conf.base import SCHAKEL_FERNET_KEYS  # noqa: E402
from schakel.core.crypto import check_production_keys  # noqa: E402

check_production_keys(SCHAKEL_FERNET_KEYS)

SCHAKEL_DEMO = False
# BSN hashes in the entity index need a key of their own, never the public demo key.
from schakel.conf.base import DEMO_HASH_KEY, SCHAKEL_HASH_KEY  # noqa: E402

if not SCHAKEL_HASH_KEY or SCHAKEL_HASH_KEY == DEMO_HASH_KEY or len(SCHAKEL_HASH_KEY) < 32:
    raise ImproperlyConfigured(
        "SCHAKEL_HASH_KEY ontbreekt of is de demosleutel: zet een eigen geheime sleutel "
        "(32+ tekens) voor de BSN-hashes."
    )
# Two-factor authentication is not optional in production (docs/security.md).
from schakel.conf.base import SCHAKEL_REQUIRE_2FA  # noqa: E402

if not SCHAKEL_REQUIRE_2FA:
    raise ImproperlyConfigured(
        "SCHAKEL_REQUIRE_TWO_FACTOR staat uit: productie start niet zonder "
        "tweestapsverificatie."
    )
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
