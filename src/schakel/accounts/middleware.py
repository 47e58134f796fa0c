# SPDX-License-Identifier: EUPL-1.2
"""Until a user of a 2FA role has entered a code, the code page is the only page there is.

Runs after django-otp's ``OTPMiddleware``. Pages (and the admin) redirect to the code page, which
sends people without an app to enrolment; htmx requests get an ``HX-Redirect``; API calls made
with the browser session get a 403 in the API's error format. Calls with an ``Authorization``
header (API tokens, used by partner systems, not people) are left to the API's authentication.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.urls import Resolver404, resolve, reverse
from django.utils.translation import gettext as _

from schakel.accounts import twofactor

# URL names reachable before the code is entered.
OPEN_URL_NAMES = {
    "accounts:2fa_verify", "accounts:2fa_setup", "accounts:2fa_codes",
    "accounts:sso_start", "accounts:sso_callback",
    "login", "logout", "health", "admin:logout", "admin:jsi18n",
}


class TwoFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if twofactor.needs_verification(request) and not self._is_open(request):
            return self._refuse(request)
        return self.get_response(request)

    @staticmethod
    def _is_open(request: HttpRequest) -> bool:
        static = settings.STATIC_URL or "/static/"
        if request.path.startswith(static):
            return True
        if request.path.startswith("/api/") and "HTTP_AUTHORIZATION" in request.META:
            return True  # token authentication; the session plays no part
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return False
        return match.view_name in OPEN_URL_NAMES

    @staticmethod
    def _refuse(request: HttpRequest) -> HttpResponse:
        if request.path.startswith("/api/"):
            return JsonResponse(
                {"detail": _("Tweestapsverificatie is vereist. Log in op de website en voer "
                             "uw code in.")},
                status=403)
        target = reverse("accounts:2fa_verify")
        if request.method == "GET":
            target += "?" + urlencode({"next": request.get_full_path()})
        if request.headers.get("HX-Request") == "true":  # runs before django-htmx's middleware
            response = HttpResponse(status=204)
            response["HX-Redirect"] = target
            return response
        return HttpResponseRedirect(target)
