# SPDX-License-Identifier: EUPL-1.2
"""Pages for casework: triage decision, cases, referrals, case conferences and the dashboard.

Every page asks :mod:`schakel.scope` for its records (outside scope is 404) and records what it
shows in the access log. Every form calls exactly one service in
:mod:`schakel.cases.services`; the views only translate its errors into Dutch next to the field,
keeping everything the user typed.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Exists, OuterRef, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from schakel import scope
from schakel.accounts.models import User
from schakel.audit import services as audit
from schakel.cases import services, workflow
from schakel.cases.forms import (
    CaseEditForm,
    CaseFilterForm,
    CaseNoteForm,
    CaseStatusForm,
    ConferenceForm,
    DecisionForm,
    InterventionForm,
    InterventionUpdateForm,
    ReferralForm,
    ReferralResponseForm,
    RevokeForm,
    TriageForm,
    relevant_organisations,
    triage_initial,
)
from schakel.cases.models import (
    BARRIER_PHASES,
    Assessment,
    Case,
    CaseStatus,
    Conference,
    Intervention,
    Participant,
    Referral,
)
from schakel.cases.related import related_records
from schakel.signals import workflow as signal_workflow
from schakel.signals.models import Signal, SignalSubject

PAGE_SIZE = 25
OPEN_REFERRAL = (workflow.IN_PROGRESS, workflow.ACCEPTED)
OPEN_INTERVENTION = (Intervention.Status.PLANNED, Intervention.Status.IN_PROGRESS)
CONFLICT_MESSAGE = gettext_lazy(
    "Iemand anders heeft deze casus intussen gewijzigd. Uw wijziging is niet opgeslagen. "
    "Uw invoer staat hieronder nog ingevuld: bekijk de nieuwe gegevens en sla opnieuw op.")
PHASE_LABELS = dict(BARRIER_PHASES)
REF_KINDS = {"referral": gettext_lazy("doorverwijzing"),
             "intervention": gettext_lazy("interventie"),
             "conference": gettext_lazy("casusoverleg"), "decision": gettext_lazy("besluit")}
ELEMENT_LABELS = {"act": gettext_lazy("handeling"), "means": gettext_lazy("middel"),
                  "purpose": gettext_lazy("oogmerk")}


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def _log(request: HttpRequest, action: str, object_type: str, refs: list[str], purpose: str,
         result: str = "ok") -> None:
    audit.record(actor=request.user, action=action, object_type=object_type, object_refs=refs,
                 result=result, request=request, purpose=purpose)


def _attach_errors(form, error: ValidationError) -> None:
    """Put a service's validation errors next to the matching field (or above the form)."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def _today():
    return timezone.localdate()


# --- triage (panel on the signal detail page) ---------------------------------------------------

def open_managed_cases(user: User) -> QuerySet[Case]:
    return scope.managed_cases(user).exclude(status=CaseStatus.CLOSED).order_by("-opened_at")


def triage_panel(request: HttpRequest, signal: Signal) -> dict:
    """Context for the triage panel on the signal page: the decision form and the signals and
    cases that share an identifier with this one. Empty when there is nothing to decide."""
    if not (signal.is_open and scope.can_triage(request.user, signal)
            and scope.can_manage_cases(request.user)):
        return {}
    form = getattr(request, "triage_form", None)
    if form is None:
        latest = signal.assessments.order_by("at", "id").last()
        form = TriageForm(initial=triage_initial(signal, latest), prefix="triage",
                          cases=open_managed_cases(request.user))
    related = related_records(request.user, signal)
    if related:
        _log(request, "view", "signal", [m.record.reference for m in related.signals]
             + [m.record.reference for m in related.cases], "triage_matching")
    return {"triage_form": form, "related": related}


def _triage_decision(form: TriageForm) -> services.TriageDecision:
    data = form.cleaned_data
    decision = data["decision"]
    reason = data["reason"].code if decision == "no_follow_up" else data["explanation"]
    return services.TriageDecision(
        decision=decision, domains=[d.code for d in data["domains"]], reason=reason,
        forward_to=data["forward_to"], case=data["case"], title=data["title"],
        priority=data["priority"], assessment=form.assessment())


