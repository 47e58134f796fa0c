# SPDX-License-Identifier: EUPL-1.2
"""API v1 of the policy cycle: ``policy/barrier-models``, ``policy/barrier-assessments`` and
``policy/bba``. Only for users with ``policy.work_policy`` (analyst, coordinator); everyone
else gets 403. Aggregates and reference data only. Writes go through
:mod:`schakel.policy.services` like the pages, and reads are logged like the other endpoints.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError
from rest_framework import mixins, permissions, serializers, status, viewsets
from rest_framework.exceptions import PermissionDenied
from rest_framework.exceptions import ValidationError as ApiValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from schakel.accounts.models import Municipality
from schakel.audit import services as audit
from schakel.policy import services
from schakel.policy.models import (
    Barrier,
    BarrierAssessment,
    BarrierModel,
    BarrierStep,
    BbaItem,
    Status,
)


class CanWorkPolicy(permissions.BasePermission):
    message = "Alleen voor beleidsmedewerkers en aandachtsfunctionarissen."

    def has_permission(self, request, view) -> bool:
        return bool(request.user and request.user.is_authenticated
                    and services.can_work_policy(request.user))


def _log(request: Request, object_type: str, refs: list[str]) -> None:
    audit.record(actor=request.user, action="list", object_type=object_type, object_refs=refs,
                 request=request, purpose=services.PURPOSE)


def _municipality(request: Request, code: str | None) -> Municipality:
    """The municipality named by CBS code, or the user's only one; 403 outside scope."""
    allowed = services.policy_municipalities(request.user)
    if code:
        municipality = allowed.filter(cbs_code=code).first()
    else:
        municipality = allowed.first() if allowed.count() == 1 else None
    if municipality is None:
        raise PermissionDenied("Geef een gemeente (CBS-code) waarvoor u rechten heeft.")
    return municipality


def _raise_invalid(error: ValidationError) -> None:
    raise ApiValidationError(error.message_dict if hasattr(error, "error_dict")
                             else {"detail": error.messages}) from error


# --- barrier models ---------------------------------------------------------------------------

class BarrierSerializer(serializers.ModelSerializer):
    instrument = serializers.CharField(source="instrument.code")
    name = serializers.CharField(source="instrument.name")
    department = serializers.CharField(source="instrument.department")
    partners = serializers.ListField(source="instrument.partners", child=serializers.CharField())
    legal_basis = serializers.CharField(source="instrument.legal_basis")
    case_findings = serializers.SerializerMethodField(
        help_text="Gesloten casussen van de gemeente waarin deze barrière faalde of ontbrak "
                  "(1-4 als \"<5\"); null zonder gemeente.")

    class Meta:
        model = Barrier
        fields = ["id", "instrument", "name", "how", "department", "partners", "legal_basis",
                  "case_findings"]

    def get_case_findings(self, barrier: Barrier) -> dict[str, str] | None:
        row = self.context.get("barrier_rows", {}).get(barrier.pk)
        return {"failed": row.failed_label, "missing": row.missing_label} if row else None


class StepSerializer(serializers.ModelSerializer):
    barriers = serializers.SerializerMethodField()
    closed_cases = serializers.SerializerMethodField(
        help_text="Gesloten casussen van de gemeente bij deze stap (1-4 als \"<5\"); null "
                  "zonder gemeente.")

    class Meta:
        model = BarrierStep
        fields = ["code", "order", "name", "needs", "signals", "facilitators_unaware",
                  "facilitators_aware", "case_phases", "verified", "closed_cases", "barriers"]

    def get_barriers(self, step: BarrierStep) -> list[dict]:
        return BarrierSerializer(step.active_barriers(), many=True, context=self.context).data

    def get_closed_cases(self, step: BarrierStep) -> str | None:
        row = self.context.get("step_rows", {}).get(step.pk)
        return row.count_label if row else None


