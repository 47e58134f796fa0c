# SPDX-License-Identifier: EUPL-1.2
from django.urls import path

from schakel.linking import views

app_name = "linking"

urlpatterns = [
    path("koppelingen/treffers/", views.hits, name="hits"),
    path("koppelingen/entiteit/<int:pk>/", views.entity_detail, name="entity"),
    path("koppelingen/entiteit/<int:pk>/splitsen/", views.split, name="split"),
    path("koppelingen/voorstel/<int:pk>/besluit/", views.decide, name="decide"),
    path("koppelingen/vermelding/<int:pk>/ongedaan/", views.undo, name="undo"),
    path("koppelingen/netwerk/<str:kind>/<str:ref>/", views.network_view, name="network"),
]
