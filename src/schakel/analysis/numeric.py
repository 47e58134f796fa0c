# SPDX-License-Identifier: EUPL-1.2
"""Indicators that depend on a number: very long hours, very low pay, many people in one home.

A phrase list cannot say "more than eleven hours a day", so these three indicators are also
recognised by small rules with thresholds. Each rule reports the catalogue code of the
indicator it supports, so the evidence looks the same as a phrase match. The thresholds are
deliberately conservative (well above normal Dutch working conditions) because a rule fires
without any other context.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

#: A working day at or above this many hours is an indicator (Arbeidstijdenwet: 12 at most).
LONG_DAY_HOURS = 11
LONG_WEEK_HOURS = 55
#: Pay below these amounts (euro) per period is far under the Dutch minimum wage.
LOW_PAY = {"uur": 9.0, "dag": 60.0, "week": 250.0, "maand": 1100.0}
#: This many people or more in one dwelling is overcrowding unless the text says otherwise.
CROWD_SIZE = 8

HOURS_CODE = "labour-excessive-hours"
PAY_CODE = "labour-no-or-low-pay"
CROWD_CODE = "housing-overcrowding"


@dataclass(frozen=True)
class RuleHit:
    """A number in the text that supports an indicator."""

    code: str
    rule: str
    start: int
    end: int


_HOURS_PER_DAY = re.compile(
    r"\b(\d{1,2})(?:\s*-\s*(\d{1,2}))?\s*(?:uur|u)\s*(?:per|a|p\.?)\s*(?:werk)?dag\b"
)
_HOURS_PER_WEEK = re.compile(
    r"\b(\d{2,3})\+?\s*(?:uur|u)\s*(?:(?:per|a|in de|p\.?|p/)\s*(?:week|w)\b|pw\b)"
)
_FROM_TO = re.compile(
    r"\bvan\s+(\d{1,2})(?:[.:]\d{2})?\s*(?:uur\s*)?tot\s+(\d{1,2})(?:[.:]\d{2})?\s*(?:uur|u|'s)\b"
)
_SHIFT = re.compile(
    r"\b(?:diensten|dienst|ploegen|ploeg|shifts?|werkdagen|dagen|dgn|nachtploegen)\s+van\s+"
    r"(\d{1,2})\s*(?:uur\b|u\b)|\b(\d{1,2})-?\s?urige\s+(?:werk)?dag"
)
_DAYS = re.compile(
    r"\b(?:7|zeven|6,5|6\.5)\s*(?:dag(?:en)?|dgn)\s*(?:per|in de|van|a|p\.?|p/w|pw)(?!\w)"
)
_PAY = re.compile(
    r"(?:€|eur|euro)\s?(\d{1,5}(?:[.,]\d{1,2})?)\s*(?:euro\s*)?(?:per|p\.?|/|a|in de)\s*"
    r"(uur|dag|week|maand|mnd)\b"
)
_WAGE_CONTEXT = re.compile(
    r"\b(?:krijg\w*|verdien\w*|\w*loon|salaris|uitbetaald|houdt|houden|over|voor|werk\w*)\b"
)
_RENT_CONTEXT = re.compile(
    r"\w*huur\w*|"
    r"\b(?:betaalt|betalen|betaald aan|kost|kosten|vraagt|int|borg|per bed|per persoon)\b"
)
_CROWD = re.compile(
    r"\b(\d{1,3})\s+(?:[a-z-]+\s+){0,2}(?:mannen|personen|bewoners|mensen|arbeidsmigranten|werknemers|"
    r"arbeiders|vrouwen|uitzendkrachten|lassers|werkers|seizoenwerkers)\b"
)
_HOUSING_CONTEXT = re.compile(
    r"\b(?:won\w*|woning\w*|huis|huizen|pand|slap\w*|slaapt|ingeschreven|kamer\w*|flat|"
    r"appartement|caravan\w*|chalet\w*|bewoond|verblijv\w*|onderdak)\b"
)
_WITHIN_CAPACITY = re.compile(
    r"^\s*op\s+(?:ca\.?\s*)?\d+\s*(?:plaatsen|plekken|bedden|slaapplaatsen)"
)
_SENTENCE = re.compile(r"[^.!?]*(?:[.!?](?=\s|$)|$)")


def rule_hits(folded: str) -> list[RuleHit]:
    """All rule hits in a folded text (see :func:`schakel.analysis.text.fold`)."""
    return [*_long_hours(folded), *_low_pay(folded), *_crowding(folded)]


def _long_hours(text: str) -> Iterator[RuleHit]:
    for match in _HOURS_PER_DAY.finditer(text):
        if int(match.group(2) or match.group(1)) >= LONG_DAY_HOURS:
            yield RuleHit(HOURS_CODE, "uren per dag", *match.span())
    for match in _HOURS_PER_WEEK.finditer(text):
        if int(match.group(1)) >= LONG_WEEK_HOURS:
            yield RuleHit(HOURS_CODE, "uren per week", *match.span())
    for match in _FROM_TO.finditer(text):
        if (int(match.group(2)) - int(match.group(1))) % 24 >= LONG_DAY_HOURS:
            yield RuleHit(HOURS_CODE, "werktijden van-tot", *match.span())
    for match in _SHIFT.finditer(text):
        if int(match.group(1) or match.group(2)) >= LONG_DAY_HOURS:
            yield RuleHit(HOURS_CODE, "lange diensten", *match.span())
    for match in _DAYS.finditer(text):
        yield RuleHit(HOURS_CODE, "zeven dagen per week", *match.span())


def _low_pay(text: str) -> Iterator[RuleHit]:
    for match in _PAY.finditer(text):
        amount = float(match.group(1).replace(".", "").replace(",", "."))
        period = "maand" if match.group(2) == "mnd" else match.group(2)
        before = text[max(0, match.start() - 40):match.start()]
        after = text[match.end():match.end() + 15]
        if _RENT_CONTEXT.search(before + " " + after) or not _WAGE_CONTEXT.search(before + after):
            continue
        if amount < LOW_PAY[period]:
            yield RuleHit(PAY_CODE, "loon onder het minimum", *match.span())


def _crowding(text: str) -> Iterator[RuleHit]:
    for sentence in _SENTENCE.finditer(text):
        body = sentence.group()
        if not body.strip() or not _HOUSING_CONTEXT.search(body):
            continue
        for match in _CROWD.finditer(body):
            if int(match.group(1)) < CROWD_SIZE or _WITHIN_CAPACITY.match(body[match.end():]):
                continue
            offset = sentence.start()
            yield RuleHit(CROWD_CODE, "veel mensen in één woning", offset + match.start(),
                          offset + match.end())