class BarrierModelSerializer(serializers.ModelSerializer):
    municipality = serializers.SerializerMethodField()
    steps = serializers.SerializerMethodField()

    class Meta:
        model = BarrierModel
        fields = ["code", "name", "short_name", "description", "source", "version",
                  "municipality", "steps"]

    def get_municipality(self, model: BarrierModel) -> str | None:
        municipality = self.context.get("municipality")
        return municipality.cbs_code if municipality else None

    def get_steps(self, model: BarrierModel) -> list[dict]:
        context = dict(self.context)
        municipality = context.get("municipality")
        if municipality is not None:
            rows = services.model_overview(municipality, model)
            context["step_rows"] = {row.step.pk: row for row in rows}
            context["barrier_rows"] = {b.barrier.pk: b for row in rows for b in row.barriers}
        return StepSerializer(model.active_steps(), many=True, context=context).data


class BarrierModelViewSet(viewsets.ReadOnlyModelViewSet):
    """The barrier models of the catalogue, each with its ordered steps and their barriers.
    With a municipality (``?gemeente=``, or the user's only one) each step also carries the
    number of closed cases and each barrier how often it failed or was missing in them, as
    on the model page: counts only, 1-4 shown as "<5"."""

    permission_classes = [CanWorkPolicy]
    serializer_class = BarrierModelSerializer
    lookup_field = "code"
    queryset = BarrierModel.objects.filter(active=True).order_by("order", "code")

    def get_serializer_context(self) -> dict:
        context = super().get_serializer_context()
        code = self.request.query_params.get("gemeente")
        allowed = services.policy_municipalities(self.request.user)
        if code:
            context["municipality"] = _municipality(self.request, code)
        elif allowed.count() == 1:
            context["municipality"] = allowed.first()
        return context


# --- barrier assessments ----------------------------------------------------------------------

class BarrierAssessmentSerializer(serializers.ModelSerializer):
    municipality = serializers.CharField(source="municipality.cbs_code", read_only=True)
    model = serializers.CharField(source="barrier.step.model.code", read_only=True)
    step = serializers.CharField(source="barrier.step.code", read_only=True)
    instrument = serializers.CharField(source="barrier.instrument.code", read_only=True)

    class Meta:
        model = BarrierAssessment
        fields = ["id", "municipality", "model", "step", "barrier", "instrument", "status",
                  "evidence", "owner", "next_step", "next_step_due", "review_on",
                  "recorded_at"]
        read_only_fields = ["id", "recorded_at", "barrier"]


class BarrierAssessmentCreateSerializer(serializers.Serializer):
    municipality = serializers.CharField(required=False, help_text="CBS-code")
    barrier = serializers.PrimaryKeyRelatedField(queryset=Barrier.objects.filter(active=True))
    status = serializers.ChoiceField(choices=Status.choices)
    evidence = serializers.CharField(required=False, allow_blank=True, default="")
    owner = serializers.CharField(required=False, allow_blank=True, default="")
    next_step = serializers.CharField(required=False, allow_blank=True, default="")
    next_step_due = serializers.DateField(required=False, allow_null=True, default=None)
    review_on = serializers.DateField(required=False, allow_null=True, default=None)


