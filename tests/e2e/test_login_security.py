# SPDX-License-Identifier: EUPL-1.2
"""End to end: two-factor enrolment and log-in with a code and a recovery code, and single
sign-on against a real OpenID Connect provider (django-oidc-provider, started as a separate
process by the test) in headless Chromium."""

from __future__ import annotations

import re

import pytest
from tests.accounts.oidc_provider import running_provider
from tests.accounts.otp_codes import secret_code
from tests.e2e.browsing import follow, serious_violations

from schakel.accounts.models import ExternalIdentity

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def two_factor_on(settings):
    settings.SCHAKEL_REQUIRE_2FA = True
    return settings


def test_totp_enrolment_then_log_in_with_code_and_with_a_recovery_code(
        page, live_server, world, two_factor_on, log_in, log_out):
    log_in("coordinator")
    page.wait_for_url("**/inloggen/tweestaps/instellen/**")
    assert "tweestapsverificatie staat uit" not in page.content()
    assert page.get_by_role("img", name=re.compile("QR-code")).is_visible()
    assert serious_violations(page) == []
    secret = page.get_by_test_id("otp-secret").inner_text()
    page.get_by_label("Code").fill(secret_code(secret))
    follow(page, page.get_by_role("button", name="App koppelen"))
    codes = [c.strip() for c in page.get_by_test_id("recovery-codes").locator("code")
             .all_inner_texts()]
    assert len(codes) == 10
    assert serious_violations(page) == []
    follow(page, page.get_by_role("link", name="Ik heb de codes bewaard, verder"))
    page.wait_for_url("**/dashboard/")
    log_out()

    # log in with the code from the app (the next period's: codes are never accepted twice)
    log_in("coordinator")
    page.wait_for_url("**/inloggen/tweestaps/**")
    assert serious_violations(page) == []
    page.get_by_label("Code").fill(secret_code(secret, 1))
    follow(page, page.get_by_role("button", name="Bevestigen"))
    page.wait_for_url("**/dashboard/")
    log_out()

    # with a recovery code: it works once
    log_in("coordinator")
    page.get_by_label("Code").fill(codes[0])
    follow(page, page.get_by_role("button", name="Bevestigen"))
    page.wait_for_url("**/dashboard/")
    assert "U bent ingelogd met een herstelcode" in page.content()
    log_out()
    log_in("coordinator")
    page.get_by_label("Code").fill(codes[0])
    follow(page, page.get_by_role("button", name="Bevestigen"))
    assert "Deze code klopt niet" in page.content()
    assert "/inloggen/tweestaps/" in page.url


def test_the_demo_banner_says_two_factor_is_off(page, live_server, world, log_in):
    log_in("melder")
    assert page.get_by_test_id("twofactor-banner").inner_text() == (
        "Demo: tweestapsverificatie staat uit.")


@pytest.fixture
def provider(live_server):
    with running_provider([f"{live_server.url}/inloggen/sso/terug/"]) as running:
        yield running


@pytest.fixture
def sso(settings, provider):
    for name, value in provider.settings_for().items():
        setattr(settings, name, value)
    settings.SCHAKEL_REQUIRE_2FA = True
    return provider


def _sso_log_in(page, live_server, username: str, password: str) -> None:
    page.goto(f"{live_server.url}/inloggen/")
    follow(page, page.get_by_role("link", name="Inloggen met Testprovider (SSO)"))
    page.get_by_label("IdP username").fill(username)
    page.get_by_label("IdP password").fill(password)
    page.get_by_role("button", name="Sign in at provider").click()
    page.wait_for_url(f"{live_server.url}/**")
    page.wait_for_load_state()


def test_sso_log_in_lands_in_schakel_as_the_mapped_coordinator(page, live_server, world, sso):
    _sso_log_in(page, live_server, "idp.coordinator", "idp-pass-1")
    page.wait_for_url("**/dashboard/")
    assert "Iris de Provider" in page.content()
    assert "Openbare Orde en Veiligheid" in page.content()
    user = ExternalIdentity.objects.get().user
    assert list(user.groups.values_list("name", flat=True)) == ["coordinator"]


def test_sso_log_in_with_an_unmapped_role_is_refused(page, live_server, world, sso):
    _sso_log_in(page, live_server, "idp.stagiair", "idp-pass-3")
    page.wait_for_url("**/inloggen/")
    alert = page.get_by_role("alert")
    assert "Uw rol bij de identiteitsprovider geeft geen toegang tot Schakel" in alert.inner_text()
    assert not ExternalIdentity.objects.exists()