@login_required
@require_POST
def triage(request: HttpRequest, reference: str) -> HttpResponse:
    signal = _triage_signal(request, reference)
    if not signal.is_open:
        messages.error(request, _("Over dit signaal is al besloten."))
        return redirect("signals:detail", reference=signal.reference)
    form = TriageForm(request.POST, prefix="triage", cases=open_managed_cases(request.user))
    if form.is_valid():
        try:
            case = services.triage_signal(signal, request.user, _triage_decision(form),
                                          request=request)
        except ValidationError as error:
            _attach_errors(form, error)
        except signal_workflow.TransitionError:
            form.add_error(None, _("Dit besluit is bij de huidige status van het signaal niet "
                                   "mogelijk."))
        else:
            return _after_triage(request, signal, case)
    from schakel.signals import views as signal_views

    request.triage_form = form
    return signal_views.signal_detail(request, reference)


def _triage_signal(request: HttpRequest, reference: str) -> Signal:
    try:
        signal = scope.access_signal(request.user, reference)
    except Http404:
        _log(request, "update", "signal", [reference], "triage", result="not_found")
        raise
    if not (scope.can_triage(request.user, signal) and scope.can_manage_cases(request.user)):
        raise Http404
    return signal


def _after_triage(request: HttpRequest, signal: Signal, case: Case | None) -> HttpResponse:
    if case is None:
        messages.success(request, _("Het besluit over het signaal is opgeslagen."))
        return redirect("signals:detail", reference=signal.reference)
    messages.success(request, _("Het signaal hoort nu bij casus %(ref)s.")
                     % {"ref": case.reference})
    return redirect("cases:detail", reference=case.reference)


# --- cases: list --------------------------------------------------------------------------------

def with_overdue(cases: QuerySet[Case]) -> QuerySet[Case]:
    """Mark cases with a referral or intervention past its deadline."""
    today = _today()
    return cases.annotate(
        has_overdue=Exists(Referral.objects.filter(case=OuterRef("pk"), status__in=OPEN_REFERRAL,
                                                   due_on__lt=today))
        | Exists(Intervention.objects.filter(case=OuterRef("pk"), status__in=OPEN_INTERVENTION,
                                             due_on__lt=today)))


def filter_cases(cases: QuerySet[Case], filters: dict, user: User) -> QuerySet[Case]:
    if filters.get("show", "mine") in {"mine", ""}:
        cases = cases.filter(coordinator=user)
    status = filters.get("status")
    if not status:
        cases = cases.exclude(status=CaseStatus.CLOSED)
    elif status != "all":
        cases = cases.filter(status=status)
    if filters.get("priority"):
        cases = cases.filter(priority=filters["priority"])
    if filters.get("domain"):
        cases = cases.filter(domains=filters["domain"])
    cases = with_overdue(cases)
    if filters.get("overdue"):
        cases = cases.filter(has_overdue=True)
    return cases.distinct()


@login_required
def case_list(request: HttpRequest) -> HttpResponse:
    _require(scope.can_manage_cases(request.user))
    form = CaseFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    cases = filter_cases(scope.managed_cases(request.user), filters, request.user)
    page = Paginator(cases.select_related("coordinator").prefetch_related("domains"),
                     PAGE_SIZE).get_page(request.GET.get("pagina"))
    _log(request, "list", "case", [c.reference for c in page], "case_management")
    query = request.GET.copy()
    query.pop("pagina", None)
    return render(request, "cases/case_list.html",
                  {"form": form, "page": page, "query": query.urlencode()})


# --- cases: detail and forms --------------------------------------------------------------------

def _managed_case(request: HttpRequest, reference: str, purpose: str = "case_management") -> Case:
    """The case if the user runs it; anyone else gets 404 (the access attempt is logged)."""
    try:
        case = scope.access_case(request.user, reference)
        if not scope.can_manage_case(request.user, case):
            raise Http404
    except Http404:
        _log(request, "view", "case", [reference], purpose, result="not_found")
        raise
    return case


