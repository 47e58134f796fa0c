# SPDX-License-Identifier: EUPL-1.2
"""Single sign-on with OpenID Connect: from the identity provider's claims to a Schakel user.

The mapping (documented in docs/security.md, "Single sign-on"):

- the person is recognised by the pair (issuer, ``sub``) in :class:`ExternalIdentity`, never by
  e-mail address or user name, so an account at the provider cannot take over a local account;
- the claim ``SCHAKEL_OIDC_ORGANISATION_CLAIM`` (default ``schakel_organisation``) names the
  organisation: through ``SCHAKEL_OIDC_ORGANISATION_MAP`` (``provider-value=slug,...``) or, when
  that table is empty, as the organisation's code (slug) itself; it must exist and be active;
- the claim ``SCHAKEL_OIDC_ROLES_CLAIM`` (default ``roles``; a list or a space/comma-separated
  string) names roles: through ``SCHAKEL_OIDC_ROLE_MAP`` (``provider-value=role,...``) or, when
  that table is empty, as Schakel role codes; values without a mapping are ignored, and without
  any mapped role the log-in is refused;
- at every log-in the user's groups become exactly the mapped roles, direct permissions are
  cleared, staff status follows the roles that use the admin, and superuser is never given.

Whether the provider's log-in counts as two-factor is read from the signed ID token: an ``amr``
value in ``SCHAKEL_OIDC_MFA_AMR`` or an ``acr`` in ``SCHAKEL_OIDC_MFA_ACR``. Otherwise Schakel
asks for its own TOTP code as after a password log-in.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

import requests
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.db import transaction
from django.utils.crypto import get_random_string
from django.utils.translation import gettext as _
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from schakel.accounts.models import ExternalIdentity, Organisation, User
from schakel.accounts.roles import ROLE_BY_CODE

LOGGER = logging.getLogger(__name__)

# Roles that work in the admin site (/beheer/) and therefore need staff status.
STAFF_ROLES = frozenset({"functional_admin", "privacy_officer"})


def is_enabled() -> bool:
    return bool(getattr(settings, "SCHAKEL_OIDC_CLIENT_ID", ""))


def parse_table(text: str) -> dict[str, str]:
    """``a=b, c=d`` into ``{"a": "b", "c": "d"}`` (the form of the mapping variables)."""
    table = {}
    for item in text.split(","):
        if "=" in item:
            key, value = item.split("=", 1)
            if key.strip() and value.strip():
                table[key.strip()] = value.strip()
    return table


def _values(claim) -> list[str]:
    if claim is None:
        return []
    if isinstance(claim, str):
        return [part for part in claim.replace(",", " ").split() if part]
    if isinstance(claim, (list, tuple)):
        return [str(part) for part in claim]
    return [str(claim)]


@dataclass(frozen=True)
class Mapping:
    """What the claims grant, or why they grant nothing (``refusal`` in Dutch for the user)."""

    organisation_slug: str = ""
    roles: tuple[str, ...] = ()
    mfa: bool = False
    refusal: str = ""
    ignored_roles: tuple[str, ...] = field(default=())


def map_claims(claims: dict, id_token: dict, *, organisation_claim: str, organisation_map: dict,
               roles_claim: str, role_map: dict, mfa_amr: list[str], mfa_acr: list[str]
               ) -> Mapping:
    """Pure mapping from claims to organisation, roles and MFA; no database access."""
    org_values = _values(claims.get(organisation_claim))
    if len(org_values) != 1:
        return Mapping(refusal=_("Uw account bij de identiteitsprovider hoort niet bij precies één "
                                 "organisatie die Schakel kent. Neem contact op met de "
                                 "functioneel beheerder."))
    org_value = org_values[0]
    slug = organisation_map.get(org_value, "") if organisation_map else org_value
    if not slug:
        return Mapping(refusal=_("Uw organisatie is niet gekoppeld aan Schakel. Neem contact op "
                                 "met de functioneel beheerder."))
    granted, ignored = [], []
    for value in _values(claims.get(roles_claim)):
        role = role_map.get(value, "") if role_map else value
        if role in ROLE_BY_CODE and role not in granted:
            granted.append(role)
        else:
            ignored.append(value)
    if not granted:
        return Mapping(organisation_slug=slug, ignored_roles=tuple(ignored),
                       refusal=_("Uw rol bij de identiteitsprovider geeft geen toegang tot "
                                 "Schakel. Neem contact op met de functioneel beheerder."))
    amr = set(_values(id_token.get("amr")))
    acr = str(id_token.get("acr", ""))
    mfa = bool(amr & set(mfa_amr)) or (bool(acr) and acr in mfa_acr)
    return Mapping(organisation_slug=slug, roles=tuple(sorted(granted)), mfa=mfa,
                   ignored_roles=tuple(ignored))


def configured_mapping(claims: dict, id_token: dict) -> Mapping:
    return map_claims(
        claims, id_token,
        organisation_claim=settings.SCHAKEL_OIDC_ORGANISATION_CLAIM,
        organisation_map=parse_table(settings.SCHAKEL_OIDC_ORGANISATION_MAP),
        roles_claim=settings.SCHAKEL_OIDC_ROLES_CLAIM,
        role_map=parse_table(settings.SCHAKEL_OIDC_ROLE_MAP),
        mfa_amr=list(settings.SCHAKEL_OIDC_MFA_AMR),
        mfa_acr=list(settings.SCHAKEL_OIDC_MFA_ACR),
    )


class SSORefused(PermissionDenied):
    """The provider vouched for the person, but the mapping gives them no access."""


class SchakelOIDCBackend(OIDCAuthenticationBackend):
    """mozilla-django-oidc's code flow with Schakel's mapping; a no-op while SSO is off."""

    def __init__(self, *args, **kwargs):
        self.enabled = is_enabled()
        if self.enabled:
            super().__init__(*args, **kwargs)
        from django.contrib.auth import get_user_model

        self.UserModel = get_user_model()

    def authenticate(self, request, **kwargs):
        if not self.enabled or request is None or "nonce" not in kwargs:
            return None  # not an OIDC callback (e.g. a password log-in)
        try:
            return super().authenticate(request, **kwargs)
        except (SuspiciousOperation, requests.RequestException) as exc:
            # A token that fails a check, or a provider that cannot be reached: no log-in, and
            # the person gets the general message. The reason goes to the log, without tokens.
            LOGGER.warning("single sign-on refused: %s", type(exc).__name__ + ": " +
                           str(exc).split("(url:", 1)[0][:200])
            return None

    def verify_token(self, token, **kwargs):
        """Besides signature, expiry and nonce (the library), check issuer and audience."""
        payload = super().verify_token(token, **kwargs)
        issuer = settings.SCHAKEL_OIDC_ISSUER
        if issuer and payload.get("iss") != issuer:
            raise SuspiciousOperation("ID token from an unexpected issuer")
        audience = payload.get("aud")
        audiences = audience if isinstance(audience, list) else [audience]
        if self.OIDC_RP_CLIENT_ID not in audiences:
            raise SuspiciousOperation("ID token for another client")
        return payload

    def get_or_create_user(self, access_token, id_token, payload):
        claims = dict(self.get_userinfo(access_token, id_token, payload))
        if claims.get("sub") != payload.get("sub"):
            raise SuspiciousOperation("userinfo is about another subject than the ID token")
        mapping = configured_mapping({**payload, **claims}, payload)
        organisation = None
        if not mapping.refusal:
            organisation = Organisation.objects.filter(slug=mapping.organisation_slug,
                                                       is_active=True).first()
            if organisation is None:
                mapping = Mapping(refusal=_("Uw organisatie is niet gekoppeld aan Schakel. "
                                            "Neem contact op met de functioneel beheerder."))
        issuer = payload.get("iss") or settings.SCHAKEL_OIDC_ISSUER
        if mapping.refusal:
            self._refuse(mapping.refusal)
        user = self._apply(issuer, str(payload["sub"]), claims, organisation, mapping)
        if not user.is_active:
            self._refuse(_("Uw account in Schakel is uitgeschakeld."))
        user.schakel_idp_mfa = mapping.mfa  # read by the callback view (session flag)
        return user

    def _refuse(self, message: str):
        """Refuse the log-in; Django then sends ``user_login_failed``, which the access log
        records (path: the SSO callback) and django-axes counts."""
        self.request.schakel_sso_refusal = message
        raise SSORefused(message)

    @transaction.atomic
    def _apply(self, issuer: str, subject: str, claims: dict, organisation: Organisation,
               mapping: Mapping) -> User:
        """Create or update the user so that they hold exactly what the mapping grants."""
        identity = (ExternalIdentity.objects.select_related("user")
                    .filter(issuer=issuer, subject=subject).first())
        if identity is None:
            user = User(username=self._free_username(claims, subject), is_active=True)
            user.set_unusable_password()
            user.save()
            identity = ExternalIdentity.objects.create(user=user, issuer=issuer, subject=subject)
        user = identity.user
        user.first_name = str(claims.get("given_name", ""))[:150]
        user.last_name = str(claims.get("family_name", ""))[:150]
        user.email = str(claims.get("email", ""))[:254]
        user.organisation = organisation
        user.is_staff = bool(STAFF_ROLES & set(mapping.roles))
        user.is_superuser = False
        user.save()
        user.groups.set(Group.objects.filter(name__in=mapping.roles))
        user.user_permissions.clear()
        return user

    def _free_username(self, claims: dict, subject: str) -> str:
        wanted = str(claims.get(settings.SCHAKEL_OIDC_USERNAME_CLAIM) or subject)[:120]
        if not self.UserModel.objects.filter(username=wanted).exists():
            return wanted
        return f"{wanted}-{get_random_string(6).lower()}"
