# SPDX-License-Identifier: EUPL-1.2
"""Pages of the exports app: the HTCDS export form, and per case the CoMensha page with the
consent status and the registration checklist (PDF).

Scope comes from :mod:`schakel.scope` (outside scope 404, missing function 403); every page
that shows or hands out personal data writes an access-log event; the services write the
export and consent events themselves.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from schakel import scope
from schakel.audit import services as audit
from schakel.cases.models import Case
from schakel.exports import pdf, services
from schakel.exports.forms import ConsentForm, ExportForm
from schakel.exports.models import ExportLog


def _attach(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for name, errors in error.message_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


def _export_form(request: HttpRequest, data=None) -> ExportForm:
    record_allowed = scope.can_manage_cases(request.user)
    queryset = scope.managed_cases(request.user).order_by("-opened_at") \
        if record_allowed else None
    initial = {}
    if record_allowed and request.GET.get("casus"):
        initial["cases"] = list(queryset.filter(reference=request.GET["casus"]))
    return ExportForm(data, case_queryset=queryset, record_allowed=record_allowed,
                      initial=initial)


@login_required
def export_index(request: HttpRequest) -> HttpResponse:
    """Choose cases, variant, purpose and legal basis; a valid POST answers with the file."""
    if not scope.can_export_deidentified(request.user):
        raise PermissionDenied
    form = _export_form(request, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        cases = form.selected_cases() if "cases" in form.fields else list(
            scope.deidentified_export_cases(request.user))
        try:
            result = services.export_cases(
                request.user, cases, variant=data["variant"], purpose=data["purpose"],
                legal_basis=data.get("legal_basis", ""), file_format=data["file_format"],
                k=data["k"], request=request)
        except ValidationError as error:
            _attach(form, error)
        except PermissionError:
            raise Http404 from None
        else:
            response = HttpResponse(result.content, content_type=result.content_type)
            response["Content-Disposition"] = f'attachment; filename="{result.filename}"'
            return response
    if "cases" in form.fields:
        shown = [c.reference for c in form.fields["cases"].queryset]
        audit.record(actor=request.user, action="list", object_type="case", object_refs=shown,
                     request=request, purpose="export")
    labels = dict(services.RECORD_PURPOSES + services.DEIDENTIFIED_PURPOSES)
    recent = list(ExportLog.objects.filter(actor=request.user)[:10])
    for log in recent:
        log.purpose_label = labels.get(log.purpose, log.purpose)
    return render(request, "exports/index.html", {
        "form": form, "recent": recent, "min_k": services.MIN_K,
        "analyst_view": "cases" not in form.fields,
    })


def _victim(request: HttpRequest, reference: str, pk: int, purpose: str):
    """The case and the possible victim, logged either way (outside scope as not_found)."""
    try:
        case, subject = scope.access_possible_victim(request.user, reference, pk)
    except Http404:
        audit.record(actor=request.user, action="view", object_type="case",
                     object_refs=[reference], result="not_found", request=request,
                     purpose=purpose)
        raise
    return case, subject


@login_required
def comensha(request: HttpRequest, reference: str) -> HttpResponse:
    """The possible victims of a case with their consent status, and the checklist links."""
    try:
        case = scope.managed_cases(request.user).get(reference=reference)
    except Case.DoesNotExist:
        audit.record(actor=request.user, action="view", object_type="case",
                     object_refs=[reference], result="not_found", request=request,
                     purpose="comensha_registration")
        raise Http404 from None
    victims = services.possible_victims(case)
    rows = [{"subject": s, "consent": services.current_consent(s),
             "history": list(s.consent_records.select_related("recorded_by")),
             "form": ConsentForm(prefix=f"c{s.pk}"),
             "signatory": services.required_signatory(services.age_range(
                 s, services.today()))} for s in victims]
    audit.record(actor=request.user, action="view", object_type="case",
                 object_refs=[case.reference, *sorted({s.signal.reference for s in victims})],
                 request=request, purpose="comensha_registration")
    return render(request, "exports/comensha.html", {"case": case, "rows": rows})


@login_required
@require_POST
def consent(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    case, subject = _victim(request, reference, pk, "comensha_registration")
    form = ConsentForm(request.POST, prefix=f"c{subject.pk}")
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.record_consent(request.user, case, subject, status=data["status"],
                                    signatory=data["signatory"],
                                    decided_on=data["decided_on"],
                                    explanation=data["explanation"], request=request)
        except ValidationError as error:
            _attach(form, error)
        else:
            messages.success(request, _("De toestemming is vastgelegd."))
            return redirect("exports:comensha", reference=case.reference)
    rows = [{"subject": subject, "consent": services.current_consent(subject),
             "history": list(subject.consent_records.select_related("recorded_by")),
             "form": form, "signatory": services.required_signatory(services.age_range(
                 subject, services.today()))}]
    return render(request, "exports/comensha.html", {"case": case, "rows": rows})


@login_required
def comensha_pdf(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    case, subject = _victim(request, reference, pk, "comensha_registration")
    content = pdf.render_checklist(request.user, case, subject, request=request)
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="comensha-checklist-{case.reference}-{subject.pk}.pdf"')
    return response
