# SPDX-License-Identifier: EUPL-1.2
"""API for entities and link proposals, for coordinators (the same scope as the pages).

- ``GET /api/v1/entities/``: entities mentioned in signals the user reads in full;
- ``GET /api/v1/entities/{id}/``: one entity with the mentions the user may see;
- ``GET /api/v1/link-proposals/``: open proposals on those signals;
- ``POST /api/v1/link-proposals/{id}/decision/``: ``{"decision": "confirm"|"reject",
  "reason": "..."}``.

Outside scope is 404; a role without the function gets 403 on the lists, like the pages.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.request import Request
from rest_framework.response import Response

from schakel import scope
from schakel.audit import services as audit
from schakel.linking import services
from schakel.linking.models import Entity, Mention, Proposal


class MentionSerializer(serializers.ModelSerializer):
    signal = serializers.CharField(source="signal.reference")
    received_at = serializers.DateTimeField(source="signal.received_at")

    class Meta:
        model = Mention
        fields = ["id", "signal", "received_at", "kind", "role", "label"]


class EntitySerializer(serializers.ModelSerializer):
    reference = serializers.CharField()
    label = serializers.SerializerMethodField()
    mentions = serializers.SerializerMethodField()

    class Meta:
        model = Entity
        fields = ["id", "reference", "kind", "label", "mentions"]

    def _visible(self, entity: Entity) -> list[Mention]:
        user = self.context["request"].user
        return list(scope.visible_mentions(user).filter(entity=entity)
                    .select_related("signal").order_by("id"))

    def get_label(self, entity: Entity) -> str:
        # as the user's own signals name it (its first mention may be outside scope)
        mentions = self._visible(entity)
        return mentions[0].label if mentions else entity.get_kind_display()

    def get_mentions(self, entity: Entity) -> list[dict]:
        return MentionSerializer(self._visible(entity), many=True).data


class ProposalSerializer(serializers.ModelSerializer):
    mention = MentionSerializer()
    candidate = MentionSerializer()

    class Meta:
        model = Proposal
        fields = ["id", "mention", "candidate", "probability", "explanation", "status"]


class DecisionSerializer(serializers.Serializer):
    decision = serializers.ChoiceField(choices=["confirm", "reject"])
    reason = serializers.CharField(required=False, allow_blank=True, max_length=1000)


class EntityViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = EntitySerializer

    def get_queryset(self):
        return scope.visible_entities(self.request.user).order_by("-id")

    def list(self, request: Request, *args, **kwargs) -> Response:
        if not scope.can_work_inbox(request.user):
            raise PermissionDenied
        page = self.paginate_queryset(self.get_queryset())
        audit.record(actor=request.user, action="list", object_type="entity",
                     object_refs=[e.reference for e in page], request=request,
                     purpose="linking")
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def get_object(self) -> Entity:
        pk = self.kwargs["pk"]
        return audit.logged_lookup(
            self.request, "entity", f"ENT-{pk}", "linking",
            lambda: scope.access_entity(self.request.user, int(pk) if str(pk).isdigit() else -1),
            ref_of=lambda e: e.reference)


class ProposalViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    serializer_class = ProposalSerializer

    def get_queryset(self):
        return (scope.visible_proposals(self.request.user)
                .filter(status=Proposal.Status.OPEN)
                .select_related("mention__signal", "candidate__signal", "mention__entity",
                                "candidate__entity").order_by("-id"))

    def list(self, request: Request, *args, **kwargs) -> Response:
        if not scope.can_work_inbox(request.user):
            raise PermissionDenied
        page = self.paginate_queryset(services.still_open(self.get_queryset()))
        audit.record(actor=request.user, action="list", object_type="entity",
                     object_refs=sorted({p.mention.signal.reference for p in page}
                                        | {p.candidate.signal.reference for p in page}),
                     request=request, purpose="linking")
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    @extend_schema(request=DecisionSerializer, responses=ProposalSerializer)
    @action(detail=True, methods=["post"])
    def decision(self, request: Request, pk: str) -> Response:
        proposal = audit.logged_lookup(
            request, "entity", f"proposal-{pk}", "linking", action="update",
            fetch=lambda: scope.access_proposal(request.user, int(pk) if pk.isdigit() else -1))
        proposal = self.get_queryset().model.objects.select_related(
            "mention__signal", "candidate__signal").get(pk=proposal.pk)
        if not scope.can_triage(request.user, proposal.mention.signal):
            raise Http404
        serializer = DecisionSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        try:
            if data["decision"] == "confirm":
                services.confirm(proposal, request.user, data.get("reason", ""),
                                 request=request)
            else:
                services.reject(proposal, request.user, data.get("reason", ""),
                                request=request)
        except ValidationError as error:
            return Response({"detail": " ".join(error.messages)},
                            status=status.HTTP_409_CONFLICT)
        proposal.refresh_from_db()
        return Response(ProposalSerializer(proposal).data)