def gap_labels(assessment: Assessment | None) -> list[str]:
    return [str(ELEMENT_LABELS[name]) for name in (assessment.gaps if assessment else [])]


def case_content(case: Case) -> dict:
    """Everything about a case, for the coordinator who runs it."""
    assessment = case.assessments.order_by("at", "id").last()
    return {
        "case": case,
        "signals": case.signals.order_by("received_at").prefetch_related("domains"),
        "subjects": SignalSubject.objects.filter(signal__case=case).select_related("signal"),
        "assessment": assessment,
        "gaps": gap_labels(assessment),
        "referrals": case.referrals.select_related("organisation", "legal_basis"),
        "interventions": case.interventions.select_related("type", "organisation"),
        "decisions": case.decisions.select_related("owner", "conference"),
        "conferences": Conference.objects.filter(agenda__case=case).order_by("scheduled_at"),
        "timeline": labelled_timeline(case),
        "barrier_phases": [str(PHASE_LABELS.get(p, p)) for p in case.barrier_phases],
    }


def labelled_timeline(case: Case) -> list:
    """The timeline with Dutch status names instead of codes."""
    labels = dict(CaseStatus.choices)
    events = services.timeline(case)
    for event in events:
        event.from_label = labels.get(event.from_status, "")
        event.to_label = labels.get(event.to_status, "")
        event.ref_label = ref_label(event.related_ref)
    return events


def ref_label(ref: str) -> str:
    """'referral:12' → 'doorverwijzing 12'; signal references stay as they are."""
    kind, _sep, number = ref.partition(":")
    return f"{REF_KINDS[kind]} {number}" if kind in REF_KINDS and number else ref


def _case_forms(request: HttpRequest, case: Case, bound: dict) -> dict:
    organisations = relevant_organisations(request.user)
    forms = {
        "edit_form": CaseEditForm(prefix="edit", initial={
            "version": case.version, "title": case.title, "priority": case.priority,
            "domains": [d.code for d in case.domains.all()]}),
        "status_form": CaseStatusForm(prefix="status", initial={"version": case.version},
                                      current=case.status),
        "note_form": CaseNoteForm(prefix="note"),
        "referral_form": ReferralForm(prefix="ref", organisations=organisations),
        "intervention_form": InterventionForm(prefix="newiv", organisations=organisations),
    }
    forms.update(bound)
    return forms


def _intervention_forms(case_data: dict, bound: tuple[int, InterventionUpdateForm] | None):
    rows = []
    for intervention in case_data["interventions"]:
        form = None
        if intervention.status in OPEN_INTERVENTION:
            form = InterventionUpdateForm(prefix=f"iv{intervention.pk}",
                                          initial={"status": intervention.status})
            if bound and bound[0] == intervention.pk:
                form = bound[1]
        rows.append((intervention, form))
    return rows


def _render_case(request: HttpRequest, case: Case, bound_intervention=None,
                 **bound) -> HttpResponse:
    case.refresh_from_db()
    context = case_content(case)
    context.update(_case_forms(request, case, bound))
    context["intervention_rows"] = _intervention_forms(context, bound_intervention)
    context["today"] = _today()
    _log(request, "view", "case",
         [case.reference] + [s.reference for s in context["signals"]], "case_management")
    return render(request, "cases/case_detail.html", context)


@login_required
def case_detail(request: HttpRequest, reference: str) -> HttpResponse:
    try:
        case = scope.access_case(request.user, reference)
    except Http404:
        _log(request, "view", "case", [reference], "case_management", result="not_found")
        raise
    if not scope.can_manage_case(request.user, case):
        # A conference participant reads the case in the conference, with less detail.
        item = _participant_agenda_item(request.user, case)
        return redirect("cases:agenda_case", pk=item.conference_id, reference=case.reference)
    return _render_case(request, case)


