# SPDX-License-Identifier: EUPL-1.2
"""Start the test identity provider: ``python tests/oidc_op/serve.py PORT``.

Reads ``TEST_OP_CONFIG`` (JSON: client_id, client_secret, redirect_uris, users) and
``TEST_OP_DATABASE`` (a fresh SQLite path), migrates, creates an RSA signing key, the users and
the client, prints ``READY`` and serves until killed. Threaded, because the browser and Schakel's
back channel (token, JWKS, userinfo) talk to it at the same time.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from socketserver import ThreadingMixIn
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ["DJANGO_SETTINGS_MODULE"] = "tests.oidc_op.settings"


class _ThreadingServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - signature of the base class
        pass


def _seed(config: dict) -> None:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from django.contrib.auth.models import User
    from oidc_provider.models import Client, ResponseType, RSAKey

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    RSAKey.objects.create(key=key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption()).decode("ascii"))
    for person in config["users"]:
        User.objects.create_user(person["username"], password=person["password"])
    client = Client.objects.create(
        name="Schakel", client_type="confidential", client_id=config["client_id"],
        client_secret=config["client_secret"], jwt_alg="RS256", require_consent=False,
        reuse_consent=True, _redirect_uris="\n".join(config["redirect_uris"]),
        _scope="openid profile email schakel")
    client.response_types.set([ResponseType.objects.get(value="code")])


def main() -> None:
    port = int(sys.argv[1])
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0, interactive=False)
    with open(os.environ["TEST_OP_CONFIG"], encoding="utf-8") as handle:
        _seed(json.load(handle))
    from django.core.wsgi import get_wsgi_application

    server = make_server("127.0.0.1", port, get_wsgi_application(),
                         server_class=_ThreadingServer, handler_class=_QuietHandler)
    print("READY", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
