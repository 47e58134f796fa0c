# SPDX-License-Identifier: EUPL-1.2
"""Single sign-on: the claim mapping, and log-ins against a real OpenID Connect provider
(django-oidc-provider in its own process, see tests/oidc_op) over HTTP: authorisation code flow
with PKCE, RS256-signed ID tokens checked against the provider's JWKS, and userinfo."""

from __future__ import annotations

from urllib.parse import parse_qs, urljoin, urlparse

import pytest
import requests
from django.contrib.messages import get_messages
from django.test import Client
from tests.accounts.oidc_provider import running_provider

from schakel.accounts.models import ExternalIdentity, User
from schakel.accounts.oidc import map_claims, parse_table
from schakel.audit.models import AccessEvent

CALLBACK = "http://testserver/inloggen/sso/terug/"

# --- the mapping (no provider needed) ------------------------------------------------------------

MAP = {"organisation_claim": "schakel_organisation", "organisation_map": {"OOV": "alb-oov"},
       "roles_claim": "roles", "role_map": {"af": "coordinator", "mw": "melder"},
       "mfa_amr": ["mfa"], "mfa_acr": ["urn:example:loa:3"]}


def test_mapped_organisation_and_roles():
    mapping = map_claims({"schakel_organisation": "OOV", "roles": ["af", "mw", "koffie"]},
                         {"amr": ["pwd", "mfa"]}, **MAP)
    assert mapping.organisation_slug == "alb-oov"
    assert mapping.roles == ("coordinator", "melder")
    assert mapping.ignored_roles == ("koffie",) and mapping.mfa and not mapping.refusal


def test_roles_may_come_as_a_space_or_comma_separated_string():
    mapping = map_claims({"schakel_organisation": "OOV", "roles": "af, mw"}, {}, **MAP)
    assert mapping.roles == ("coordinator", "melder") and not mapping.mfa


def test_no_mapped_role_is_a_refusal_in_dutch():
    mapping = map_claims({"schakel_organisation": "OOV", "roles": ["stagiair"]}, {}, **MAP)
    assert mapping.roles == () and "geeft geen toegang" in mapping.refusal


def test_an_unmapped_or_missing_organisation_is_a_refusal():
    assert map_claims({"schakel_organisation": "ANDERS", "roles": ["af"]}, {}, **MAP).refusal
    assert map_claims({"roles": ["af"]}, {}, **MAP).refusal
    assert map_claims({"schakel_organisation": ["OOV", "X"], "roles": ["af"]}, {}, **MAP).refusal


def test_without_a_role_table_the_claim_must_name_schakel_roles_exactly():
    mapping = map_claims({"schakel_organisation": "alb-oov", "roles": ["coordinator", "admin"]},
                         {}, **{**MAP, "role_map": {}, "organisation_map": {}})
    assert mapping.organisation_slug == "alb-oov" and mapping.roles == ("coordinator",)


def test_mfa_is_read_from_amr_or_acr_of_the_id_token_only():
    base = {"schakel_organisation": "OOV", "roles": ["af"]}
    assert map_claims(base, {"acr": "urn:example:loa:3"}, **MAP).mfa
    assert not map_claims(base, {"acr": "urn:example:loa:1", "amr": ["pwd"]}, **MAP).mfa
    assert not map_claims({**base, "amr": ["mfa"]}, {}, **MAP).mfa  # userinfo does not count


def test_parse_table():
    assert parse_table(" a=b, c = d ,broken, =x") == {"a": "b", "c": "d"}


# --- against the real provider -------------------------------------------------------------------

@pytest.fixture(scope="module")
def provider():
    with running_provider([CALLBACK]) as running:
        yield running


@pytest.fixture
def sso(settings, provider):
    for name, value in provider.settings_for().items():
        setattr(settings, name, value)
    settings.SCHAKEL_REQUIRE_2FA = True
    return settings


def sso_login(client: Client, username: str, password: str):
    """Click 'log in with SSO', sign in at the provider, and follow it back to Schakel."""
    start = client.get("/inloggen/sso/")
    assert start.status_code == 302
    authorize = start["Location"]
    browser = requests.Session()
    to_login = browser.get(authorize, allow_redirects=False)
    login_url = urljoin(authorize, to_login.headers["Location"])
    browser.get(login_url)
    next_url = parse_qs(urlparse(login_url).query)["next"][0]
    signed_in = browser.post(login_url, allow_redirects=False, data={
        "username": username, "password": password, "next": next_url,
        "csrfmiddlewaretoken": browser.cookies["op_csrftoken"]})
    assert signed_in.status_code == 302, signed_in.text[:300]
    back = browser.get(urljoin(login_url, signed_in.headers["Location"]),
                       allow_redirects=False)
    callback = back.headers["Location"]
    assert callback.startswith(CALLBACK), callback
    return client.get(callback.removeprefix("http://testserver"))


