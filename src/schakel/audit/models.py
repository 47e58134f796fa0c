# SPDX-License-Identifier: EUPL-1.2
"""The access log: who saw or did what, when, from where, for which purpose, with which result.

Rows are append-only: the model refuses updates and deletes. Fields follow BIO 8.15.01 (action,
object, result, origin, actor, timestamp) plus purpose and legal basis as in the VNG
processing-log standard. Log rows hold references (``SIG-2026-00042``), never case content.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AppendOnlyError(RuntimeError):
    """Raised when code tries to change or remove an audit row."""


class AccessEvent(models.Model):
    class Action(models.TextChoices):
        VIEW = "view", _("inzien")
        LIST = "list", _("lijst inzien")
        SEARCH = "search", _("zoeken")
        CREATE = "create", _("aanmaken")
        UPDATE = "update", _("wijzigen")
        EXPORT = "export", _("exporteren")
        LOGIN = "login", _("inloggen")
        LOGIN_FAILED = "login_failed", _("mislukte inlog")
        LOGOUT = "logout", _("uitloggen")
        DENIED = "denied", _("geweigerd")

    class Result(models.TextChoices):
        OK = "ok", _("gelukt")
        NOT_FOUND = "not_found", _("niet gevonden of buiten bereik")
        DENIED = "denied", _("geweigerd")
        INVALID = "invalid", _("ongeldige invoer")

    at = models.DateTimeField(_("tijdstip"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("gebruiker"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="access_events",
    )
    actor_label = models.CharField(_("gebruikersnaam"), max_length=150, blank=True)
    organisation_label = models.CharField(_("organisatie"), max_length=150, blank=True)
    action = models.CharField(_("handeling"), max_length=20, choices=Action.choices)
    object_type = models.CharField(_("soort object"), max_length=40, blank=True)
    object_refs = models.JSONField(_("objecten"), default=list, blank=True)
    result = models.CharField(_("resultaat"), max_length=20, choices=Result.choices)
    origin = models.CharField(_("herkomst"), max_length=64, blank=True)
    channel = models.CharField(_("kanaal"), max_length=20, blank=True)
    purpose = models.CharField(_("doel"), max_length=60, blank=True)
    legal_basis = models.CharField(_("grondslag"), max_length=60, blank=True)
    path = models.CharField(_("pad"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("toegangsgebeurtenis")
        verbose_name_plural = _("toegangslogboek")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["object_type", "at"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M:%S} {self.actor_label} {self.action} {self.object_type}"

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None:
            raise AppendOnlyError("audit events cannot be changed")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("audit events cannot be removed")
