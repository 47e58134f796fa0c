# SPDX-License-Identifier: EUPL-1.2
from django.urls import path

from schakel.policy import views

app_name = "policy"

urlpatterns = [
    path("beleid/", views.index, name="index"),
    path("beleid/barrieremodellen/<slug:code>/", views.model_detail, name="model"),
    path("beleid/barrieremodellen/<slug:code>/diagram.svg", views.model_svg, name="model_svg"),
    path("beleid/barrieremodellen/<slug:code>/barrieremodel.pdf", views.model_pdf,
         name="model_pdf"),
    path("beleid/barrieremodellen/<slug:code>/versies/", views.model_history,
         name="model_history"),
    path("beleid/barrieres/<int:pk>/", views.barrier_assess, name="barrier"),
    path("beleid/bba/", views.bba, name="bba"),
    path("beleid/bba/samenvatting.pdf", views.bba_pdf, name="bba_pdf"),
    path("beleid/bba/<slug:code>/", views.bba_item, name="bba_item"),
    path("beleid/training/", views.training, name="training"),
    path("beleid/training/medewerkers/", views.staff_counts, name="staff_counts"),
    path("casussen/<str:reference>/barrieres/", views.case_findings, name="case_findings"),
    path("signalenkaart/", views.signal_card, name="signal_card"),
    path("signalenkaart/signalenkaart.pdf", views.signal_card_pdf, name="signal_card_pdf"),
]