def _messages(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


@pytest.mark.django_db
def test_a_coordinator_signs_in_with_sso_as_the_mapped_user(world, sso, provider):
    client = Client()
    response = sso_login(client, "idp.coordinator", "idp-pass-1")
    assert response.status_code == 302 and response["Location"] == "/"
    identity = ExternalIdentity.objects.select_related("user").get()
    user = identity.user
    assert identity.issuer == provider.url
    assert user.username == "idp.coordinator" and user.get_full_name() == "Iris de Provider"
    assert user.organisation.slug == "alblasserdam-oov"
    assert list(user.groups.values_list("name", flat=True)) == ["coordinator"]
    assert not user.is_staff and not user.is_superuser and not user.has_usable_password()
    # the provider asserted MFA (amr), so Schakel does not ask for its own code
    assert client.get("/dashboard/").status_code == 200
    assert AccessEvent.objects.filter(actor=user, action="login").exists()


@pytest.mark.django_db
def test_without_mfa_at_the_provider_schakel_asks_for_its_own_code(world, sso, provider):
    sso.SCHAKEL_OIDC_MFA_AMR = ["hwk"]  # the provider's "mfa" no longer counts
    client = Client()
    sso_login(client, "idp.coordinator", "idp-pass-1")
    response = client.get("/dashboard/")
    assert response.status_code == 302 and response["Location"].startswith("/inloggen/tweestaps/")


@pytest.mark.django_db
def test_an_unmapped_role_is_refused_with_a_dutch_message(world, sso):
    client = Client()
    response = sso_login(client, "idp.stagiair", "idp-pass-3")
    assert response.status_code == 302 and response["Location"] == "/inloggen/"
    assert any("geeft geen toegang tot Schakel" in m for m in _messages(response))
    assert not User.objects.filter(username__startswith="idp.").exists()
    assert client.get("/dashboard/").status_code == 302
    failed = AccessEvent.objects.filter(action="login_failed", path="/inloggen/sso/terug/")
    assert failed.exists()


@pytest.mark.django_db
def test_an_unknown_organisation_is_refused(world, sso):
    response = sso_login(Client(), "idp.onbekend", "idp-pass-4")
    assert any("organisatie is niet gekoppeld" in m for m in _messages(response))
    assert not ExternalIdentity.objects.exists()


@pytest.mark.django_db
def test_sso_never_takes_over_a_local_account_with_the_same_name(world, sso):
    local = User.objects.create_user("idp.melder", password="local-password-123")
    sso_login(Client(), "idp.melder", "idp-pass-2")
    identity = ExternalIdentity.objects.get()
    assert identity.user != local and identity.user.username.startswith("idp.melder-")
    local.refresh_from_db()
    assert local.check_password("local-password-123") and not local.groups.exists()


@pytest.mark.django_db
def test_roles_follow_the_provider_at_every_login_and_never_exceed_the_mapping(world, sso):
    sso_login(Client(), "idp.coordinator", "idp-pass-1")
    user = ExternalIdentity.objects.get().user
    user.is_superuser = True  # granted by hand in between
    user.save()
    sso.SCHAKEL_OIDC_ROLE_MAP = "mh-aandachtsfunctionaris=melder"
    sso_login(Client(), "idp.coordinator", "idp-pass-1")
    user.refresh_from_db()
    assert list(user.groups.values_list("name", flat=True)) == ["melder"]
    assert not user.is_superuser


@pytest.mark.django_db
def test_an_id_token_from_another_issuer_is_refused(world, sso):
    sso.SCHAKEL_OIDC_ISSUER = "https://idp.elders.example/"
    response = sso_login(Client(), "idp.coordinator", "idp-pass-1")
    assert response["Location"] == "/inloggen/"
    assert any("niet gelukt" in m for m in _messages(response))
    assert not ExternalIdentity.objects.exists()


@pytest.mark.django_db
def test_without_configuration_there_is_no_sso(world, client, settings):
    settings.SCHAKEL_OIDC_CLIENT_ID = ""
    assert client.get("/inloggen/sso/").status_code == 404
    assert client.get("/inloggen/sso/terug/?code=x&state=y").status_code == 404
    assert "(SSO)" not in client.get("/inloggen/").content.decode()


@pytest.mark.django_db
def test_the_login_page_offers_sso_when_configured(world, client, sso):
    page = client.get("/inloggen/").content.decode()
    assert "Inloggen met Testprovider (SSO)" in page
