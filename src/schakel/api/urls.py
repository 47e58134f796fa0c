# SPDX-License-Identifier: EUPL-1.2
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework.routers import DefaultRouter

from schakel.api import views

router = DefaultRouter(trailing_slash=True)
router.register("signals", views.SignalViewSet, basename="signal")
router.register("catalog/domains", views.DomainViewSet, basename="domain")
router.register("catalog/indicators", views.IndicatorViewSet, basename="indicator")

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
    path("", include(router.urls)),
]
