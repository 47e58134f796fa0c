# SPDX-License-Identifier: EUPL-1.2
"""Pages: the attachments block's actions, and the privacy officer's retention overview,
deletion register and subject requests.

Attachments follow the record they belong to: whoever sees the full signal or runs the case
(:func:`schakel.scope.visible_attachments`); anyone else gets 404. The privacy officer's pages
need ``privacy.manage_subject_requests`` (403 otherwise) and show requests and register lines of
their own municipality only (404 for another's).
"""

from __future__ import annotations

import csv
import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBadRequest,
    StreamingHttpResponse,
)
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from schakel import scope
from schakel.audit import services as audit
from schakel.privacy import attachments, filetypes, retention, subjects
from schakel.privacy.forms import (
    AttachmentForm,
    ConfirmErasureForm,
    DecisionForm,
    RemoveAttachmentForm,
    SubjectRequestForm,
)
from schakel.privacy.models import RetentionRun, SubjectRequest
from schakel.privacy.pdf import render_pdf

PURPOSE = "privacy-supervision"


def _detail_url(*, signal=None, case=None) -> str:
    if signal is not None:
        return reverse("signals:detail", args=[signal.reference]) + "#bijlagen"
    return reverse("cases:detail", args=[case.reference]) + "#bijlagen"


def _owner_url(attachment) -> str:
    return _detail_url(signal=attachment.signal, case=attachment.case)