def _conflict(form_class, request: HttpRequest, case: Case, **kwargs):
    """Keep the user's input, but with the current version, so that saving again after
    reading the other person's change is a deliberate overwrite."""
    case.refresh_from_db()
    data = request.POST.copy()
    data[f"{kwargs['prefix']}-version"] = str(case.version)
    form = form_class(data, **kwargs)
    form.is_valid()
    form.add_error(None, CONFLICT_MESSAGE)
    return form


@login_required
@require_POST
def case_edit(request: HttpRequest, reference: str) -> HttpResponse:
    case = _managed_case(request, reference)
    form = CaseEditForm(request.POST, prefix="edit")
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.update_case(case, request.user, expected_version=data["version"],
                                 title=data["title"], priority=data["priority"],
                                 domains=[d.code for d in data["domains"]], request=request)
        except services.ConcurrentEditError:
            form = _conflict(CaseEditForm, request, case, prefix="edit")
        except ValidationError as error:
            _attach_errors(form, error)
        else:
            messages.success(request, _("De gegevens van de casus zijn opgeslagen."))
            return redirect("cases:detail", reference=case.reference)
    return _render_case(request, case, edit_form=form)


@login_required
@require_POST
def case_status(request: HttpRequest, reference: str) -> HttpResponse:
    case = _managed_case(request, reference)
    form = CaseStatusForm(request.POST, prefix="status", current=case.status)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.move_case(
                case, request.user, data["to_status"], reason=data["reason"],
                outcome_code=data["outcome"].code if data["outcome"] else "",
                summary=data["closing_summary"], barrier_phases=data["barrier_phases"],
                expected_version=data["version"], request=request)
        except services.ConcurrentEditError:
            form = _conflict(CaseStatusForm, request, case, prefix="status",
                             current=case.status)
        except workflow.CaseTransitionError:
            form.add_error("to_status", _("Deze statuswijziging is niet mogelijk."))
        except ValidationError as error:
            _attach_errors(form, error)
        else:
            messages.success(request, _("De status van de casus is gewijzigd."))
            return redirect("cases:detail", reference=case.reference)
    return _render_case(request, case, status_form=form)


@login_required
@require_POST
def case_note(request: HttpRequest, reference: str) -> HttpResponse:
    case = _managed_case(request, reference)
    form = CaseNoteForm(request.POST, prefix="note")
    if form.is_valid():
        try:
            services.add_case_note(case, request.user, form.cleaned_data["text"], request=request)
        except ValidationError as error:
            _attach_errors(form, error)
        else:
            messages.success(request, _("De notitie is toegevoegd aan de tijdlijn."))
            return redirect(reverse("cases:detail", args=[case.reference]) + "#tijdlijn")
    return _render_case(request, case, note_form=form)


def _referral_input(data: dict, organisation, reason: str) -> services.ReferralInput:
    return services.ReferralInput(
        organisation=organisation, reason=reason, due_on=data["due_on"],
        legal_basis_code=data["legal_basis"].code if data.get("legal_basis") else "",
        consent=data["consent"], shared_fields=data["shared_fields"] or ["summary"])


@login_required
@require_POST
def case_refer(request: HttpRequest, reference: str) -> HttpResponse:
    case = _managed_case(request, reference)
    form = ReferralForm(request.POST, prefix="ref",
                        organisations=relevant_organisations(request.user))
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.refer(case, request.user,
                           _referral_input(data, data["organisation"], data["reason"]),
                           request=request)
        except ValidationError as error:
            _attach_errors(form, error)
        else:
            messages.success(request, _("De doorverwijzing is verstuurd."))
            return redirect(reverse("cases:detail", args=[case.reference]) + "#doorverwijzingen")
    return _render_case(request, case, referral_form=form)


