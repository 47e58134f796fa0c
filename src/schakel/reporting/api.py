# SPDX-License-Identifier: EUPL-1.2
"""API v1 of reporting: ``reports/figures/`` and ``reports/council-letter/``.

For the analyst and the coordinator (users who may see reports); melders, partners and
administrators get 403. A municipality outside the caller's scope is 404.

Decision: the API's figures are **suppressed for every caller, the coordinator included**. An
API answer leaves Schakel (into a spreadsheet, a BI tool, another system) and loses the context
in which exact small numbers are safe; the coordinator sees exact counts on the dashboard. A
suppressed count is the string ``"<5"`` (threshold from ``SCHAKEL_SUPPRESSION_THRESHOLD``);
a complementary-suppressed count is ``"x"``.
"""

from __future__ import annotations

from django.http import Http404
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import permissions
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from schakel.reporting import protection, services, views


class CanViewReports(permissions.BasePermission):
    message = "Alleen voor beleidsmedewerkers en aandachtsfunctionarissen."

    def has_permission(self, request, view) -> bool:
        return bool(request.user and request.user.is_authenticated
                    and services.can_view_reports(request.user))


def _params(request: Request):
    try:
        year = services.parse_year(request.query_params.get("year"))
    except ValueError:
        raise ValidationError({"year": "Geef een jaar (JJJJ) tot en met dit jaar."}) from None
    code = request.query_params.get("municipality") or None
    try:
        area = services.resolve_scope(request.user, code)
    except Http404:
        raise NotFound("Gemeente niet gevonden.") from None
    return year, area


YEAR = OpenApiParameter("year", int, description="Calendar year (default: this year).")
MUNICIPALITY = OpenApiParameter(
    "municipality", str, description="CBS code; default: every municipality in scope.")
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
BAD_QUERY = OpenApiResponse(description="Invalid year, municipality or format: errors per "
                                        "parameter.")


class FiguresView(APIView):
    """Aggregate figures for one year; every count is suppressed ("<5")."""

    permission_classes = [permissions.IsAuthenticated, CanViewReports]

    @extend_schema(parameters=[YEAR, MUNICIPALITY], responses={200: dict, 400: BAD_QUERY})
    def get(self, request: Request) -> Response:
        year, area = _params(request)
        report = services.get_report(area, year, protection.internal_policy())
        services.log_report(request, "list", "figures", area, year)
        tables = [t.as_json() for t in report.tables]
        if report.overdue is not None:
            tables.append(report.overdue.as_json())
        return Response({
            "year": year,
            "municipality": area.selected.cbs_code if area.selected else None,
            "area": area.label,
            "data_date": report.data_date.isoformat(),
            "suppression": report.footnote,
            "tables": tables,
            "lead_times": [{"name": lt.name, "title": lt.title, "definition": lt.definition,
                            "observations": lt.observations.as_json(),
                            "median_days": lt.median_days or None}
                           for lt in report.lead_times],
        })


FORMAT = OpenApiParameter("format", str, enum=["pdf", "docx"], description="Default pdf.")


class CouncilLetterView(APIView):
    """The council letter (raadsinformatiebrief) as PDF (PDF/UA-1) or Word."""

    permission_classes = [permissions.IsAuthenticated, CanViewReports]

    def perform_content_negotiation(self, request, force=False):
        # ``?format=pdf|docx`` chooses the document, not a DRF renderer
        return super().perform_content_negotiation(request, force=True)

    @extend_schema(parameters=[YEAR, MUNICIPALITY, FORMAT],
                   responses={(200, "application/pdf"): bytes,
                              (200, DOCX): bytes,
                              400: BAD_QUERY})
    def get(self, request: Request):
        year, area = _params(request)
        fmt = request.query_params.get("format", "pdf")
        if fmt not in ("pdf", "docx"):
            raise ValidationError({"format": "pdf of docx"})
        return views.letter_response(request, area, year, fmt)
