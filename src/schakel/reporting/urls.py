# SPDX-License-Identifier: EUPL-1.2
from django.urls import path

from schakel.reporting import views

app_name = "reporting"

urlpatterns = [
    path("rapportage/", views.dashboard, name="dashboard"),
    path("rapportage/grafiek/<slug:name>.svg", views.chart, name="chart"),
    path("rapportage/raadsinformatiebrief/", views.letter_page, name="letter"),
    path("rapportage/raadsinformatiebrief/inleiding/", views.letter_introduction,
         name="letter_introduction"),
    path("rapportage/raadsinformatiebrief.<str:fmt>", views.letter_download,
         name="letter_download"),
    path("rapportage/regio.<str:fmt>", views.regional_export, name="regional_export"),
]
