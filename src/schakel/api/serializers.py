# SPDX-License-Identifier: EUPL-1.2
"""API representations. Input is validated with the same identifier rules as the web form."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from schakel.analysis.identifiers import (
    normalise_kvk,
    normalise_licence_plate,
    normalise_phone,
    normalise_postcode,
)
from schakel.catalog.models import Domain, Indicator, Reason
from schakel.signals.models import Signal, SignalSubject
from schakel.signals.services import SignalInput, SubjectInput


class LocationSerializer(serializers.Serializer):
    postcode = serializers.CharField(required=False, allow_blank=True, max_length=7)
    house_number = serializers.IntegerField(required=False, allow_null=True, min_value=1,
                                            max_value=99999)
    house_number_suffix = serializers.CharField(required=False, allow_blank=True, max_length=10)
    description = serializers.CharField(required=False, allow_blank=True, max_length=300)

    def validate_postcode(self, value: str) -> str:
        if not value.strip():
            return ""
        normalised = normalise_postcode(value)
        if normalised is None:
            raise serializers.ValidationError(_("Geen geldige postcode (bijv. 2951 AB)."))
        return normalised

    def validate(self, attrs: dict) -> dict:
        if attrs.get("postcode") and not attrs.get("house_number"):
            raise serializers.ValidationError({"house_number": _("Huisnummer ontbreekt.")})
        if attrs.get("house_number") and not attrs.get("postcode"):
            raise serializers.ValidationError({"postcode": _("Postcode ontbreekt.")})
        return attrs


class SubjectSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=SignalSubject.Kind.choices)
    role = serializers.ChoiceField(choices=SignalSubject.Role.choices, required=False,
                                   default=SignalSubject.Role.OTHER)
    given_names = serializers.CharField(required=False, allow_blank=True, max_length=100)
    surname_prefix = serializers.CharField(required=False, allow_blank=True, max_length=20)
    surname = serializers.CharField(required=False, allow_blank=True, max_length=100)
    estimated_age = serializers.IntegerField(required=False, allow_null=True, min_value=0,
                                             max_value=120)
    birth_year = serializers.IntegerField(required=False, allow_null=True, min_value=1900,
                                          max_value=2100)
    sex = serializers.ChoiceField(choices=SignalSubject.Sex.choices, required=False,
                                  allow_blank=True)
    nationality = serializers.CharField(required=False, allow_blank=True, max_length=60)
    name = serializers.CharField(required=False, allow_blank=True, max_length=150)
    kvk_number = serializers.CharField(required=False, allow_blank=True, max_length=12)
    licence_plate = serializers.CharField(required=False, allow_blank=True, max_length=10)
    phone = serializers.CharField(required=False, allow_blank=True, max_length=30)
    description = serializers.CharField(required=False, allow_blank=True, max_length=500)

    IDENTIFIERS = {
        "kvk_number": (normalise_kvk, _("Een KvK-nummer bestaat uit acht cijfers.")),
        "licence_plate": (normalise_licence_plate, _("Geen geldig Nederlands kenteken.")),
        "phone": (normalise_phone, _("Geen geldig telefoonnummer.")),
    }
    REQUIRED_BY_KIND = {"organisation": "name", "vehicle": "licence_plate", "phone": "phone"}

    def validate(self, attrs: dict) -> dict:
        errors = {}
        for field, (normalise, message) in self.IDENTIFIERS.items():
            raw = (attrs.get(field) or "").strip()
            if raw:
                value = normalise(raw)
                if value is None:
                    errors[field] = message
                attrs[field] = value or ""
        required = self.REQUIRED_BY_KIND.get(attrs["kind"])
        if required and not attrs.get(required):
            errors[required] = _("Verplicht voor dit soort betrokkene.")
        if errors:
            raise serializers.ValidationError(errors)
        return attrs


class SignalCreateSerializer(serializers.Serializer):
    description = serializers.CharField(min_length=10)
    observed_on = serializers.DateField(required=False, allow_null=True)
    observed_period = serializers.CharField(required=False, allow_blank=True, max_length=200)
    acute = serializers.BooleanField(required=False, default=False)
    minor_involved = serializers.BooleanField(required=False, allow_null=True, default=None)
    location = LocationSerializer(required=False)
    indicators = serializers.ListField(child=serializers.CharField(max_length=80),
                                       required=False, default=list, max_length=200)
    subjects = SubjectSerializer(many=True, required=False, default=list, max_length=50)
    municipality = serializers.CharField(required=False, allow_blank=True, max_length=4,
                                         help_text="CBS code; needed only for regional partners")

    def validate_observed_on(self, value):
        if value and value > timezone.localdate():
            raise serializers.ValidationError(_("Deze datum ligt in de toekomst."))
        return value

    def validate_indicators(self, codes: list[str]) -> list[str]:
        known = set(Indicator.objects.filter(code__in=codes, active=True)
                    .values_list("code", flat=True))
        unknown = sorted(set(codes) - known)
        if unknown:
            raise serializers.ValidationError(_("Onbekende indicatorcodes: %(codes)s")
                                              % {"codes": ", ".join(unknown)})
        return codes

    def to_input(self) -> SignalInput:
        data = self.validated_data
        location = data.get("location") or {}
        return SignalInput(
            description=data["description"],
            observed_on=data.get("observed_on"),
            observed_period=data.get("observed_period", ""),
            acute=data.get("acute", False),
            minor_involved=data.get("minor_involved"),
            postcode=location.get("postcode", ""),
            house_number=location.get("house_number"),
            house_number_suffix=(location.get("house_number_suffix") or "").strip().upper(),
            location_description=location.get("description", ""),
            indicator_codes=list(dict.fromkeys(data.get("indicators", []))),
            subjects=[SubjectInput(**{k: v for k, v in s.items() if v is not None})
                      for s in data.get("subjects", [])],
            municipality_code=data.get("municipality", ""),
        )


class SignalReceiptSerializer(serializers.ModelSerializer):
    """What a reporter sees of a signal: its reference and status, nothing of its handling."""

    class Meta:
        model = Signal
        fields = ["reference", "status", "received_at"]


class SubjectOutSerializer(serializers.ModelSerializer):
    class Meta:
        model = SignalSubject
        fields = ["kind", "role", "given_names", "surname_prefix", "surname", "estimated_age",
                  "birth_year", "sex", "nationality", "name", "kvk_number", "licence_plate",
                  "phone", "description"]


class SignalSerializer(serializers.ModelSerializer):
    """The full signal, for a coordinator in scope."""

    municipality = serializers.CharField(source="municipality.cbs_code")
    source_organisation = serializers.CharField(source="source_organisation.slug")
    assigned_to = serializers.CharField(source="assigned_to.username", default=None,
                                        allow_null=True)
    domains = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    indicators = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    location = serializers.SerializerMethodField()
    subjects = SubjectOutSerializer(many=True, read_only=True)
    overdue = serializers.BooleanField(source="is_overdue")

    class Meta:
        model = Signal
        fields = ["reference", "status", "municipality", "source_organisation", "channel",
                  "description", "observed_on", "observed_period", "acute", "minor_involved",
                  "location", "indicators", "domains", "subjects", "assigned_to",
                  "received_at", "triage_due", "overdue"]

    def get_location(self, signal: Signal) -> dict:
        return {"postcode": signal.postcode, "house_number": signal.house_number,
                "house_number_suffix": signal.house_number_suffix,
                "description": signal.location_description}


class AssignSerializer(serializers.Serializer):
    assignee = serializers.CharField(allow_null=True, help_text="username, or null to release")


class NoteSerializer(serializers.Serializer):
    text = serializers.CharField()


class StatusChangeSerializer(serializers.Serializer):
    to = serializers.CharField()
    reason = serializers.SlugRelatedField(
        slug_field="code", required=False, allow_null=True,
        queryset=Reason.objects.filter(kind=Reason.Kind.NO_FOLLOW_UP, active=True))
    explanation = serializers.CharField(required=False, allow_blank=True, default="")
    forwarded_to = serializers.CharField(required=False, allow_blank=True, default="",
                                         help_text="organisation slug")


class HistoryEntrySerializer(serializers.Serializer):
    at = serializers.DateTimeField()
    kind = serializers.CharField()
    actor = serializers.CharField(source="actor.username")
    summary = serializers.SerializerMethodField()

    def get_summary(self, entry: dict) -> dict:
        item = entry["item"]
        if entry["kind"] == "status":
            return {"from": item.from_status, "to": item.to_status,
                    "reason": item.reason.code if item.reason else None,
                    "forwarded_to": item.forwarded_to.slug if item.forwarded_to else None,
                    "explanation": item.explanation}
        if entry["kind"] == "assignment":
            return {"assignee": item.assignee.username if item.assignee else None}
        return {"text": item.text}


class DomainSerializer(serializers.ModelSerializer):
    class Meta:
        model = Domain
        fields = ["code", "name", "description", "is_exploitation", "triage_days"]


class IndicatorSerializer(serializers.ModelSerializer):
    domain = serializers.CharField(source="domain.code")

    class Meta:
        model = Indicator
        fields = ["code", "domain", "label", "subject", "help_text"]
