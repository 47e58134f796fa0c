# SPDX-License-Identifier: EUPL-1.2
"""API v1 for casework: triage, cases, referrals, interventions, conferences, decisions.
Scoped by :mod:`schakel.scope` exactly like the web pages; every read is logged."""

from __future__ import annotations

from django.http import Http404, HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.request import Request
from rest_framework.response import Response

from schakel import scope
from schakel.accounts.models import Organisation, User
from schakel.api import case_serializers as cs
from schakel.audit import services as audit
from schakel.cases import services, workflow
from schakel.cases.models import Case, Conference, Intervention, Participant, Referral
from schakel.catalog.models import Domain, LegalReference, Reason


def _log_read(request: Request, object_type: str, refs: list[str], purpose: str,
              action: str = "view") -> None:
    audit.record(actor=request.user, action=action, object_type=object_type, object_refs=refs,
                 request=request, purpose=purpose)


def triage(request: Request, signal) -> Response:
    """POST /signals/{reference}/triage/ — called from the signal viewset."""
    serializer = cs.TriageSerializer(data=request.data)
    serializer.is_valid(raise_exception=True)
    data = serializer.validated_data
    case = None
    if data["decision"] == "add_to_case":
        case = scope.managed_cases(request.user).filter(reference=data["case"]).first()
        if case is None:
            return Response({"case": ["Onbekende casus."]}, status=status.HTTP_400_BAD_REQUEST)
    assessment = services.AssessmentInput(**data["assessment"]) if data.get("assessment") \
        else None
    decision = services.TriageDecision(
        decision=data["decision"], domains=data.get("domains"), reason=data["reason"],
        forward_to=data.get("forward_to"), case=case,
        title=data["title"] or _default_title(signal, data.get("domains")),
        priority=data["priority"], assessment=assessment,
    )
    result = services.triage_signal(signal, request.user, decision, request=request)
    signal.refresh_from_db()
    return Response({"signal": signal.reference, "status": signal.status,
                     "case": result.reference if result else None})


def _default_title(signal, domain_codes: list[str] | None) -> str:
    """A non-identifying title when the API caller gives none: the domain and the signal."""
    codes = domain_codes or list(signal.domains.values_list("code", flat=True))
    domain = Domain.objects.filter(code__in=codes).order_by("order").first()
    return f"{domain.name if domain else 'Casus'} ({signal.reference})"


class CaseViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Cases in the coordinator's scope (and agenda cases for confirmed conference
    participants)."""

    serializer_class = cs.CaseSerializer
    lookup_field = "reference"
    lookup_value_regex = "[A-Za-z0-9-]+"

    def get_serializer_class(self):
        """The list stays light; one case (for its coordinator) also lists its subjects."""
        return cs.CaseSerializer if self.action == "list" else cs.CaseDetailSerializer

    def get_queryset(self):
        # Conference participants read agenda cases on the web agenda page, which shows only
        # what participants may see; the API serves whole cases to the coordinator only.
        queryset = scope.managed_cases(self.request.user).select_related(
            "municipality", "coordinator", "outcome").prefetch_related("domains", "signals")
        status_filter = self.request.query_params.get("status")
        return (queryset.filter(status=status_filter) if status_filter else queryset) \
            .order_by("-opened_at", "-id")

    def list(self, request: Request, *args, **kwargs) -> Response:
        if not scope.can_manage_cases(request.user):
            raise PermissionDenied
        page = self.paginate_queryset(self.get_queryset())
        _log_read(request, "case", [c.reference for c in page], "case_management", "list")
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def get_object(self) -> Case:
        reference = self.kwargs["reference"]
        return audit.logged_lookup(self.request, "case", reference, "case_management",
                                   lambda: _managed_case(self.request.user, reference),
                                   ref_of=lambda case: case.reference)

    def _managed(self) -> Case:
        case = self.get_object()
        if not scope.can_manage_case(self.request.user, case):
            raise Http404
        return case

    @extend_schema(request=cs.CaseUpdateSerializer, responses=cs.CaseDetailSerializer)
    def partial_update(self, request: Request, reference: str) -> Response:
        case = self._managed()
        serializer = cs.CaseUpdateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        try:
            case = services.update_case(case, request.user, expected_version=data["version"],
                                        title=data.get("title"), priority=data.get("priority"),
                                        domains=data.get("domains"), request=request)
        except services.ConcurrentEditError:
            return Response({"detail": "De casus is intussen door iemand anders gewijzigd.",
                             "version": Case.objects.get(pk=case.pk).version},
                            status=status.HTTP_409_CONFLICT)
        return Response(cs.CaseDetailSerializer(case).data)

    @extend_schema(responses=cs.CaseEventSerializer(many=True))
    @action(detail=True, methods=["get"], pagination_class=None)
    def timeline(self, request: Request, reference: str) -> Response:
        case = self.get_object()
        return Response(cs.CaseEventSerializer(services.timeline(case), many=True).data)

    @extend_schema(request=cs.TransitionSerializer, responses=cs.CaseDetailSerializer)
    @action(detail=True, methods=["post"])
    def transitions(self, request: Request, reference: str) -> Response:
        case = self._managed()
        serializer = cs.TransitionSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        try:
            case = services.move_case(
                case, request.user, data["to"], reason=data["reason"] or "—",
                outcome_code=data["outcome"], summary=data["summary"],
                barrier_phases=data["barrier_phases"], expected_version=data["version"],
                request=request)
        except workflow.CaseTransitionError as error:
            code = status.HTTP_400_BAD_REQUEST if error.unknown else status.HTTP_409_CONFLICT
            return Response({"to": [str(error)], "allowed": list(error.allowed)}, status=code)
        except services.ConcurrentEditError:
            return Response({"detail": "De casus is intussen door iemand anders gewijzigd."},
                            status=status.HTTP_409_CONFLICT)
        return Response(cs.CaseDetailSerializer(case).data)

    @extend_schema(request=cs.NoteSerializer, responses={201: cs.CaseEventSerializer})
    @action(detail=True, methods=["post"])
    def notes(self, request: Request, reference: str) -> Response:
        case = self._managed()
        serializer = cs.NoteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        event = services.add_case_note(case, request.user, serializer.validated_data["text"],
                                       request=request)
        return Response(cs.CaseEventSerializer(event).data, status=status.HTTP_201_CREATED)

    @extend_schema(methods=["GET"], responses=cs.ReferralSerializer(many=True))
    @extend_schema(methods=["POST"], request=cs.ReferralCreateSerializer,
                   responses={201: cs.ReferralSerializer})
    @action(detail=True, methods=["get", "post"], pagination_class=None)
    def referrals(self, request: Request, reference: str) -> Response:
        case = self._managed()
        if request.method == "GET":
            return Response(cs.ReferralSerializer(case.referrals.all(), many=True).data)
        serializer = cs.ReferralCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        referral = services.refer(case, request.user, _referral_input(serializer.validated_data),
                                  request=request)
        return Response(cs.ReferralSerializer(referral).data, status=status.HTTP_201_CREATED)

    @extend_schema(methods=["GET"], responses=cs.InterventionSerializer(many=True))
    @extend_schema(methods=["POST"], request=cs.InterventionCreateSerializer,
                   responses={201: cs.InterventionSerializer})
    @action(detail=True, methods=["get", "post"], pagination_class=None)
    def interventions(self, request: Request, reference: str) -> Response:
        case = self._managed()
        if request.method == "GET":
            return Response(cs.InterventionSerializer(case.interventions.all(), many=True).data)
        serializer = cs.InterventionCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        intervention = services.add_intervention(
            case, request.user, type_code=data["type"], organisation=data["organisation"],
            due_on=data["due_on"], description=data["description"], request=request)
        return Response(cs.InterventionSerializer(intervention).data,
                        status=status.HTTP_201_CREATED)


def _managed_case(user: User, reference: str) -> Case:
    case = scope.managed_cases(user).filter(reference=reference).first()
    if case is None:
        raise Http404("case not found")
    return case


def _referral_input(data: dict) -> services.ReferralInput:
    return services.ReferralInput(
        organisation=data["organisation"], reason=data["reason"], due_on=data["due_on"],
        legal_basis_code=data.get("legal_basis", ""), consent=data.get("consent", "unknown"),
        shared_fields=data.get("shared_fields") or None)


class ReferralViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Referrals: the receiving partner sees its own (only the shared case fields) and answers
    with PATCH; the coordinator sees those of the cases they run and may revoke."""

    serializer_class = cs.ReferralSerializer
    http_method_names = ["get", "patch", "head", "options"]

    def get_queryset(self):
        queryset = scope.visible_referrals(self.request.user).select_related(
            "case", "organisation", "legal_basis")
        status_filter = self.request.query_params.get("status")
        return queryset.filter(status=status_filter) if status_filter else queryset

    def list(self, request: Request, *args, **kwargs) -> Response:
        if not (scope.has(request.user, scope.HANDLE_REFERRAL)
                or scope.can_manage_cases(request.user)):
            raise PermissionDenied
        page = self.paginate_queryset(self.get_queryset())
        _log_read(request, "referral", [f"referral:{r.pk}" for r in page], "referral", "list")
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def get_object(self) -> Referral:
        pk = self.kwargs["pk"]
        return audit.logged_lookup(self.request, "referral", f"referral:{pk}", "referral",
                                   lambda: scope.access_referral(self.request.user, pk))

    @extend_schema(request=cs.ReferralUpdateSerializer, responses=cs.ReferralSerializer)
    def partial_update(self, request: Request, pk: str) -> Response:
        referral = self.get_object()
        serializer = cs.ReferralUpdateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        try:
            referral = services.respond_to_referral(referral, request.user, data["status"],
                                                    data["feedback"], request=request)
        except workflow.CaseTransitionError as error:
            return Response({"status": [str(error)], "allowed": list(error.allowed)},
                            status=status.HTTP_409_CONFLICT)
        return Response(cs.ReferralSerializer(referral).data)


