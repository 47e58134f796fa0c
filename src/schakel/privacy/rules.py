# SPDX-License-Identifier: EUPL-1.2
"""The retention rules and their documented defaults (pure Python, no Django).

Each rule says which records it covers, when its clock starts, how long they are kept and what
happens afterwards: ``anonymise`` keeps the skeleton that counts in statistics (municipality,
dates, domains, status and outcome codes) and removes every text, subject, note and
attachment; ``delete`` removes the record. A municipality may set another period per rule
(:class:`schakel.privacy.models.RetentionPolicy`); the basis column of docs/privacy.md says where
each default comes from. Nothing linked to an open case or under a legal hold is ever touched,
whatever the rule says (:mod:`schakel.privacy.retention`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

ANONYMISE = "anonymise"
DELETE = "delete"

SIGNAL_NO_FOLLOW_UP = "signal_no_follow_up"
CASE_CLOSED = "case_closed"
CONFERENCE_MINUTES = "conference_minutes"
SCAN_HITS = "scan_hits"
AUDIT_EVENTS = "audit_events"
SUBJECT_REQUESTS = "subject_requests"


@dataclass(frozen=True)
class Rule:
    code: str
    label: str  # Dutch, shown to the privacy officer
    months: int
    action: str
    clock: str  # what starts the clock, in English for the docs
    basis: str  # short basis; docs/privacy.md has the full text


RULES: tuple[Rule, ...] = (
    Rule(SIGNAL_NO_FOLLOW_UP, "Signalen zonder vervolg of direct doorgezet", 24, ANONYMISE,
         "the decision 'no follow-up' or 'forwarded'",
         "AVG art. 5(1)(e); 2 years lets weak signals about the same address or person be "
         "combined (derived default, set by the FG)"),
    Rule(CASE_CLOSED, "Gesloten casussen met hun signalen, doorverwijzingen, interventies, "
         "besluiten en bijlagen", 60, ANONYMISE,
         "closing the case",
         "AVG art. 5(1)(e); ZVH/RIEC term not found, 5 years follows the 5-year log term and "
         "the Selectielijst gemeenten 2020 practice (derived default, set by the FG)"),
    Rule(CONFERENCE_MINUTES, "Verslagen van casusoverleggen", 60, ANONYMISE,
         "the meeting date",
         "same term as the cases discussed; minutes of an overleg with an open case stay"),
    Rule(SCAN_HITS, "Treffers van registerscans zonder signaal", 12, DELETE,
         "the scan run",
         "AVG art. 5(1)(c,e): a hit that led to nothing is not kept after the next yearly scan"),
    Rule(SUBJECT_REQUESTS, "Verzoeken van betrokkenen (naam en verzoeker)", 24, ANONYMISE,
         "the decision on the request",
         "AVG art. 5(2) accountability: long enough for objection, appeal and a complaint to "
         "the AP; the BSN is removed at the decision already"),
    Rule(AUDIT_EVENTS, "Toegangslogboek", 60, DELETE,
         "writing the log line",
         "BIO 8.15.04 (risk-based); NEN 7513 and Stcrt. 2019, 38007: at least 5 years"),
)
RULE_BY_CODE = {rule.code: rule for rule in RULES}
MIN_MONTHS = {AUDIT_EVENTS: 24}  # NEN 7513 minimum: a policy may not go below this


def add_months(moment: dt.datetime, months: int) -> dt.datetime:
    """``moment`` plus whole months, the day clipped to the month's end (31 Jan + 1 = 28 Feb)."""
    month_index = moment.month - 1 + months
    year, month = moment.year + month_index // 12, month_index % 12 + 1
    days = [31, 29 if year % 4 == 0 and (year % 100 != 0 or year % 400 == 0) else 28, 31, 30, 31,
            30, 31, 31, 30, 31, 30, 31][month - 1]
    return moment.replace(year=year, month=month, day=min(moment.day, days))


def cutoff(now: dt.datetime, months: int) -> dt.datetime:
    """Records whose clock started before this moment are due."""
    return add_months(now, -months)
