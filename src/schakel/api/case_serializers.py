# SPDX-License-Identifier: EUPL-1.2
"""API representations for casework."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field, extend_schema_serializer
from rest_framework import serializers

from schakel.accounts.models import Organisation
from schakel.cases import services, workflow
from schakel.cases.models import (
    Assessment,
    Case,
    CaseEvent,
    Conference,
    Decision,
    Intervention,
    Referral,
)
from schakel.cases.sharing import shared_view
from schakel.catalog.models import LegalReference, Reason
from schakel.signals.models import SignalSubject


class AssessmentInSerializer(serializers.Serializer):
    act = serializers.ChoiceField(choices=workflow.ELEMENT_VALUES, default=workflow.UNKNOWN)
    act_note = serializers.CharField(required=False, allow_blank=True, default="")
    means = serializers.ChoiceField(choices=workflow.ELEMENT_VALUES, default=workflow.UNKNOWN)
    means_note = serializers.CharField(required=False, allow_blank=True, default="")
    purpose = serializers.ChoiceField(choices=workflow.ELEMENT_VALUES, default=workflow.UNKNOWN)
    purpose_note = serializers.CharField(required=False, allow_blank=True, default="")
    minor_victim = serializers.BooleanField(default=False)
    smuggling = serializers.BooleanField(default=False)


class TriageSerializer(serializers.Serializer):
    decision = serializers.ChoiceField(choices=services.DECISIONS)
    case = serializers.CharField(required=False, allow_blank=True, default="",
                                 help_text="case reference, for add_to_case")
    reason = serializers.CharField(required=False, allow_blank=True, default="",
                                   help_text="no_follow_up: a reason code from "
                                             "/api/v1/catalog/no-follow-up-reasons/; "
                                             "otherwise an explanation")
    domains = serializers.ListField(child=serializers.CharField(), required=False)
    forward_to = serializers.SlugRelatedField(
        slug_field="slug", required=False, allow_null=True,
        queryset=Organisation.objects.filter(is_active=True),
        help_text="organisation slug, for forward")
    title = serializers.CharField(required=False, allow_blank=True, default="", max_length=120)
    priority = serializers.ChoiceField(choices=["low", "normal", "high", "urgent"],
                                       default="normal")
    assessment = AssessmentInSerializer(required=False)

    def validate(self, attrs: dict) -> dict:
        decision = attrs["decision"]
        if decision == "no_follow_up" and not Reason.objects.filter(
                code=attrs.get("reason"), kind=Reason.Kind.NO_FOLLOW_UP, active=True).exists():
            codes = list(Reason.objects.filter(kind=Reason.Kind.NO_FOLLOW_UP, active=True)
                         .values_list("code", flat=True))
            raise serializers.ValidationError({"reason": [
                f"Kies een reden uit de catalogus: {', '.join(codes)}."]})
        if decision == "forward" and not attrs.get("forward_to"):
            raise serializers.ValidationError({"forward_to": ["Naar welke organisatie?"]})
        if decision == "add_to_case" and not attrs.get("case"):
            raise serializers.ValidationError({"case": ["Welke casus?"]})
        return attrs


class TriageResultSerializer(serializers.Serializer):
    """The answer to a triage decision (documentation only)."""

    signal = serializers.CharField()
    status = serializers.CharField()
    case = serializers.CharField(allow_null=True, help_text="the case opened or joined")


class CaseEventSerializer(serializers.ModelSerializer):
    actor = serializers.CharField(source="actor.username")

    class Meta:
        model = CaseEvent
        fields = ["at", "kind", "actor", "text", "from_status", "to_status", "related_ref"]


class AssessmentSerializer(serializers.ModelSerializer):
    gaps = serializers.ListField(child=serializers.CharField(), read_only=True)

    class Meta:
        model = Assessment
        fields = ["act", "act_note", "means", "means_note", "purpose", "purpose_note",
                  "minor_victim", "smuggling", "gaps", "at"]


class CaseSerializer(serializers.ModelSerializer):
    municipality = serializers.CharField(source="municipality.cbs_code")
    coordinator = serializers.CharField(source="coordinator.username")
    domains = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    signals = serializers.SlugRelatedField(slug_field="reference", many=True, read_only=True)
    outcome = serializers.CharField(source="outcome.code", default=None, allow_null=True)
    assessment = serializers.SerializerMethodField()
    allowed_transitions = serializers.SerializerMethodField()

    class Meta:
        model = Case
        fields = ["reference", "title", "status", "priority", "municipality", "coordinator",
                  "domains", "signals", "assessment", "outcome", "closing_summary",
                  "barrier_phases", "opened_at", "closed_at", "version", "allowed_transitions"]

    def get_assessment(self, case: Case) -> dict | None:
        latest = case.assessments.order_by("-at", "-id").first()
        return AssessmentSerializer(latest).data if latest else None

    def get_allowed_transitions(self, case: Case) -> list[str]:
        return list(workflow.allowed_case_targets(case.status))


class CaseSubjectSerializer(serializers.Serializer):
    """A person, organisation, vehicle or phone number from one of the case's signals."""

    kind = serializers.CharField()
    role = serializers.CharField()
    label = serializers.CharField()
    signal = serializers.CharField(source="signal.reference")


