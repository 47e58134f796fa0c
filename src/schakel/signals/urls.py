# SPDX-License-Identifier: EUPL-1.2
from django.urls import path

from schakel.signals import analysis_views, views

app_name = "signals"

urlpatterns = [
    path("melden/", views.report_start, name="report"),
    path("melden/formulier/", views.report_form, name="report_form"),
    path("melden/herkennen/", analysis_views.detect, name="detect"),
    path("melden/ontvangen/<str:reference>/", views.report_receipt, name="receipt"),
    path("mijn-meldingen/", views.my_signals, name="mine"),
    path("signalen/", views.inbox, name="inbox"),
    path("signalen/kwaliteit-suggesties/", analysis_views.quality, name="quality"),
    path("signalen/<str:reference>/", views.signal_detail, name="detail"),
    path("signalen/<str:reference>/toewijzen/", views.assign, name="assign"),
    path("signalen/<str:reference>/notitie/", views.add_note, name="note"),
    path("signalen/<str:reference>/status/", views.change_status, name="status"),
]