class BarrierAssessmentViewSet(mixins.ListModelMixin, mixins.CreateModelMixin,
                               viewsets.GenericViewSet):
    """The current assessment of each assessed barrier in the municipalities in scope
    (``?gemeente=`` and ``?model=`` filter). POST appends a new assessment."""

    permission_classes = [CanWorkPolicy]
    serializer_class = BarrierAssessmentSerializer

    def get_serializer_class(self):
        return BarrierAssessmentCreateSerializer if self.action == "create" \
            else BarrierAssessmentSerializer

    def get_queryset(self):
        municipalities = services.policy_municipalities(self.request.user)
        code = self.request.query_params.get("gemeente")
        if code:
            municipalities = municipalities.filter(cbs_code=code)
        ids: list[int] = []
        for municipality in municipalities:
            ids += [a.pk for a in services.current_barrier_assessments(municipality).values()]
        rows = BarrierAssessment.objects.filter(pk__in=ids, barrier__active=True)
        model = self.request.query_params.get("model")
        if model:
            rows = rows.filter(barrier__step__model__code=model)
        return rows.select_related("municipality", "barrier__step__model",
                                   "barrier__instrument").order_by(
            "municipality__name", "barrier__step__model__order", "barrier__step__order",
            "barrier__order")

    def list(self, request: Request, *args, **kwargs) -> Response:
        page = self.paginate_queryset(self.get_queryset())
        _log(request, "barrier_assessment", [f"{a.municipality.cbs_code}/{a.pk}" for a in page])
        return self.get_paginated_response(BarrierAssessmentSerializer(page, many=True).data)

    def create(self, request: Request, *args, **kwargs) -> Response:
        serializer = BarrierAssessmentCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        municipality = _municipality(request, data.pop("municipality", None))
        barrier = data.pop("barrier")
        try:
            assessment = services.record_barrier_assessment(
                request.user, municipality, barrier, services.BarrierAssessmentInput(**data),
                request=request)
        except DjangoPermissionDenied as error:
            raise PermissionDenied() from error
        except ValidationError as error:
            _raise_invalid(error)
        return Response(BarrierAssessmentSerializer(assessment).data,
                        status=status.HTTP_201_CREATED)


# --- BBA --------------------------------------------------------------------------------------

class BbaRowSerializer(serializers.Serializer):
    municipality = serializers.CharField()
    code = serializers.CharField(source="item.code")
    group = serializers.CharField(source="item.group")
    group_name = serializers.CharField(source="item.get_group_display")
    title = serializers.CharField(source="item.title")
    basis = serializers.CharField(source="item.basis")
    derived = serializers.BooleanField(source="item.derived")
    status = serializers.CharField()
    evidence = serializers.CharField(source="assessment.evidence", default="")
    links = serializers.ListField(source="assessment.links", default=list,
                                  child=serializers.CharField())
    owner = serializers.CharField(source="assessment.owner", default="")
    assessed_on = serializers.DateField(source="assessment.assessed_on", default=None)


class BbaCreateSerializer(serializers.Serializer):
    municipality = serializers.CharField(required=False, help_text="CBS-code")
    item = serializers.SlugRelatedField(slug_field="code",
                                        queryset=BbaItem.objects.filter(active=True))
    status = serializers.ChoiceField(choices=Status.choices)
    evidence = serializers.CharField(required=False, allow_blank=True, default="")
    links = serializers.ListField(child=serializers.URLField(), required=False, default=list)
    owner = serializers.CharField(required=False, allow_blank=True, default="")
    assessed_on = serializers.DateField(required=False, allow_null=True, default=None)


class BbaViewSet(viewsets.ViewSet):
    """The BBA checklist items with their current status, per municipality in scope
    (``?gemeente=`` filter). POST appends a new assessment of one item."""

    permission_classes = [CanWorkPolicy]
    serializer_class = BbaRowSerializer

    def list(self, request: Request) -> Response:
        municipalities = services.policy_municipalities(request.user)
        code = request.query_params.get("gemeente")
        if code:
            municipalities = municipalities.filter(cbs_code=code)
        rows = []
        for municipality in municipalities:
            for row in services.current_bba(municipality):
                row.municipality = municipality.cbs_code
                rows.append(row)
        _log(request, "bba_assessment", [m.cbs_code for m in municipalities])
        return Response(BbaRowSerializer(rows, many=True).data)

    def create(self, request: Request) -> Response:
        serializer = BbaCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        municipality = _municipality(request, data.pop("municipality", None))
        item = data.pop("item")
        try:
            services.record_bba_assessment(request.user, municipality, item,
                                           services.BbaInput(**data), request=request)
        except DjangoPermissionDenied as error:
            raise PermissionDenied() from error
        except ValidationError as error:
            _raise_invalid(error)
        row = next(r for r in services.current_bba(municipality) if r.item.pk == item.pk)
        row.municipality = municipality.cbs_code
        return Response(BbaRowSerializer(row).data, status=status.HTTP_201_CREATED)
