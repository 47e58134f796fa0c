# SPDX-License-Identifier: EUPL-1.2
"""Start the test identity provider (``tests/oidc_op``, django-oidc-provider) as a subprocess.

Used by the single sign-on tests in this folder and the browser test in
``tests/e2e/test_login_security.py``. The provider runs in its own Python process with its own
database, on a free port; Schakel reaches it only over HTTP.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CLIENT_ID = "schakel-test"
CLIENT_SECRET = "schakel-test-client-secret"

# People at the provider: organisation and roles as the provider asserts them. The roles are
# the provider's own names; SCHAKEL_OIDC_ROLE_MAP (see ``settings_for``) maps them.
PEOPLE = [
    {"username": "idp.coordinator", "password": "idp-pass-1", "given_name": "Iris",
     "family_name": "de Provider", "email": "iris@example.org",
     "organisation": "OOV-0482", "roles": ["mh-aandachtsfunctionaris"],
     "amr": ["pwd", "mfa"]},
    {"username": "idp.melder", "password": "idp-pass-2", "given_name": "Mo",
     "family_name": "Melder", "email": "mo@example.org",
     "organisation": "OOV-0482", "roles": ["medewerker"], "amr": ["pwd"]},
    {"username": "idp.stagiair", "password": "idp-pass-3", "given_name": "Sam",
     "family_name": "Stagiair", "email": "sam@example.org",
     "organisation": "OOV-0482", "roles": ["stagiair"], "amr": ["pwd"]},
    {"username": "idp.onbekend", "password": "idp-pass-4", "given_name": "Oda",
     "family_name": "Onbekend", "email": "oda@example.org",
     "organisation": "ONBEKEND-9999", "roles": ["medewerker"], "amr": ["pwd"]},
]
ROLE_MAP = "mh-aandachtsfunctionaris=coordinator,medewerker=melder"
ORGANISATION_MAP = "OOV-0482=alblasserdam-oov"


@dataclass
class Provider:
    url: str  # the issuer

    def settings_for(self) -> dict:
        """Schakel settings that point at this provider."""
        return {
            "SCHAKEL_OIDC_CLIENT_ID": CLIENT_ID, "OIDC_RP_CLIENT_ID": CLIENT_ID,
            "OIDC_RP_CLIENT_SECRET": CLIENT_SECRET,
            "OIDC_OP_AUTHORIZATION_ENDPOINT": f"{self.url}/authorize",
            "OIDC_OP_TOKEN_ENDPOINT": f"{self.url}/token",
            "OIDC_OP_USER_ENDPOINT": f"{self.url}/userinfo",
            "OIDC_OP_JWKS_ENDPOINT": f"{self.url}/jwks",
            "OIDC_RP_SCOPES": "openid profile email schakel",
            "SCHAKEL_OIDC_ISSUER": self.url,
            "SCHAKEL_OIDC_PROVIDER_NAME": "Testprovider",
            "SCHAKEL_OIDC_ROLE_MAP": ROLE_MAP,
            "SCHAKEL_OIDC_ORGANISATION_MAP": ORGANISATION_MAP,
        }


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def running_provider(redirect_uris: list[str]):
    """Run the provider until the block ends; yields a :class:`Provider`."""
    port = _free_port()
    with tempfile.TemporaryDirectory(prefix="schakel-op-") as tmp:
        config = Path(tmp) / "config.json"
        config.write_text(json.dumps({"client_id": CLIENT_ID, "client_secret": CLIENT_SECRET,
                                      "redirect_uris": redirect_uris, "users": PEOPLE}))
        env = {**os.environ, "TEST_OP_CONFIG": str(config),
               "TEST_OP_DATABASE": str(Path(tmp) / "op.sqlite3"),
               "PYTHONPATH": str(ROOT)}
        env.pop("DJANGO_SETTINGS_MODULE", None)
        env.pop("DATABASE_URL", None)
        process = subprocess.Popen(  # noqa: S603 - our own script
            [sys.executable, str(ROOT / "tests" / "oidc_op" / "serve.py"), str(port)],
            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            deadline = time.monotonic() + 60
            line = process.stdout.readline()
            if "READY" not in line:
                raise RuntimeError(f"test provider did not start: {line}{process.stderr.read()}")
            while time.monotonic() < deadline:  # the socket listens once READY is printed
                with socket.socket() as sock:
                    if sock.connect_ex(("127.0.0.1", port)) == 0:
                        break
                time.sleep(0.1)
            yield Provider(url=f"http://127.0.0.1:{port}/openid")
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
