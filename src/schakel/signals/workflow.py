# SPDX-License-Identifier: EUPL-1.2
"""The signal life cycle as one reviewable table (pure Python, no Django).

Each allowed move says why it exists. Moves not in the table are refused. A linked signal
belongs to a case from then on: its follow-up is the case's, so there is no move out of it.
"""

from __future__ import annotations

from dataclasses import dataclass

RECEIVED = "received"
IN_TRIAGE = "in_triage"
NO_FOLLOW_UP = "no_follow_up"
FORWARDED = "forwarded"
LINKED = "linked"
STATUSES = (RECEIVED, IN_TRIAGE, NO_FOLLOW_UP, FORWARDED, LINKED)


@dataclass(frozen=True)
class Transition:
    source: str
    target: str
    why: str
    needs_reason: bool = False  # a catalogue reason (no-follow-up reasons)
    needs_organisation: bool = False  # to whom it was forwarded
    needs_explanation: bool = False  # free text, e.g. why a closed signal is reopened
    needs_case: bool = False  # the case it joins (casework triage only)


TRANSITIONS: tuple[Transition, ...] = (
    Transition(RECEIVED, IN_TRIAGE, "The coordinator starts assessing the signal."),
    Transition(RECEIVED, FORWARDED,
               "Acute danger: hand over at once (police, Veilig Thuis) without full triage.",
               needs_organisation=True),
    Transition(RECEIVED, NO_FOLLOW_UP,
               "Obviously out of scope (duplicate, withdrawn); a catalogue reason is required.",
               needs_reason=True),
    Transition(IN_TRIAGE, NO_FOLLOW_UP,
               "Assessment finds no reason to act; the reason starts the retention clock.",
               needs_reason=True),
    Transition(IN_TRIAGE, FORWARDED,
               "Assessment shows another organisation must act now.", needs_organisation=True),
    Transition(RECEIVED, LINKED,
               "Clearly part of a running case: added to it without separate assessment.",
               needs_case=True),
    Transition(IN_TRIAGE, LINKED,
               "Assessment opens a new case for it or adds it to a running case.",
               needs_case=True),
    Transition(NO_FOLLOW_UP, IN_TRIAGE,
               "New information: the decision is reopened, with an explanation.",
               needs_explanation=True),
    Transition(FORWARDED, IN_TRIAGE,
               "The receiving organisation hands it back, or follow-up is needed after all.",
               needs_explanation=True),
)

_BY_EDGE = {(t.source, t.target): t for t in TRANSITIONS}


class TransitionError(ValueError):
    """A move that the table does not allow, or that misses what the table requires."""

    def __init__(self, message: str, allowed: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.allowed = allowed


def allowed_targets(source: str) -> tuple[str, ...]:
    return tuple(t.target for t in TRANSITIONS if t.source == source)


def check_transition(
    source: str, target: str, *, has_reason: bool, has_organisation: bool, has_explanation: bool,
    has_case: bool = False,
) -> Transition:
    """Return the transition from ``source`` to ``target`` or raise :class:`TransitionError`."""
    if target not in STATUSES:
        raise TransitionError(f"unknown status {target!r}", allowed_targets(source))
    transition = _BY_EDGE.get((source, target))
    if transition is None:
        raise TransitionError(f"{source} → {target} is not allowed", allowed_targets(source))
    if transition.needs_reason and not has_reason:
        raise TransitionError("a reason is required")
    if transition.needs_organisation and not has_organisation:
        raise TransitionError("the receiving organisation is required")
    if transition.needs_explanation and not has_explanation:
        raise TransitionError("an explanation is required")
    if transition.needs_case and not has_case:
        raise TransitionError("the case is required")
    return transition
