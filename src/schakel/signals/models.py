# SPDX-License-Identifier: EUPL-1.2
"""Signals (meldingen): what a member of staff or a partner noticed, and its handling.

Only :mod:`schakel.signals.services` creates or changes these rows: it validates, appends
history and writes the audit event. Status history, notes and assignments are append-only rows;
the ``status`` and ``assigned_to`` columns on :class:`Signal` are a cached copy of the latest row
so that the inbox can filter quickly.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from schakel.accounts.models import Municipality, Organisation
from schakel.catalog.models import Domain, Indicator, Reason
from schakel.core import crypto
from schakel.core.fields import (
    EncryptedCharField,
    EncryptedIntegerField,
    EncryptedJSONField,
    EncryptedTextField,
    KeyedHashField,
)
from schakel.matching.names import fold

# Keyed-hash purposes of person names (SignalSubject.name_hash, search.person_named) and of
# addresses (Signal.address_hash, address_key).
NAME_PURPOSE = "person_name"
ADDRESS_PURPOSE = "address"


class SignalStatus(models.TextChoices):
    RECEIVED = "received", _("Ontvangen")
    IN_TRIAGE = "in_triage", _("In beoordeling")
    NO_FOLLOW_UP = "no_follow_up", _("Geen vervolg")
    FORWARDED = "forwarded", _("Direct doorgezet")
    LINKED = "linked", _("Gekoppeld aan casus")


class Signal(models.Model):
    class Channel(models.TextChoices):
        WEB = "web", _("webformulier")
        API = "api", _("koppeling (API)")
        REGISTER_SCAN = "register_scan", _("registerscan")

    reference = models.CharField(_("kenmerk"), max_length=20, unique=True)
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT,
                                     related_name="signals", verbose_name=_("gemeente"))
    reporter = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                 related_name="reported_signals", verbose_name=_("melder"))
    source_organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="reported_signals",
        verbose_name=_("organisatie melder"),
    )
    channel = models.CharField(_("kanaal"), max_length=20, choices=Channel.choices,
                               default=Channel.WEB)
    submission_key = models.CharField(
        max_length=64, unique=True, null=True, blank=True,
        help_text="Prevents a double submit from creating two signals.",
    )

    description = EncryptedTextField(_("wat is er gezien"))
    observed_on = models.DateField(_("datum waarneming"), null=True, blank=True)
    observed_period = EncryptedCharField(_("periode of tijdstip"), max_length=200, blank=True)
    acute = models.BooleanField(_("acuut gevaar"), default=False)
    minor_involved = models.BooleanField(_("minderjarige betrokken"), null=True, blank=True)

    postcode = EncryptedCharField(_("postcode"), max_length=6, blank=True)
    house_number = EncryptedIntegerField(_("huisnummer"), null=True, blank=True)
    house_number_suffix = EncryptedCharField(_("toevoeging"), max_length=10, blank=True)
    # Keyed hash of "postcode|house number": the address is encrypted, this finds signals
    # about the same address (related records before triage, the register scans' "known").
    address_hash = KeyedHashField(source="address_material", purpose=ADDRESS_PURPOSE)
    location_description = EncryptedCharField(_("omschrijving plek"), max_length=300,
                                              blank=True)

    indicators = models.ManyToManyField(Indicator, blank=True, related_name="signals",
                                        verbose_name=_("signalen uit de signalenkaart"))
    domains = models.ManyToManyField(Domain, blank=True, related_name="signals",
                                     verbose_name=_("domeinen"))

    status = models.CharField(_("status"), max_length=20, choices=SignalStatus.choices,
                              default=SignalStatus.RECEIVED, db_index=True)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
        related_name="assigned_signals", verbose_name=_("behandelaar"),
    )
    case = models.ForeignKey("cases.Case", null=True, blank=True, on_delete=models.PROTECT,
                             related_name="signals", verbose_name=_("casus"))
    triage_due = models.DateTimeField(_("beoordelen vóór"), db_index=True)
    received_at = models.DateTimeField(_("ontvangen op"), default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("signaal")
        verbose_name_plural = _("signalen")
        ordering = ["-received_at", "-id"]
        permissions = [
            ("report_signal", "Can report a signal"),
            ("view_scope_signals", "Can view all signals of the municipalities in scope"),
            ("triage_signal", "Can assign, annotate and decide on signals"),
            ("handle_referral", "Can act on referrals to the own organisation"),
            ("view_aggregates", "Can view aggregated figures only"),
        ]
        indexes = [
            models.Index(fields=["municipality", "status", "received_at"]),
            models.Index(fields=["municipality", "received_at"]),
            models.Index(fields=["postcode", "house_number"]),
            models.Index(fields=["municipality", "source_organisation"],
                         name="signals_signal_mun_source"),
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def is_open(self) -> bool:
        return self.status in {SignalStatus.RECEIVED, SignalStatus.IN_TRIAGE}

    @property
    def is_overdue(self) -> bool:
        return self.is_open and self.triage_due < timezone.now()

    def address_material(self) -> str:
        """What :attr:`address_hash` hashes: "postcode|house number", or "" without both."""
        return address_material(self.postcode, self.house_number)

    @property
    def address_label(self) -> str:
        if not self.postcode:
            return ""
        return f"{self.postcode} {self.house_number or ''}{self.house_number_suffix}".strip()


class SignalSubject(models.Model):
    """A person, organisation, vehicle or phone number mentioned in a signal."""

    class Kind(models.TextChoices):
        PERSON = "person", _("persoon")
        ORGANISATION = "organisation", _("organisatie")
        VEHICLE = "vehicle", _("voertuig")
        PHONE = "phone", _("telefoonnummer")

    class Role(models.TextChoices):
        VICTIM = "victim", _("mogelijk slachtoffer")
        PERPETRATOR = "perpetrator", _("mogelijke dader")
        FACILITATOR = "facilitator", _("mogelijke facilitator")
        WITNESS = "witness", _("getuige of melder")
        OTHER = "other", _("anders of onbekend")

    class Sex(models.TextChoices):
        FEMALE = "female", _("vrouw")
        MALE = "male", _("man")
        OTHER = "other", _("anders")
        UNKNOWN = "unknown", _("onbekend")

    signal = models.ForeignKey(Signal, on_delete=models.CASCADE, related_name="subjects")
    kind = models.CharField(_("soort"), max_length=20, choices=Kind.choices)
    role = models.CharField(_("rol"), max_length=20, choices=Role.choices, default=Role.OTHER)
    given_names = EncryptedCharField(_("voornamen"), max_length=100, blank=True)
    surname_prefix = EncryptedCharField(_("tussenvoegsel"), max_length=20, blank=True)
    surname = EncryptedCharField(_("achternaam"), max_length=100, blank=True)
    estimated_age = models.PositiveSmallIntegerField(_("geschatte leeftijd"), null=True, blank=True)
    birth_year = EncryptedIntegerField(_("geboortejaar"), null=True, blank=True)
    sex = models.CharField(_("geslacht"), max_length=10, choices=Sex.choices, blank=True)
    nationality = EncryptedCharField(_("nationaliteit"), max_length=60, blank=True)
    name = EncryptedCharField(_("naam organisatie"), max_length=150, blank=True)
    kvk_number = EncryptedCharField(_("KvK-nummer"), max_length=8, blank=True)
    licence_plate = EncryptedCharField(_("kenteken"), max_length=8, blank=True)
    phone = EncryptedCharField(_("telefoonnummer"), max_length=20, blank=True)
    description = EncryptedCharField(_("omschrijving"), max_length=500, blank=True)
    # Keyed hashes of "given names|surname", once without and once with the prefix, so that a
    # person can be found by exact name whether the prefix was typed apart or not.
    name_hash = KeyedHashField(source="name_material", purpose=NAME_PURPOSE)
    full_name_hash = KeyedHashField(source="full_name_material", purpose=NAME_PURPOSE)
    # Keyed hashes of the normalised identifiers, for exact matching (cases.related).
    kvk_hash = KeyedHashField(source="kvk_number", purpose="kvk_number")
    plate_hash = KeyedHashField(source="licence_plate", purpose="licence_plate")
    phone_hash = KeyedHashField(source="phone", purpose="phone")

    class Meta:
        verbose_name = _("betrokkene")
        verbose_name_plural = _("betrokkenen")
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.label}"

    @property
    def label(self) -> str:
        if self.kind == self.Kind.PERSON:
            parts = [self.given_names, self.surname_prefix, self.surname]
            return " ".join(p for p in parts if p) or str(_("naam onbekend"))
        if self.kind == self.Kind.ORGANISATION:
            return self.name + (f" (KvK {self.kvk_number})" if self.kvk_number else "")
        if self.kind == self.Kind.VEHICLE:
            return self.licence_plate
        return self.phone

    def name_material(self) -> str:
        """What :attr:`name_hash` hashes: normalised given names and surname, or ""."""
        return person_name_material(self.given_names, self.surname) \
            if self.kind == self.Kind.PERSON else ""

    def full_name_material(self) -> str:
        surname = f"{self.surname_prefix} {self.surname}"
        return person_name_material(self.given_names, surname) \
            if self.kind == self.Kind.PERSON else ""


def address_material(postcode: str, house_number: int | None) -> str:
    return f"{postcode}|{int(house_number)}" if postcode and house_number else ""


def address_hash(postcode: str, house_number: int | None) -> str:
    """The keyed hash :attr:`Signal.address_hash` holds for this address ("" for none)."""
    material = address_material(postcode, house_number)
    return crypto.keyed_hash(ADDRESS_PURPOSE, material) if material else ""


def identifier_hash(purpose: str, value: str) -> str:
    """The keyed hash a :class:`SignalSubject` holds for a normalised identifier (purposes:
    ``kvk_number``, ``licence_plate``, ``phone``)."""
    return crypto.keyed_hash(purpose, value) if value else ""


def normalise_name(value: str) -> str:
    """Case, accents and spacing do not make a different person: 'José  da Silva' equals
    'jose da silva', 'Małgorzata' equals 'malgorzata'."""
    return " ".join(fold(value or "").casefold().split())


def person_name_material(given_names: str, surname: str) -> str:
    """"given|surname" after normalisation; "" unless both parts are known (a surname alone
    matches too many people to count as the same person)."""
    given, family = normalise_name(given_names), normalise_name(surname)
    return f"{given}|{family}" if given and family else ""


class SignalSearchTerm(models.Model):
    """One word of a signal's texts as a keyed hash: the blind index the inbox searches.

    The texts themselves are encrypted, so the database cannot search them; it can find the
    signals whose words hash to the hash of a searched word. Maintained by
    :func:`schakel.signals.search.index_signal` only."""

    signal = models.ForeignKey(Signal, on_delete=models.CASCADE, related_name="search_terms")
    digest = models.CharField(max_length=16)

    class Meta:
        # (digest, signal) answers a search from the index alone; the foreign key's own index
        # serves re-indexing and deletion. No unique constraint: index_signal writes each
        # digest once, and at 60 rows per signal the constraint would cost a fifth of the size.
        indexes = [models.Index(fields=["digest", "signal"])]

    def __str__(self) -> str:
        return f"{self.signal_id}: {self.digest}"


class SignalStatusChange(models.Model):
    """One step in a signal's life; never edited."""

    signal = models.ForeignKey(Signal, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(max_length=20, choices=SignalStatus.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=SignalStatus.choices)
    reason = models.ForeignKey(Reason, null=True, blank=True, on_delete=models.PROTECT)
    explanation = EncryptedTextField(blank=True)
    forwarded_to = models.ForeignKey(Organisation, null=True, blank=True, on_delete=models.PROTECT)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.from_status or '-'} → {self.to_status}"


