# SPDX-License-Identifier: EUPL-1.2
from django.http import JsonResponse
from django.urls import include, path, re_path
from django.views.decorators.csrf import csrf_exempt
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from schakel.api import case_views, views
from schakel.linking import api as linking_api
from schakel.policy import api as policy_api

router = DefaultRouter(trailing_slash=True)
router.register("signals", views.SignalViewSet, basename="signal")
router.register("catalog/domains", views.DomainViewSet, basename="domain")
router.register("catalog/indicators", views.IndicatorViewSet, basename="indicator")
router.register("catalog/organisations", case_views.OrganisationViewSet,
                basename="organisation")
router.register("catalog/legal-bases", case_views.LegalBasisViewSet, basename="legal-basis")
router.register("catalog/outcomes", case_views.ReasonViewSet, basename="outcome")
router.register("catalog/no-follow-up-reasons", case_views.NoFollowUpReasonViewSet,
                basename="no-follow-up-reason")
router.register("cases", case_views.CaseViewSet, basename="case")
router.register("referrals", case_views.ReferralViewSet, basename="referral")
router.register("interventions", case_views.InterventionViewSet, basename="intervention")
router.register("conferences", case_views.ConferenceViewSet, basename="conference")
# policy cycle (schakel.policy.api): analysts and coordinators only
router.register("policy/barrier-models", policy_api.BarrierModelViewSet,
                basename="policy-barrier-model")
router.register("policy/barrier-assessments", policy_api.BarrierAssessmentViewSet,
                basename="policy-barrier-assessment")
router.register("policy/bba", policy_api.BbaViewSet, basename="policy-bba")
# linking (schakel.linking.api): entities and link proposals, coordinators only
router.register("entities", linking_api.EntityViewSet, basename="entity")
router.register("link-proposals", linking_api.ProposalViewSet, basename="link-proposal")

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api-schema"), name="api-docs"),
    path("", include(router.urls)),
    # reporting (schakel.reporting.api): aggregate figures and the council letter
    path("reports/", include("schakel.reporting.api_urls")),
    # Anything else under the API (also a reference outside the lookup pattern) is a JSON 404,
    # not the HTML page. Only paths with a trailing slash: APPEND_SLASH still redirects others.
    re_path(r"^[\s\S]*/$", csrf_exempt(lambda request: JsonResponse({"detail": "Niet gevonden."},
                                                               status=404)),
            name="api-not-found"),
]
