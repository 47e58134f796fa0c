# SPDX-License-Identifier: EUPL-1.2
"""The privacy officer's log viewer (``/logboek/``): search, export and the per-person report.

Only holders of ``audit.view_accessevent`` may use it; everyone else gets 403. Reading the log is
itself logged (who watches the watchers). Pages show references and log fields, never case
content, and names typed into the per-person report are not written to the log.
"""

from __future__ import annotations

import csv

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone

from schakel import scope
from schakel.audit import services, viewer
from schakel.audit.forms import LogFilterForm, PersonReportForm
from schakel.audit.models import AccessEvent

VIEW_LOG = "audit.view_accessevent"
PURPOSE = "privacy-supervision"
OBJECT_TYPE = "access_log"
PAGE_SIZE = 50
CSV_FIELDS = ("sequence", "at", "actor_label", "organisation_label", "action", "object_type",
              "object_refs", "result", "origin", "channel", "purpose", "legal_basis", "path")


def _require_officer(request: HttpRequest) -> None:
    if not scope.has(request.user, VIEW_LOG):
        services.record(actor=request.user, action="denied", object_type=OBJECT_TYPE,
                        result="denied", request=request, purpose=PURPOSE)
        raise PermissionDenied


def _filtered(request: HttpRequest) -> tuple[LogFilterForm, QuerySet[AccessEvent]]:
    form = LogFilterForm(request.GET or None)
    if form.is_bound and form.is_valid():
        return form, viewer.filter_events(form.cleaned_data)
    if form.is_bound:
        return form, AccessEvent.objects.none()
    return form, viewer.filter_events({})


def _logged_refs(form: LogFilterForm) -> list[str]:
    """Only the reference filter goes into the log entry: the user filter names a colleague,
    which the officer's own event needs no copy of."""
    reference = form.cleaned_data.get("reference") if form.is_bound and form.is_valid() else ""
    return [reference] if reference else []


@login_required
def logbook(request: HttpRequest) -> HttpResponse:
    """Filterable, paged list of access events, newest first."""
    _require_officer(request)
    form, events = _filtered(request)
    page = Paginator(events, PAGE_SIZE).get_page(request.GET.get("pagina"))
    services.record(actor=request.user, action="list", object_type=OBJECT_TYPE,
                    object_refs=_logged_refs(form), request=request, purpose=PURPOSE)
    query = request.GET.copy()
    query.pop("pagina", None)
    return render(request, "audit/logbook.html",
                  {"form": form, "page": page, "query": query.urlencode()})


def _csv_rows(events: QuerySet[AccessEvent]):
    """Yield the CSV lines one at a time, so a large export is never held in memory."""

    class _Echo:
        def write(self, value: str) -> str:
            return value

    writer = csv.writer(_Echo())
    yield writer.writerow(CSV_FIELDS)
    for event in events.iterator(chunk_size=2000):
        yield writer.writerow([
            " ".join(event.object_refs) if name == "object_refs"
            else event.at.isoformat() if name == "at"
            else getattr(event, name)
            for name in CSV_FIELDS
        ])


@login_required
def export(request: HttpRequest) -> StreamingHttpResponse:
    """The filtered events as CSV; the export is logged before the file is produced."""
    _require_officer(request)
    form, events = _filtered(request)
    services.record(actor=request.user, action="export", object_type=OBJECT_TYPE,
                    object_refs=_logged_refs(form), request=request, purpose=PURPOSE)
    response = StreamingHttpResponse(_csv_rows(events), content_type="text/csv; charset=utf-8")
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response["Content-Disposition"] = f'attachment; filename="toegangslogboek-{stamp}.csv"'
    return response


@login_required
def person_report(request: HttpRequest) -> HttpResponse:
    """Who saw or changed data about this person (AVG art. 15 request). POST keeps the name
    out of URLs, browser history and server logs; the log entry holds the references found."""
    _require_officer(request)
    form = PersonReportForm(request.POST or None)
    context: dict = {"form": form}
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        signals = list(viewer.signals_about(data["given_names"], data["surname"],
                                            data["birth_year"]))
        references = viewer.person_references(signals)
        services.record(actor=request.user, action="search", object_type=OBJECT_TYPE,
                        object_refs=references, request=request, purpose="subject-access-request")
        context.update(searched=True, references=references,
                       signal_refs=[signal.reference for signal in signals],
                       events=viewer.events_about(references), generated_at=timezone.now())
    return render(request, "audit/person_report.html", context)
