# SPDX-License-Identifier: EUPL-1.2
"""Normalise and validate Dutch identifiers (pure Python, no Django).

Every ``normalise_*`` function takes what a person typed and returns the canonical form, or
``None`` when the input is not a valid identifier of that kind. The intake forms, the entity
matching and the text analysis all use these functions, so one identifier is stored the same
way wherever it came from. Keep the names and signatures stable.

Checksums come from python-stdnum (BSN, IBAN, postcode) and phonenumbers (phone), never from a
home-made implementation (design.md, Conventions).

==================  =================================  ================================
function            accepts                            returns
==================  =================================  ================================
normalise_postcode  ``2952 am``, ``2952AM``            ``2952AM``
normalise_licence_  ``hj-418-t``, ``HJ418T``           ``HJ418T`` (Dutch sidecodes 1-14)
plate
normalise_phone     ``06-41827365``, ``+40 742 ...``   E.164: ``+31641827365``
normalise_iban      ``nl52 bunq 6940 0854 83``         ``NL52BUNQ6940085483``
normalise_bsn       ``3714.23.636``                    ``371423636`` (11-proef)
normalise_kvk       ``KvK 7463 0591``                  ``74630591`` (eight digits)
normalise_email     ``Info@Example.NL``                ``info@example.nl``
==================  =================================  ================================
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import phonenumbers
from stdnum import iban as stdnum_iban
from stdnum.exceptions import ValidationError
from stdnum.nl import bsn as stdnum_bsn
from stdnum.nl import postcode as stdnum_postcode

__all__ = [
    "PLATE_LETTERS",
    "SIDECODES",
    "licence_plate_sidecode",
    "normalise_bsn",
    "normalise_email",
    "normalise_iban",
    "normalise_kvk",
    "normalise_licence_plate",
    "normalise_phone",
    "normalise_postcode",
]

#: Letters used on Dutch plates since sidecode 4 (no vowels, no C, Q, W, Y). We apply the
#: same set to the older sidecodes 1-3, which are rare today, to keep false positives low.
PLATE_LETTERS = "BDFGHJKLMNPRSTVXZ"


@dataclass(frozen=True)
class Sidecode:
    """One Dutch licence-plate layout: 'L' is a letter group, '9' a digit group."""

    number: int
    groups: tuple[str, ...]

    @property
    def compact_re(self) -> re.Pattern[str]:
        return re.compile("".join(_group_re(group) for group in self.groups))

    @property
    def layout(self) -> str:
        return "-".join(self.groups)


def _group_re(group: str) -> str:
    kind = f"[{PLATE_LETTERS}]" if group[0] == "L" else "[0-9]"  # not \d: no Arabic-Indic digits
    return f"{kind}{{{len(group)}}}"


#: Sidecodes 1-14 of the RDW, in order. 'LL' = two letters, '99' = two digits.
SIDECODES: tuple[Sidecode, ...] = tuple(
    Sidecode(number, tuple(layout.split("-")))
    for number, layout in enumerate(
        (
            "LL-99-99", "99-99-LL", "99-LL-99", "LL-99-LL", "LL-LL-99", "99-LL-LL", "99-LLL-9",
            "9-LLL-99", "LL-999-L", "L-999-LL", "LLL-99-L", "L-99-LLL", "9-LL-999", "999-LL-9",
        ),
        start=1,
    )
)
_SIDECODE_RES = tuple((code, code.compact_re) for code in SIDECODES)
_EMAIL_RE = re.compile(
    r"^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
    r"@(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,24}$"
)


def normalise_postcode(value: str) -> str | None:
    """Dutch postcode as four digits and two capitals without a space (``2952AM``)."""
    try:
        return stdnum_postcode.validate(value).replace(" ", "")
    except (ValidationError, TypeError, AttributeError):
        return None


def _plate_groups(value: str) -> tuple[str, list[str]]:
    """Upper-case compact form and the dash/space-separated groups as typed."""
    text = value.strip().upper()
    groups = [group for group in re.split(r"[\s-]+", text) if group]
    return "".join(groups), groups


def licence_plate_sidecode(value: str) -> int | None:
    """Number of the Dutch sidecode the plate fits, or ``None`` for a foreign/invalid plate.

    When the plate is typed with separators, the groups must match the sidecode's groups
    (``HJ-418-T`` is sidecode 9; ``HJ4-18T`` fits none).
    """
    compact, groups = _plate_groups(value)
    if len(compact) != 6 or not compact.isalnum():
        return None
    for code, pattern in _SIDECODE_RES:
        if not pattern.fullmatch(compact):
            continue
        if len(groups) == 1 or [len(g) for g in groups] == [len(g) for g in code.groups]:
            return code.number
    return None


def normalise_licence_plate(value: str) -> str | None:
    """Dutch licence plate in capitals without dashes (``HJ418T``), sidecodes 1-14 only."""
    if licence_plate_sidecode(value) is None:
        return None
    return _plate_groups(value)[0]


def normalise_phone(value: str, region: str = "NL") -> str | None:
    """Phone number in E.164 (``+31641827365``).

    Numbers without a country code are read as Dutch (``region``); numbers written with their
    country code (``+40 …`` or ``0040 …``) keep it. ``+31 (0)6 …`` is understood.
    """
    text = re.sub(r"\(0\)", "", value.strip())
    text = re.sub(r"^00(?=[1-9])", "+", text)
    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def normalise_iban(value: str) -> str | None:
    """IBAN in capitals without spaces; it must pass the ISO 13616 mod-97 check."""
    try:
        return stdnum_iban.validate(value)
    except (ValidationError, TypeError, AttributeError):
        return None


def normalise_bsn(value: str) -> str | None:
    """Burgerservicenummer as nine digits that pass the 11-proef (``371423636``).

    Dots, spaces and dashes are allowed in the input. Shorter numbers are not padded: an
    eight-digit number is more often something else than a BSN with its leading zero dropped.
    """
    digits = re.sub(r"[\s.\-]", "", value or "")
    if len(digits) != 9 or not digits.isdigit():
        return None
    try:
        return stdnum_bsn.validate(digits)
    except ValidationError:
        return None


def normalise_kvk(value: str) -> str | None:
    """KvK (Handelsregister) number as eight digits. There is no checksum to test."""
    digits = re.sub(r"[\s.\-]", "", value or "")
    if not re.fullmatch(r"[0-9]{8}", digits) or digits == "00000000":  # ASCII digits only
        return None
    return digits


def normalise_email(value: str) -> str | None:
    """E-mail address in lower case; ``None`` when it does not look like an address."""
    text = (value or "").strip().strip(".").lower()
    if len(text) > 254 or not _EMAIL_RE.match(text):
        return None
    return text