def _upload(request: HttpRequest, *, signal=None, case=None) -> HttpResponse:
    owner = signal or case
    back = _detail_url(signal=signal, case=case)
    form = AttachmentForm(request.POST, request.FILES)
    if not form.is_valid():
        too_big = int(request.META.get("CONTENT_LENGTH") or 0) > attachments.size_limit()
        messages.error(request, _("Het bestand is te groot: maximaal %(mb)s MB.")
                       % {"mb": attachments.size_limit() // (1024 * 1024)} if too_big
                       else _("Kies een bestand om toe te voegen."))
        return redirect(back)
    try:
        attachments.add_attachment(request.user, upload=form.cleaned_data["file"], signal=signal,
                                   case=case, description=form.cleaned_data["description"],
                                   request=request)
    except filetypes.RefusedFile as refused:
        audit.record(actor=request.user, action="create", object_type="attachment",
                     object_refs=[owner.reference], result="invalid", request=request,
                     purpose=attachments.PURPOSE)
        messages.error(request, str(refused))
        return redirect(back)
    messages.success(request, _("De bijlage is versleuteld opgeslagen."))
    return redirect(back)


@login_required
@require_POST
def upload_to_signal(request: HttpRequest, reference: str) -> HttpResponse:
    signal = audit.logged_lookup(request, "signal", reference, attachments.PURPOSE,
                                 lambda: scope.access_signal(request.user, reference))
    if not scope.can_attach_to_signal(request.user, signal):
        raise Http404
    return _upload(request, signal=signal)


@login_required
@require_POST
def upload_to_case(request: HttpRequest, reference: str) -> HttpResponse:
    case = audit.logged_lookup(request, "case", reference, attachments.PURPOSE,
                               lambda: scope.access_case(request.user, reference))
    if not scope.can_attach_to_case(request.user, case):
        raise Http404
    return _upload(request, case=case)


def _attachment(request: HttpRequest, public_id: str):
    return audit.logged_lookup(request, "attachment", f"BIJ-{public_id[:8]}", attachments.PURPOSE,
                               lambda: scope.access_attachment(request.user, public_id),
                               action="view", ref_of=lambda a: a.reference)


@login_required
def download(request: HttpRequest, public_id: str) -> HttpResponse:
    """The decrypted file, always as a download (never rendered inside Schakel)."""
    attachment = _attachment(request, public_id)
    data = attachments.read_attachment(request.user, attachment, request=request)
    response = HttpResponse(data, content_type=attachment.content_type)
    response["Content-Disposition"] = content_disposition_header(True, attachment.original_name)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "no-store, private"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@login_required
@require_POST
def remove(request: HttpRequest, public_id: str) -> HttpResponse:
    attachment = _attachment(request, public_id)
    owner_ok = (scope.can_attach_to_signal(request.user, attachment.signal) if attachment.signal_id
                else scope.can_attach_to_case(request.user, attachment.case))
    if not owner_ok:
        raise Http404
    form = RemoveAttachmentForm(request.POST)
    if not form.is_valid():
        return HttpResponseBadRequest(_("Geef een reden op."))
    attachments.remove_attachment(request.user, attachment, reason=form.cleaned_data["reason"],
                                  request=request)
    messages.success(request, _("De bijlage is verwijderd; dat is vastgelegd."))
    return redirect(_owner_url(attachment))


# --- the privacy officer --------------------------------------------------------------------

def _require_officer(request: HttpRequest) -> None:
    if not scope.can_handle_subject_requests(request.user):
        audit.record(actor=request.user, action="denied", object_type="privacy",
                     result="denied", request=request, purpose=PURPOSE)
        raise PermissionDenied


@login_required
def overview(request: HttpRequest) -> HttpResponse:
    """Retention periods in force per municipality, last runs, open requests."""
    _require_officer(request)
    municipalities = scope.subject_request_municipalities(request.user)
    policies = [(m, retention.effective_policies(m)) for m in municipalities]
    audit.record(actor=request.user, action="list", object_type="retention_policy",
                 request=request, purpose=PURPOSE)
    return render(request, "privacy/overview.html", {
        "policies": policies, "audit_months": retention.audit_months(),
        "runs": RetentionRun.objects.all()[:10],
        "open_requests": scope.visible_subject_requests(request.user).filter(
            status=SubjectRequest.Status.REGISTERED)})


@login_required
def register(request: HttpRequest) -> HttpResponse:
    """The deletion register (references only), filterable by run and reference."""
    _require_officer(request)
    records = scope.visible_deletion_records(request.user)
    run = request.GET.get("run", "").strip()
    reference = request.GET.get("kenmerk", "").strip().upper()
    if run:
        records = records.filter(run_id=run)
    if reference:
        records = records.filter(record_reference__startswith=reference)
    audit.record(actor=request.user, action="list", object_type="deletion_register",
                 object_refs=[r for r in (run, reference) if r], request=request,
                 purpose=PURPOSE)
    if request.GET.get("formaat") == "csv":
        return _register_csv(records)
    page = Paginator(records.select_related("municipality"), 100).get_page(
        request.GET.get("pagina"))
    return render(request, "privacy/register.html",
                  {"page": page, "run": run, "reference": reference})


def _register_csv(records) -> StreamingHttpResponse:
    class _Echo:
        def write(self, value: str) -> str:
            return value

    writer = csv.writer(_Echo())
    fields = ("at", "municipality", "record_type", "record_reference", "rule", "action",
              "run_id", "actor_label")

    def rows():
        yield writer.writerow(fields)
        for record in records.select_related("municipality").iterator(chunk_size=2000):
            yield writer.writerow([
                record.at.isoformat(), record.municipality.name if record.municipality else "",
                record.record_type, record.record_reference, record.rule, record.action,
                record.run_id, record.actor_label])

    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="verwijderregister.csv"'
    return response


@login_required
def requests_list(request: HttpRequest) -> HttpResponse:
    """Subject requests of the officer's municipalities; POST registers a new one."""
    _require_officer(request)
    municipalities = scope.subject_request_municipalities(request.user)
    only = municipalities.first() if municipalities.count() == 1 else None
    form = SubjectRequestForm(request.POST or None, municipalities=municipalities,
                              initial={"received_on": timezone.localdate(), "municipality": only})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        created = subjects.register_request(
            request.user, kind=data["kind"], municipality=data["municipality"],
            received_on=data["received_on"], requester=data["requester"],
            given_names=data["given_names"], surname=data["surname"],
            birth_year=data["birth_year"], bsn=data["bsn"], request=request)
        messages.success(request, _("Verzoek %(number)s is geregistreerd.")
                         % {"number": created.number})
        return redirect("privacy:request", number=created.number)
    rows = scope.visible_subject_requests(request.user).select_related("municipality")
    audit.record(actor=request.user, action="list", object_type="subject_request",
                 request=request, purpose=subjects.PURPOSE)
    return render(request, "privacy/requests.html", {"form": form, "rows": rows})


def _request(request: HttpRequest, number: str) -> SubjectRequest:
    _require_officer(request)
    return audit.logged_lookup(request, "subject_request", number, subjects.PURPOSE,
                               lambda: scope.access_subject_request(request.user, number))


@login_required
def request_detail(request: HttpRequest, number: str) -> HttpResponse:
    """What was found (references and counts) and, for erasure, what blocks it."""
    subject_request = _request(request, number)
    findings = subjects.find(request.user, subject_request)
    blockers = (subjects.erasure_blockers(findings)
                + subjects.confirmation_blockers(request.user, subject_request)
                if subject_request.kind == SubjectRequest.Kind.ERASURE else [])
    return render(request, "privacy/request_detail.html", {
        "item": subject_request, "findings": findings, "blockers": blockers,
        "form": DecisionForm(initial={"reason": "; ".join(
            f"{b.reference}: {b.reason}" for b in blockers)})})


@login_required
def request_export(request: HttpRequest, number: str) -> HttpResponse:
    """Everything held about the person, as JSON or as a printable PDF; the export is logged
    with every reference it contains."""
    subject_request = _request(request, number)
    findings = subjects.find(request.user, subject_request)
    data = subjects.export_data(findings, subject_request)
    fmt = "json" if request.GET.get("formaat") == "json" else "pdf"
    subjects.log_export(request.user, subject_request, findings, fmt, request=request)
    if fmt == "json":
        response = HttpResponse(json.dumps(data, ensure_ascii=False, indent=2),
                                content_type="application/json; charset=utf-8")
    else:
        response = HttpResponse(render_pdf("privacy/export_pdf.html", {"data": data}),
                                content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="inzage-{number}.{fmt}"'
    response["Cache-Control"] = "no-store, private"
    return response


@login_required
@require_POST
def request_decide(request: HttpRequest, number: str) -> HttpResponse:
    subject_request = _request(request, number)
    form = DecisionForm(request.POST)
    if not form.is_valid() or not subject_request.is_open:
        return HttpResponseBadRequest(_("Dit verzoek kan niet (meer) worden besloten."))
    decision, reason = form.cleaned_data["decision"], form.cleaned_data["reason"]
    if decision == "erase":
        if subject_request.kind != SubjectRequest.Kind.ERASURE:
            return HttpResponseBadRequest(_("Alleen een verwijderverzoek kan worden uitgevoerd."))
        try:
            count = subjects.carry_out_erasure(request.user, subject_request, request=request)
        except subjects.ErasureBlocked as blocked:
            messages.error(request, _("Verwijderen kan niet: %(why)s") % {"why": "; ".join(
                f"{b.reference}: {b.reason}" for b in blocked.blockers)})
            return redirect("privacy:request", number=number)
        messages.success(request, _("%(n)s vermelding(en) geanonimiseerd en vastgelegd in het "
                                    "verwijderregister.") % {"n": count})
    elif decision == "refuse":
        if not reason.strip():
            messages.error(request, _("Een afwijzing heeft een motivering nodig."))
            return redirect("privacy:request", number=number)
        subjects.refuse(request.user, subject_request, reason, request=request)
    else:
        subjects.answer_access(request.user, subject_request, request=request)
    return redirect("privacy:request", number=number)


@login_required
def request_letter(request: HttpRequest, number: str) -> HttpResponse:
    """The answer letter the FG sends (PDF): decision, motivation, references, no content."""
    subject_request = _request(request, number)
    if subject_request.is_open:
        return HttpResponseBadRequest(_("Er is nog geen besluit over dit verzoek."))
    audit.record(actor=request.user, action="export", object_type="subject_request",
                 object_refs=[subject_request.number], request=request,
                 purpose=subjects.PURPOSE)
    pdf = render_pdf("privacy/letter_pdf.html", {"item": subject_request,
                                                  "today": timezone.localdate()})
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="antwoord-{number}.pdf"'
    return response


# --- the coordinator's confirmation (four eyes) ---------------------------------------------

def _require_confirmer(request: HttpRequest) -> None:
    if not scope.has(request.user, scope.CONFIRM_ERASURE):
        audit.record(actor=request.user, action="denied", object_type="subject_request",
                     result="denied", request=request, purpose=subjects.PURPOSE)
        raise PermissionDenied


@login_required
def confirmations(request: HttpRequest) -> HttpResponse:
    """Open erasure requests of the coordinator's municipality awaiting confirmation."""
    _require_confirmer(request)
    rows = scope.erasure_requests_to_confirm(request.user).select_related("municipality")
    audit.record(actor=request.user, action="list", object_type="subject_request",
                 object_refs=[r.number for r in rows], request=request, purpose=subjects.PURPOSE)
    return render(request, "privacy/confirmations.html", {"rows": rows})


@login_required
def confirm(request: HttpRequest, number: str) -> HttpResponse:
    """Show what the request would erase (references) and record the confirmation."""
    _require_confirmer(request)
    item = audit.logged_lookup(request, "subject_request", number, subjects.PURPOSE,
                               lambda: scope.access_request_to_confirm(request.user, number))
    signals_in_scope = scope.inbox_signals(request.user).filter(municipality=item.municipality)
    findings = subjects.find(request.user, item, signals=signals_in_scope)
    form = ConfirmErasureForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        subjects.confirm_erasure(request.user, item, form.cleaned_data["note"], request=request)
        messages.success(request, _("Bevestigd. De functionaris gegevensbescherming kan het "
                                    "verzoek nu afhandelen."))
        return redirect("privacy:confirmations")
    return render(request, "privacy/confirm.html", {
        "item": item, "findings": findings, "form": form,
        "blockers": subjects.erasure_blockers(findings)})
