# SPDX-License-Identifier: EUPL-1.2
"""Field normalisation: one canonical form per value, so comparisons stay simple and fast.

Each function takes one raw value and returns the normalised value or None. Bulk work maps
them over the *unique* values of a column only, which is what makes a million records cheap:
a population has far fewer distinct names, streets and dates than rows.
"""

from __future__ import annotations

import re
from datetime import date, datetime

import phonenumbers
from stdnum import iban as stdnum_iban
from stdnum.nl import bsn as stdnum_bsn
from stdnum.nl import postcode as stdnum_postcode

from schakel.matching.names import clean

_DIGITS = re.compile(r"\D+")
_ALNUM = re.compile(r"[^0-9A-Z]+")

_STREET_WORDS: dict[str, str] = {
    "str": "straat", "strt": "straat", "ln": "laan", "wg": "weg", "pl": "plein",
    "gr": "gracht", "sngl": "singel", "kd": "kade", "dk": "dijk", "v": "van",
    "st": "street", "rd": "road", "ave": "avenue", "cres": "crescent", "cct": "circuit",
    "pde": "parade", "pl.": "place", "ct": "court", "dr": "drive", "hwy": "highway",
}
_STREET_SUFFIXES = ("straat", "laan", "weg", "plein", "gracht", "singel", "kade", "dijk")
_HOUSE = re.compile(r"^(?P<street>.*?)[\s,]+(?P<number>\d{1,5})\s*(?P<suffix>[a-z]{0,4}|-\w+)?$")

_CITY_ALIASES: dict[str, str] = {
    "s gravenhage": "den haag", "the hague": "den haag", "s hertogenbosch": "den bosch",
    "hertogenbosch": "den bosch",
}

_SEX: dict[str, str] = {
    "m": "m", "man": "m", "male": "m", "mannelijk": "m", "jongen": "m", "boy": "m",
    "v": "f", "f": "f", "vrouw": "f", "female": "f", "vrouwelijk": "f", "meisje": "f",
    "w": "f", "girl": "f", "woman": "f",
}


def text_or_none(value: object) -> str | None:
    """The value as stripped text, or None for None/NaN/empty. Floats like 12.0 lose '.0'."""
    if value is None:
        return None
    if isinstance(value, float):
        if value != value:
            return None
        if value.is_integer():
            value = int(value)
    text = str(value).strip()
    return text or None


def normalise_street(raw: object) -> str | None:
    """Lower-case ASCII street with common abbreviations written out ("Kerkstr." → kerkstraat)."""
    text = clean(text_or_none(raw))
    if not text:
        return None
    words = [_STREET_WORDS.get(w, w) for w in text.replace("'", "").split()]
    joined = " ".join(words)
    for suffix in _STREET_SUFFIXES:  # "kerk straat" and "kerkstraat" are one street
        joined = joined.replace(" " + suffix, suffix)
    return joined or None


def split_street_number(raw: object) -> tuple[str | None, str | None]:
    """Split "Kerkstraat 12a" into ("Kerkstraat", "12a"); forms often put both in one field."""
    text = text_or_none(raw)
    if not text:
        return None, None
    match = _HOUSE.match(text.lower())
    if not match:
        return text, None
    suffix = (match.group("suffix") or "").lstrip("-")
    return match.group("street"), match.group("number") + suffix


def normalise_house_number(number: object, suffix: object = None) -> str | None:
    """House number with its suffix as one token: "12", "12a", "12-2" → "12a", "122"."""
    text = text_or_none(number)
    if not text:
        return None
    text = text.lower().replace(" ", "").replace("-", "")
    extra = (text_or_none(suffix) or "").lower().replace(" ", "").replace("-", "")
    return (text + extra) or None


def house_number_digits(number: str | None) -> str | None:
    """The numeric part of a house number: the suffix is often left out on forms."""
    if not number:
        return None
    match = re.match(r"\d+", number)
    return match.group(0) if match else None


def normalise_postcode(raw: object) -> str | None:
    """Dutch postcodes as '3311AB' (python-stdnum); other postcodes as upper-case alphanumerics."""
    text = text_or_none(raw)
    if not text:
        return None
    try:
        return stdnum_postcode.compact(stdnum_postcode.validate(text)).replace(" ", "")
    except Exception:  # noqa: BLE001 - not a Dutch postcode: keep a plain form
        compact = _ALNUM.sub("", text.upper())
        return compact or None