class InterventionViewSet(mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = cs.InterventionSerializer
    http_method_names = ["get", "patch", "head", "options"]

    def get_queryset(self):
        return Intervention.objects.filter(case__in=scope.managed_cases(self.request.user))

    @extend_schema(request=cs.InterventionUpdateSerializer, responses=cs.InterventionSerializer)
    def partial_update(self, request: Request, pk: str) -> Response:
        intervention = self.get_object()
        serializer = cs.InterventionUpdateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        intervention = services.update_intervention(
            intervention, request.user, status=serializer.validated_data["status"],
            outcome=serializer.validated_data["outcome"], request=request)
        return Response(cs.InterventionSerializer(intervention).data)


class ConferenceViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin,
                        mixins.CreateModelMixin, viewsets.GenericViewSet):
    serializer_class = cs.ConferenceSerializer

    def get_queryset(self):
        return scope.visible_conferences(self.request.user).order_by("-scheduled_at")

    def get_object(self) -> Conference:
        return scope.access_conference(self.request.user, self.kwargs["pk"])

    def list(self, request: Request, *args, **kwargs) -> Response:
        if not (scope.can_manage_cases(request.user)
                or Participant.objects.filter(user=request.user).exists()):
            raise PermissionDenied
        return super().list(request, *args, **kwargs)

    @extend_schema(request=cs.ConferenceCreateSerializer, responses={201: cs.ConferenceSerializer})
    def create(self, request: Request, *args, **kwargs) -> Response:
        if not scope.can_manage_cases(request.user):
            raise PermissionDenied
        serializer = cs.ConferenceCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        cases = list(scope.managed_cases(request.user).filter(reference__in=data["cases"]))
        if len(cases) != len(set(data["cases"])):
            return Response({"cases": ["Onbekende casus."]}, status=status.HTTP_400_BAD_REQUEST)
        conference = services.schedule_conference(
            request.user, title=data["title"], scheduled_at=data["scheduled_at"],
            location=data["location"], cases=cases,
            organisations=list(Organisation.objects.filter(slug__in=data["organisations"])),
            participants=list(User.objects.filter(username__in=data["participants"],
                                                  is_active=True)),
            access_days_after=data["access_days_after"], request=request)
        return Response(cs.ConferenceSerializer(conference).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses=cs.ConferenceSerializer)
    @action(detail=True, methods=["post"])
    def confirm(self, request: Request, pk: str) -> Response:
        conference = self.get_object()
        services.confirm_confidentiality(conference, request.user, request=request)
        return Response(cs.ConferenceSerializer(conference).data)

    @extend_schema(responses={(200, "application/pdf"): OpenApiTypes.BINARY})
    @action(detail=True, methods=["get"])
    def minutes(self, request: Request, pk: str) -> HttpResponse:
        """The minutes as PDF, for the chair and for participants whose access still runs
        (the same rule as the web page); the export is logged with the agenda cases."""
        from schakel.cases.pdf import render_minutes
        conference = self.get_object()
        if not scope.may_read_minutes(request.user, conference):
            raise Http404
        content = render_minutes(conference)
        _log_read(request, "conference",
                  [f"conference:{conference.pk}"] + [item.case.reference for item in
                                                     conference.agenda.select_related("case")],
                  "conference_minutes", "export")
        response = HttpResponse(content, content_type="application/pdf")
        response["Content-Disposition"] = (
            f'attachment; filename="casusoverleg-{conference.pk}-verslag.pdf"')
        return response

    @extend_schema(request=cs.DecisionCreateSerializer, responses={201: cs.DecisionSerializer})
    @action(detail=True, methods=["post"])
    def decisions(self, request: Request, pk: str) -> Response:
        conference = self.get_object()
        if not scope.can_manage_cases(request.user):
            raise Http404  # participants read the agenda; only the coordinator decides
        serializer = cs.DecisionCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        case = scope.managed_cases(request.user).filter(reference=data["case"]).first()
        if case is None:
            raise Http404
        decision = services.record_decision(conference, case, request.user,
                                            services.DecisionInput(
                                                text=data["text"], owner=data["owner"],
                                                due_on=data["due_on"],
                                                referral=_referral_input(data["referral"])
                                                if data.get("referral") else None,
                                                intervention_type=data["intervention_type"]),
                                            request=request)
        return Response(cs.DecisionSerializer(decision).data, status=status.HTTP_201_CREATED)


class OrganisationViewSet(viewsets.ReadOnlyModelViewSet):
    """Organisations that can receive referrals and forwarded signals (stable slugs)."""

    serializer_class = cs.OrganisationSerializer
    lookup_field = "slug"
    queryset = Organisation.objects.filter(is_active=True).select_related("municipality") \
        .order_by("name")


class LegalBasisViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = cs.LegalBasisSerializer
    lookup_field = "code"

    def get_queryset(self):
        queryset = LegalReference.objects.filter(active=True).order_by("order", "code")
        if self.request.query_params.get("processing") in {"1", "true"}:
            queryset = queryset.filter(is_processing_basis=True)
        return queryset


class ReasonViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = cs.ReasonSerializer
    lookup_field = "code"
    kind = Reason.Kind.CASE_OUTCOME

    def get_queryset(self):
        return Reason.objects.filter(kind=self.kind, active=True).order_by("order", "code")


class NoFollowUpReasonViewSet(ReasonViewSet):
    kind = Reason.Kind.NO_FOLLOW_UP

