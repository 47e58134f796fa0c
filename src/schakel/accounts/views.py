# SPDX-License-Identifier: EUPL-1.2
"""Log-in security pages: the code page, enrolment of an app, recovery codes, the account's
security page, and the single sign-on start and return.

The pages stay thin: decisions live in :mod:`schakel.accounts.twofactor` and
:mod:`schakel.accounts.oidc`. A wrong code is a failed log-in for django-axes, so the lock-out
that protects passwords protects codes too.
"""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render, resolve_url
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from schakel.accounts import oidc, twofactor


class CodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Code"), max_length=20, strip=True,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autofocus": True,
                                      "spellcheck": "false", "autocapitalize": "off"}),
    )


def _next_url(request: HttpRequest) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(candidate, {request.get_host()},
                                                     require_https=request.is_secure()):
        return candidate
    return resolve_url(settings.LOGIN_REDIRECT_URL)


def _with_next(name: str, request: HttpRequest) -> str:
    from urllib.parse import urlencode

    return f"{resolve_url(name)}?{urlencode({'next': _next_url(request)})}"


# --- lock-out ------------------------------------------------------------------------------------

def _credentials(request: HttpRequest) -> dict:
    return {"username": request.user.get_username()}


def _is_locked(request: HttpRequest) -> bool:
    if not getattr(settings, "AXES_ENABLED", True):
        return False
    from axes.handlers.proxy import AxesProxyHandler

    return AxesProxyHandler.is_locked(request, _credentials(request))


def _count_failure(request: HttpRequest) -> bool:
    """Count a wrong code as a failed log-in (django-axes); True when the account is now locked
    for this address. The axes flag is cleared so that our own page explains the lock-out."""
    if not getattr(settings, "AXES_ENABLED", True):
        return False
    from axes.handlers.proxy import AxesProxyHandler

    AxesProxyHandler.user_login_failed(sender=CodeForm, credentials=_credentials(request),
                                       request=request)
    locked = bool(getattr(request, "axes_locked_out", False)) or _is_locked(request)
    request.axes_locked_out = False
    return locked


def _locked_out(request: HttpRequest) -> HttpResponse:
    logout(request)
    return render(request, "accounts/twofactor_locked.html", status=429)  # as django-axes


# --- the code page -------------------------------------------------------------------------------

@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def verify(request: HttpRequest) -> HttpResponse:
    """Ask for the code from the app, or a recovery code, after the password (or SSO)."""
    if not twofactor.needs_verification(request):
        return redirect(_next_url(request))
    if twofactor.confirmed_totp(request.user) is None:
        return redirect(_with_next("accounts:2fa_setup", request))
    form = CodeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if _is_locked(request):
            return _locked_out(request)
        if form.is_valid():
            result = twofactor.verify(request, form.cleaned_data["code"])
            if result.ok:
                if result.method == "recovery_code":
                    messages.warning(request, _(
                        "U bent ingelogd met een herstelcode. Die code werkt niet meer; u heeft "
                        "er nog %(count)s. Maak nieuwe codes aan als u er weinig over heeft."
                    ) % {"count": result.remaining_codes})
                return redirect(_next_url(request))
            if _count_failure(request):
                return _locked_out(request)
            form.add_error("code", _("Wacht een halve minuut en probeer het opnieuw.")
                           if result.throttled else
                           _("Deze code klopt niet. Gebruik de nieuwste code uit de app, of een "
                             "herstelcode."))
    return render(request, "accounts/twofactor_verify.html",
                  {"form": form, "next": _next_url(request)})


# --- enrolment -----------------------------------------------------------------------------------

@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def setup(request: HttpRequest) -> HttpResponse:
    """Connect an authenticator app: scan the QR code (or type the secret), confirm with a code.
    Someone with an app already must first sign in with it: this page never replaces a device
    on the strength of a password alone."""
    user = request.user
    if twofactor.confirmed_totp(user) is not None:
        if not twofactor.session_is_verified(request):
            return redirect(_with_next("accounts:2fa_verify", request))
        return redirect("accounts:security")
    device = twofactor.pending_totp(user)
    form = CodeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if _is_locked(request):
            return _locked_out(request)
        if form.is_valid():
            codes = twofactor.confirm_enrolment(request, device, form.cleaned_data["code"])
            if codes is not None:
                request.session[twofactor.FRESH_CODES_SESSION_KEY] = codes
                return redirect(_with_next("accounts:2fa_codes", request))
            if _count_failure(request):
                return _locked_out(request)
            form.add_error("code", _("Deze code klopt niet. Controleer of de klok van uw telefoon "
                                     "goed staat en typ de nieuwste code."))
    return render(request, "accounts/twofactor_setup.html", {
        "form": form, "next": _next_url(request), "qr_uri": twofactor.qr_data_uri(device),
        "secret": twofactor.secret_text(device),
    })


@never_cache
@login_required
def recovery_codes(request: HttpRequest) -> HttpResponse:
    """Show freshly made recovery codes exactly once (they are not shown again anywhere)."""
    codes = request.session.pop(twofactor.FRESH_CODES_SESSION_KEY, None)
    if not codes:
        messages.info(request, _("Herstelcodes worden maar één keer getoond. Maak hier zo nodig "
                                 "nieuwe aan."))
        return redirect("accounts:security")
    response = render(request, "accounts/twofactor_codes.html",
                      {"codes": codes, "next": _next_url(request)})
    response["Cache-Control"] = "no-store"
    return response


# --- the account's security page -----------------------------------------------------------------

@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def security(request: HttpRequest) -> HttpResponse:
    """Two-factor status of the signed-in user; make new recovery codes."""
    user = request.user
    device = twofactor.confirmed_totp(user)
    if request.method == "POST":
        if device is None or not twofactor.session_is_verified(request):
            messages.error(request, _("Stel eerst tweestapsverificatie in en log ermee in."))
            return redirect("accounts:security")
        request.session[twofactor.FRESH_CODES_SESSION_KEY] = twofactor.new_recovery_codes(
            user, request)
        return redirect("accounts:2fa_codes")
    return render(request, "accounts/security.html", {
        "device": device,
        "remaining": twofactor.remaining_recovery_codes(user),
        "required": twofactor.is_enforced() and twofactor.role_requires_2fa(user),
        "sso": hasattr(user, "external_identity"),
    })


# --- single sign-on ------------------------------------------------------------------------------

def sso_start(request: HttpRequest) -> HttpResponse:
    """Send the browser to the identity provider (authorisation code flow with PKCE)."""
    if not oidc.is_enabled():
        raise Http404
    return OIDCAuthenticationRequestView.as_view()(request)


class SSOCallbackView(OIDCAuthenticationCallbackView):
    """The return from the identity provider: log in as the mapped user, or say why not."""

    def login_failure(self):
        reason = getattr(self.request, "schakel_sso_refusal", "") or _(
            "Inloggen via de identiteitsprovider is niet gelukt. Probeer het opnieuw of log in "
            "met uw gebruikersnaam en wachtwoord.")
        messages.error(self.request, reason)
        return HttpResponseRedirect(resolve_url("login"))

    def login_success(self):
        response = super().login_success()
        if getattr(self.user, "schakel_idp_mfa", False):
            self.request.session[twofactor.IDP_MFA_SESSION_KEY] = True
        return response


def sso_callback(request: HttpRequest) -> HttpResponse:
    if not oidc.is_enabled():
        raise Http404
    return SSOCallbackView.as_view()(request)
