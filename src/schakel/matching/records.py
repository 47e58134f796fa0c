# SPDX-License-Identifier: EUPL-1.2
"""The record model: what the engine knows about a person or an organisation.

Every field is optional, because signals are incomplete by nature: a front-desk clerk may
know a first name and an estimated age, an inspector a licence plate and an address. Field
names follow the Dutch BRP where one exists (given names, prefix, surname, BSN).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any


@dataclass(slots=True)
class PersonRecord:
    """One mention of a person, as a register row, a form or a signal describes them."""

    record_id: str
    given_names: str | None = None
    surname_prefix: str | None = None  # tussenvoegsel, e.g. "van der"
    surname: str | None = None
    full_name: str | None = None  # a whole name as typed: "Berg, Jan van der", "J.P. de Vries"
    birth_date: date | str | None = None
    birth_year: int | None = None
    estimated_age: int | None = None  # "about 25": turned into a birth-year range
    reference_date: date | None = None  # when the age was estimated (default: today)
    sex: str | None = None
    postcode: str | None = None
    house_number: str | int | None = None
    house_number_suffix: str | None = None
    street: str | None = None
    city: str | None = None
    email: str | None = None
    phone: str | None = None
    bsn: str | None = None
    iban: str | None = None
    licence_plate: str | None = None
    source: str | None = None  # which file or system the record came from (for linkage)
    extra: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def from_mapping(cls, row: Mapping[str, Any], record_id: str | None = None) -> PersonRecord:
        """Build a record from a dict with any of the recognised column names."""
        values = canonical_columns(row)
        rid = record_id if record_id is not None else values.pop("record_id", None)
        values.pop("record_id", None)
        known = {f.name for f in dataclasses.fields(cls)}
        kwargs = {k: v for k, v in values.items() if k in known and not _missing(v)}
        return cls(record_id=str(rid if rid is not None else ""), **kwargs)

    def as_row(self) -> dict[str, Any]:
        """The record as a flat dict of its non-empty fields (for DataFrames and CSV)."""
        row = {f.name: getattr(self, f.name) for f in dataclasses.fields(self)}
        row.pop("extra")
        return {k: v for k, v in row.items() if not _missing(v)}


@dataclass(slots=True)
class OrganisationRecord:
    """One mention of an organisation: a company, foundation or association."""

    record_id: str
    name: str | None = None
    kvk: str | None = None  # Chamber of Commerce number, 8 digits
    postcode: str | None = None
    house_number: str | int | None = None
    house_number_suffix: str | None = None
    street: str | None = None
    city: str | None = None
    phone: str | None = None
    email: str | None = None
    iban: str | None = None
    source: str | None = None


# Column names seen in data sets and forms, mapped to the record's field names.
COLUMN_ALIASES: dict[str, str] = {
    "unique_id": "record_id", "id": "record_id", "rec_id": "record_id",
    "record_id": "record_id",
    "first_name": "given_names", "given_name": "given_names", "given_names": "given_names",
    "voornamen": "given_names", "voornaam": "given_names", "forename": "given_names",
    "surname_prefix": "surname_prefix", "tussenvoegsel": "surname_prefix",
    "voorvoegsel": "surname_prefix", "prefix": "surname_prefix",
    "surname": "surname", "last_name": "surname", "achternaam": "surname",
    "geslachtsnaam": "surname", "family_name": "surname",
    "full_name": "full_name", "name": "full_name", "naam": "full_name",
    "dob": "birth_date", "date_of_birth": "birth_date", "birth_date": "birth_date",
    "geboortedatum": "birth_date", "birth_year": "birth_year", "geboortejaar": "birth_year",
    "estimated_age": "estimated_age", "age": "estimated_age", "leeftijd": "estimated_age",
    "sex": "sex", "gender": "sex", "geslacht": "sex",
    "postcode": "postcode", "zip": "postcode", "postal_code": "postcode",
    "house_number": "house_number", "street_number": "house_number",
    "huisnummer": "house_number", "house_number_suffix": "house_number_suffix",
    "huisnummertoevoeging": "house_number_suffix", "toevoeging": "house_number_suffix",
    "street": "street", "address_1": "street", "straat": "street", "straatnaam": "street",
    "address": "street",
    "city": "city", "suburb": "city", "town": "city", "woonplaats": "city", "plaats": "city",
    "email": "email", "e_mail": "email", "email_address": "email",
    "phone": "phone", "telephone": "phone", "telefoon": "phone", "phone_number": "phone",
    "telefoonnummer": "phone", "mobile": "phone",
    "bsn": "bsn", "soc_sec_id": "bsn", "ssn": "bsn", "national_id": "bsn",
    "iban": "iban", "licence_plate": "licence_plate", "license_plate": "licence_plate",
    "kenteken": "licence_plate",
    "reference_date": "reference_date", "peildatum": "reference_date",
    "source": "source", "source_dataset": "source",
}


def canonical_columns(row: Mapping[str, Any]) -> dict[str, Any]:
    """Rename recognised columns to field names; unknown columns are dropped."""
    out: dict[str, Any] = {}
    for key, value in row.items():
        target = COLUMN_ALIASES.get(str(key).strip().lower())
        if target and target not in out:
            out[target] = value
    return out


def _missing(value: Any) -> bool:
    """None, NaN and empty strings all mean "not known"."""
    if value is None:
        return True
    if isinstance(value, float) and value != value:
        return True
    return isinstance(value, str) and not value.strip()
