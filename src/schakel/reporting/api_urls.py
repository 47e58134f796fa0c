# SPDX-License-Identifier: EUPL-1.2
"""Included by ``schakel.api.urls`` under ``reports/``."""

from django.urls import path

from schakel.reporting import api

urlpatterns = [
    path("figures/", api.FiguresView.as_view(), name="api-report-figures"),
    path("council-letter/", api.CouncilLetterView.as_view(), name="api-council-letter"),
]
