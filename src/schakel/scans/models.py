# SPDX-License-Identifier: EUPL-1.2
"""Scan runs, their hits and what the coordinator decided about each hit.

The scan itself runs in :mod:`schakel.registers` on the DuckDB file; these rows are the
municipality's own record of it: who ran which scan with which settings, which addresses were
listed with which figures, and what a person then did (signal, dismissal, check and outcome).
Only :mod:`schakel.scans.services` writes them.
"""

from __future__ import annotations

from typing import Any

import yaml
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from schakel.accounts.models import Municipality
from schakel.registers.config import ConfigError, ScanConfig, defaults_text, load_config

_SAME = object()


class ScanSettings(models.Model):
    """A municipality's thresholds and weights, as changes to ``registers/defaults.yaml``.

    Only the differences are stored, in the shape of the YAML file, so a municipality follows
    improved defaults unless it chose otherwise, and the same text works for
    ``schakel registers scan --config``. Every run stores the complete settings it used.
    """

    municipality = models.OneToOneField(Municipality, on_delete=models.CASCADE,
                                        related_name="scan_settings",
                                        verbose_name=_("gemeente"))
    object_id_prefixes = models.CharField(
        _("gemeentecodes in BAG-id's"), max_length=200, blank=True,
        help_text=_("De eerste vier cijfers van een BAG-id zijn de code van de gemeente die het "
                    "object registreerde. Alleen objecten met deze codes komen op de werklijst "
                    "van deze gemeente. Na een herindeling ook de codes van de oude gemeenten "
                    "(gescheiden door komma's). Leeg: de CBS-code van de gemeente."),
    )
    overrides = models.JSONField(_("afwijkende instellingen"), default=dict, blank=True)
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+",
                                   verbose_name=_("gewijzigd door"))

    class Meta:
        verbose_name = _("instellingen registerscan")
        verbose_name_plural = _("instellingen registerscan")

    def __str__(self) -> str:
        return str(self.municipality)

    def config(self) -> ScanConfig:
        """The effective settings: defaults plus this municipality's changes (validated)."""
        return load_config(overrides=self.overrides or None)

    def prefixes(self) -> list[str]:
        given = [part.strip() for part in self.object_id_prefixes.split(",") if part.strip()]
        return given or [self.municipality.cbs_code]

    def settings_text(self) -> str:
        """The settings as YAML for editing: the commented defaults file while nothing was
        changed, otherwise the complete effective settings."""
        if not self.overrides:
            return defaults_text()
        try:
            data = self.config().as_dict()
        except ConfigError:
            data = self.overrides
        return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)

    def set_settings_text(self, text: str) -> None:
        """Validate YAML (complete or partial) and keep only what differs from the defaults."""
        try:
            data = yaml.safe_load(text) or {}
        except yaml.YAMLError as exc:
            raise ValidationError(_("Geen geldige YAML: %(error)s") % {"error": exc}) from exc
        try:
            load_config(overrides=data)
        except ConfigError as exc:
            raise ValidationError(str(exc)) from exc
        changes = _difference(data, yaml.safe_load(defaults_text()))
        self.overrides = {} if changes is _SAME else changes


def _difference(value: Any, default: Any) -> Any:
    """The part of ``value`` that differs from ``default``; the SBI list counts as one value."""
    if isinstance(value, dict) and isinstance(default, dict):
        changed = {}
        for key, item in value.items():
            if key == "sbi_codes" or key not in default:
                if item != default.get(key):
                    changed[key] = item
                continue
            difference = _difference(item, default[key])
            if difference is not _SAME:
                changed[key] = difference
        return changed or _SAME
    return _SAME if value == default else value


class ScanRun(models.Model):
    """One run of the scans for one municipality (the scan log's counterpart in Django)."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT,
                                     related_name="scan_runs", verbose_name=_("gemeente"))
    started_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   related_name="+", verbose_name=_("uitgevoerd door"))
    started_at = models.DateTimeField(_("uitgevoerd op"), default=timezone.now, db_index=True)
    peildatum = models.DateField(_("peildatum"))
    config = models.JSONField(_("drempels en gewichten"))
    object_id_prefixes = models.JSONField(_("gemeentecodes in BAG-id's"), default=list)
    known_addresses = models.PositiveIntegerField(_("bekende adressleutels"), default=0)
    objects_scanned = models.PositiveIntegerField(_("objecten gescand"), default=0)
    hit_count = models.PositiveIntegerField(_("treffers"), default=0)
    rules_fired = models.JSONField(_("objecten per regel"), default=dict)
    registers = models.JSONField(_("ingelezen registers"), default=list)
    seconds = models.FloatField(_("duur (s)"), default=0)

    class Meta:
        verbose_name = _("registerscan")
        verbose_name_plural = _("registerscans")
        ordering = ["-started_at", "-id"]
        permissions = [
            ("work_worklist", "Can run the register scans and work their worklist"),
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def reference(self) -> str:
        return f"SCAN-{self.pk}"


class Hit(models.Model):
    """One listed address of a run, with the figures that put it on the list."""

    run = models.ForeignKey(ScanRun, on_delete=models.CASCADE, related_name="hits")
    rank = models.PositiveIntegerField(_("plaats"))
    object_id = models.CharField(_("BAG-id"), max_length=16, db_index=True)
    postcode = models.CharField(_("postcode"), max_length=6)
    house_number = models.PositiveIntegerField(_("huisnummer"))
    house_letter = models.CharField(_("huisletter"), max_length=1, blank=True)
    house_number_addition = models.CharField(_("huisnummertoevoeging"), max_length=4, blank=True)
    town = models.CharField(_("woonplaats"), max_length=80, blank=True)
    score = models.FloatField(_("score"))
    rules = models.JSONField(_("regels"), default=list)
    figures = models.JSONField(_("cijfers"), default=dict)
    permits = models.JSONField(_("vergunningen"), default=list)
    fingerprint = models.CharField(_("vingerafdruk cijfers"), max_length=64, db_index=True)
    signal = models.ForeignKey("signals.Signal", null=True, blank=True, on_delete=models.PROTECT,
                               related_name="+", verbose_name=_("melding"))

    class Meta:
        verbose_name = _("treffer")
        verbose_name_plural = _("treffers")
        ordering = ["run", "rank"]
        constraints = [
            models.UniqueConstraint(fields=["run", "object_id"], name="scans_hit_unique_object"),
        ]

    def __str__(self) -> str:
        return f"{self.run.reference} #{self.rank} {self.object_id}"

    @property
    def suffix(self) -> str:
        """Huisletter and toevoeging as one text, the way Schakel's address fields hold them."""
        addition = f"-{self.house_number_addition}" if self.house_number_addition else ""
        return f"{self.house_letter}{addition}"

    @property
    def address_label(self) -> str:
        town = f", {self.town}" if self.town else ""
        return f"{self.postcode} {self.house_number}{self.suffix}{town}"

    def figures_for(self, code: str) -> dict[str, Any]:
        return self.figures.get(code) or {}


