# SPDX-License-Identifier: EUPL-1.2
from django.urls import path

from schakel.exports import views

app_name = "exports"

urlpatterns = [
    path("exporteren/", views.export_index, name="index"),
    path("casussen/<str:reference>/comensha/", views.comensha, name="comensha"),
    path("casussen/<str:reference>/comensha/<int:pk>/toestemming/", views.consent,
         name="consent"),
    path("casussen/<str:reference>/comensha/<int:pk>/checklist.pdf", views.comensha_pdf,
         name="comensha_pdf"),
]
