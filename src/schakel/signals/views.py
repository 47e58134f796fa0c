# SPDX-License-Identifier: EUPL-1.2
"""Pages for reporting signals and for the coordinator's inbox.

Every page that shows a signal asks :mod:`schakel.scope` for it and records the access.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from schakel import scope
from schakel.accounts.models import Organisation
from schakel.audit import services as audit
from schakel.catalog.models import Domain
from schakel.signals import services, workflow
from schakel.signals.forms import (
    AssignForm,
    InboxFilterForm,
    NoteForm,
    SignalForm,
    StatusForm,
    indicators_by_domain,
    subject_formsets,
    subjects_from,
)
from schakel.signals.inbox import OPEN_STATUSES, filter_signals
from schakel.signals.intelligence import detected_context, detected_subjects
from schakel.signals.models import Signal, SignalSuggestion

PAGE_SIZE = 25


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


# --- intake -----------------------------------------------------------------------------------

@login_required
def report_start(request: HttpRequest) -> HttpResponse:
    """First question: is someone in danger right now?"""
    _require(scope.can_report(request.user))
    return render(request, "signals/report_start.html")


@login_required
def report_form(request: HttpRequest) -> HttpResponse:
    _require(scope.can_report(request.user))
    acute = request.GET.get("acuut") == "ja" or request.POST.get("acute") in {"True", "on", "true"}
    municipalities = scope.municipalities_in_scope(request.user)
    if request.method == "POST":
        form = SignalForm(request.POST, municipalities=municipalities)
        formsets = subject_formsets(request.POST)
        if form.is_valid() and all(fs.is_valid() for fs in formsets.values()):
            subjects = subjects_from(formsets)
            subjects += detected_subjects(request.POST.getlist("detected"), subjects)
            try:
                signal, _created = services.register_signal(
                    request.user, form.to_input(subjects),
                    submission_key=form.cleaned_data["submission_key"], request=request,
                )
            except ValidationError as error:
                _attach_errors(form, error)
            else:
                return redirect("signals:receipt", reference=signal.reference)
    else:
        form = SignalForm(initial={"acute": acute}, municipalities=municipalities)
        formsets = subject_formsets()
    return render(request, "signals/report_form.html", {
        "form": form, "formsets": formsets, "acute": acute,
        "indicator_groups": indicators_by_domain(form["indicators"]),
        **detected_context(request.POST.get("description", ""),
                           request.POST.getlist("detected")),
    })


def _attach_errors(form: SignalForm, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


@login_required
def report_receipt(request: HttpRequest, reference: str) -> HttpResponse:
    signal = _own_signal(request, reference)
    return render(request, "signals/receipt.html", {"signal": signal})


def _own_signal(request: HttpRequest, reference: str) -> Signal:
    try:
        signal = scope.own_signals(request.user).get(reference=reference)
    except Signal.DoesNotExist:
        audit.record(actor=request.user, action="view", object_type="signal",
                     object_refs=[reference], result="not_found", request=request,
                     purpose="own_signal_status")
        raise Http404 from None
    audit.record(actor=request.user, action="view", object_type="signal",
                 object_refs=[signal.reference], request=request, purpose="own_signal_status")
    return signal


@login_required
def my_signals(request: HttpRequest) -> HttpResponse:
    _require(scope.can_report(request.user))
    page = Paginator(scope.own_signals(request.user).order_by("-received_at", "-id"),
                     PAGE_SIZE).get_page(request.GET.get("pagina"))
    audit.record(actor=request.user, action="list", object_type="signal",
                 object_refs=[s.reference for s in page], request=request,
                 purpose="own_signal_status")
    return render(request, "signals/my_signals.html", {"page": page})


# --- inbox ------------------------------------------------------------------------------------

@login_required
def inbox(request: HttpRequest) -> HttpResponse:
    _require(scope.can_work_inbox(request.user))
    signals = scope.inbox_signals(request.user)
    sources = Organisation.objects.filter(
        pk__in=signals.values("source_organisation")).order_by("name")
    form = InboxFilterForm(request.GET or None, sources=sources)
    filters = form.cleaned_data if form.is_valid() else {}
    filtered = filter_signals(signals, filters, request.user).select_related(
        "assigned_to", "source_organisation").prefetch_related("domains")
    page = Paginator(filtered, PAGE_SIZE).get_page(request.GET.get("pagina"))
    audit.record(actor=request.user, action="search" if filters.get("q") else "list",
                 object_type="signal", object_refs=[s.reference for s in page],
                 request=request, purpose="triage")
    query = request.GET.copy()
    query.pop("pagina", None)
    template = "signals/_inbox_results.html" if request.htmx else "signals/inbox.html"
    return render(request, template, {
        "form": form, "page": page, "query": query.urlencode(),
        "counts": _inbox_counts(signals, request.user),
    })


def _inbox_counts(signals, user) -> dict[str, int]:
    """The numbers on the inbox tabs: open, overdue, unassigned and mine."""
    return signals.filter(status__in=OPEN_STATUSES).aggregate(
        open=Count("id"),
        overdue=Count("id", filter=Q(triage_due__lt=timezone.now())),
        unassigned=Count("id", filter=Q(assigned_to__isnull=True)),
        mine=Count("id", filter=Q(assigned_to=user)),
    )


@login_required
def signal_detail(request: HttpRequest, reference: str) -> HttpResponse:
    signal = _scoped_signal(request, reference, purpose="triage")
    if not scope.sees_full_signal(request.user, signal):
        return redirect("signals:receipt", reference=signal.reference)
    can_triage = scope.can_triage(request.user, signal)
    context = {
        "signal": signal,
        "subjects": signal.subjects.all(),
        "indicators": signal.indicators.select_related("domain"),
        "history": services.history(signal),
        "can_triage": can_triage,
        **_suggestion_context(signal),
    }
    if can_triage:
        context.update(_triage_forms(request, signal))
        # The triage decision panel (casework): decision form and related signals/cases.
        from schakel.cases.views import triage_panel

        context.update(triage_panel(request, signal))
    return render(request, "signals/detail.html", context)


def _suggestion_context(signal: Signal) -> dict:
    """The stored suggestion with the domain names, for the triage panel."""
    suggestion = SignalSuggestion.objects.filter(signal=signal).first()
    if suggestion is None:
        return {"suggestion": None}
    names = dict(Domain.objects.values_list("code", "name"))
    return {"suggestion": suggestion, "suggestion_names": {
        "label": names.get(suggestion.label, suggestion.label),
        "domains": [names.get(d, d) for d in suggestion.domains if d != suggestion.label]}}


def _triage_forms(request: HttpRequest, signal: Signal) -> dict:
    # Linking to a case goes through the triage decision, not the plain status form.
    allowed = tuple(t for t in workflow.allowed_targets(signal.status) if t != workflow.LINKED)
    return {
        "assign_form": AssignForm(initial={"assignee": signal.assigned_to},
                                  assignees=scope.assignable_users(request.user)),
        "note_form": NoteForm(),
        "status_form": StatusForm(allowed=allowed) if allowed else None,
    }


def _scoped_signal(request: HttpRequest, reference: str, purpose: str) -> Signal:
    return audit.logged_lookup(request, "signal", reference, purpose,
                               lambda: scope.access_signal(request.user, reference),
                               ref_of=lambda signal: signal.reference)


def _triage_signal(request: HttpRequest, reference: str) -> Signal:
    signal = _scoped_signal(request, reference, purpose="triage")
    if not scope.can_triage(request.user, signal):
        raise Http404
    return signal


@login_required
@require_POST
def assign(request: HttpRequest, reference: str) -> HttpResponse:
    signal = _triage_signal(request, reference)
    form = AssignForm(request.POST, assignees=scope.assignable_users(request.user))
    if request.POST.get("assignee") == "me":
        services.assign_signal(signal, request.user, request.user, request=request)
        messages.success(request, _("Het signaal is aan u toegewezen."))
    elif form.is_valid():
        services.assign_signal(signal, form.cleaned_data["assignee"], request.user,
                               request=request)
        messages.success(request, _("De toewijzing is opgeslagen."))
    else:
        messages.error(request, _("Deze persoon kan dit signaal niet behandelen."))
    return redirect("signals:detail", reference=signal.reference)


@login_required
@require_POST
def add_note(request: HttpRequest, reference: str) -> HttpResponse:
    signal = _triage_signal(request, reference)
    form = NoteForm(request.POST)
    if form.is_valid():
        services.add_note(signal, request.user, form.cleaned_data["text"], request=request)
        messages.success(request, _("De notitie is toegevoegd aan het journaal."))
    else:
        messages.error(request, _("Schrijf eerst een notitie."))
    return redirect(reverse("signals:detail", args=[signal.reference]) + "#journaal")


@login_required
@require_POST
def change_status(request: HttpRequest, reference: str) -> HttpResponse:
    signal = _triage_signal(request, reference)
    form = StatusForm(request.POST, allowed=tuple(
        t for t in workflow.allowed_targets(signal.status) if t != workflow.LINKED))
    if not form.is_valid():
        messages.error(request, _("Kies een geldige nieuwe status."))
        return redirect("signals:detail", reference=signal.reference)
    data = form.cleaned_data
    try:
        services.move_signal(
            signal, request.user, data["to_status"],
            reason_code=data["reason"].code if data.get("reason") else "",
            explanation=data.get("explanation", ""),
            forwarded_to=data.get("forwarded_to"), request=request,
        )
    except workflow.TransitionError as error:
        messages.error(request, _status_error(error))
    else:
        messages.success(request, _("De status is gewijzigd."))
    return redirect("signals:detail", reference=signal.reference)


def _status_error(error: workflow.TransitionError) -> str:
    text = str(error)
    if "reason" in text:
        return _("Kies een reden waarom er geen vervolg komt.")
    if "organisation" in text:
        return _("Kies naar welke organisatie het signaal is doorgezet.")
    if "explanation" in text:
        return _("Licht toe waarom het signaal opnieuw wordt beoordeeld.")
    return _("Deze statuswijziging is niet mogelijk.")
