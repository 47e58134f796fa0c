# SPDX-License-Identifier: EUPL-1.2
"""The coordinator's worklist of the register scans.

Only users with ``scans.work_worklist`` (the coordinator role) get these pages; everyone else
gets 403. Runs and hits of another municipality are 404. Every view of the list is logged with
the BAG ids shown; every run and every decision is logged too (in the services).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_htmx.http import HttpResponseClientRedirect

from schakel import scope
from schakel.accounts.models import Municipality
from schakel.audit import services as audit
from schakel.registers.config import ConfigError
from schakel.scans import describe, registers, services
from schakel.scans.forms import (
    CheckForm,
    DismissForm,
    OutcomeForm,
    RunScanForm,
    WorklistFilterForm,
)
from schakel.scans.models import Hit, ScanRun

PAGE_SIZE = 25
RECENT_RUNS = 10
QUERY_KEYS = ("gemeente", "run", "regel", "status", "pagina")


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def _not_found(request: HttpRequest, object_type: str, ref: str) -> Http404:
    """Log the attempt (as the other pages do) and give the 404 to raise."""
    audit.record(actor=request.user, action="view", object_type=object_type,
                 object_refs=[ref], result="not_found", request=request,
                 purpose=services.PURPOSE)
    return Http404(f"{object_type} not found")


def _municipality(request: HttpRequest, municipalities) -> Municipality | None:
    code = request.GET.get("gemeente")
    if not code:
        return municipalities.first()
    chosen = municipalities.filter(cbs_code=code).first()
    if chosen is None:
        raise _not_found(request, "municipality", code[:10])
    return chosen


def _run(request: HttpRequest, municipality: Municipality | None) -> ScanRun | None:
    if municipality is None:
        return None
    runs = scope.visible_runs(request.user).filter(municipality=municipality)
    wanted = request.GET.get("run")
    if not wanted:
        return runs.first()
    try:
        return runs.get(pk=int(wanted))
    except (ValueError, ScanRun.DoesNotExist):
        raise _not_found(request, services.RUN_OBJECT, f"SCAN-{wanted[:20]}") from None


@login_required
def worklist(request: HttpRequest) -> HttpResponse:
    _require(scope.can_work_worklist(request.user))
    municipalities = scope.scan_municipalities(request.user)
    municipality = _municipality(request, municipalities)
    run = _run(request, municipality)
    filter_form = WorklistFilterForm(request.GET or None)
    filters = filter_form.filters()
    entries = services.worklist(run, rule=filters["rule"], status=services.ALL) if run else []
    counts = {status: sum(1 for entry in entries if entry.status == status)
              for status in (services.NEW, services.SIGNAL, services.CHECK, services.DISMISSED)}
    page = Paginator(services.filter_status(entries, filters["status"]), PAGE_SIZE).get_page(
        request.GET.get("pagina"))
    shown = list(page.object_list)
    if run is not None:
        services.attach_known_signals(request.user, run, shown)
    query = _query(request.GET, drop=("pagina",))
    back = _query(request.GET)
    for entry in shown:
        entry.forms = _action_forms(entry)
    services.log_view(request.user, run, shown, request=request)
    context = {"run": run, "page": page, "entries": shown, "counts": counts,
               "filter_form": filter_form, "query": query, "back": back,
               "municipality": municipality}
    if request.htmx and request.htmx.target == "worklist-results":
        return render(request, "scans/_results.html", context)
    context.update(_page_context(request, municipalities, municipality, run))
    return render(request, "scans/worklist.html", context)


def _page_context(request: HttpRequest, municipalities, municipality: Municipality | None,
                  run: ScanRun | None) -> dict:
    """Everything around the list: the run form, settings, register status, precision."""
    context: dict = {
        "municipalities": municipalities,
        "run_form": RunScanForm(municipalities=municipalities,
                                initial={"municipality": municipality}),
        "register_status": registers.status(),
        "run_settings": describe.settings_rows(run.config) if run else [],
    }
    if municipality is None:
        return context
    try:
        config = services.settings_for(municipality).config().as_dict()
    except ConfigError as error:
        context["settings_error"] = str(error)
    else:
        context["next_settings"] = describe.settings_rows(config)
        context["next_min_score"] = describe.nl_number(config["min_score"])
    context["precision"] = services.precision(municipality)
    context["runs"] = scope.visible_runs(request.user).filter(
        municipality=municipality).select_related("started_by")[:RECENT_RUNS]
    return context


def _action_forms(entry: services.Entry) -> dict:
    """One set of forms per hit; ids carry the hit's (or check's) number to stay unique."""
    prefix = f"hit{entry.hit.pk}_%s"
    hit = entry.hit
    return {
        "signal_text": "" if entry.signal else describe.signal_description(
            peildatum=hit.run.peildatum, score=hit.score, rules=hit.rules, figures=hit.figures,
            object_id=hit.object_id, permits=hit.permits),
        "dismiss": DismissForm(auto_id=prefix),
        "check": CheckForm(auto_id=prefix),
        "outcomes": [(check, OutcomeForm(auto_id=f"check{check.pk}_%s"))
                     for check in entry.checks if check.is_open],
    }


def _query(params: QueryDict, drop: tuple[str, ...] = ()) -> str:
    """Only the worklist's own parameters, re-encoded (never a URL from the request)."""
    clean = QueryDict(mutable=True)
    for key in QUERY_KEYS:
        if key not in drop and params.get(key):
            clean[key] = params[key]
    return clean.urlencode()


