# SPDX-License-Identifier: EUPL-1.2
from django.urls import path

from schakel.privacy import views

app_name = "privacy"

urlpatterns = [
    path("signalen/<str:reference>/bijlagen/", views.upload_to_signal, name="signal_upload"),
    path("casussen/<str:reference>/bijlagen/", views.upload_to_case, name="case_upload"),
    path("bijlagen/<str:public_id>/", views.download, name="download"),
    path("bijlagen/<str:public_id>/verwijderen/", views.remove, name="remove"),
    path("privacy/", views.overview, name="overview"),
    path("privacy/verwijderregister/", views.register, name="register"),
    path("privacy/verzoeken/", views.requests_list, name="requests"),
    path("privacy/verzoeken/<str:number>/", views.request_detail, name="request"),
    path("privacy/verzoeken/<str:number>/export/", views.request_export, name="request_export"),
    path("privacy/verzoeken/<str:number>/besluit/", views.request_decide, name="request_decide"),
    path("privacy/verzoeken/<str:number>/brief/", views.request_letter, name="request_letter"),
    path("verwijderverzoeken/", views.confirmations, name="confirmations"),
    path("verwijderverzoeken/<str:number>/", views.confirm, name="confirm"),
]
