# SPDX-License-Identifier: EUPL-1.2
"""The demo that ``make run`` serves: embedded SQLite, demo accounts, a banner on every page."""

from schakel.conf.base import *  # noqa: F403

SCHAKEL_DEMO = True
# A public key for BSN hashes in the entity index unless the environment sets its own.
SCHAKEL_HASH_KEY = SCHAKEL_HASH_KEY or DEMO_HASH_KEY  # noqa: F405
# The demo relaxes two-factor authentication (a banner on every page says so); set
# SCHAKEL_REQUIRE_TWO_FACTOR=true to try enrolment in the demo.
SCHAKEL_REQUIRE_2FA = env_bool("SCHAKEL_REQUIRE_TWO_FACTOR", False)  # noqa: F405

# Public demo keys for encrypting attachments unless the environment sets its own.
if not SCHAKEL_FERNET_KEYS:  # noqa: F405
    from schakel.core.crypto import DEMO_FERNET_KEYS

    SCHAKEL_FERNET_KEYS = list(DEMO_FERNET_KEYS)
