# SPDX-License-Identifier: EUPL-1.2
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from schakel.core import views as core_views

admin.site.site_header = "Schakel — beheer"
admin.site.site_title = "Schakel beheer"

urlpatterns = [
    path("", core_views.home, name="home"),
    path("gezond/", core_views.health, name="health"),
    path("inloggen/", auth_views.LoginView.as_view(template_name="registration/login.html",
                                                   redirect_authenticated_user=True),
         name="login"),
    path("uitloggen/", auth_views.LogoutView.as_view(), name="logout"),
    path("", include("schakel.accounts.urls")),  # two-factor pages and single sign-on
    path("beheer/", admin.site.urls),
    path("api/v1/", include("schakel.api.urls")),
    path("", include("schakel.audit.urls")),
    path("", include("schakel.cases.urls")),
    path("", include("schakel.exports.urls")),
    path("", include("schakel.linking.urls")),
    path("", include("schakel.policy.urls")),
    path("", include("schakel.privacy.urls")),
    path("", include("schakel.reporting.urls")),
    path("", include("schakel.scans.urls")),
    path("", include("schakel.signals.urls")),
]

handler403 = "schakel.core.views.error_403"
handler404 = "schakel.core.views.error_404"
handler500 = "schakel.core.views.error_500"
