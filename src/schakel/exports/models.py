# SPDX-License-Identifier: EUPL-1.2
"""What the exports app keeps: the consent status for a CoMensha registration (with history)
and a log of every export made.

Both are append-only: a changed consent is a new row (the latest row is the current status),
and an export is recorded once. Only :mod:`schakel.exports.services` writes them.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from schakel.cases.models import Case
from schakel.core.fields import EncryptedCharField
from schakel.core.models import AppendOnly, AppendOnlyError  # noqa: F401 - re-exported
from schakel.signals.models import SignalSubject


class ConsentRecord(AppendOnly):
    """The consent status of a possible victim for registration with CoMensha.

    Consent is data, never a hard precondition (domain-reference.md §5.2): police, KMar and
    the labour inspectorate report without it, and CoMensha says consent is often not legally
    needed. The age rule of the youth-care guidance applies when consent is given: from 16 the
    person signs, below 16 a parent or guardian.
    """

    class Status(models.TextChoices):
        GIVEN = "given", _("toestemming gegeven")
        REFUSED = "refused", _("toestemming geweigerd")
        NOT_REQUIRED = "not_required", _("niet nodig: aanmelding door politie, KMar of NLA")
        NOT_ASKED = "not_asked", _("nog niet gevraagd")

    class Signatory(models.TextChoices):
        SELF = "self", _("de persoon zelf (16 jaar of ouder)")
        PARENT = "parent", _("ouder met gezag")
        GUARDIAN = "guardian", _("voogd")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="consent_records",
                             verbose_name=_("casus"))
    subject = models.ForeignKey(SignalSubject, on_delete=models.CASCADE,
                                related_name="consent_records", verbose_name=_("betrokkene"))
    status = models.CharField(_("toestemming"), max_length=20, choices=Status.choices)
    signatory = models.CharField(_("ondertekend door"), max_length=20,
                                 choices=Signatory.choices, blank=True)
    decided_on = models.DateField(_("datum"), null=True, blank=True)
    explanation = EncryptedCharField(_("toelichting"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    related_name="+", verbose_name=_("vastgelegd door"))
    recorded_at = models.DateTimeField(_("vastgelegd op"), default=timezone.now)

    class Meta:
        ordering = ["recorded_at", "id"]
        verbose_name = _("toestemming CoMensha")
        verbose_name_plural = _("toestemmingen CoMensha")
        indexes = [models.Index(fields=["subject", "recorded_at"])]

    def __str__(self) -> str:
        return f"consent {self.subject_id}: {self.status}"


class ExportLog(AppendOnly):
    """One export: what kind, for which purpose and on which legal basis, how many records,
    and which cases. The audit event points here (``export:<id>``) so the privacy officer can
    see the figures without the content."""

    class Kind(models.TextChoices):
        RECORD = "record", _("op persoonsniveau")
        DEIDENTIFIED = "deidentified", _("geanonimiseerd (k-anoniem)")
        COMENSHA = "comensha", _("checklist aanmelding CoMensha")

    kind = models.CharField(_("soort"), max_length=20, choices=Kind.choices)
    file_format = models.CharField(_("formaat"), max_length=10)
    purpose = models.CharField(_("doel"), max_length=60)
    legal_basis = models.CharField(_("grondslag"), max_length=80, blank=True)
    record_count = models.PositiveIntegerField(_("aantal records"))
    case_references = models.JSONField(_("casussen"), default=list)
    report = models.JSONField(_("verantwoording"), default=dict, blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                              related_name="+", verbose_name=_("door"))
    at = models.DateTimeField(_("tijdstip"), default=timezone.now)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("export")
        verbose_name_plural = _("exports")

    def __str__(self) -> str:
        return f"export {self.pk} {self.kind} ({self.record_count})"
