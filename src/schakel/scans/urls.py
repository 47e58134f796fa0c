# SPDX-License-Identifier: EUPL-1.2
from django.urls import path

from schakel.scans import views

app_name = "scans"

urlpatterns = [
    path("registerscan/", views.worklist, name="worklist"),
    path("registerscan/uitvoeren/", views.run, name="run"),
    path("registerscan/treffer/<int:pk>/melding/", views.create_signal, name="create_signal"),
    path("registerscan/treffer/<int:pk>/afwijzen/", views.dismiss, name="dismiss"),
    path("registerscan/treffer/<int:pk>/controle/", views.plan_check, name="plan_check"),
    path("registerscan/controle/<int:pk>/uitkomst/", views.record_outcome, name="outcome"),
]