class Dismissal(models.Model):
    """A coordinator judged a hit not worth a closer look, and why.

    It holds for the figures it was made on: a later run that lists the same object with the
    same fingerprint does not show it as new; changed figures bring it back.
    """

    class Reason(models.TextChoices):
        EXPLAINED = "explained", _("Verklaarbaar (bijvoorbeeld groot gezin, zorg- of "
                                   "studentenwoning)")
        DATA_ERROR = "data_error", _("Fout in de registers (bijvoorbeeld de oppervlakte in de "
                                     "BAG)")
        KNOWN_FINE = "known_fine", _("Situatie is bekend en in orde")
        HANDLED = "handled", _("Wordt al op een andere manier opgepakt")
        OTHER = "other", _("Anders (licht toe)")

    hit = models.ForeignKey(Hit, on_delete=models.PROTECT, related_name="dismissals")
    reason = models.CharField(_("reden"), max_length=20, choices=Reason.choices)
    explanation = models.TextField(_("toelichting"), blank=True)
    dismissed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                     related_name="+")
    dismissed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("afgewezen treffer")
        verbose_name_plural = _("afgewezen treffers")
        ordering = ["-dismissed_at", "-id"]

    def __str__(self) -> str:
        return f"{self.hit.object_id}: {self.reason}"


class HitCheck(models.Model):
    """A planned check of a listed address and, later, what it found.

    The outcomes are the feedback that measures the scans: the share of checked addresses
    where something was indeed wrong, per rule (the LAA measured about 50%).
    """

    class Kind(models.TextChoices):
        BRP_ADDRESS = "brp_address", _("Adresonderzoek BRP")
        INSPECTION = "inspection", _("Woningcontrole door de omgevingsdienst (OZHZ)")

    class Outcome(models.TextChoices):
        WRONG_REGISTRATION = "wrong_registration", _("Bevestigd: onjuiste inschrijving")
        OVERCROWDING = "overcrowding", _("Bevestigd: overbewoning")
        OTHER_IRREGULARITY = "other_irregularity", _(
            "Bevestigd: andere onregelmatigheid (bijvoorbeeld wonen zonder woonfunctie)")
        NOT_CONFIRMED = "not_confirmed", _("Niet bevestigd: de situatie klopt met de registers")
        NOT_POSSIBLE = "not_possible", _("Controle niet mogelijk (telt niet mee)")

    CONFIRMED = frozenset({Outcome.WRONG_REGISTRATION, Outcome.OVERCROWDING,
                           Outcome.OTHER_IRREGULARITY})

    hit = models.ForeignKey(Hit, on_delete=models.PROTECT, related_name="checks")
    kind = models.CharField(_("soort controle"), max_length=20, choices=Kind.choices)
    due_date = models.DateField(_("uiterlijk op"))
    planned_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   related_name="+")
    planned_at = models.DateTimeField(default=timezone.now)
    outcome = models.CharField(_("uitkomst"), max_length=20, choices=Outcome.choices,
                               blank=True)
    outcome_note = models.TextField(_("toelichting uitkomst"), blank=True)
    outcome_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")
    outcome_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("controle")
        verbose_name_plural = _("controles")
        ordering = ["due_date", "id"]

    def __str__(self) -> str:
        return f"{self.hit.object_id}: {self.kind}"

    @property
    def is_open(self) -> bool:
        return not self.outcome

    @property
    def is_overdue(self) -> bool:
        return self.is_open and self.due_date < timezone.localdate()

    @property
    def confirmed(self) -> bool | None:
        """True or False for a conclusive outcome; None while open or when not possible."""
        if self.outcome in self.CONFIRMED:
            return True
        if self.outcome == self.Outcome.NOT_CONFIRMED:
            return False
        return None
