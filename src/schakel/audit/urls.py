# SPDX-License-Identifier: EUPL-1.2
from django.urls import path

from schakel.audit import views

app_name = "audit"

urlpatterns = [
    path("logboek/", views.logbook, name="logbook"),
    path("logboek/export/", views.export, name="export"),
    path("logboek/persoon/", views.person_report, name="person"),
]