class SignalAssignment(models.Model):
    """Who was made responsible for a signal, by whom and when; never edited."""

    signal = models.ForeignKey(Signal, on_delete=models.CASCADE, related_name="assignments")
    assignee = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="+")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"assignment {self.at:%Y-%m-%d %H:%M}"


class SignalNote(models.Model):
    """A journal entry on a signal; append-only (a correction is a new note)."""

    signal = models.ForeignKey(Signal, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    text = EncryptedTextField(_("notitie"))
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"note {self.at:%Y-%m-%d %H:%M}"


class SignalSuggestion(models.Model):
    """What the text analysis suggested at intake, kept beside what the coordinator decided
    (a shadow record): the suggestion never routes a signal; the comparison shows how far it
    can be trusted, per domain and over time."""

    signal = models.OneToOneField(Signal, on_delete=models.CASCADE, related_name="suggestion")
    label = models.CharField(max_length=20)
    label_score = models.FloatField(default=0)
    domains = models.JSONField(default=list)
    domain_scores = models.JSONField(default=dict)
    minor = models.BooleanField(default=False)
    acute = models.BooleanField(default=False)
    evidence = EncryptedJSONField(default=list)
    identifiers = EncryptedJSONField(default=list)
    catalog_version = models.CharField(max_length=40, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    final_label = models.CharField(max_length=20, blank=True)
    final_domains = models.JSONField(default=list)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["decided_at"])]

    def __str__(self) -> str:
        return f"{self.signal_id}: {self.label} → {self.final_label or '?'}"

    @property
    def agrees(self) -> bool | None:
        return None if not self.final_label else self.label == self.final_label