def _back(request: HttpRequest, hit: Hit | None = None) -> str:
    query = _query(QueryDict(request.POST.get("terug", "")))
    url = reverse("scans:worklist") + (f"?{query}" if query else "")
    return url + (f"#treffer-{hit.pk}" if hit is not None else "")


# --- running a scan ------------------------------------------------------------------------


@login_required
@require_POST
def run(request: HttpRequest) -> HttpResponse:
    _require(scope.can_work_worklist(request.user))
    municipalities = scope.scan_municipalities(request.user)
    form = RunScanForm(request.POST, municipalities=municipalities)
    if form.is_valid():
        try:
            scan = services.run_worklist_scan(request.user, form.cleaned_data["municipality"],
                                              form.cleaned_data["peildatum"], request=request)
        except registers.RegistersUnavailable as exc:
            error = str(exc)
        except ConfigError as exc:
            error = _("De instellingen van de registerscan zijn ongeldig (%(error)s). Vraag de "
                      "functioneel beheerder ze te herstellen.") % {"error": exc}
        else:
            messages.success(request, _(
                "Scan uitgevoerd: %(hits)s adressen op de werklijst, %(objects)s objecten "
                "bekeken in %(seconds)s s.") % {
                "hits": scan.hit_count, "objects": scan.objects_scanned,
                "seconds": describe.nl_number(scan.seconds)})
            url = reverse("scans:worklist") + f"?gemeente={scan.municipality.cbs_code}"
            return HttpResponseClientRedirect(url) if request.htmx else redirect(url)
    else:
        error = " ".join(str(message) for errors in form.errors.values() for message in errors)
    if request.htmx:
        return render(request, "scans/_run_feedback.html", {"error": error})
    messages.error(request, error)
    return redirect("scans:worklist")


# --- actions on a hit ----------------------------------------------------------------------


def _hit(request: HttpRequest, pk: int) -> Hit:
    _require(scope.can_work_worklist(request.user))
    try:
        return scope.access_hit(request.user, pk)
    except Http404:
        raise _not_found(request, services.HIT_OBJECT, f"hit {pk}") from None


def _first_error(error: ValidationError | dict) -> str:
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return " ".join(str(message) for errors in error.values() for message in errors)


@login_required
@require_POST
def create_signal(request: HttpRequest, pk: int) -> HttpResponse:
    hit = _hit(request, pk)
    try:
        signal, created = services.create_signal(request.user, hit, request=request)
    except ValidationError as error:
        messages.error(request, _first_error(error))
        return redirect(_back(request, hit))
    if created:
        messages.success(request, _("Melding %(ref)s is aangemaakt en staat in de inbox "
                                    "Signalen.") % {"ref": signal.reference})
    else:
        messages.info(request, _("Voor dit adres met deze cijfers bestaat al melding %(ref)s.")
                      % {"ref": signal.reference})
    return redirect(_back(request, hit))


@login_required
@require_POST
def dismiss(request: HttpRequest, pk: int) -> HttpResponse:
    hit = _hit(request, pk)
    form = DismissForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Niet afgewezen: %(error)s") % {
            "error": _first_error(form.errors)})
        return redirect(_back(request, hit))
    try:
        services.dismiss(request.user, hit, form.cleaned_data["reason"],
                         form.cleaned_data["explanation"], request=request)
    except ValidationError as error:
        messages.error(request, _("Niet afgewezen: %(error)s") % {"error": _first_error(error)})
    else:
        messages.success(request, _("%(address)s is afgewezen. Het adres komt pas terug als de "
                                    "cijfers veranderen.") % {"address": hit.address_label})
    return redirect(_back(request, hit))


@login_required
@require_POST
def plan_check(request: HttpRequest, pk: int) -> HttpResponse:
    hit = _hit(request, pk)
    form = CheckForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Geen controle gepland: %(error)s") % {
            "error": _first_error(form.errors)})
        return redirect(_back(request, hit))
    check = services.plan_check(request.user, hit, form.cleaned_data["kind"],
                                form.cleaned_data["due_date"], request=request)
    messages.success(request, _("%(kind)s gepland voor %(address)s.") % {
        "kind": check.get_kind_display(), "address": hit.address_label})
    return redirect(_back(request, hit))


@login_required
@require_POST
def record_outcome(request: HttpRequest, pk: int) -> HttpResponse:
    _require(scope.can_work_worklist(request.user))
    try:
        check = scope.access_check(request.user, pk)
    except Http404:
        raise _not_found(request, services.HIT_OBJECT, f"check {pk}") from None
    form = OutcomeForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Geen uitkomst vastgelegd: %(error)s") % {
            "error": _first_error(form.errors)})
        return redirect(_back(request, check.hit))
    try:
        services.record_outcome(request.user, check, form.cleaned_data["outcome"],
                                form.cleaned_data["note"], request=request)
    except ValidationError as error:
        messages.error(request, _first_error(error))
    else:
        messages.success(request, _("De uitkomst is vastgelegd en telt mee in de "
                                    "trefzekerheid per regel."))
    return redirect(_back(request, check.hit))
