# SPDX-License-Identifier: EUPL-1.2
"""The test provider's users carry an organisation, roles and an ``amr`` from the config file."""

from __future__ import annotations

import json
import os
from functools import cache

from django.utils.translation import gettext_lazy as _
from oidc_provider.lib.claims import ScopeClaims


@cache
def _people() -> dict[str, dict]:
    with open(os.environ["TEST_OP_CONFIG"], encoding="utf-8") as handle:
        return {person["username"]: person for person in json.load(handle)["users"]}


def userinfo(claims: dict, user) -> dict:
    person = _people().get(user.username, {})
    claims.update(preferred_username=user.username, given_name=person.get("given_name", ""),
                  family_name=person.get("family_name", ""), email=person.get("email", ""),
                  email_verified=True)
    return claims


def idtoken_hook(id_token: dict, user, **kwargs) -> dict:
    amr = _people().get(user.username, {}).get("amr")
    if amr:
        id_token["amr"] = amr
    return id_token


class SchakelScopeClaims(ScopeClaims):
    info_schakel = (_("Schakel"), _("Organisatie en rollen."))

    def scope_schakel(self) -> dict:
        person = _people().get(self.user.username, {})
        return {"schakel_organisation": person.get("organisation"),
                "roles": person.get("roles", [])}
