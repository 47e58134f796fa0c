# SPDX-License-Identifier: EUPL-1.2
"""Two-factor authentication: who must use it, enrolment, codes, recovery codes, lock-out,
the API and the admin, resets, and the access log of all of it."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.authtoken.models import Token
from tests.accounts.otp_codes import app_code

from schakel.accounts import twofactor
from schakel.accounts.models import SecureTOTPDevice, TOTPSecret
from schakel.audit.models import AccessEvent

pytestmark = pytest.mark.django_db


def _enrol(client: Client, username: str) -> tuple[SecureTOTPDevice, list[str]]:
    """Go through enrolment after a password log-in; return the device and recovery codes."""
    response = client.get("/inloggen/tweestaps/instellen/")
    assert response.status_code == 200
    device = SecureTOTPDevice.objects.get(user__username=username, confirmed=False)
    response = client.post("/inloggen/tweestaps/instellen/", {"code": app_code(device)})
    assert response.status_code == 302 and "/herstelcodes/" in response["Location"]
    page = client.get(response["Location"]).content.decode()
    codes = re.findall(r"<code>([a-z0-9]{4}-[a-z0-9]{4})</code>", page)
    device.refresh_from_db()
    return device, codes


def _events(object_type: str, action: str | None = None):
    events = AccessEvent.objects.filter(object_type=object_type)
    return events.filter(action=action) if action else events


# --- who ------------------------------------------------------------------------------------------

def test_test_settings_leave_2fa_off_and_every_page_says_so(world, client):
    client.force_login(world["coordinator"])
    page = client.get("/dashboard/", follow=True).content.decode()
    assert "Demo: tweestapsverificatie staat uit." in page


def test_with_2fa_on_there_is_no_banner_about_it(world, client, enforced):
    client.force_login(world["melder"])
    page = client.get("/melden/", follow=True).content.decode()
    assert "tweestapsverificatie staat uit" not in page


@pytest.mark.parametrize("username", ["coordinator", "handler", "privacy", "admin"])
def test_the_four_roles_are_sent_to_enrolment_after_their_password(world, client, enforced,
                                                                  password_login, username):
    password_login(client, username)
    response = client.get("/", follow=True)
    assert response.redirect_chain[-1][0].startswith("/inloggen/tweestaps/instellen/")
    assert "Tweestapsverificatie instellen" in response.content.decode()


@pytest.mark.parametrize("username", ["melder", "partner", "analyst"])
def test_other_roles_work_without_a_code(world, client, enforced, password_login, username):
    password_login(client, username)
    response = client.get("/", follow=True)
    assert "/inloggen/tweestaps/" not in response.redirect_chain[-1][0]


# --- enrolment and log-in -------------------------------------------------------------------------

def test_enrolment_shows_a_qr_code_and_the_secret_and_gives_ten_recovery_codes(
        world, client, enforced, password_login):
    password_login(client, "coordinator")
    page = client.get("/inloggen/tweestaps/instellen/").content.decode()
    assert 'src="data:image/svg+xml' in page  # the QR code, inline (CSP img-src data:)
    device = SecureTOTPDevice.objects.get(user=world["coordinator"], confirmed=False)
    assert twofactor.secret_text(device) in page
    # reloading keeps the same secret, so a half-scanned code stays valid
    reloaded = client.get("/inloggen/tweestaps/instellen/").content.decode()
    assert twofactor.secret_text(device) in reloaded
    device, codes = _enrol(client, "coordinator")
    assert device.confirmed and len(codes) == 10 and len(set(codes)) == 10
    # the codes were shown once: the page does not show them again
    again = client.get("/inloggen/tweestaps/herstelcodes/", follow=True).content.decode()
    assert codes[0] not in again
    # and the session is verified: the dashboard opens
    assert client.get("/dashboard/").status_code == 200
    assert _events("2fa.enrolment", "create").filter(actor=world["coordinator"]).exists()


def test_a_wrong_code_at_enrolment_is_refused_and_logged(world, client, enforced, password_login):
    password_login(client, "coordinator")
    client.get("/inloggen/tweestaps/instellen/")
    response = client.post("/inloggen/tweestaps/instellen/", {"code": "000000"})
    assert "Deze code klopt niet" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=world["coordinator"], confirmed=True).exists()
    assert _events("2fa.enrolment", "login_failed").exists()


def test_log_in_with_a_code_from_the_app(world, enforced, password_login):
    first = Client()
    password_login(first, "coordinator")
    device, _codes = _enrol(first, "coordinator")
    client = Client()
    password_login(client, "coordinator")
    response = client.get("/dashboard/")
    assert response.status_code == 302 and response["Location"].startswith(
        "/inloggen/tweestaps/?next=%2Fdashboard%2F")
    wrong = client.post("/inloggen/tweestaps/", {"code": "123456", "next": "/dashboard/"})
    assert "Deze code klopt niet" in wrong.content.decode()
    assert _events("2fa", "login_failed").filter(actor=world["coordinator"]).exists()
    ok = client.post("/inloggen/tweestaps/", {"code": app_code(device, 1), "next": "/dashboard/"})
    assert ok.status_code == 302 and ok["Location"] == "/dashboard/"
    assert client.get("/dashboard/").status_code == 200
    assert _events("2fa.totp", "login").filter(actor=world["coordinator"]).exists()


def test_a_recovery_code_works_once(world, enforced, password_login):
    first = Client()
    password_login(first, "handler")
    _device, codes = _enrol(first, "handler")
    client = Client()
    password_login(client, "handler")
    response = client.post("/inloggen/tweestaps/", {"code": codes[3].upper().replace("-", " ")},
                           follow=True)
    assert "U bent ingelogd met een herstelcode" in response.content.decode()
    assert "nog 9" in response.content.decode()
    assert _events("2fa.recovery_code", "login").filter(actor=world["handler"]).exists()
    again = Client()
    password_login(again, "handler")
    refused = again.post("/inloggen/tweestaps/", {"code": codes[3]})
    assert "Deze code klopt niet" in refused.content.decode()
    assert again.get("/doorverwijzingen/").status_code == 302


def test_an_existing_app_cannot_be_replaced_with_only_the_password(world, enforced,
                                                                   password_login):
    first = Client()
    password_login(first, "coordinator")
    _enrol(first, "coordinator")
    attacker = Client()
    password_login(attacker, "coordinator")
    response = attacker.get("/inloggen/tweestaps/instellen/")
    assert response.status_code == 302 and response["Location"].startswith("/inloggen/tweestaps/")
    assert TOTPDevice.objects.filter(user=world["coordinator"]).count() == 1


# --- lock-out -------------------------------------------------------------------------------------

def test_repeated_wrong_codes_lock_the_account_like_wrong_passwords(world, enforced, settings,
                                                                    password_login):
    settings.AXES_FAILURE_LIMIT = 3
    first = Client()
    password_login(first, "coordinator")
    device, _codes = _enrol(first, "coordinator")
    client = Client()
    password_login(client, "coordinator")
    for _ in range(2):
        assert client.post("/inloggen/tweestaps/", {"code": "111111"}).status_code == 200
    locked = client.post("/inloggen/tweestaps/", {"code": "111111"})
    assert locked.status_code == 429
    assert "Te vaak een verkeerde code" in locked.content.decode()
    # logged out, and the password alone no longer gets in from here
    assert client.get("/dashboard/").status_code == 302
    again = password_login(Client(), "coordinator")
    assert again.status_code == 429 and "Te vaak" in again.content.decode()
    # even the right code is useless now
    assert client.post("/inloggen/tweestaps/", {"code": app_code(device)}).status_code == 302


# --- everything else waits for the code ----------------------------------------------------------

def test_pages_admin_api_and_htmx_all_wait_for_the_code(world, client, enforced, password_login):
    password_login(client, "admin")
    assert client.get("/beheer/").status_code == 302
    assert client.get("/beheer/")["Location"].startswith("/inloggen/tweestaps/")
    api = client.get("/api/v1/", HTTP_ACCEPT="application/json")
    assert api.status_code == 403 and "Tweestapsverificatie" in api.json()["detail"]
    htmx = client.get("/beheer/", HTTP_HX_REQUEST="true")
    assert htmx["HX-Redirect"].startswith("/inloggen/tweestaps/")
    # log out and the health check stay reachable
    assert client.get("/gezond/").status_code == 200
    assert client.post("/uitloggen/").status_code == 302


def test_api_tokens_of_partner_systems_are_not_asked_for_a_code(world, client, enforced):
    token = Token.objects.create(user=world["coordinator"])
    response = client.get("/api/v1/signals/", HTTP_AUTHORIZATION=f"Token {token.key}",
                          HTTP_ACCEPT="application/json")
    assert response.status_code == 200


def test_after_the_code_the_admin_opens(world, client, enforced, password_login):
    password_login(client, "admin")
    _enrol(client, "admin")
    assert client.get("/beheer/").status_code == 200


# --- recovery codes and resets --------------------------------------------------------------------

def test_new_recovery_codes_replace_the_old_ones(world, client, enforced, password_login):
    password_login(client, "privacy")
    _device, old = _enrol(client, "privacy")
    page = client.get("/account/beveiliging/").content.decode()
    assert "nog 10 ongebruikte herstelcodes" in page
    response = client.post("/account/beveiliging/", follow=True)
    new = re.findall(r"<code>([a-z0-9]{4}-[a-z0-9]{4})</code>", response.content.decode())
    assert len(new) == 10 and not set(new) & set(old)
    stored = set(StaticToken.objects.filter(device__user=world["privacy"])
                 .values_list("token", flat=True))
    # only keyed hashes are stored: the database alone gives no way past the second factor
    assert stored == {twofactor.stored_code(code) for code in new}
    assert not stored & {code.replace("-", "") for code in new}
    assert _events("2fa.recovery_codes", "update").filter(actor=world["privacy"]).exists()


def test_a_functional_admin_resets_a_lost_phone_and_it_is_logged(world, enforced,
                                                                 password_login):
    user_client = Client()
    password_login(user_client, "coordinator")
    _enrol(user_client, "coordinator")
    admin = Client()
    password_login(admin, "admin")
    _enrol(admin, "admin")
    response = admin.post("/beheer/accounts/user/", {
        "action": "reset_two_factor", "_selected_action": [world["coordinator"].pk]}, follow=True)
    assert "Tweestapsverificatie gewist" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=world["coordinator"]).exists()
    event = _events("2fa.devices", "delete").get()
    assert event.actor == world["admin"]
    assert event.object_refs == [f"user:{world['coordinator'].pk}"]
    # at the next log-in the coordinator enrols again
    again = Client()
    password_login(again, "coordinator")
    assert again.get("/", follow=True).redirect_chain[-1][0].startswith(
        "/inloggen/tweestaps/instellen/")


def test_the_privacy_officer_cannot_reset_devices(world, enforced, password_login):
    client = Client()
    password_login(client, "privacy")
    _enrol(client, "privacy")
    response = client.post("/beheer/accounts/user/", {
        "action": "reset_two_factor", "_selected_action": [world["coordinator"].pk]})
    assert response.status_code == 403
    assert not _events("2fa.devices").exists()


def test_the_admin_does_not_show_totp_secrets_or_recovery_codes():
    from django.contrib import admin
    from django_otp.plugins.otp_static.models import StaticDevice

    assert not admin.site.is_registered(TOTPDevice)
    assert not admin.site.is_registered(StaticDevice)


def test_someone_who_chose_to_connect_an_app_is_asked_for_it_too(world, enforced,
                                                                 password_login):
    first = Client()
    password_login(first, "melder")
    assert "niet verplicht" in first.get("/account/beveiliging/").content.decode()
    _enrol(first, "melder")
    client = Client()
    password_login(client, "melder")
    assert client.get("/melden/")["Location"].startswith("/inloggen/tweestaps/")


def test_recovery_codes_stored_in_plaintext_by_an_older_release_are_hashed(world):
    from importlib import import_module

    from django.apps import apps
    from django_otp.plugins.otp_static.models import StaticDevice

    device = StaticDevice.objects.create(user=world["privacy"], name="Herstelcodes")
    StaticToken.objects.create(device=device, token="abcd2345")
    migration = import_module("schakel.accounts.migrations.0003_hash_recovery_codes")
    migration.hash_plain_codes(apps, None)
    migration.hash_plain_codes(apps, None)  # running twice does not hash twice
    assert list(device.token_set.values_list("token", flat=True)) == [
        twofactor.stored_code("ABCD-2345")]
    assert device.verify_token(twofactor.stored_code("abcd 2345"))


def test_the_app_secret_is_stored_encrypted_and_django_otps_column_holds_a_decoy(
        world, client, enforced, password_login):
    from django.db import connection

    password_login(client, "coordinator")
    device, _codes = _enrol(client, "coordinator")
    real = device.schakel_secret.secret
    assert device.key != real  # django-otp's own column: a random decoy
    with connection.cursor() as cursor:
        cursor.execute("SELECT secret FROM accounts_totpsecret WHERE device_id = %s", [device.pk])
        (stored,) = cursor.fetchone()
    assert real not in stored and stored.startswith("gAAAAA")  # a Fernet token


def test_apps_enrolled_before_the_secret_was_encrypted_keep_working(world):
    from importlib import import_module

    from django.apps import apps
    from django_otp.util import random_hex

    secret = random_hex(20)
    old = TOTPDevice.objects.create(user=world["handler"], name="app", confirmed=True, key=secret)
    migration = import_module("schakel.accounts.migrations.0004_totp_secret_encrypted")
    migration.move_secrets(apps, None)
    device = SecureTOTPDevice.objects.get(pk=old.pk)
    assert device.key != secret and TOTPSecret.objects.get(device=device).secret == secret
    assert device.verify_token(app_code(device))
