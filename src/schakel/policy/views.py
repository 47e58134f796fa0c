# SPDX-License-Identifier: EUPL-1.2
"""Pages of the policy cycle (beleid) and the signal card (signalenkaart).

The policy pages are for users with ``policy.work_policy`` (analyst, coordinator) and show
aggregates only; everyone else gets 403. The signal card is open to every signed-in user. Each
page works on one municipality from the user's scope (``?gemeente=<CBS code>`` when there are
several); exports are written to the access log.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from schakel import scope
from schakel.accounts.models import Municipality
from schakel.audit import services as audit
from schakel.catalog.models import Domain
from schakel.policy import pdf, services
from schakel.policy.forms import (
    BarrierAssessmentForm,
    BbaAssessmentForm,
    CaseFindingsForm,
    StaffCountForm,
    TrainingForm,
)
from schakel.policy.models import (
    Barrier,
    BarrierModel,
    BarrierModelRevision,
    BbaItem,
    StaffCount,
    TrainingSession,
)


def policy_view(view: Callable) -> Callable:
    """Signed in and allowed to work on policy; otherwise 403 (the pages reveal nothing about
    records, so 403 rather than 404)."""
    @login_required
    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not services.can_work_policy(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def _municipality(request: HttpRequest) -> Municipality:
    allowed = services.policy_municipalities(request.user)
    code = request.GET.get("gemeente") or request.POST.get("gemeente")
    municipality = allowed.filter(cbs_code=code).first() if code else allowed.first()
    if municipality is None:
        raise Http404("no municipality in scope")
    return municipality


def _context(request: HttpRequest, municipality: Municipality, **extra) -> dict:
    choices = services.policy_municipalities(request.user)
    return {"municipality": municipality, "municipalities": choices if choices.count() > 1
            else None, "gemeente_query": _query(request, municipality), **extra}


def _query(request: HttpRequest, municipality: Municipality) -> str:
    """``?gemeente=…`` for links, only needed when the user has several municipalities."""
    if services.policy_municipalities(request.user).count() > 1:
        return "?" + urlencode({"gemeente": municipality.cbs_code})
    return ""


def _redirect(request: HttpRequest, name: str, municipality: Municipality, *args) -> HttpResponse:
    return redirect(reverse(name, args=args) + _query(request, municipality))


def _attach(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error)


def _pdf_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def _log_export(request: HttpRequest, object_type: str, refs: list[str]) -> None:
    audit.record(actor=request.user, action="export", object_type=object_type,
                 object_refs=refs, request=request, purpose=services.PURPOSE)


# --- overview ---------------------------------------------------------------------------------

@policy_view
def index(request: HttpRequest) -> HttpResponse:
    municipality = _municipality(request)
    models = [(model, services.model_overview(municipality, model))
              for model in BarrierModel.objects.filter(active=True)]
    bba = services.current_bba(municipality)
    coverage = services.training_coverage(municipality)
    return render(request, "policy/index.html", _context(
        request, municipality, models=models,
        bba_totals=services.status_totals(row.status for row in bba), bba_count=len(bba),
        coverage=services.coverage_summary(coverage)))


# --- barrier models ---------------------------------------------------------------------------

def _model(code: str) -> BarrierModel:
    return get_object_or_404(BarrierModel, code=code, active=True)


@policy_view
def model_detail(request: HttpRequest, code: str) -> HttpResponse:
    municipality = _municipality(request)
    model = _model(code)
    rows = services.model_overview(municipality, model)
    return render(request, "policy/model_detail.html", _context(
        request, municipality, model=model, rows=rows,
        svg=mark_safe(services.model_svg(municipality, model, rows)),  # noqa: S308 - escaped
        models=BarrierModel.objects.filter(active=True)))


@policy_view
def model_svg(request: HttpRequest, code: str) -> HttpResponse:
    municipality = _municipality(request)
    model = _model(code)
    _log_export(request, "barrier_model_svg", [f"{municipality.cbs_code}/{model.code}"])
    return HttpResponse(services.model_svg(municipality, model), content_type="image/svg+xml")


@policy_view
def model_pdf(request: HttpRequest, code: str) -> HttpResponse:
    municipality = _municipality(request)
    model = _model(code)
    rows = services.model_overview(municipality, model)
    content = pdf.render_pdf("policy/pdf/barrier_model.html", {
        "municipality": municipality, "model": model, "rows": rows,
        "svg": mark_safe(services.model_svg(municipality, model, rows)),  # noqa: S308
        "generated_at": timezone.localtime()})
    _log_export(request, "barrier_model_pdf", [f"{municipality.cbs_code}/{model.code}"])
    return _pdf_response(content, f"barrieremodel-{model.code}-{municipality.cbs_code}.pdf")


@policy_view
def model_history(request: HttpRequest, code: str) -> HttpResponse:
    municipality = _municipality(request)
    model = _model(code)
    revisions = BarrierModelRevision.objects.filter(model=model).select_related("changed_by")
    return render(request, "policy/model_history.html", _context(
        request, municipality, model=model, revisions=revisions))


@policy_view
def barrier_assess(request: HttpRequest, pk: int) -> HttpResponse:
    municipality = _municipality(request)
    barrier = get_object_or_404(Barrier.objects.select_related("step__model", "instrument"),
                                pk=pk, active=True, step__active=True, step__model__active=True)
    current = services.current_barrier_assessments(municipality, [barrier]).get(barrier.pk)
    if request.method == "POST":
        form = BarrierAssessmentForm(request.POST)
        if form.is_valid():
            try:
                services.record_barrier_assessment(request.user, municipality, barrier,
                                                   form.to_input(), request=request)
            except ValidationError as error:
                _attach(form, error)
            else:
                messages.success(request, _("De beoordeling is opgeslagen."))
                return _redirect(request, "policy:model", municipality,
                                 barrier.step.model.code)
    else:
        form = BarrierAssessmentForm(initial=_initial(current))
    return render(request, "policy/barrier_assess.html", _context(
        request, municipality, barrier=barrier, form=form, current=current,
        history=services.barrier_history(municipality, barrier)))


def _initial(current) -> dict:
    if current is None:
        return {}
    return {"status": current.status, "evidence": current.evidence, "owner": current.owner,
            "next_step": current.next_step, "next_step_due": current.next_step_due,
            "review_on": current.review_on}


# --- BBA --------------------------------------------------------------------------------------

@policy_view
def bba(request: HttpRequest) -> HttpResponse:
    municipality = _municipality(request)
    rows = services.current_bba(municipality)
    coverage = services.training_coverage(municipality)
    return render(request, "policy/bba.html", _context(
        request, municipality, rows=rows, progress=services.bba_progress(municipality),
        totals=services.status_totals(row.status for row in rows), coverage=coverage,
        coverage_total=services.coverage_summary(coverage)))


@policy_view
def bba_item(request: HttpRequest, code: str) -> HttpResponse:
    municipality = _municipality(request)
    item = get_object_or_404(BbaItem, code=code, active=True)
    if request.method == "POST":
        form = BbaAssessmentForm(request.POST)
        if form.is_valid():
            try:
                services.record_bba_assessment(request.user, municipality, item,
                                               form.to_input(), request=request)
            except ValidationError as error:
                _attach(form, error)
            else:
                messages.success(request, _("De beoordeling is opgeslagen."))
                return _redirect(request, "policy:bba", municipality)
    else:
        form = BbaAssessmentForm(initial={"assessed_on": timezone.localdate()})
    coverage = services.training_coverage(municipality) if item.shows_training_coverage \
        else None
    return render(request, "policy/bba_item.html", _context(
        request, municipality, item=item, form=form, coverage=coverage,
        history=services.bba_history(municipality, item)))


@policy_view
def bba_pdf(request: HttpRequest) -> HttpResponse:
    municipality = _municipality(request)
    rows = services.current_bba(municipality)
    coverage = services.training_coverage(municipality)
    progress = services.bba_progress(municipality)
    content = pdf.render_pdf("policy/pdf/bba_summary.html", {
        "municipality": municipality, "rows": rows,
        "totals": services.status_totals(row.status for row in rows),
        "coverage": coverage, "coverage_total": services.coverage_summary(coverage),
        "first": progress[0] if progress else None, "generated_at": timezone.localtime()})
    _log_export(request, "bba_summary_pdf", [municipality.cbs_code])
    return _pdf_response(content, f"bba-samenvatting-{municipality.cbs_code}.pdf")


# --- training ---------------------------------------------------------------------------------

@policy_view
def training(request: HttpRequest) -> HttpResponse:
    municipality = _municipality(request)
    form = TrainingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_training_session(request.user, municipality, form.to_input(),
                                          request=request)
        except ValidationError as error:
            _attach(form, error)
        else:
            messages.success(request, _("De training is toegevoegd."))
            return _redirect(request, "policy:training", municipality)
    return _training_page(request, municipality, form=form)


def _training_page(request: HttpRequest, municipality: Municipality, *, form=None,
                   staff_form=None) -> HttpResponse:
    current = dict(StaffCount.objects.filter(municipality=municipality)
                   .values_list("department", "staff"))
    coverage = services.training_coverage(municipality)
    return render(request, "policy/training.html", _context(
        request, municipality, form=form or TrainingForm(),
        staff_form=staff_form or StaffCountForm(current=current),
        sessions=TrainingSession.objects.filter(municipality=municipality)
        .select_related("partner")[:100],
        coverage=coverage, coverage_total=services.coverage_summary(coverage),
        valid_years=services.TRAINING_VALID_DAYS // 365))


@policy_view
@require_POST
def staff_counts(request: HttpRequest) -> HttpResponse:
    municipality = _municipality(request)
    form = StaffCountForm(request.POST)
    if not form.is_valid():
        return _training_page(request, municipality, staff_form=form)
    for department, staff in form.counts().items():
        services.set_staff_count(request.user, municipality, department, staff,
                                 request=request)
    messages.success(request, _("De aantallen medewerkers zijn opgeslagen."))
    return _redirect(request, "policy:training", municipality)


# --- findings of a closed case (casework: the coordinator of the case) -----------------------

def _managed_case(request: HttpRequest, reference: str):
    """The case, for the coordinator who runs it; 404 for everyone else (also the analyst),
    logged like every other case view."""
    try:
        case = scope.access_case(request.user, reference)
        if not scope.can_manage_case(request.user, case):
            raise Http404("not managed by this user")
    except Http404:
        audit.record(actor=request.user, action="view", object_type="case",
                     object_refs=[reference], result="not_found", request=request,
                     purpose=services.CASE_PURPOSE)
        raise
    return case


@login_required
def case_findings(request: HttpRequest, reference: str) -> HttpResponse:
    """Which barriers of the steps a closed case touched failed or were missing. The policy
    pages count these per barrier; the case itself never shows there."""
    case = _managed_case(request, reference)
    models = list(BarrierModel.objects.filter(active=True))
    model = next((m for m in models if m.code == request.GET.get("model")),
                 models[0] if models else None)
    if model is None:
        raise Http404("no barrier model")
    closed = case.is_closed
    groups = services.case_barriers(case, model) if closed else []
    current = services.current_case_findings(case)
    form = CaseFindingsForm(request.POST or None, groups=groups, current=current)
    if request.method == "POST":
        if not closed:
            return HttpResponseBadRequest(_("Sluit de casus eerst."))
        if form.is_valid():
            try:
                written = services.record_case_findings(request.user, case, model,
                                                        form.entries(), request=request)
            except ValidationError as error:
                _attach(form, error)
            else:
                messages.success(request, _("De bevindingen over barrières zijn opgeslagen.")
                                 if written else _("Er is niets gewijzigd."))
                return redirect("cases:detail", reference=case.reference)
    audit.record(actor=request.user, action="view", object_type="case",
                 object_refs=[case.reference], request=request, purpose=services.CASE_PURPOSE)
    return render(request, "policy/case_findings.html", {
        "case": case, "model": model, "models": models, "form": form, "closed": closed})


# --- signal card (every signed-in user) -------------------------------------------------------

def _card_context(request: HttpRequest, domain_code: str | None) -> dict:
    if domain_code and not Domain.objects.filter(code=domain_code, active=True,
                                                 is_exploitation=True).exists():
        raise Http404("unknown domain")
    return {"sections": services.signal_card(domain_code),
            "domains": Domain.objects.filter(active=True, is_exploitation=True),
            "chosen": domain_code or "",
            "coordinators": services.coordinators_for(request.user),
            "generated_at": timezone.localtime()}


@login_required
def signal_card(request: HttpRequest) -> HttpResponse:
    return render(request, "policy/signal_card.html",
                  _card_context(request, request.GET.get("domein") or None))


@login_required
def signal_card_pdf(request: HttpRequest) -> HttpResponse:
    domain_code = request.GET.get("domein") or None
    content = pdf.render_pdf("policy/pdf/signal_card.html", _card_context(request, domain_code))
    _log_export(request, "signal_card_pdf", [domain_code or "all"])
    return _pdf_response(content, f"signalenkaart-{domain_code or 'alle'}.pdf")
