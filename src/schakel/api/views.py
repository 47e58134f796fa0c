# SPDX-License-Identifier: EUPL-1.2
"""API v1. Every action of the web pages is available here, scoped by :mod:`schakel.scope`
and logged exactly like the pages."""

from __future__ import annotations

from django.http import Http404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.request import Request
from rest_framework.response import Response

from schakel import scope
from schakel.accounts.models import Organisation
from schakel.api import case_serializers, case_views
from schakel.api import serializers as s
from schakel.audit import services as audit
from schakel.catalog.models import Domain, Indicator
from schakel.signals import services
from schakel.signals.forms import InboxFilterForm
from schakel.signals.inbox import filter_signals
from schakel.signals.models import Signal


class SignalViewSet(mixins.CreateModelMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin,
                    viewsets.GenericViewSet):
    """Signals: partners create them; coordinators list, read and handle them; reporters see
    the status of their own."""

    lookup_field = "reference"
    lookup_value_regex = "[A-Za-z0-9-]+"

    def get_queryset(self):
        return scope.visible_signals(self.request.user).select_related(
            "municipality", "source_organisation", "assigned_to"
        ).prefetch_related("domains", "indicators", "subjects").order_by("-received_at", "-id")

    def get_serializer_class(self):
        if self.action == "create":
            return s.SignalCreateSerializer
        return s.SignalSerializer if scope.can_work_inbox(self.request.user) else \
            s.SignalReceiptSerializer

    @extend_schema(
        parameters=[OpenApiParameter(name, str, description=f"inbox filter: {name}")
                    for name in InboxFilterForm.base_fields],
    )
    def list(self, request: Request, *args, **kwargs) -> Response:
        if not (scope.can_report(request.user) or scope.can_work_inbox(request.user)):
            raise PermissionDenied
        queryset = self.get_queryset()
        if scope.can_work_inbox(request.user):
            form = InboxFilterForm(request.query_params or None, sources=Organisation.objects.all())
            filters = form.cleaned_data if form.is_valid() else {}
            queryset = filter_signals(queryset, {"status": "all", **filters}, request.user)
        page = self.paginate_queryset(queryset)
        audit.record(actor=request.user, action="list", object_type="signal",
                     object_refs=[x.reference for x in page], request=request,
                     purpose="triage" if scope.can_work_inbox(request.user) else
                     "own_signal_status")
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def get_object(self) -> Signal:
        reference = self.kwargs["reference"]
        purpose = "triage" if scope.can_work_inbox(self.request.user) else "own_signal_status"
        return audit.logged_lookup(self.request, "signal", reference, purpose,
                                   lambda: scope.access_signal(self.request.user, reference),
                                   ref_of=lambda signal: signal.reference)

    @extend_schema(request=s.SignalCreateSerializer, responses={201: s.SignalReceiptSerializer})
    def create(self, request: Request, *args, **kwargs) -> Response:
        if not scope.can_report(request.user):
            raise PermissionDenied
        serializer = s.SignalCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        signal, created = services.register_signal(
            request.user, serializer.to_input(), channel=Signal.Channel.API,
            submission_key=request.headers.get("Idempotency-Key") or None, request=request,
        )
        return Response(s.SignalReceiptSerializer(signal).data,
                        status=status.HTTP_201_CREATED if created else status.HTTP_200_OK)

    def _triage_object(self) -> Signal:
        signal = self.get_object()
        if not scope.can_triage(self.request.user, signal):
            raise Http404
        return signal

    @extend_schema(request=s.AssignSerializer, responses=s.SignalSerializer)
    @action(detail=True, methods=["post"])
    def assign(self, request: Request, reference: str) -> Response:
        signal = self._triage_object()
        serializer = s.AssignSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        username = serializer.validated_data["assignee"]
        assignee = None
        if username:
            assignee = scope.assignable_users(request.user).filter(username=username).first()
            if assignee is None:
                return Response({"assignee": ["Deze persoon kan dit signaal niet behandelen."]},
                                status=status.HTTP_400_BAD_REQUEST)
        signal = services.assign_signal(signal, assignee, request.user, request=request)
        return Response(s.SignalSerializer(signal).data)

    @extend_schema(request=s.NoteSerializer, responses={201: s.HistoryEntrySerializer})
    @action(detail=True, methods=["post"])
    def notes(self, request: Request, reference: str) -> Response:
        signal = self._triage_object()
        serializer = s.NoteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        note = services.add_note(signal, request.user, serializer.validated_data["text"],
                                 request=request)
        entry = {"at": note.at, "kind": "note", "actor": note.author, "item": note}
        return Response(s.HistoryEntrySerializer(entry).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=s.StatusChangeSerializer, responses=s.SignalSerializer)
    @action(detail=True, methods=["post"])
    def status(self, request: Request, reference: str) -> Response:
        signal = self._triage_object()
        serializer = s.StatusChangeSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        forwarded_to = None
        if data.get("forwarded_to"):
            forwarded_to = Organisation.objects.filter(slug=data["forwarded_to"],
                                                       is_active=True).first()
            if forwarded_to is None:
                return Response({"forwarded_to": ["Onbekende organisatie."]},
                                status=status.HTTP_400_BAD_REQUEST)
        services.move_signal(signal, request.user, data["to"],
                             reason_code=data["reason"].code if data.get("reason") else "",
                             explanation=data.get("explanation", ""),
                             forwarded_to=forwarded_to, request=request)
        signal.refresh_from_db()
        return Response(s.SignalSerializer(signal).data)

    @extend_schema(request=case_serializers.TriageSerializer,
                   responses=case_serializers.TriageResultSerializer)
    @action(detail=True, methods=["post"])
    def triage(self, request: Request, reference: str) -> Response:
        """The triage decision: no follow-up, forward, open a case or add to a case."""
        return case_views.triage(request, self._triage_object())

    @extend_schema(responses=s.HistoryEntrySerializer(many=True))
    @action(detail=True, methods=["get"], pagination_class=None)
    def history(self, request: Request, reference: str) -> Response:
        signal = self._triage_object()
        return Response(s.HistoryEntrySerializer(services.history(signal), many=True).data)


class DomainViewSet(viewsets.ReadOnlyModelViewSet):
    """The seven domain codes with their Dutch names."""

    serializer_class = s.DomainSerializer
    queryset = Domain.objects.filter(active=True).order_by("order", "code")
    lookup_field = "code"


class IndicatorViewSet(viewsets.ReadOnlyModelViewSet):
    """The indicator catalogue (the signalenkaart); ``?domain=`` filters, ``?page_size=`` up to
    1000."""

    serializer_class = s.IndicatorSerializer
    lookup_field = "code"

    def get_queryset(self):
        queryset = Indicator.objects.filter(active=True).select_related("domain").order_by(
            "domain__order", "order", "code")
        domain = self.request.query_params.get("domain")
        return queryset.filter(domain__code=domain) if domain else queryset



