# SPDX-License-Identifier: EUPL-1.2
"""Pages around the text analysis: identifiers detected while a melder types, and the quality
page that compares suggestions with the coordinators' decisions."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_POST

from schakel import scope
from schakel.catalog.models import Domain
from schakel.signals import intelligence
from schakel.signals.models import SignalSuggestion

MAX_TEXT = 10_000


@login_required
@require_POST
def detect(request: HttpRequest) -> HttpResponse:
    """htmx: the identifiers in the description, offered as checkboxes the melder may tick."""
    if not scope.can_report(request.user):
        raise PermissionDenied
    context = intelligence.detected_context(request.POST.get("description", "")[:MAX_TEXT],
                                            request.POST.getlist("detected"))
    return render(request, "signals/_detected.html", context)


@login_required
def quality(request: HttpRequest) -> HttpResponse:
    """How often the suggestion matched the coordinator's decision, per domain and month."""
    if not scope.can_work_inbox(request.user):
        raise PermissionDenied
    suggestions = SignalSuggestion.objects.filter(
        signal__in=scope.inbox_signals(request.user))
    figures = intelligence.agreement(suggestions)
    names = {d.code: d.name for d in Domain.objects.all()}
    rows = [
        {"code": code, "name": names.get(code, code), "n": v["n"], "agree": v["agree"],
         "suggested": v["suggested"],
         "recall": round(100 * v["agree"] / v["n"]) if v["n"] else None,
         "precision": round(100 * v["agree"] / v["suggested"]) if v["suggested"] else None}
        for code, v in sorted(figures["per_label"].items())
    ]
    months = [{"month": m, **v, "rate": round(100 * v["agree"] / v["n"]) if v["n"] else None}
              for m, v in figures["per_month"].items()]
    return render(request, "signals/quality.html", {
        "figures": figures, "rows": rows, "months": months[-12:],
        "rate": round(100 * figures["agree"] / figures["total"]) if figures["total"] else None,
    })
