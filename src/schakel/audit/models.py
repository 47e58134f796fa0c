# SPDX-License-Identifier: EUPL-1.2
"""The access log: who saw or did what, when, from where, for which purpose, with which result.

Rows are append-only: the model refuses updates and deletes. Fields follow BIO 8.15.01 (action,
object, result, origin, actor, timestamp) plus purpose and legal basis as in the VNG
processing-log standard. Log rows hold references (``SIG-2026-00042``), never case content.

Every row is also a link in a hash chain (BIO 8.15.05/8.15.06): a gapless ``sequence``, the hash
of the previous row and its own SHA-256 hash. A change, removal or insertion made past the model
(raw SQL, a database console) breaks the chain, and ``schakel audit verify`` says where.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from schakel.core.models import AppendOnlyError

GENESIS_HASH = "0" * 64


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
        DELETE = "delete", _("verwijderen")

    class Result(models.TextChoices):
        OK = "ok", _("gelukt")
        NOT_FOUND = "not_found", _("niet gevonden of buiten bereik")
        DENIED = "denied", _("geweigerd")
        INVALID = "invalid", _("ongeldige invoer")

    # Set before saving (not auto_now_add) so the timestamp is part of the hash.
    at = models.DateTimeField(_("tijdstip"), default=timezone.now, editable=False, db_index=True)
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
    sequence = models.PositiveBigIntegerField(_("volgnummer"), unique=True, editable=False)
    previous_hash = models.CharField(_("vorige hash"), max_length=64, editable=False)
    hash = models.CharField(_("hash"), max_length=64, editable=False)

    class Meta:
        verbose_name = _("toegangsgebeurtenis")
        verbose_name_plural = _("toegangslogboek")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["object_type", "at"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M:%S} {self.actor_label} {self.action} {self.object_type}"

    def save(self, *args, **kwargs) -> None:
        """Insert only, and always as the next link of the chain (even when created directly)."""
        if self.pk is not None:
            raise AppendOnlyError("audit events cannot be changed")
        from schakel.audit import chain

        chain.append(self, lambda: super(AccessEvent, self).save(*args, **kwargs))

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("audit events cannot be removed")


class ChainHead(models.Model):
    """The last link of the access-log chain, in one row.

    Locking this row (``select_for_update``) serialises appends on PostgreSQL; on SQLite the
    write transaction itself does (``transaction_mode = IMMEDIATE``). Comparing it with the last
    event also reveals rows removed from, or forged onto, the end of the chain.
    """

    sequence = models.PositiveBigIntegerField(_("laatste volgnummer"), default=0)
    hash = models.CharField(_("laatste hash"), max_length=64, default=GENESIS_HASH)

    class Meta:
        verbose_name = _("kop van de logboekketen")
        verbose_name_plural = _("kop van de logboekketen")

    def __str__(self) -> str:
        return f"{self.sequence} {self.hash[:12]}"