def normalise_city(raw: object) -> str | None:
    """Lower-case ASCII city; "'s-Gravenhage" and "Den Haag" are one city."""
    text = clean(text_or_none(raw)).replace("'", "").strip()
    if not text:
        return None
    return _CITY_ALIASES.get(text, text)


def normalise_email(raw: object) -> str | None:
    """Lower-case e-mail address without spaces; None if it has no '@'."""
    text = text_or_none(raw)
    if not text:
        return None
    text = text.lower().replace(" ", "")
    return text if "@" in text else None


def normalise_phone(raw: object, region: str = "NL") -> str | None:
    """E.164 ("+31612345678") via phonenumbers; digits only when it cannot be parsed."""
    text = text_or_none(raw)
    if not text:
        return None
    try:
        number = phonenumbers.parse(text, region)
        if phonenumbers.is_possible_number(number):
            return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    except phonenumbers.NumberParseException:
        pass
    digits = _DIGITS.sub("", text)
    return digits if len(digits) >= 6 else None


def normalise_bsn(raw: object) -> str | None:
    """BSN as nine digits (an eight-digit BSN has lost its leading zero); other IDs as digits.

    An invalid BSN (failing the 11-test) is kept: it is most likely a typo of the right one,
    and the comparison scores a one-digit difference as such.
    """
    text = text_or_none(raw)
    if not text:
        return None
    digits = _DIGITS.sub("", text)
    if len(digits) == 8:
        digits = "0" + digits
    return digits or None


def bsn_is_valid(value: str | None) -> bool:
    """True for a BSN that passes the 11-test (python-stdnum)."""
    return bool(value) and stdnum_bsn.is_valid(value)


def normalise_code(raw: object) -> str | None:
    """Identifiers compared exactly (licence plate, KvK): upper-case alphanumerics."""
    text = text_or_none(raw)
    if not text:
        return None
    return _ALNUM.sub("", text.upper()) or None


def normalise_iban(raw: object) -> str | None:
    """IBAN in compact form (python-stdnum); kept even when its check digits fail."""
    text = text_or_none(raw)
    if not text:
        return None
    return stdnum_iban.compact(text) or None


def normalise_sex(raw: object) -> str | None:
    """'m' or 'f' from the many ways forms write it; None when unknown."""
    text = text_or_none(raw)
    return _SEX.get(text.lower()) if text else None


_DATE_FORMATS = ("%Y-%m-%d", "%Y%m%d", "%d-%m-%Y", "%d/%m/%Y", "%d.%m.%Y", "%Y/%m/%d")


def parse_birth_date(raw: object) -> tuple[str | None, int | None]:
    """Return (eight digits YYYYMMDD, year) from a date or date text.

    Digits are kept even for impossible dates (month 13): such a value is a typo, and a
    digit-wise comparison still recognises it. A bare year gives (None, year).
    """
    if isinstance(raw, datetime):
        raw = raw.date()
    if isinstance(raw, date):
        return raw.strftime("%Y%m%d"), raw.year
    text = text_or_none(raw)
    if not text:
        return None, None
    text = text.split("T")[0].split(" ")[0]
    for fmt in _DATE_FORMATS:
        try:
            parsed = datetime.strptime(text, fmt).date()  # noqa: DTZ007 - a date, no time zone
        except ValueError:
            continue
        return parsed.strftime("%Y%m%d"), parsed.year
    return _loose_date(text)


def _loose_date(text: str) -> tuple[str | None, int | None]:
    """Impossible or partial dates: keep the digits of YYYYMMDD or DDMMYYYY, or a bare year."""
    digits = _DIGITS.sub("", text)
    if len(digits) == 4 and digits[:2] in {"18", "19", "20"}:
        return None, int(digits)
    if len(digits) == 8:
        if digits[:2] in {"18", "19", "20"}:
            return digits, int(digits[:4])
        return digits[4:] + digits[2:4] + digits[:2], int(digits[4:])
    return None, None


def date_ordinal(dob8: str | None) -> int | None:
    """Days since year 1 for a valid YYYYMMDD, else None (used for "within a month")."""
    if not dob8:
        return None
    try:
        return date(int(dob8[:4]), int(dob8[4:6]), int(dob8[6:8])).toordinal()
    except ValueError:
        return None
