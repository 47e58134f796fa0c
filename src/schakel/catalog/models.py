# SPDX-License-Identifier: EUPL-1.2
"""Reference data: exploitation domains, indicators, sub-forms, partners, legal references and
reasons. Loaded from the versioned YAML under ``catalog/data`` by ``schakel catalog load`` and
editable in the admin. Entries are never deleted (signals refer to them); a code that disappears
from the YAML is marked inactive.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class CatalogEntry(models.Model):
    code = models.SlugField(_("code"), max_length=80, unique=True)
    order = models.PositiveIntegerField(_("volgorde"), default=0)
    active = models.BooleanField(_("actief"), default=True)

    class Meta:
        abstract = True
        ordering = ["order", "code"]


class Domain(CatalogEntry):
    """One of the seven fixed domain codes of design.md (sexual, labour, ..., smuggling, none)."""

    name = models.CharField(_("naam"), max_length=120)
    description = models.TextField(_("uitleg"), blank=True)
    is_exploitation = models.BooleanField(
        _("uitbuitingsvorm"), default=True,
        help_text=_("Uit als de code geen vorm van mensenhandel is "
                    "(mensensmokkel, geen aanwijzing)."),
    )
    triage_days = models.PositiveSmallIntegerField(
        _("termijn beoordeling (dagen)"), default=5,
        help_text=_("Binnen hoeveel kalenderdagen een signaal in dit domein beoordeeld moet zijn."),
    )

    class Meta(CatalogEntry.Meta):
        verbose_name = _("domein")
        verbose_name_plural = _("domeinen")

    def __str__(self) -> str:
        return str(self.name)


class SubForm(CatalogEntry):
    """A recognised sub-form within a domain (loverboy, au pair, money mule, ...)."""

    domain = models.ForeignKey(Domain, on_delete=models.PROTECT, related_name="subforms",
                               verbose_name=_("domein"))
    name = models.CharField(_("naam"), max_length=120)
    description = models.TextField(_("uitleg"), blank=True)

    class Meta(CatalogEntry.Meta):
        verbose_name = _("subvorm")
        verbose_name_plural = _("subvormen")

    def __str__(self) -> str:
        return str(self.name)


class Indicator(CatalogEntry):
    """A signal that may point to exploitation; never proof on its own (domain-reference §3)."""

    class Subject(models.TextChoices):
        VICTIM = "victim", _("mogelijk slachtoffer")
        PERPETRATOR = "perpetrator", _("mogelijke dader")
        LOCATION = "location", _("locatie")
        FACILITATOR = "facilitator", _("facilitator")

    domain = models.ForeignKey(Domain, on_delete=models.PROTECT, related_name="indicators",
                               verbose_name=_("domein"))
    subject = models.CharField(_("betreft"), max_length=20, choices=Subject.choices)
    label = models.CharField(_("omschrijving"), max_length=200)
    help_text = models.TextField(_("toelichting"), blank=True)
    phrases = models.JSONField(
        _("zinsdelen"), default=list, blank=True,
        help_text=_("Nederlandse formuleringen waaraan de tekstanalyse dit signaal herkent."),
    )

    class Meta(CatalogEntry.Meta):
        verbose_name = _("indicator")
        verbose_name_plural = _("indicatoren")

    def __str__(self) -> str:
        return str(self.label)


class Partner(CatalogEntry):
    """A kind of chain partner named in the startnota, with what it does."""

    name = models.CharField(_("naam"), max_length=150)
    category = models.CharField(_("categorie"), max_length=40)
    description = models.TextField(_("wat doet deze partner"), blank=True)
    contact_hint = models.CharField(_("bereikbaarheid"), max_length=200, blank=True)

    class Meta(CatalogEntry.Meta):
        verbose_name = _("partner")
        verbose_name_plural = _("partners")

    def __str__(self) -> str:
        return str(self.name)


class LegalReference(CatalogEntry):
    """A law or regulation the approach rests on (273f Sr, APV, Bibob, Wmo 2015, ...)."""

    title = models.CharField(_("titel"), max_length=200)
    citation = models.CharField(_("vindplaats"), max_length=200, blank=True)
    summary = models.TextField(_("samenvatting"), blank=True)
    url = models.URLField(_("link"), blank=True)
    is_processing_basis = models.BooleanField(
        _("grondslag voor gegevensdeling"), default=False,
        help_text=_("Kan gekozen worden als grondslag bij het delen van gegevens met een partner."),
    )

    class Meta(CatalogEntry.Meta):
        verbose_name = _("juridische grondslag")
        verbose_name_plural = _("juridische grondslagen")

    def __str__(self) -> str:
        return str(self.title)


class Reason(CatalogEntry):
    """A coded reason or outcome: triage decisions, no-follow-up reasons, case outcomes."""

    class Kind(models.TextChoices):
        TRIAGE_DECISION = "triage_decision", _("besluit na beoordeling")
        NO_FOLLOW_UP = "no_follow_up", _("reden geen vervolg")
        CASE_OUTCOME = "case_outcome", _("uitkomst casus")

    kind = models.CharField(_("soort"), max_length=30, choices=Kind.choices)
    name = models.CharField(_("naam"), max_length=150)
    description = models.TextField(_("uitleg"), blank=True)

    class Meta(CatalogEntry.Meta):
        verbose_name = _("reden of uitkomst")
        verbose_name_plural = _("redenen en uitkomsten")

    def __str__(self) -> str:
        return str(self.name)


class CatalogLoad(models.Model):
    """One run of ``schakel catalog load``: which version was loaded and what it changed."""

    version = models.CharField(_("versie"), max_length=40)
    loaded_at = models.DateTimeField(_("geladen op"), auto_now_add=True)
    summary = models.JSONField(_("wijzigingen"), default=dict)

    class Meta:
        verbose_name = _("cataloguslading")
        verbose_name_plural = _("catalogusladingen")
        ordering = ["-loaded_at"]

    def __str__(self) -> str:
        return f"{self.version} ({self.loaded_at:%Y-%m-%d %H:%M})"


class InterventionType(CatalogEntry):
    """A kind of intervention on a case: enforcement, care, criminal or information."""

    class Category(models.TextChoices):
        ENFORCEMENT = "enforcement", _("bestuurlijk / handhaving")
        CARE = "care", _("zorg en opvang")
        CRIMINAL = "criminal", _("strafrechtelijk")
        INFORMATION = "information", _("informatie delen")

    category = models.CharField(_("soort"), max_length=20, choices=Category.choices)
    name = models.CharField(_("naam"), max_length=150)
    description = models.TextField(_("uitleg"), blank=True)
    default_partner = models.CharField(
        _("standaard uitvoerder"), max_length=60, blank=True,
        help_text=_("Partnercode van de organisatie die dit meestal uitvoert."),
    )
    legal_reference = models.CharField(_("juridische grondslag"), max_length=80, blank=True)

    class Meta(CatalogEntry.Meta):
        verbose_name = _("soort interventie")
        verbose_name_plural = _("soorten interventies")

    def __str__(self) -> str:
        return str(self.name)
