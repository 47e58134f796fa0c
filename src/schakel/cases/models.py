# SPDX-License-Identifier: EUPL-1.2
"""Cases (casussen) and what happens in them: assessments, referrals, interventions, case
conferences and decisions.

Only :mod:`schakel.cases.services` writes these rows. Every change appends a
:class:`CaseEvent` to the case's timeline; ``Case.status`` is a cached copy of the latest
status event. ``Case.version`` guards against two coordinators overwriting each other.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from schakel.accounts.models import Municipality, Organisation
from schakel.cases import workflow
from schakel.catalog.models import Domain, InterventionType, LegalReference, Reason
from schakel.core.fields import EncryptedCharField, EncryptedTextField


class CaseStatus(models.TextChoices):
    OPEN = workflow.OPEN, _("Open")
    ANALYSIS = workflow.ANALYSIS, _("Analyse")
    CONFERENCE = workflow.CONFERENCE, _("Casusoverleg")
    ACTION = workflow.ACTION, _("Actie")
    AFTERCARE = workflow.AFTERCARE, _("Nazorg")
    CLOSED = workflow.CLOSED, _("Gesloten")


class Priority(models.TextChoices):
    LOW = "low", _("laag")
    NORMAL = "normal", _("normaal")
    HIGH = "high", _("hoog")
    URGENT = "urgent", _("spoed")


BARRIER_PHASES = [
    ("entry", _("entree")),
    ("identity", _("identiteit")),
    ("housing", _("huisvesting")),
    ("work", _("werk")),
    ("finances", _("financiën")),
]


class Case(models.Model):
    reference = models.CharField(_("kenmerk"), max_length=20, unique=True)
    title = EncryptedCharField(
        _("titel"), max_length=120,
        help_text=_("Zonder namen of adressen, bijvoorbeeld 'Overbewoning bedrijfspand Oost'."),
    )
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT,
                                     related_name="cases", verbose_name=_("gemeente"))
    coordinator = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    related_name="coordinated_cases",
                                    verbose_name=_("aandachtsfunctionaris"))
    priority = models.CharField(_("prioriteit"), max_length=10, choices=Priority.choices,
                                default=Priority.NORMAL)
    status = models.CharField(_("status"), max_length=20, choices=CaseStatus.choices,
                              default=CaseStatus.OPEN, db_index=True)
    domains = models.ManyToManyField(Domain, blank=True, related_name="cases",
                                     verbose_name=_("domeinen"))
    outcome = models.ForeignKey(Reason, null=True, blank=True, on_delete=models.PROTECT,
                                related_name="+", verbose_name=_("uitkomst"))
    closing_summary = EncryptedTextField(_("samenvatting bij sluiten"), blank=True)
    barrier_phases = models.JSONField(_("fasen barrièremodel"), default=list, blank=True)
    opened_at = models.DateTimeField(_("geopend op"), default=timezone.now)
    closed_at = models.DateTimeField(_("gesloten op"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("casus")
        verbose_name_plural = _("casussen")
        ordering = ["-opened_at", "-id"]
        permissions = [("manage_case", "Can open, run and close cases")]

    def __str__(self) -> str:
        return f"{self.reference} {self.title}"

    @property
    def is_closed(self) -> bool:
        return self.status == CaseStatus.CLOSED


class CaseEvent(models.Model):
    """One line on the case timeline; never edited."""

    class Kind(models.TextChoices):
        OPENED = "opened", _("casus geopend")
        STATUS = "status", _("status gewijzigd")
        SIGNAL_ADDED = "signal_added", _("signaal toegevoegd")
        NOTE = "note", _("notitie")
        ASSESSMENT = "assessment", _("juridische weging")
        REFERRAL = "referral", _("doorverwijzing")
        INTERVENTION = "intervention", _("interventie")
        CONFERENCE = "conference", _("casusoverleg")
        DECISION = "decision", _("besluit")
        EDITED = "edited", _("gegevens gewijzigd")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                              related_name="+")
    at = models.DateTimeField(default=timezone.now)
    text = EncryptedTextField(blank=True)
    from_status = models.CharField(max_length=20, blank=True)
    to_status = models.CharField(max_length=20, blank=True)
    related_ref = models.CharField(max_length=40, blank=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.case_id} {self.kind} {self.at:%Y-%m-%d}"


class Assessment(models.Model):
    """The art. 273f Sr assessment: act, means, purpose each unknown / indicated / established.
    Recorded at triage (on the signal) and kept up to date on the case; every version is kept."""

    class Element(models.TextChoices):
        UNKNOWN = workflow.UNKNOWN, _("onbekend")
        INDICATED = workflow.INDICATED, _("aanwijzing")
        ESTABLISHED = workflow.ESTABLISHED, _("vastgesteld")
        NOT_REQUIRED = workflow.NOT_REQUIRED, _("niet vereist (minderjarige)")

    signal = models.ForeignKey("signals.Signal", null=True, blank=True, on_delete=models.CASCADE,
                               related_name="assessments")
    case = models.ForeignKey(Case, null=True, blank=True, on_delete=models.CASCADE,
                             related_name="assessments")
    act = models.CharField(_("handeling"), max_length=20, choices=Element.choices,
                           default=workflow.UNKNOWN)
    act_note = EncryptedTextField(_("toelichting handeling"), blank=True)
    means = models.CharField(_("middel"), max_length=20, choices=Element.choices,
                             default=workflow.UNKNOWN)
    means_note = EncryptedTextField(_("toelichting middel"), blank=True)
    purpose = models.CharField(_("oogmerk van uitbuiting"), max_length=20,
                               choices=Element.choices, default=workflow.UNKNOWN)
    purpose_note = EncryptedTextField(_("toelichting oogmerk"), blank=True)
    minor_victim = models.BooleanField(_("mogelijk slachtoffer is minderjarig"), default=False)
    smuggling = models.BooleanField(_("mensensmokkel, geen mensenhandel"), default=False)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"273f {self.act}/{self.means}/{self.purpose}"

    @property
    def gaps(self) -> list[str]:
        return workflow.assessment_gaps(self.act, self.means, self.purpose, self.minor_victim)


class Referral(models.Model):
    """A doorverwijzing to a partner, with its legal basis or consent and the shared fields."""

    class Status(models.TextChoices):
        IN_PROGRESS = workflow.IN_PROGRESS, _("in behandeling")
        ACCEPTED = workflow.ACCEPTED, _("geaccepteerd")
        REJECTED = workflow.REJECTED, _("afgewezen")
        DONE = workflow.DONE, _("afgerond")
        REVOKED = workflow.REVOKED, _("ingetrokken")

    class Consent(models.TextChoices):
        GIVEN = "given", _("gegeven")
        REFUSED = "refused", _("geweigerd")
        NOT_NEEDED = "not_needed", _("niet nodig")
        UNKNOWN = "unknown", _("onbekend")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="referrals")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT,
                                     related_name="referrals", verbose_name=_("naar"))
    legal_basis = models.ForeignKey(LegalReference, null=True, blank=True,
                                    on_delete=models.PROTECT, verbose_name=_("grondslag"))
    consent = models.CharField(_("toestemming"), max_length=12, choices=Consent.choices,
                               default=Consent.UNKNOWN)
    shared_fields = models.JSONField(_("gedeelde gegevens"), default=list)
    reason = EncryptedTextField(_("waarom"))
    due_on = models.DateField(_("terugkoppeling vóór"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices,
                              default=Status.IN_PROGRESS, db_index=True)
    response_reason = EncryptedTextField(_("reden afwijzing"), blank=True)
    feedback = EncryptedTextField(_("terugkoppeling"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    responded_at = models.DateTimeField(null=True, blank=True)
    decision = models.ForeignKey("Decision", null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="referrals")

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("doorverwijzing")
        verbose_name_plural = _("doorverwijzingen")

    def __str__(self) -> str:
        return f"referral {self.pk} → {self.organisation}"

    @property
    def is_overdue(self) -> bool:
        return self.status in {workflow.IN_PROGRESS, workflow.ACCEPTED} and \
            self.due_on < timezone.localdate()


class ReferralEvent(models.Model):
    """History of a referral (created, accepted, rejected, done, revoked, feedback)."""

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="events")
    from_status = models.CharField(max_length=20, blank=True)
    to_status = models.CharField(max_length=20)
    text = EncryptedTextField(blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.from_status} → {self.to_status}"


class Intervention(models.Model):
    class Status(models.TextChoices):
        PLANNED = "planned", _("gepland")
        IN_PROGRESS = "in_progress", _("in uitvoering")
        DONE = "done", _("afgerond")
        CANCELLED = "cancelled", _("vervallen")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="interventions")
    type = models.ForeignKey(InterventionType, on_delete=models.PROTECT, verbose_name=_("soort"))
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT,
                                     related_name="interventions", verbose_name=_("uitvoerder"))
    description = EncryptedTextField(_("omschrijving"), blank=True)
    due_on = models.DateField(_("uiterlijk"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices,
                              default=Status.PLANNED)
    outcome = EncryptedTextField(_("resultaat"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    decision = models.ForeignKey("Decision", null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="interventions")

    class Meta:
        ordering = ["due_on", "id"]
        verbose_name = _("interventie")
        verbose_name_plural = _("interventies")

    def __str__(self) -> str:
        return f"{self.type} ({self.get_status_display()})"

    @property
    def is_overdue(self) -> bool:
        return self.status in {self.Status.PLANNED, self.Status.IN_PROGRESS} and \
            self.due_on < timezone.localdate()


class Conference(models.Model):
    """A case conference (casusoverleg) with its agenda, participants and decisions."""

    title = models.CharField(_("titel"), max_length=120)
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT,
                                     related_name="conferences")
    scheduled_at = models.DateTimeField(_("datum en tijd"))
    location = models.CharField(_("locatie"), max_length=200, blank=True)
    chair = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                              related_name="chaired_conferences", verbose_name=_("voorzitter"))
    organisations = models.ManyToManyField(Organisation, blank=True, related_name="conferences",
                                           verbose_name=_("uitgenodigde organisaties"))
    access_days_after = models.PositiveSmallIntegerField(
        _("dagen toegang na overleg"), default=7,
        help_text=_("Zo lang na het overleg kunnen deelnemers de agendacasussen nog inzien."),
    )
    minutes = EncryptedTextField(_("verslag"), blank=True)

    class Meta:
        ordering = ["-scheduled_at"]
        verbose_name = _("casusoverleg")
        verbose_name_plural = _("casusoverleggen")

    def __str__(self) -> str:
        return f"{self.title} {self.scheduled_at:%Y-%m-%d}"

    @property
    def access_ends_at(self):
        return self.scheduled_at + timezone.timedelta(days=self.access_days_after)


class AgendaItem(models.Model):
    conference = models.ForeignKey(Conference, on_delete=models.CASCADE, related_name="agenda")
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="agenda_items")
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "id"]
        constraints = [models.UniqueConstraint(fields=["conference", "case"],
                                               name="case_once_per_conference")]

    def __str__(self) -> str:
        return f"{self.conference_id}: {self.case_id}"


class Participant(models.Model):
    """A person invited to a conference. They see nothing before confirming confidentiality."""

    conference = models.ForeignKey(Conference, on_delete=models.CASCADE,
                                   related_name="participants")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                             related_name="conference_participations")
    confidentiality_confirmed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["conference", "user"],
                                               name="participant_once")]

    def __str__(self) -> str:
        return f"{self.user} @ {self.conference_id}"


class Decision(models.Model):
    """A decision on a case, taken in a conference: an action with an owner and a deadline."""

    conference = models.ForeignKey(Conference, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="decisions")
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="decisions")
    text = EncryptedTextField(_("besluit"))
    owner = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+",
                              verbose_name=_("eigenaar"))
    due_on = models.DateField(_("uiterlijk"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"decision {self.pk} on {self.case_id}"
