# SPDX-License-Identifier: EUPL-1.2
"""Start page, health check and error pages."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render

from schakel import scope


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """Send people to where their work is: the dashboard for a coordinator, the referrals for a
    partner, reporting for a melder."""
    if scope.can_manage_cases(request.user):
        return redirect("cases:dashboard")
    if scope.can_work_inbox(request.user):
        return redirect("signals:inbox")
    if scope.has(request.user, scope.HANDLE_REFERRAL):
        return redirect("cases:referrals")
    if scope.can_report(request.user):
        return redirect("signals:report")
    if scope.has(request.user, "policy.work_policy"):
        return redirect("policy:index")
    return render(request, "core/home.html")


def health(request: HttpRequest) -> JsonResponse:
    """For the load balancer: the database answers. Reveals nothing else."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


def error_404(request: HttpRequest, exception=None) -> HttpResponse:
    return render(request, "404.html", status=404)


def error_403(request: HttpRequest, exception=None) -> HttpResponse:
    return render(request, "403.html", status=403)


def error_500(request: HttpRequest) -> HttpResponse:
    return render(request, "500.html", status=500)