@login_required
@require_POST
def case_intervention(request: HttpRequest, reference: str) -> HttpResponse:
    case = _managed_case(request, reference)
    form = InterventionForm(request.POST, prefix="newiv",
                            organisations=relevant_organisations(request.user))
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.add_intervention(case, request.user, type_code=data["type"],
                                      organisation=data["organisation"], due_on=data["due_on"],
                                      description=data["description"], request=request)
        except ValidationError as error:
            _attach_errors(form, error)
        else:
            messages.success(request, _("De interventie is gepland."))
            return redirect(reverse("cases:detail", args=[case.reference]) + "#interventies")
    return _render_case(request, case, intervention_form=form)


@login_required
@require_POST
def intervention_update(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        intervention = Intervention.objects.select_related("case", "type").get(
            pk=pk, case__in=scope.managed_cases(request.user))
    except Intervention.DoesNotExist:
        _log(request, "update", "case", [f"intervention:{pk}"], "intervention",
             result="not_found")
        raise Http404 from None
    case = intervention.case
    form = InterventionUpdateForm(request.POST, prefix=f"iv{pk}")
    if form.is_valid():
        try:
            services.update_intervention(intervention, request.user, **form.cleaned_data,
                                         request=request)
        except ValidationError as error:
            _attach_errors(form, error)
        else:
            messages.success(request, _("De interventie is bijgewerkt."))
            return redirect(reverse("cases:detail", args=[case.reference]) + "#interventies")
    return _render_case(request, case, bound_intervention=(intervention.pk, form))


# --- referrals ----------------------------------------------------------------------------------

def _can_see_referrals(user: User) -> bool:
    return scope.has(user, scope.HANDLE_REFERRAL) or scope.can_manage_cases(user)


@login_required
def referral_list(request: HttpRequest) -> HttpResponse:
    _require(_can_see_referrals(request.user))
    show_all = request.GET.get("alle") == "1"
    referrals = scope.visible_referrals(request.user).select_related("case", "organisation")
    if not show_all:
        referrals = referrals.filter(status__in=OPEN_REFERRAL)
    referrals = referrals.order_by("due_on", "id")
    page = Paginator(referrals, PAGE_SIZE).get_page(request.GET.get("pagina"))
    _log(request, "list", "referral", [f"referral:{r.pk}" for r in page], "referral")
    return render(request, "cases/referral_list.html", {
        "page": page, "show_all": show_all, "query": "alle=1" if show_all else "",
        "is_coordinator": scope.can_manage_cases(request.user)})


def shared_content(referral: Referral) -> dict:
    """Only what the coordinator chose to share with the partner (data minimisation); every
    key is absent unless its field was ticked."""
    chosen = set(referral.shared_fields)
    case = referral.case
    signals = list(case.signals.order_by("received_at"))
    subjects = list(SignalSubject.objects.filter(signal__case=case))
    content: dict = {}
    if "summary" in chosen:
        content["summary"] = {"title": case.title, "status": case.get_status_display(),
                              "domains": [d.name for d in case.domains.all()]}
    if "signals" in chosen:
        content["signals"] = [s.description for s in signals]
    if "addresses" in chosen:
        content["addresses"] = _addresses(signals)
    for key, kind in (("persons", SignalSubject.Kind.PERSON),
                      ("organisations", SignalSubject.Kind.ORGANISATION),
                      ("vehicles", SignalSubject.Kind.VEHICLE),
                      ("phones", SignalSubject.Kind.PHONE)):
        if key in chosen:
            content[key] = [s for s in subjects if s.kind == kind]
    if "assessment" in chosen:
        content["assessment"] = case.assessments.order_by("at", "id").last()
        content["assessment_gaps"] = gap_labels(content["assessment"])
    return content


def _addresses(signals: list[Signal]) -> list[str]:
    labels = []
    for signal in signals:
        label = " · ".join(p for p in (signal.address_label, signal.location_description) if p)
        if label and label not in labels:
            labels.append(label)
    return labels


def _referral(request: HttpRequest, pk: int) -> Referral:
    try:
        return scope.access_referral(request.user, pk)
    except Http404:
        _log(request, "view", "referral", [f"referral:{pk}"], "referral", result="not_found")
        raise


def _render_referral(request: HttpRequest, referral: Referral, bound=None) -> HttpResponse:
    is_partner = scope.is_receiving_partner(request.user, referral)
    is_manager = scope.can_manage_case(request.user, referral.case)
    context = {"referral": referral, "is_partner": is_partner, "is_manager": is_manager,
               "events": labelled_referral_events(referral)}
    if not is_manager:
        context["shared"] = shared_content(referral)
    if is_partner:
        context["response_forms"] = _response_forms(referral, bound)
    _log(request, "view", "referral", [f"referral:{referral.pk}", referral.case.reference],
         "referral")
    return render(request, "cases/referral_detail.html", context)


def labelled_referral_events(referral: Referral) -> list:
    labels = dict(Referral.Status.choices)
    events = list(referral.events.all())
    for event in events:
        event.label = labels.get(event.to_status, event.to_status)
    return events


def _response_forms(referral: Referral, bound: ReferralResponseForm | None) -> list:
    """The partner's possible answers at this point: accept/reject, or report back."""
    targets = [t for s, t, who in workflow.REFERRAL_MOVES
               if s == referral.status and who == "partner"]
    forms = []
    for target in targets:
        form = ReferralResponseForm(initial={"to_status": target}, prefix=target, target=target)
        if bound is not None and bound.prefix == target:
            form = bound
        forms.append((target, form))
    return forms


@login_required
def referral_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _render_referral(request, _referral(request, pk))


@login_required
@require_POST
def referral_respond(request: HttpRequest, pk: int) -> HttpResponse:
    referral = _referral(request, pk)
    if not scope.is_receiving_partner(request.user, referral):
        raise Http404
    target = request.POST.get("target", "")
    form = ReferralResponseForm(request.POST, prefix=target, target=target)
    if form.is_valid():
        try:
            services.respond_to_referral(referral, request.user, form.cleaned_data["to_status"],
                                         form.cleaned_data["text"], request=request)
        except workflow.CaseTransitionError:
            messages.error(request, _("Deze stap is nu niet mogelijk; de doorverwijzing is "
                                      "intussen gewijzigd."))
            return redirect("cases:referral", pk=referral.pk)
        except ValidationError as error:
            _attach_errors(form, error)
        else:
            messages.success(request, _("Uw reactie is opgeslagen en gemeld aan de "
                                        "aandachtsfunctionaris."))
            return redirect("cases:referral", pk=referral.pk)
    return _render_referral(request, referral, bound=form)


@login_required
@require_POST
def referral_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    referral = _referral(request, pk)
    if not scope.can_manage_case(request.user, referral.case):
        raise Http404
    form = RevokeForm(request.POST, prefix=f"revoke{referral.pk}")
    if not form.is_valid():
        messages.error(request, _("Geef een reden om de doorverwijzing in te trekken."))
    else:
        try:
            services.respond_to_referral(referral, request.user, workflow.REVOKED,
                                         form.cleaned_data["text"], request=request)
        except workflow.CaseTransitionError:
            messages.error(request, _("Deze doorverwijzing kan niet meer worden ingetrokken."))
        else:
            messages.success(request, _("De doorverwijzing is ingetrokken."))
    return redirect(reverse("cases:detail", args=[referral.case.reference]) + "#doorverwijzingen")


# --- conferences --------------------------------------------------------------------------------

def _participation(user: User, conference: Conference) -> Participant | None:
    return Participant.objects.filter(conference=conference, user=user).first()


def _participant_agenda_item(user: User, case: Case):
    for item in case.agenda_items.select_related("conference").order_by(
            "-conference__scheduled_at"):
        if scope.participant_has_access(user, item.conference):
            return item
    raise Http404


@login_required
def conference_list(request: HttpRequest) -> HttpResponse:
    conferences = scope.visible_conferences(request.user)
    _require(scope.can_manage_cases(request.user) or conferences.exists())
    now = timezone.now()
    return render(request, "cases/conference_list.html", {
        "upcoming": conferences.filter(scheduled_at__gte=now).order_by("scheduled_at"),
        "past": conferences.filter(scheduled_at__lt=now).order_by("-scheduled_at")[:50],
        "can_schedule": scope.can_manage_cases(request.user)})


@login_required
def conference_new(request: HttpRequest) -> HttpResponse:
    _require(scope.can_manage_cases(request.user))
    form = ConferenceForm(request.POST or None, user=request.user,
                          initial={"cases": request.GET.getlist("casus")})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            conference = services.schedule_conference(
                request.user, title=data["title"], scheduled_at=data["scheduled_at"],
                location=data["location"], cases=list(data["cases"]),
                organisations=list(data["organisations"]),
                participants=list(data["participants"]),
                access_days_after=data["access_days_after"], request=request)
        except ValidationError as error:
            _attach_errors(form, error)
        except PermissionError:
            form.add_error("cases", _("U kunt alleen eigen casussen agenderen."))
        else:
            messages.success(request, _("Het casusoverleg is gepland."))
            return redirect("cases:conference", pk=conference.pk)
    return render(request, "cases/conference_form.html", {"form": form})


def _conference(request: HttpRequest, pk: int) -> Conference:
    try:
        return scope.access_conference(request.user, pk)
    except Http404:
        _log(request, "view", "conference", [f"conference:{pk}"], "conference",
             result="not_found")
        raise


@login_required
def conference_detail(request: HttpRequest, pk: int) -> HttpResponse:
    conference = _conference(request, pk)
    runs = scope.runs_conference(request.user, conference)
    participant = _participation(request.user, conference)
    context = {"conference": conference, "runs": runs, "participant": participant}
    refs = [f"conference:{conference.pk}"]
    if runs or scope.participant_has_access(request.user, conference):
        agenda = list(conference.agenda.select_related("case"))
        context["agenda"] = agenda
        refs += [item.case.reference for item in agenda]
    if runs:
        context["participants"] = conference.participants.select_related(
            "user", "user__organisation")
        context["decisions"] = conference.decisions.select_related("case", "owner")
    context["access_ended"] = conference.access_ends_at < timezone.now()
    _log(request, "view", "conference", refs, "conference")
    return render(request, "cases/conference_detail.html", context)


@login_required
@require_POST
def conference_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    conference = _conference(request, pk)
    if request.POST.get("confirm") != "yes":
        messages.error(request, _("Vink aan dat u de geheimhoudingsverklaring bevestigt."))
        return redirect("cases:conference", pk=conference.pk)
    try:
        services.confirm_confidentiality(conference, request.user, request=request)
    except PermissionError:
        raise Http404 from None
    messages.success(request, _("U heeft de geheimhoudingsverklaring bevestigd."))
    return redirect("cases:conference", pk=conference.pk)


def _agenda_case(request: HttpRequest, pk: int, reference: str) -> tuple[Conference, Case, bool]:
    """The agenda case, and whether the user runs it (full view) or only takes part."""
    conference = _conference(request, pk)
    item = conference.agenda.select_related("case").filter(case__reference=reference).first()
    if item is None:
        raise Http404
    if scope.can_manage_case(request.user, item.case):
        return conference, item.case, True
    if scope.participant_has_access(request.user, conference):
        return conference, item.case, False
    _log(request, "view", "case", [reference], "conference", result="not_found")
    raise Http404


def participant_content(case: Case, conference: Conference) -> dict:
    """What a conference participant needs to discuss a case, and no more: no names,
    addresses or identifiers of the people involved."""
    assessment = case.assessments.order_by("at", "id").last()
    return {
        "case": case,
        "signals": case.signals.order_by("received_at"),
        "assessment": assessment,
        "gaps": gap_labels(assessment),
        "decisions": case.decisions.filter(conference=conference).select_related("owner"),
    }


def _render_agenda_case(request: HttpRequest, conference: Conference, case: Case, runs: bool,
                        decision_form: DecisionForm | None = None) -> HttpResponse:
    if runs:
        context = case_content(case)
        context["decision_form"] = decision_form or DecisionForm(
            organisations=relevant_organisations(request.user))
        context["intervention_rows"] = [(i, None) for i in context["interventions"]]
    else:
        context = participant_content(case, conference)
    context.update({"conference": conference, "runs": runs})
    _log(request, "view", "case", [case.reference, f"conference:{conference.pk}"], "conference")
    return render(request, "cases/agenda_case.html", context)


@login_required
def agenda_case(request: HttpRequest, pk: int, reference: str) -> HttpResponse:
    conference, case, runs = _agenda_case(request, pk, reference)
    return _render_agenda_case(request, conference, case, runs)


def _decision_input(data: dict) -> services.DecisionInput:
    referral = None
    if data["follow_up"] == "referral":
        referral = _referral_input(data, data["owner"], data["text"])
    return services.DecisionInput(
        text=data["text"], owner=data["owner"], due_on=data["due_on"], referral=referral,
        intervention_type=data["intervention_type"] if data["follow_up"] == "intervention"
        else "")


@login_required
@require_POST
def agenda_decision(request: HttpRequest, pk: int, reference: str) -> HttpResponse:
    conference, case, runs = _agenda_case(request, pk, reference)
    if not runs:
        raise Http404
    form = DecisionForm(request.POST, organisations=relevant_organisations(request.user))
    if form.is_valid():
        try:
            services.record_decision(conference, case, request.user,
                                     _decision_input(form.cleaned_data), request=request)
        except ValidationError as error:
            _attach_errors(form, error)
        else:
            messages.success(request, _("Het besluit is vastgelegd."))
            return redirect("cases:agenda_case", pk=conference.pk, reference=case.reference)
    return _render_agenda_case(request, conference, case, runs, decision_form=form)


@login_required
def conference_minutes(request: HttpRequest, pk: int) -> HttpResponse:
    conference = _conference(request, pk)
    if not scope.may_read_minutes(request.user, conference):
        raise Http404
    from schakel.cases.pdf import render_minutes

    content = render_minutes(conference)
    _log(request, "export", "conference",
         [f"conference:{conference.pk}"] + [i.case.reference for i in
                                             conference.agenda.select_related("case")],
         "conference_minutes")
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="casusoverleg-{conference.pk}-verslag.pdf"')
    return response


# --- dashboard ----------------------------------------------------------------------------------

def dashboard_data(user: User) -> dict:
    """The coordinator's day: own cases per status, and everything past its deadline."""
    today = _today()
    cases = scope.managed_cases(user)
    counts = dict(cases.filter(coordinator=user).order_by().values_list("status")
                  .annotate(n=Count("id")))
    labels = dict(CaseStatus.choices)
    return {
        "status_counts": [(code, labels[code], counts.get(code, 0)) for code in labels],
        "overdue_signals": scope.inbox_signals(user).filter(
            status__in=[signal_workflow.RECEIVED, signal_workflow.IN_TRIAGE],
            triage_due__lt=timezone.now()).order_by("triage_due")[:50],
        "overdue_referrals": Referral.objects.filter(
            case__in=cases, status__in=OPEN_REFERRAL, due_on__lt=today).select_related(
            "case", "organisation").order_by("due_on")[:50],
        "overdue_interventions": Intervention.objects.filter(
            case__in=cases, status__in=OPEN_INTERVENTION, due_on__lt=today).select_related(
            "case", "type", "organisation").order_by("due_on")[:50],
        "upcoming_conferences": scope.visible_conferences(user).filter(
            scheduled_at__gte=timezone.now()).order_by("scheduled_at")[:10],
    }


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    _require(scope.can_manage_cases(request.user))
    data = dashboard_data(request.user)
    refs = ([s.reference for s in data["overdue_signals"]]
            + [f"referral:{r.pk}" for r in data["overdue_referrals"]]
            + [i.case.reference for i in data["overdue_interventions"]])
    _log(request, "list", "case", refs, "case_management")
    return render(request, "cases/dashboard.html", data)
