# SPDX-License-Identifier: EUPL-1.2
"""Policy cycle data.

Reference data (loaded from ``catalog/data/barrier_models.yaml`` and ``bba.yaml`` by
``schakel catalog load``, editable in the admin, never deleted): barrier models with their
ordered steps, the municipal instruments that can raise a barrier, the barriers (an instrument
at a step) and the BBA checklist items. Every change to a barrier model is kept as a
:class:`BarrierModelRevision`.

Municipal data: assessments of barriers and BBA items are append-only rows (the latest row is
the current state, the older rows are the history); training sessions and staff counts feed the
training item of the BBA. Nothing here refers to a person in a case.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from schakel.accounts.models import Municipality, Organisation
from schakel.core.fields import EncryptedTextField
from schakel.core.models import AppendOnly, AppendOnlyError  # noqa: F401 - re-exported
from schakel.policy import rules


class Status(models.TextChoices):
    ABSENT = rules.ABSENT, _("ontbreekt")
    PARTLY = rules.PARTLY, _("deels op orde")
    IN_PLACE = rules.IN_PLACE, _("op orde")
    NOT_APPLICABLE = rules.NOT_APPLICABLE, _("niet van toepassing")


NOT_ASSESSED_LABEL = _("nog niet beoordeeld")


def status_label(code: str) -> str:
    return str(Status(code).label) if code in Status.values else str(NOT_ASSESSED_LABEL)


# --- reference data ---------------------------------------------------------------------------

class Instrument(models.Model):
    """A municipal process or power that can raise a barrier (BRP address investigation, APV
    licence, Bibob, landlord licence, ...), with who is responsible for it."""

    code = models.SlugField(_("code"), max_length=80, unique=True)
    order = models.PositiveIntegerField(_("volgorde"), default=0)
    active = models.BooleanField(_("actief"), default=True)
    name = models.CharField(_("naam"), max_length=150)
    description = models.TextField(_("wat is het"), blank=True)
    department = models.CharField(_("verantwoordelijke afdeling"), max_length=150, blank=True)
    partners = models.JSONField(_("partners"), default=list, blank=True)
    legal_basis = models.CharField(_("grondslag"), max_length=250, blank=True)

    class Meta:
        ordering = ["order", "code"]
        verbose_name = _("instrument")
        verbose_name_plural = _("instrumenten")

    def __str__(self) -> str:
        return str(self.name)


class BarrierModel(models.Model):
    """One version of the barrier model (domain-reference §2.2): a named chain of steps."""

    code = models.SlugField(_("code"), max_length=80, unique=True)
    order = models.PositiveIntegerField(_("volgorde"), default=0)
    active = models.BooleanField(_("actief"), default=True)
    name = models.CharField(_("naam"), max_length=200)
    short_name = models.CharField(_("korte naam"), max_length=80, blank=True)
    description = models.TextField(_("uitleg"), blank=True)
    source = models.TextField(_("bron"), blank=True)
    version = models.CharField(_("versie"), max_length=40, blank=True)
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    class Meta:
        ordering = ["order", "code"]
        verbose_name = _("barrièremodel")
        verbose_name_plural = _("barrièremodellen")
        permissions = [
            ("work_policy", "Can work on the policy cycle (aggregates only)"),
        ]

    def __str__(self) -> str:
        return str(self.name)

    @property
    def label(self) -> str:
        return str(self.short_name or self.name)

    def active_steps(self):
        return self.steps.filter(active=True).order_by("order", "id")


class BarrierStep(models.Model):
    """A step an offender has to organise; each is a chance to raise a barrier and to see
    signals. ``case_phases`` maps the codes of ``Case.barrier_phases`` onto this step."""

    model = models.ForeignKey(BarrierModel, on_delete=models.PROTECT, related_name="steps",
                              verbose_name=_("barrièremodel"))
    code = models.SlugField(_("code"), max_length=80)
    order = models.PositiveIntegerField(_("volgorde"), default=0)
    active = models.BooleanField(_("actief"), default=True)
    name = models.CharField(_("naam"), max_length=120)
    needs = models.TextField(_("wat heeft een dader hier nodig"), blank=True)
    signals = models.JSONField(_("signalen"), default=list, blank=True)
    facilitators_unaware = models.JSONField(_("onbewuste facilitators"), default=list,
                                            blank=True)
    facilitators_aware = models.JSONField(_("bewuste facilitators"), default=list, blank=True)
    case_phases = models.JSONField(
        _("fasen in casussen"), default=list, blank=True,
        help_text=_("Codes uit het sluiten van een casus (entry, identity, housing, work, "
                    "finances) die bij deze stap horen."),
    )
    verified = models.BooleanField(
        _("bevestigd in bron"), default=True,
        help_text=_("Uit als de stap niet in een bron is bevestigd (domain-reference §2.2)."),
    )

    class Meta:
        ordering = ["model", "order", "id"]
        verbose_name = _("stap")
        verbose_name_plural = _("stappen")
        constraints = [models.UniqueConstraint(fields=["model", "code"],
                                               name="policy_step_code_per_model")]

    def __str__(self) -> str:
        return f"{self.model.label}: {self.name}"

    def active_barriers(self):
        return self.barriers.filter(active=True).select_related("instrument") \
            .order_by("order", "id")


class Barrier(models.Model):
    """An instrument used at one step: what the municipality can do there. This is what a
    municipality assesses."""

    step = models.ForeignKey(BarrierStep, on_delete=models.PROTECT, related_name="barriers",
                             verbose_name=_("stap"))
    instrument = models.ForeignKey(Instrument, on_delete=models.PROTECT,
                                   related_name="barriers", verbose_name=_("instrument"))
    order = models.PositiveIntegerField(_("volgorde"), default=0)
    active = models.BooleanField(_("actief"), default=True)
    how = models.TextField(_("hoe werpt dit hier een barrière op"), blank=True)

    class Meta:
        ordering = ["step", "order", "id"]
        verbose_name = _("barrière")
        verbose_name_plural = _("barrières")
        constraints = [models.UniqueConstraint(fields=["step", "instrument"],
                                               name="policy_instrument_once_per_step")]

    def __str__(self) -> str:
        return f"{self.step.name}: {self.instrument.name}"

    @property
    def name(self) -> str:
        return str(self.instrument.name)


class BarrierModelRevision(AppendOnly):
    """History of a barrier model: one row per change, from the catalogue or the admin, with
    the version string and a snapshot of the whole model at that moment."""

    class Source(models.TextChoices):
        CATALOG = "catalog", _("catalogus")
        ADMIN = "admin", _("beheer")

    model = models.ForeignKey(BarrierModel, on_delete=models.PROTECT, related_name="revisions")
    version = models.CharField(_("versie"), max_length=40, blank=True)
    source = models.CharField(_("bron"), max_length=10, choices=Source.choices)
    changes = models.JSONField(_("wijzigingen"), default=dict)
    snapshot = models.JSONField(_("inhoud"), default=dict)
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(_("tijdstip"), default=timezone.now)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("versie barrièremodel")
        verbose_name_plural = _("versiegeschiedenis barrièremodellen")

    def __str__(self) -> str:
        return f"{self.model_id} {self.version} {self.at:%Y-%m-%d %H:%M}"


class BbaItem(models.Model):
    """One item of the BBA self-assessment checklist (domain-reference §1.4)."""

    class Group(models.TextChoices):
        POLICY = "A", _("Beleid en regelgeving")
        OFFICER = "B", _("Aandachtsfunctionaris")
        SIGNALLING = "C", _("Signaleren en melden")
        CARE = "D", _("Zorg en samenwerking")
        BARRIERS = "E", _("Barrières en preventie")

    code = models.SlugField(_("code"), max_length=10, unique=True)
    order = models.PositiveIntegerField(_("volgorde"), default=0)
    active = models.BooleanField(_("actief"), default=True)
    group = models.CharField(_("onderdeel"), max_length=1, choices=Group.choices)
    title = models.CharField(_("onderdeel checklist"), max_length=250)
    explanation = models.TextField(_("waar let je op"), blank=True)
    basis = models.CharField(_("bron"), max_length=200, blank=True)
    derived = models.BooleanField(_("eigen uitwerking"), default=False,
                                  help_text=_("Aan als het geen officiële tekst is."))
    shows_training_coverage = models.BooleanField(
        _("toon bereik training"), default=False,
        help_text=_("Toon naast dit onderdeel hoeveel medewerkers een training hadden."),
    )

    class Meta:
        ordering = ["order", "code"]
        verbose_name = _("BBA-onderdeel")
        verbose_name_plural = _("BBA-checklist")

    def __str__(self) -> str:
        return f"{self.code} {self.title}"


# --- municipal data ---------------------------------------------------------------------------

class BarrierAssessment(AppendOnly):
    """How far a barrier is in place in one municipality, at one moment."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT,
                                     related_name="barrier_assessments",
                                     verbose_name=_("gemeente"))
    barrier = models.ForeignKey(Barrier, on_delete=models.PROTECT, related_name="assessments",
                                verbose_name=_("barrière"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    evidence = models.TextField(_("onderbouwing"), blank=True)
    owner = models.CharField(_("eigenaar"), max_length=150, blank=True,
                             help_text=_("Afdeling of functie die hiervoor zorgt."))
    next_step = models.TextField(_("volgende stap"), blank=True)
    next_step_due = models.DateField(_("volgende stap uiterlijk"), null=True, blank=True)
    review_on = models.DateField(_("opnieuw bekijken op"), null=True, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    related_name="+", verbose_name=_("vastgelegd door"))
    recorded_at = models.DateTimeField(_("vastgelegd op"), default=timezone.now)

    class Meta:
        ordering = ["-recorded_at", "-id"]
        verbose_name = _("beoordeling barrière")
        verbose_name_plural = _("beoordelingen barrières")
        indexes = [models.Index(fields=["municipality", "barrier", "-recorded_at"])]

    def __str__(self) -> str:
        return f"{self.barrier_id} {self.status} {self.recorded_at:%Y-%m-%d}"


class BbaAssessment(AppendOnly):
    """The state of one BBA checklist item in one municipality, at one moment."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT,
                                     related_name="bba_assessments", verbose_name=_("gemeente"))
    item = models.ForeignKey(BbaItem, on_delete=models.PROTECT, related_name="assessments",
                             verbose_name=_("onderdeel"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    evidence = models.TextField(_("onderbouwing"), blank=True)
    links = models.JSONField(_("links naar stukken"), default=list, blank=True)
    owner = models.CharField(_("eigenaar"), max_length=150, blank=True)
    assessed_on = models.DateField(_("datum"), default=timezone.localdate)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    related_name="+", verbose_name=_("vastgelegd door"))
    recorded_at = models.DateTimeField(_("vastgelegd op"), default=timezone.now)

    class Meta:
        ordering = ["-assessed_on", "-recorded_at", "-id"]
        verbose_name = _("beoordeling BBA-onderdeel")
        verbose_name_plural = _("beoordelingen BBA")
        indexes = [models.Index(fields=["municipality", "item", "-recorded_at"])]

    def __str__(self) -> str:
        return f"{self.item_id} {self.status} {self.assessed_on}"


class Department(models.TextChoices):
    """Risk-facing roles whose staff should recognise signals (BBA item C1)."""

    FRONT_DESK = "front_desk", _("Balie en publiekszaken (BRP)")
    ENFORCEMENT = "enforcement", _("Handhaving (BOA's)")
    INSPECTION = "inspection", _("Toezicht en inspectie (bouwen, wonen, vergunningen)")
    SOCIAL_DOMAIN = "social_domain", _("Sociaal domein (Wmo, jeugd, werk en inkomen)")


class StaffCount(models.Model):
    """How many people of the municipality work in a risk-facing role: the denominator of
    training coverage. Entered by the municipality; the latest value counts."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT,
                                     related_name="staff_counts", verbose_name=_("gemeente"))
    department = models.CharField(_("afdeling"), max_length=20, choices=Department.choices)
    staff = models.PositiveIntegerField(_("aantal medewerkers"))
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   related_name="+")
    updated_at = models.DateTimeField(_("bijgewerkt op"), auto_now=True)

    class Meta:
        ordering = ["municipality", "department"]
        verbose_name = _("aantal medewerkers")
        verbose_name_plural = _("aantallen medewerkers")
        constraints = [models.UniqueConstraint(fields=["municipality", "department"],
                                               name="policy_one_staff_count_per_department")]

    def __str__(self) -> str:
        return f"{self.municipality_id} {self.department}: {self.staff}"