class CaseDetailSerializer(CaseSerializer):
    """One case for the coordinator who runs it: also the subjects of its signals. Partners
    never get this; they see a referral's shared fields (:mod:`schakel.cases.sharing`)."""

    subjects = serializers.SerializerMethodField()

    class Meta(CaseSerializer.Meta):
        fields = [*CaseSerializer.Meta.fields, "subjects"]

    @extend_schema_field(CaseSubjectSerializer(many=True))
    def get_subjects(self, case: Case) -> list[dict]:
        # Names are encrypted: read through the ORM, labels are built in Python.
        subjects = SignalSubject.objects.filter(signal__case=case).select_related("signal") \
            .order_by("signal__received_at", "id")
        return CaseSubjectSerializer(subjects, many=True).data


class CaseUpdateSerializer(serializers.Serializer):
    version = serializers.IntegerField()
    title = serializers.CharField(required=False, max_length=120)
    priority = serializers.ChoiceField(choices=["low", "normal", "high", "urgent"],
                                       required=False)
    domains = serializers.ListField(child=serializers.CharField(), required=False)


class TransitionSerializer(serializers.Serializer):
    to = serializers.CharField()
    reason = serializers.CharField(required=False, allow_blank=True, default="")
    outcome = serializers.CharField(required=False, allow_blank=True, default="")
    summary = serializers.CharField(required=False, allow_blank=True, default="")
    barrier_phases = serializers.ListField(child=serializers.CharField(), required=False,
                                           default=list)
    version = serializers.IntegerField(required=False, allow_null=True, default=None)


class ReferralCreateSerializer(serializers.Serializer):
    organisation = serializers.SlugRelatedField(slug_field="slug",
                                                queryset=Organisation.objects.filter(
                                                    is_active=True))
    legal_basis = serializers.CharField(required=False, allow_blank=True, default="")
    consent = serializers.ChoiceField(choices=Referral.Consent.choices, default="unknown")
    shared_fields = serializers.ListField(child=serializers.CharField(), required=False,
                                         default=list)
    due_on = serializers.DateField()
    reason = serializers.CharField()


class ReferralSerializer(serializers.ModelSerializer):
    """The referral as the receiving partner sees it: its own data and only the shared case
    fields."""

    organisation = serializers.CharField(source="organisation.slug")
    case = serializers.CharField(source="case.reference")
    legal_basis = serializers.CharField(source="legal_basis.code", default=None,
                                        allow_null=True)
    shared = serializers.SerializerMethodField()
    overdue = serializers.BooleanField(source="is_overdue")

    class Meta:
        model = Referral
        fields = ["id", "case", "organisation", "status", "legal_basis", "consent",
                  "shared_fields", "reason", "due_on", "overdue", "response_reason", "feedback",
                  "created_at", "responded_at", "shared"]

    def get_shared(self, referral: Referral) -> dict:
        return shared_view(referral)


class ReferralUpdateSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=workflow.REFERRAL_STATUSES)
    feedback = serializers.CharField(required=False, allow_blank=True, default="")


class InterventionCreateSerializer(serializers.Serializer):
    type = serializers.CharField()
    organisation = serializers.SlugRelatedField(slug_field="slug",
                                                queryset=Organisation.objects.filter(
                                                    is_active=True))
    due_on = serializers.DateField()
    description = serializers.CharField(required=False, allow_blank=True, default="")


class InterventionSerializer(serializers.ModelSerializer):
    type = serializers.CharField(source="type.code")
    organisation = serializers.CharField(source="organisation.slug")
    case = serializers.CharField(source="case.reference")
    overdue = serializers.BooleanField(source="is_overdue")

    class Meta:
        model = Intervention
        fields = ["id", "case", "type", "organisation", "description", "due_on", "status",
                  "outcome", "overdue", "created_at"]


class InterventionUpdateSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=Intervention.Status.choices)
    outcome = serializers.CharField(required=False, allow_blank=True, default="")


@extend_schema_serializer(component_name="CaseNote")
class NoteSerializer(serializers.Serializer):
    text = serializers.CharField()


class ConferenceCreateSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=120)
    scheduled_at = serializers.DateTimeField()
    location = serializers.CharField(required=False, allow_blank=True, default="")
    cases = serializers.ListField(child=serializers.CharField(), min_length=1)
    organisations = serializers.ListField(child=serializers.CharField(), required=False,
                                          default=list)
    participants = serializers.ListField(child=serializers.CharField(), required=False,
                                         default=list, help_text="usernames")
    access_days_after = serializers.IntegerField(min_value=0, max_value=90, default=7)


class ConferenceSerializer(serializers.ModelSerializer):
    agenda = serializers.SerializerMethodField()
    organisations = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    participants = serializers.SerializerMethodField()

    class Meta:
        model = Conference
        fields = ["id", "title", "scheduled_at", "location", "access_days_after",
                  "organisations", "participants", "agenda"]

    def get_agenda(self, conference: Conference) -> list[str]:
        return [item.case.reference for item in conference.agenda.select_related("case")]

    def get_participants(self, conference: Conference) -> list[dict]:
        return [{"user": p.user.username,
                 "confirmed": p.confidentiality_confirmed_at is not None}
                for p in conference.participants.select_related("user")]


class DecisionCreateSerializer(serializers.Serializer):
    case = serializers.CharField()
    text = serializers.CharField()
    owner = serializers.SlugRelatedField(slug_field="slug",
                                         queryset=Organisation.objects.filter(is_active=True))
    due_on = serializers.DateField()
    referral = ReferralCreateSerializer(required=False)
    intervention_type = serializers.CharField(required=False, allow_blank=True, default="")


class DecisionSerializer(serializers.ModelSerializer):
    case = serializers.CharField(source="case.reference")
    owner = serializers.CharField(source="owner.slug")
    referrals = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    interventions = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta:
        model = Decision
        fields = ["id", "case", "text", "owner", "due_on", "created_at", "referrals",
                  "interventions"]


class OrganisationSerializer(serializers.ModelSerializer):
    municipality = serializers.CharField(source="municipality.cbs_code", default=None,
                                         allow_null=True)

    class Meta:
        model = Organisation
        fields = ["slug", "name", "kind", "partner_code", "municipality", "region"]


class LegalBasisSerializer(serializers.ModelSerializer):
    class Meta:
        model = LegalReference
        fields = ["code", "title", "citation", "summary", "url", "is_processing_basis"]


class ReasonSerializer(serializers.ModelSerializer):
    class Meta:
        model = Reason
        fields = ["code", "kind", "name", "description"]
