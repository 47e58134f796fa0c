# SPDX-License-Identifier: EUPL-1.2
"""Pages of the reporting app: the dashboard, charts, the council letter and the regional file.

For users who may see reports (analyst: aggregates only; coordinator: exact counts within
scope on the dashboard). Everyone else gets 403 (the pages reveal no records); a municipality
outside scope is 404. Every view and download is written to the access log.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from schakel.reporting import charts, letter, protection, regional, services


def report_view(view: Callable) -> Callable:
    @login_required
    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not services.can_view_reports(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def _params(request: HttpRequest):
    try:
        year = services.parse_year(request.GET.get("jaar") or request.POST.get("jaar"))
    except ValueError:
        raise Http404("year out of range") from None
    code = request.GET.get("gemeente") or request.POST.get("gemeente") or None
    return year, services.resolve_scope(request.user, code)


def _query(year: int, area: services.ReportScope) -> str:
    params = {"jaar": year}
    if area.selected is not None:
        params["gemeente"] = area.selected.cbs_code
    return urlencode(params)


@report_view
def dashboard(request: HttpRequest) -> HttpResponse:
    year, area = _params(request)
    policy = protection.dashboard_policy(request.user)
    report = services.get_report(area, year, policy)
    services.log_report(request, "view", "dashboard", area, year)
    municipalities = list(services.report_municipalities(request.user).order_by("name"))
    template = "reporting/_figures.html" if request.htmx else "reporting/dashboard.html"
    return render(request, template, {
        "report": report, "area": area, "year": year, "query": _query(year, area),
        "years": services.available_years(), "municipalities": municipalities,
        "exact": not policy.protects,
        # charts inline (one request; drawn once per distinct content, see charts.cached_svg)
        "figures": [(t, charts.data_uri(charts.cached_svg(t))) for t in report.tables
                    if t.name != "funnel"],
        "funnel": report.table("funnel"),
    })


@report_view
def chart(request: HttpRequest, name: str) -> HttpResponse:
    """One chart as SVG, drawn from the published table only (cached per content)."""
    year, area = _params(request)
    report = services.get_report(area, year, protection.dashboard_policy(request.user))
    tables = {t.name: t for t in [*report.tables, report.overdue] if t is not None}
    if name not in tables:
        raise Http404("no such chart")
    response = HttpResponse(charts.cached_svg(tables[name]), content_type="image/svg+xml")
    response["Cache-Control"] = "private, max-age=300"
    return response


def letter_response(request: HttpRequest, area: services.ReportScope, year: int,
                    fmt: str) -> HttpResponse:
    """The council letter (suppressed and rounded for everyone) as PDF or Word."""
    report = services.get_report(area, year, protection.public_policy(), public=True)
    built = letter.build_letter(area, year, services.introduction(area, year), report)
    slug = f"raadsinformatiebrief-mensenhandel-{area.key.replace(':', '-')}-{year}"
    if fmt == "docx":
        content = letter.render_docx(built)
        response = HttpResponse(content, content_type=(
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document"))
        response["Content-Disposition"] = f'attachment; filename="{slug}.docx"'
    else:
        content = letter.render_pdf(built)
        response = HttpResponse(content, content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="{slug}.pdf"'
    services.log_report(request, "export", f"council_letter_{fmt}", area, year)
    return response


@report_view
def letter_page(request: HttpRequest) -> HttpResponse:
    year, area = _params(request)
    return render(request, "reporting/letter_page.html", {
        "area": area, "year": year, "query": _query(year, area),
        "introduction": services.introduction(area, year),
        "years": services.available_years(),
        "municipalities": list(services.report_municipalities(request.user).order_by("name")),
    })


@report_view
@require_POST
def letter_introduction(request: HttpRequest) -> HttpResponse:
    year, area = _params(request)
    text = request.POST.get("inleiding", "")
    try:
        services.save_introduction(request.user, area, year, text, request)
    except ValueError:
        return HttpResponseBadRequest(_("Schrijf een inleiding."))
    return redirect(reverse("reporting:letter") + "?" + _query(year, area))


@report_view
def letter_download(request: HttpRequest, fmt: str) -> HttpResponse:
    if fmt not in ("pdf", "docx"):
        raise Http404("unknown format")
    year, area = _params(request)
    return letter_response(request, area, year, fmt)


@report_view
def regional_export(request: HttpRequest, fmt: str) -> HttpResponse:
    if fmt not in ("csv", "xlsx"):
        raise Http404("unknown format")
    year, area = _params(request)
    data = regional.rows(area, year)
    name = f"cijfers-mensenhandel-{area.key.replace(':', '-')}-{year}"
    if fmt == "xlsx":
        content = regional.to_xlsx(data, _("Cijfers mensenhandel %(year)s") % {"year": year})
        response = HttpResponse(content, content_type=(
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))
    else:
        content = regional.to_csv(data)
        response = HttpResponse(content, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    services.log_report(request, "export", f"regional_{fmt}", area, year)
    return response