class TrainingSession(models.Model):
    """An awareness training (bewustwordingstraining) and who attended, as a number."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT,
                                     related_name="training_sessions", verbose_name=_("gemeente"))
    held_on = models.DateField(_("datum"))
    topic = models.CharField(_("onderwerp"), max_length=200)
    trainer = models.CharField(_("trainer"), max_length=150)
    department = models.CharField(
        _("afdeling"), max_length=20, choices=Department.choices, blank=True,
        help_text=_("Voor een training van eigen medewerkers."))
    partner = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("partnerorganisatie"),
        help_text=_("Voor een training van een partner, bijvoorbeeld een woningcorporatie."))
    participants = models.PositiveIntegerField(_("aantal deelnemers"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-held_on", "-id"]
        verbose_name = _("training")
        verbose_name_plural = _("trainingen")

    def __str__(self) -> str:
        return f"{self.held_on} {self.topic}"

    @property
    def audience(self) -> str:
        if self.partner_id:
            return str(self.partner.name)
        return str(self.get_department_display()) if self.department else ""


# --- findings from closed cases ---------------------------------------------------------------

class Finding(models.TextChoices):
    """What a closed case showed about one barrier (recorded by the coordinator)."""

    FAILED = "failed", _("faalde")
    MISSING = "missing", _("ontbrak")
    NONE = "none", _("geen bevinding")  # withdraws an earlier finding; history stays


class CaseBarrierFinding(AppendOnly):
    """One finding of a closed case about one barrier of a step the case touched: the barrier
    was there but failed, or it was missing. Append-only: the latest row per case and barrier
    counts, older rows are the history. Policy pages only ever see counts of these rows, never
    the case; the note is casework and therefore encrypted."""

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT,
                             related_name="barrier_findings", verbose_name=_("casus"))
    barrier = models.ForeignKey(Barrier, on_delete=models.PROTECT,
                                related_name="case_findings", verbose_name=_("barrière"))
    finding = models.CharField(_("bevinding"), max_length=10, choices=Finding.choices)
    note = EncryptedTextField(_("toelichting"), blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    related_name="+", verbose_name=_("vastgelegd door"))
    recorded_at = models.DateTimeField(_("vastgelegd op"), default=timezone.now)

    class Meta:
        ordering = ["-recorded_at", "-id"]
        verbose_name = _("bevinding uit casus")
        verbose_name_plural = _("bevindingen uit casussen")
        indexes = [models.Index(fields=["case", "barrier", "-recorded_at"])]

    def __str__(self) -> str:
        return f"{self.barrier_id} {self.finding} {self.recorded_at:%Y-%m-%d}"
