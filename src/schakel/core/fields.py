# SPDX-License-Identifier: EUPL-1.2
"""Model fields that keep personal data encrypted at rest, and keyed hashes to find it again.

Why field encryption on top of disk encryption: a database dump, a backup copy or a support
engineer with SQL access must not reveal who is named in a signal or what was seen. Every
field declared with one of the ``Encrypted*Field`` classes below is stored as a Fernet token
(:mod:`schakel.core.crypto`, keys from ``SCHAKEL_FERNET_KEYS``) and decrypted when a row is
loaded, so the rest of the code reads and writes plain Python values.

What that costs: the database can no longer compare or search the text. Filtering on an
encrypted field raises :class:`~django.core.exceptions.FieldError` at once (except "is empty"
and "is null"), so a query that would silently find nothing cannot be written by mistake.
Exact look-ups go through :class:`KeyedHashField` columns (HMAC-SHA256 under
``SCHAKEL_HASH_KEY``, computed from the row on every save) and word search through the blind
index in :mod:`schakel.signals.search`.
"""

from __future__ import annotations

import json
from typing import Any

from django.core.exceptions import FieldError
from django.db import models
from django.db.models.lookups import Exact, IsNull

from schakel.core import crypto

# Stored tokens start with this prefix (Fernet version byte 0x80, base64-encoded).
TOKEN_PREFIX = "gAAAAA"  # noqa: S105 - a format marker, not a secret


class EmptyOnlyExact(Exact):
    """``field=""`` (or ``None``) still works: empty values are stored empty, so "has no
    text" stays a cheap query. Any other value cannot match a randomised token."""

    def get_prep_lookup(self):
        if self.rhs not in ("", None):
            raise FieldError(
                f"{self.lhs.target.name} is encrypted: compare through its keyed hash instead")
        return super().get_prep_lookup()


class EncryptedMixin:
    """Encrypt on the way into the database, decrypt on the way out.

    Subclasses say how a Python value becomes text (:meth:`to_plain`) and back
    (:meth:`from_plain`). Empty values ("" and None) are stored as they are: emptiness is not
    a secret, and keeping it visible lets retention and reports count filled-in fields."""

    encrypted = True

    def get_internal_type(self) -> str:
        # A token is about 1.4x the plaintext plus 57 bytes: store it as unbounded text.
        return "TextField"

    def to_plain(self, value: Any) -> str:
        return str(value)

    def from_plain(self, text: str) -> Any:
        return text

    def from_db_value(self, value, expression, connection):
        if value is None or value == "":
            return value
        return self.from_plain(crypto.decrypt_text(value.encode("ascii")))

    def get_prep_value(self, value):
        if value is None or value == "":
            return value
        return crypto.encrypt_text(self.to_plain(value)).decode("ascii")

    def get_lookup(self, lookup_name: str):
        if lookup_name == "exact":
            return EmptyOnlyExact
        if lookup_name == "isnull":
            return IsNull
        raise FieldError(f"{getattr(self, 'name', 'field')} is encrypted: "
                         f"'{lookup_name}' cannot run in the database")

    def get_transform(self, lookup_name: str):
        return None


class EncryptedCharField(EncryptedMixin, models.CharField):
    """A one-line text (a name, a short description); ``max_length`` limits the plaintext."""

    def to_python(self, value):
        return models.CharField.to_python(self, value)


class EncryptedTextField(EncryptedMixin, models.TextField):
    """Free text (what was seen, notes, minutes, feedback)."""

    def to_python(self, value):
        return models.TextField.to_python(self, value)


class EncryptedIntegerField(EncryptedMixin, models.TextField):
    """A whole number that identifies together with other data: a birth year, a house number."""

    def to_plain(self, value: Any) -> str:
        return str(int(value))

    def from_plain(self, text: str) -> int:
        return int(text)

    def to_python(self, value):
        if value in (None, ""):
            return None
        return int(value)

    def get_prep_value(self, value):
        if value == "":
            value = None
        return super().get_prep_value(value)

    def formfield(self, **kwargs):
        from django import forms
        return forms.IntegerField(required=not self.blank, label=self.verbose_name,
                                  **{k: v for k, v in kwargs.items() if k == "widget"})


class EncryptedJSONField(EncryptedMixin, models.TextField):
    """Structured data (a matching record, evidence phrases) stored as one encrypted JSON
    document. Unlike :class:`~django.db.models.JSONField` it cannot be queried by key."""

    def to_plain(self, value: Any) -> str:
        return json.dumps(value, ensure_ascii=False, sort_keys=True)

    def from_plain(self, text: str) -> Any:
        return json.loads(text)

    def to_python(self, value):
        return value

    def get_prep_value(self, value):
        if value is None:
            return None
        return crypto.encrypt_text(self.to_plain(value)).decode("ascii")

    def from_db_value(self, value, expression, connection):
        if value is None:
            return None
        if value == "":
            return self.get_default()
        return super().from_db_value(value, expression, connection)

    def value_to_string(self, obj) -> str:
        return self.to_plain(self.value_from_object(obj))


class KeyedHashField(models.CharField):
    """An indexed HMAC of a value the row holds encrypted, filled in on every save.

    ``source`` names a field of the model (already normalised, like a phone number in E.164)
    or a method that returns the text to hash; "" means there is nothing to hash.
    ``purpose`` separates the hashes of different uses, so a name hash cannot be compared
    with a search-word hash. The same text always gives the same hash, which is
    what makes exact matching possible; without ``SCHAKEL_HASH_KEY`` nobody can test a guess.
    Queryset ``update()`` does not call ``pre_save``: code that blanks the source fields that
    way must blank the hash as well (see :mod:`schakel.privacy.anonymise`)."""

    def __init__(self, *args, source: str = "", purpose: str = "", **kwargs) -> None:
        self.source = source
        self.purpose = purpose or source
        kwargs.setdefault("max_length", 64)
        kwargs.setdefault("blank", True)
        kwargs.setdefault("editable", False)
        kwargs.setdefault("db_index", True)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["source"] = self.source
        if self.purpose != self.source:
            kwargs["purpose"] = self.purpose
        for key, default in (("max_length", 64), ("blank", True), ("editable", False),
                             ("db_index", True)):
            if kwargs.get(key) == default:
                kwargs.pop(key)
        return name, path, args, kwargs

    def pre_save(self, model_instance, add: bool) -> str:
        material = getattr(model_instance, self.source)
        if callable(material):
            material = material()
        value = crypto.keyed_hash(self.purpose, str(material)) if material else ""
        setattr(model_instance, self.attname, value)
        return value


def encrypted_fields(model: type[models.Model]) -> list[models.Field]:
    """The concrete encrypted fields of a model, for key rotation and the dump test."""
    return [f for f in model._meta.concrete_fields if getattr(f, "encrypted", False)]
