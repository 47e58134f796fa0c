# SPDX-License-Identifier: EUPL-1.2
"""Tenants, organisations and people.

A deployment may host several municipalities (a region). Every user belongs to one organisation;
an organisation belongs to one municipality, or serves a whole region when it has none.
What a user may *do* comes from their groups (roles as data); what they may *see* is decided
by :mod:`schakel.scope` from the organisation and those permissions.
"""

from __future__ import annotations

from binascii import unhexlify

from django.contrib.auth.models import AbstractUser
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp.util import random_hex

from schakel.core.fields import EncryptedCharField

cbs_code_validator = RegexValidator(r"^\d{4}$", _("Een CBS-gemeentecode bestaat uit vier cijfers."))


class Municipality(models.Model):
    """A municipality served by this deployment, identified by its CBS code (e.g. 0482)."""

    cbs_code = models.CharField(_("CBS-code"), max_length=4, unique=True,
                                validators=[cbs_code_validator])
    name = models.CharField(_("naam"), max_length=100)
    region = models.CharField(
        _("regio"), max_length=50, blank=True,
        help_text=_("Samenwerkingsregio, bijvoorbeeld Zuid-Holland Zuid."),
    )
    postcode_prefixes = models.CharField(
        _("postcodegebieden"), max_length=200, blank=True,
        help_text=_("Viercijferige postcodegebieden, gescheiden door komma's (bijv. 2951,2952)."),
    )

    class Meta:
        verbose_name = _("gemeente")
        verbose_name_plural = _("gemeenten")
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.cbs_code})"


class Organisation(models.Model):
    """An internal department or an external partner organisation."""

    class Kind(models.TextChoices):
        DEPARTMENT = "department", _("Gemeentelijke afdeling")
        PARTNER = "partner", _("Ketenpartner")

    slug = models.SlugField(_("code"), max_length=60, unique=True)
    name = models.CharField(_("naam"), max_length=150)
    kind = models.CharField(_("soort"), max_length=20, choices=Kind.choices)
    partner_code = models.CharField(
        _("partnercategorie"), max_length=60, blank=True,
        help_text=_("Code van de partner in de catalogus (bijv. politie, nla, ozhz)."),
    )
    municipality = models.ForeignKey(
        Municipality, verbose_name=_("gemeente"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="organisations",
        help_text=_("Leeg voor een regionale organisatie."),
    )
    region = models.CharField(_("regio"), max_length=50, blank=True)
    is_active = models.BooleanField(_("actief"), default=True)

    class Meta:
        verbose_name = _("organisatie")
        verbose_name_plural = _("organisaties")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_regional(self) -> bool:
        return self.municipality_id is None


class User(AbstractUser):
    """A person who logs in. Belongs to exactly one organisation (staff accounts may have none)."""

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisatie"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="users",
    )
    job_title = models.CharField(_("functie"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("gebruiker")
        verbose_name_plural = _("gebruikers")

    @property
    def display_name(self) -> str:
        return self.get_full_name() or self.username


class ExternalIdentity(models.Model):
    """A person as known to an OpenID Connect provider: the pair (issuer, subject) is stable and
    never reassigned, unlike e-mail addresses or user names, so single sign-on links to exactly
    the account it created and never to a local account with the same name."""

    user = models.OneToOneField(User, verbose_name=_("gebruiker"), on_delete=models.CASCADE,
                                related_name="external_identity")
    issuer = models.CharField(_("identiteitsprovider"), max_length=255)
    subject = models.CharField(_("kenmerk bij de provider"), max_length=255)
    created_at = models.DateTimeField(_("gekoppeld op"), auto_now_add=True)

    class Meta:
        verbose_name = _("externe identiteit")
        verbose_name_plural = _("externe identiteiten")
        constraints = [models.UniqueConstraint(fields=["issuer", "subject"],
                                               name="accounts_external_identity_unique")]

    def __str__(self) -> str:
        return f"{self.issuer} · {self.subject}"


class TOTPSecret(models.Model):
    """The real secret of an authenticator app, encrypted at rest.

    django-otp keeps the secret in plain hex in ``TOTPDevice.key``, readable by anyone who can
    read the database. Schakel keeps it here, encrypted with ``SCHAKEL_FERNET_KEYS`` like all
    personal data, and fills django-otp's column with a random decoy that matches nothing.
    :class:`SecureTOTPDevice` reads the secret from here."""

    device = models.OneToOneField(TOTPDevice, on_delete=models.CASCADE,
                                  related_name="schakel_secret")
    secret = EncryptedCharField(max_length=80)  # hex, as django-otp's column would hold it

    def __str__(self) -> str:
        return f"secret of device {self.device_id}"


class SecureTOTPDevice(TOTPDevice):
    """A django-otp TOTP device whose secret comes from :class:`TOTPSecret`.

    A proxy, so django-otp's own verification (drift, replay protection, throttling) runs
    unchanged; only where the key comes from differs. Create devices with :meth:`create_for`."""

    class Meta:
        proxy = True
        verbose_name = "TOTP device (encrypted secret)"

    @classmethod
    def create_for(cls, user: User, name: str) -> SecureTOTPDevice:
        device = cls.objects.create(user=user, name=name, confirmed=False, key=random_hex(20))
        TOTPSecret.objects.create(device=device, secret=random_hex(20))
        return device

    @property
    def bin_key(self) -> bytes:
        return unhexlify(self.schakel_secret.secret.encode())
