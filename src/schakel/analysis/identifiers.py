# SPDX-License-Identifier: EUPL-1.2
"""Validating and normalising Dutch identifiers (pure Python, no Django).

Each ``normalise_*`` function returns the canonical form, or ``None`` when the input is not a
valid identifier of that kind. The intake forms, the API and the text extraction all use these,
so an identifier typed in a form and one found in free text compare equal.
"""

from __future__ import annotations

import re

import phonenumbers
from stdnum import iban as stdnum_iban
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.nl import bsn as stdnum_bsn
from stdnum.nl import postcode as stdnum_postcode

PLATE_LETTERS = "BDFGHJKLMNPRSTVXZ"
# Dutch sidecodes 1-14 as patterns over L (letter) and 9 (digit), without separators.
SIDECODES = (
    "LL9999", "9999LL", "99LL99", "LL99LL", "LLLL99", "99LLLL", "99LLL9", "9LLL99",
    "LL999L", "L999LL", "LLL99L", "L99LLL", "9LL999", "999LL9",
)


def normalise_postcode(value: str) -> str | None:
    """``2952 ab`` → ``2952AB``; python-stdnum knows which letter pairs are never issued."""
    try:
        return stdnum_postcode.validate(value).replace(" ", "")
    except StdnumError:
        return None


def _plate_shape(compact: str) -> str:
    return "".join("9" if ch.isdigit() else "L" for ch in compact)


def normalise_licence_plate(value: str) -> str | None:
    """``hj-418-t`` → ``HJ418T``: only the Dutch sidecodes, letters from the issued set."""
    compact = re.sub(r"[\s-]", "", value).upper()
    if len(compact) != 6 or not compact.isalnum() or _plate_shape(compact) not in SIDECODES:
        return None
    if any(ch.isalpha() and ch not in PLATE_LETTERS for ch in compact):
        return None
    return compact


def normalise_phone(value: str, region: str = "NL") -> str | None:
    """Any Dutch or international notation → E.164 (``+31641827365``)."""
    try:
        number = phonenumbers.parse(value, region)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def normalise_kvk(value: str) -> str | None:
    """A KvK number is exactly eight digits (spaces and dots are ignored)."""
    compact = re.sub(r"[\s.]", "", value)
    return compact if re.fullmatch(r"\d{8}", compact) else None


def normalise_bsn(value: str) -> str | None:
    """Nine digits that pass the 11-proef (``3714.23.636`` → ``371423636``)."""
    try:
        return stdnum_bsn.validate(value)
    except StdnumError:
        return None


def normalise_iban(value: str) -> str | None:
    """Capitals without spaces, passing the ISO 13616 mod-97 check."""
    try:
        return stdnum_iban.validate(value)
    except StdnumError:
        return None


def normalise_email(value: str) -> str | None:
    value = value.strip().lower()
    return value if re.fullmatch(r"[a-z0-9._%+-]+@[a-z0-9.-]+\.[a-z]{2,}", value) else None
