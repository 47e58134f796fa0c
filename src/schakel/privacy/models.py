# SPDX-License-Identifier: EUPL-1.2
"""Attachments, retention policy, legal holds, the deletion register and subject requests.

Only the service modules of this app write these rows (:mod:`.attachments`, :mod:`.retention`,
:mod:`.subjects`). The deletion register is append-only and holds references, never content.
"""

from __future__ import annotations

import datetime as dt
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from schakel.accounts.models import Municipality
from schakel.core.fields import (
    EncryptedCharField,
    EncryptedIntegerField,
    EncryptedTextField,
)
from schakel.core.models import AppendOnly
from schakel.privacy import rules


class Attachment(models.Model):
    """A photo or document on a signal or a case. The bytes live encrypted on disk under
    ``SCHAKEL_ATTACHMENT_DIR`` (file name = ``public_id``); this row holds the metadata.
    A removed attachment keeps its row (who removed it, when, why) but loses its file."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    signal = models.ForeignKey("signals.Signal", null=True, blank=True, on_delete=models.CASCADE,
                               related_name="attachments")
    case = models.ForeignKey("cases.Case", null=True, blank=True, on_delete=models.CASCADE,
                             related_name="attachments")
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    original_name = EncryptedCharField(_("bestandsnaam"), max_length=120)
    content_type = models.CharField(_("soort bestand"), max_length=100)
    size = models.PositiveIntegerField(_("grootte (bytes)"))
    sha256 = models.CharField(_("SHA-256 van de inhoud"), max_length=64)
    description = EncryptedCharField(_("omschrijving"), max_length=200, blank=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    related_name="+")
    uploaded_at = models.DateTimeField(default=timezone.now)
    removed_at = models.DateTimeField(null=True, blank=True)
    removed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")
    removal_reason = EncryptedCharField(_("reden verwijderen"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("bijlage")
        verbose_name_plural = _("bijlagen")
        ordering = ["uploaded_at", "id"]
        constraints = [models.CheckConstraint(
            condition=(models.Q(signal__isnull=False, case__isnull=True)
                       | models.Q(signal__isnull=True, case__isnull=False)),
            name="attachment_on_signal_or_case")]

    def __str__(self) -> str:
        return self.reference

    @property
    def reference(self) -> str:
        """The reference written to the access log and the deletion register."""
        return f"BIJ-{str(self.public_id)[:8]}"

    @property
    def owner_reference(self) -> str:
        return self.signal.reference if self.signal_id else self.case.reference

    @property
    def is_removed(self) -> bool:
        return self.removed_at is not None


class RetentionPolicy(models.Model):
    """A municipality's own period for one rule; without a row the default of
    :mod:`schakel.privacy.rules` applies."""

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE,
                                     related_name="retention_policies",
                                     verbose_name=_("gemeente"))
    rule = models.CharField(_("regel"), max_length=40,
                            choices=[(rule.code, rule.label) for rule in rules.RULES])
    months = models.PositiveSmallIntegerField(_("bewaartermijn (maanden)"))
    basis = models.TextField(_("onderbouwing"),
                             help_text=_("Waarom deze termijn: besluit, wet of afspraak."))
    changed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("bewaartermijn")
        verbose_name_plural = _("bewaartermijnen")
        ordering = ["municipality__name", "rule"]
        constraints = [models.UniqueConstraint(fields=["municipality", "rule"],
                                               name="one_policy_per_rule")]

    def __str__(self) -> str:
        return f"{self.municipality.name}: {self.get_rule_display()} {self.months} mnd"

    def clean(self) -> None:
        minimum = rules.MIN_MONTHS.get(self.rule, 1)
        if self.months is not None and self.months < minimum:
            raise ValidationError({"months": _("Minimaal %(n)s maanden voor deze regel.")
                                   % {"n": minimum}})


class LegalHold(models.Model):
    """A signal or case that may not be removed or anonymised, whatever its retention term
    (a complaint, a court case, an investigation). Lifting keeps the row."""

    reference = models.CharField(_("kenmerk signaal of casus"), max_length=20, db_index=True)
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+",
                                     verbose_name=_("gemeente"))
    reason = EncryptedCharField(_("reden"), max_length=300)
    placed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                  related_name="+", verbose_name=_("geplaatst door"))
    placed_at = models.DateTimeField(_("geplaatst op"), default=timezone.now)
    lifted_at = models.DateTimeField(_("opgeheven op"), null=True, blank=True)

    class Meta:
        verbose_name = _("bewaarplicht (legal hold)")
        verbose_name_plural = _("bewaarplichten (legal holds)")
        ordering = ["-placed_at"]

    def __str__(self) -> str:
        return f"{self.reference} ({'opgeheven' if self.lifted_at else 'actief'})"

    def clean(self) -> None:
        """The reference must name a signal or case of the chosen municipality."""
        from schakel.cases.models import Case
        from schakel.signals.models import Signal

        self.reference = (self.reference or "").strip().upper()
        exists = any(model.objects.filter(reference=self.reference,
                                          municipality_id=self.municipality_id).exists()
                     for model in (Signal, Case))
        if not exists:
            raise ValidationError({"reference": _("Geen signaal of casus met dit kenmerk in "
                                                  "deze gemeente.")})




class RetentionRun(AppendOnly):
    """One ``schakel retention --apply`` (or an erasure carried out): the id in the register."""

    run_id = models.CharField(max_length=40, unique=True)
    started_at = models.DateTimeField(default=timezone.now)
    actor_label = models.CharField(max_length=150, blank=True)
    counts = models.JSONField(default=dict)

    class Meta:
        ordering = ["-started_at"]

    def __str__(self) -> str:
        return self.run_id


class DeletionRecord(AppendOnly):
    """One line of the deletion register: which record, which rule, what was done, when, by
    which run. Never any content (no names, no texts)."""

    class Action(models.TextChoices):
        DELETED = "deleted", _("verwijderd")
        ANONYMISED = "anonymised", _("geanonimiseerd")

    at = models.DateTimeField(_("tijdstip"), default=timezone.now, db_index=True)
    municipality = models.ForeignKey(Municipality, null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="+")
    record_type = models.CharField(_("soort"), max_length=40)
    record_reference = models.CharField(_("kenmerk"), max_length=80, db_index=True)
    rule = models.CharField(_("regel"), max_length=60)
    action = models.CharField(_("handeling"), max_length=20, choices=Action.choices)
    run_id = models.CharField(_("run"), max_length=40, db_index=True)
    actor_label = models.CharField(_("uitgevoerd door"), max_length=150, blank=True)

    class Meta:
        verbose_name = _("verwijderregistratie")
        verbose_name_plural = _("verwijderregister")
        ordering = ["-at", "-id"]
        permissions = [("manage_subject_requests",
                        "Can handle subject-access and erasure requests and view the register")]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d} {self.record_reference} {self.action}"


class SubjectRequest(models.Model):
    """A request by a person to see (inzage, AVG art. 15) or erase (art. 17) their data."""

    class Kind(models.TextChoices):
        ACCESS = "access", _("inzageverzoek (art. 15 AVG)")
        ERASURE = "erasure", _("verwijderverzoek (art. 17 AVG)")

    class Status(models.TextChoices):
        REGISTERED = "registered", _("geregistreerd")
        ANSWERED = "answered", _("beantwoord")
        REFUSED = "refused", _("afgewezen")
        CARRIED_OUT = "carried_out", _("uitgevoerd")

    number = models.CharField(_("nummer"), max_length=20, unique=True)
    kind = models.CharField(_("soort verzoek"), max_length=20, choices=Kind.choices)
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+",
                                     verbose_name=_("gemeente"))
    received_on = models.DateField(_("ontvangen op"))
    requester = EncryptedCharField(_("verzoeker"), max_length=150,
                                 help_text=_("De betrokkene zelf, of wie namens hem of haar "
                                             "vraagt (met machtiging)."))
    given_names = EncryptedCharField(_("voornamen"), max_length=100)
    surname = EncryptedCharField(_("achternaam (met tussenvoegsel)"), max_length=120)
    birth_year = EncryptedIntegerField(_("geboortejaar"), null=True, blank=True)
    bsn = EncryptedCharField(_("BSN"), max_length=9, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices,
                              default=Status.REGISTERED)
    decision_reason = EncryptedTextField(_("motivering"), blank=True)
    registered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                      related_name="+")
    registered_at = models.DateTimeField(default=timezone.now)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    found_references = models.JSONField(default=list, blank=True)
    # Four eyes for erasure: a coordinator of the municipality confirms that no work in or
    # outside Schakel still needs the data; only then may the privacy officer carry it out.
    confirmed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="+")
    confirmed_at = models.DateTimeField(null=True, blank=True)
    confirmation_note = EncryptedTextField(_("toelichting bevestiging"), blank=True)

    class Meta:
        verbose_name = _("verzoek van betrokkene")
        verbose_name_plural = _("verzoeken van betrokkenen")
        ordering = ["-registered_at"]
        permissions = [("confirm_erasure",
                        "Can confirm an erasure request of the own municipality (four eyes)")]

    def __str__(self) -> str:
        return self.number

    @property
    def due_on(self):
        """AVG art. 12(3): answer within one month of receipt."""
        start = dt.datetime.combine(self.received_on, dt.time())
        return rules.add_months(start, 1).date()

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.REGISTERED
