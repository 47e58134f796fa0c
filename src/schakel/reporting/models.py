# SPDX-License-Identifier: EUPL-1.2
"""The only data the reporting app stores: the editable introduction of the council letter.

Append-only: every save is a new row and the latest one is used, so it stays visible who wrote
which version of a text that went to the council.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class LetterIntroduction(models.Model):
    scope_key = models.CharField(
        _("gebied"), max_length=80,
        help_text=_("CBS-code van de gemeente, of 'regio:<naam>' voor een regionale brief."))
    year = models.PositiveSmallIntegerField(_("jaar"))
    text = models.TextField(_("inleiding"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    related_name="+", verbose_name=_("geschreven door"))
    recorded_at = models.DateTimeField(_("opgeslagen op"), default=timezone.now)

    class Meta:
        verbose_name = _("inleiding raadsinformatiebrief")
        verbose_name_plural = _("inleidingen raadsinformatiebrief")
        ordering = ["-recorded_at", "-id"]
        indexes = [models.Index(fields=["scope_key", "year", "recorded_at"])]

    def __str__(self) -> str:
        return f"{self.scope_key} {self.year}"
