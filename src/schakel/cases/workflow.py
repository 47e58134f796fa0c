# SPDX-License-Identifier: EUPL-1.2
"""Case and referral life cycles as reviewable tables (pure Python, no Django).

Every allowed move says why it exists; anything else is refused. A closed case can only be
reopened, and always back to analysis with a reason.
"""

from __future__ import annotations

from dataclasses import dataclass

OPEN = "open"
ANALYSIS = "analysis"
CONFERENCE = "conference"
ACTION = "action"
AFTERCARE = "aftercare"
CLOSED = "closed"
CASE_STATUSES = (OPEN, ANALYSIS, CONFERENCE, ACTION, AFTERCARE, CLOSED)


@dataclass(frozen=True)
class Move:
    source: str
    target: str
    why: str


CASE_MOVES: tuple[Move, ...] = (
    Move(OPEN, ANALYSIS, "The coordinator builds the picture: signals, registers, partners."),
    Move(OPEN, CLOSED, "Opened by mistake or immediately resolved; an outcome is required."),
    Move(ANALYSIS, CONFERENCE, "The picture needs the chain partners: onto a conference agenda."),
    Move(ANALYSIS, ACTION, "Clear without a conference (e.g. one partner acts)."),
    Move(ANALYSIS, CLOSED, "Analysis shows no trafficking or too little information."),
    Move(CONFERENCE, ACTION, "The conference decided on interventions and referrals."),
    Move(CONFERENCE, ANALYSIS, "The conference asks for more information first."),
    Move(ACTION, CONFERENCE, "Interventions need to be re-discussed with the partners."),
    Move(ACTION, AFTERCARE, "Interventions done; care and recurrence are monitored."),
    Move(ACTION, CLOSED, "Interventions are done and no aftercare is needed."),
    Move(AFTERCARE, ACTION, "Aftercare shows new exploitation or a new need to act."),
    Move(AFTERCARE, CLOSED, "Aftercare is complete."),
    Move(CLOSED, ANALYSIS, "Reopened: new information about a closed case, with a reason."),
)

_CASE_EDGES = {(m.source, m.target) for m in CASE_MOVES}


class CaseTransitionError(ValueError):
    """A case move that the table does not allow; ``allowed`` lists what is."""

    def __init__(self, message: str, allowed: tuple[str, ...] = (), unknown: bool = False):
        super().__init__(message)
        self.allowed = allowed
        self.unknown = unknown


def allowed_case_targets(source: str) -> tuple[str, ...]:
    return tuple(m.target for m in CASE_MOVES if m.source == source)


def check_case_move(source: str, target: str) -> None:
    if target not in CASE_STATUSES:
        raise CaseTransitionError(f"unknown status {target!r}", allowed_case_targets(source),
                                  unknown=True)
    if (source, target) not in _CASE_EDGES:
        raise CaseTransitionError(f"{source} → {target} is not allowed",
                                  allowed_case_targets(source))


# --- referrals ----------------------------------------------------------------------------------

IN_PROGRESS = "in_progress"
ACCEPTED = "accepted"
REJECTED = "rejected"
DONE = "done"
REVOKED = "revoked"
REFERRAL_STATUSES = (IN_PROGRESS, ACCEPTED, REJECTED, DONE, REVOKED)

# (source, target, who may make the move: "partner" = the receiving organisation, "coordinator")
REFERRAL_MOVES: tuple[tuple[str, str, str], ...] = (
    (IN_PROGRESS, ACCEPTED, "partner"),
    (IN_PROGRESS, REJECTED, "partner"),
    (ACCEPTED, DONE, "partner"),
    (IN_PROGRESS, REVOKED, "coordinator"),
    (ACCEPTED, REVOKED, "coordinator"),
)


def check_referral_move(source: str, target: str, side: str) -> None:
    if target not in REFERRAL_STATUSES:
        raise CaseTransitionError(f"unknown referral status {target!r}", unknown=True)
    if (source, target, side) not in REFERRAL_MOVES:
        allowed = tuple(t for s, t, who in REFERRAL_MOVES if s == source and who == side)
        raise CaseTransitionError(f"referral {source} → {target} is not allowed", allowed)


# --- art. 273f assessment -----------------------------------------------------------------------

UNKNOWN = "unknown"
INDICATED = "indicated"
ESTABLISHED = "established"
NOT_REQUIRED = "not_required"
ELEMENT_VALUES = (UNKNOWN, INDICATED, ESTABLISHED, NOT_REQUIRED)


def assessment_gaps(act: str, means: str, purpose: str, minor: bool) -> list[str]:
    """The elements of art. 273f Sr that are not yet indicated. For a minor victim the means
    element is not required (legal-texts.md); Schakel shows gaps, it never decides guilt."""
    elements = {"act": act, "means": NOT_REQUIRED if minor else means, "purpose": purpose}
    return [name for name, value in elements.items() if value == UNKNOWN]
