# SPDX-License-Identifier: EUPL-1.2
"""Entities (canonical persons, organisations, addresses, vehicles, contact points and bank
accounts), the mentions that resolve to them, link proposals and the append-only link history.

Only :mod:`schakel.linking.services` writes these rows. ``Mention.entity`` and
``Proposal.status`` are caches of the latest :class:`LinkEvent`, which is never edited, so
every merge, split, confirmation, rejection, automatic link and undo can be traced.
No BSN is stored here: a BSN only appears as a keyed hash inside :class:`EntityKey`.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from schakel.core.fields import EncryptedCharField, EncryptedJSONField, EncryptedTextField
from schakel.core.models import AppendOnly, AppendOnlyError  # noqa: F401 - re-exported


class EntityKind(models.TextChoices):
    PERSON = "person", _("persoon")
    ORGANISATION = "organisation", _("organisatie")
    ADDRESS = "address", _("adres")
    VEHICLE = "vehicle", _("voertuig")
    CONTACT = "contact", _("telefoonnummer of e-mailadres")
    BANK_ACCOUNT = "bank_account", _("bankrekening")


class Entity(models.Model):
    """One canonical subject; its content is what its mentions say."""

    kind = models.CharField(_("soort"), max_length=20, choices=EntityKind.choices)
    label = EncryptedCharField(_("omschrijving"), max_length=200)
    merged_into = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="absorbed", verbose_name=_("samengevoegd in"))
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("entiteit")
        verbose_name_plural = _("entiteiten")
        indexes = [models.Index(fields=["kind", "merged_into"])]

    def __str__(self) -> str:
        return self.reference

    @property
    def reference(self) -> str:
        return f"ENT-{self.pk}"


class Mention(models.Model):
    """A subject (or the address) of one signal, resolved to an entity.

    ``record`` holds the normalised fields the matching engine compares (never a BSN)."""

    signal = models.ForeignKey("signals.Signal", on_delete=models.CASCADE,
                               related_name="mentions")
    subject = models.ForeignKey("signals.SignalSubject", null=True, blank=True,
                                on_delete=models.CASCADE, related_name="mentions")
    kind = models.CharField(max_length=20, choices=EntityKind.choices)
    role = models.CharField(max_length=20, blank=True)
    label = EncryptedCharField(max_length=200)
    record = EncryptedJSONField(default=dict)
    entity = models.ForeignKey(Entity, on_delete=models.PROTECT, related_name="mentions")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["entity", "signal"])]

    def __str__(self) -> str:
        return f"{self.signal_id}: {self.label}"


class EntityKey(models.Model):
    """A blocking or identifier key of one mention (a digest or keyed hash), indexed, so that
    resolution asks the database for the few mentions sharing a key instead of loading all."""

    key = models.CharField(max_length=80, db_index=True)
    certain = models.BooleanField(default=False)
    mention = models.ForeignKey(Mention, on_delete=models.CASCADE, related_name="keys")
    entity = models.ForeignKey(Entity, on_delete=models.PROTECT, related_name="keys")

    class Meta:
        indexes = [models.Index(fields=["key", "entity"])]

    def __str__(self) -> str:
        return self.key[:12]


class Proposal(models.Model):
    """"Mention M may be entity E": shown to the coordinator until confirmed or rejected.

    One row per (mention, candidate mention) pair, so a decision is never asked again."""

    class Status(models.TextChoices):
        OPEN = "open", _("open")
        CONFIRMED = "confirmed", _("bevestigd")
        REJECTED = "rejected", _("afgewezen")

    mention = models.ForeignKey(Mention, on_delete=models.CASCADE, related_name="proposals")
    candidate = models.ForeignKey(Mention, on_delete=models.CASCADE, related_name="+")
    probability = models.FloatField()
    explanation = EncryptedJSONField(default=dict)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.OPEN,
                              db_index=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-probability", "id"]
        constraints = [models.UniqueConstraint(fields=["mention", "candidate"],
                                               name="linking_proposal_once")]

    def __str__(self) -> str:
        return f"{self.mention_id} ~ {self.candidate_id} ({self.status})"


class LinkEvent(AppendOnly):
    """One step in the life of links; never edited or removed."""

    class Action(models.TextChoices):
        NEW = "new", _("nieuwe entiteit")
        AUTO_LINK = "auto_link", _("automatisch gekoppeld")
        CONFIRM = "confirm", _("koppeling bevestigd")
        REJECT = "reject", _("koppeling afgewezen")
        UNDO = "undo", _("automatische koppeling ongedaan gemaakt")
        MERGE = "merge", _("samengevoegd")
        SPLIT = "split", _("gesplitst")

    action = models.CharField(max_length=12, choices=Action.choices)
    entity = models.ForeignKey(Entity, on_delete=models.PROTECT, related_name="events")
    other_entity = models.ForeignKey(Entity, null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="+")
    mention = models.ForeignKey(Mention, null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="events")
    proposal = models.ForeignKey(Proposal, null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="events")
    mention_ids = models.JSONField(default=list)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                              on_delete=models.PROTECT, related_name="+")
    reason = EncryptedTextField(blank=True)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.action} {self.entity_id} {self.at:%Y-%m-%d}"


class RegionalHit(models.Model):
    """An entity known in two municipalities of one region. Each coordinator learns only that
    there is a hit and whom to contact; no content crosses until a referral does."""

    entity = models.ForeignKey(Entity, on_delete=models.PROTECT, related_name="regional_hits")
    signal = models.ForeignKey("signals.Signal", on_delete=models.CASCADE, related_name="+")
    other_signal = models.ForeignKey("signals.Signal", on_delete=models.CASCADE,
                                     related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["entity", "signal", "other_signal"],
                                               name="linking_regional_hit_once")]

    def __str__(self) -> str:
        return f"hit {self.entity_id}: {self.signal_id} ~ {self.other_signal_id}"
