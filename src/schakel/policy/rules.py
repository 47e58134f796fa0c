# SPDX-License-Identifier: EUPL-1.2
"""Pure rules of the policy cycle (no Django): assessment statuses, how the barriers of a step
add up to the step's colour, how closed cases are counted per step, and training coverage.

Kept apart from the models so the rules are cheap to test and to read in one place.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

# Assessment status codes, shared by barriers and BBA checklist items.
ABSENT = "absent"
PARTLY = "partly"
IN_PLACE = "in_place"
NOT_APPLICABLE = "not_applicable"
NOT_ASSESSED = "not_assessed"  # no assessment row yet; never stored
STATUSES = (ABSENT, PARTLY, IN_PLACE, NOT_APPLICABLE)

# Colours used on screen, in the SVG and in the PDFs. Each has a fill (light, so black text stays
# readable when printed) and a stroke (dark, so the status survives black-and-white printing
# together with the symbol).
COLOURS: dict[str, tuple[str, str]] = {
    IN_PLACE: ("#d7efd9", "#1e6b2e"),
    PARTLY: ("#fdebc2", "#8a5a00"),
    ABSENT: ("#f9d6d3", "#a1221a"),
    NOT_APPLICABLE: ("#e6e6e6", "#5c5c5c"),
    NOT_ASSESSED: ("#ffffff", "#5c5c5c"),
}
SYMBOLS = {IN_PLACE: "✓", PARTLY: "±", ABSENT: "✗", NOT_APPLICABLE: "–", NOT_ASSESSED: "?"}


def fill(status: str) -> str:
    return COLOURS.get(status, COLOURS[NOT_ASSESSED])[0]


def stroke(status: str) -> str:
    return COLOURS.get(status, COLOURS[NOT_ASSESSED])[1]


def step_status(barrier_statuses: Iterable[str]) -> str:
    """The status of a step from its barriers.

    Not-applicable and not-yet-assessed barriers do not count. All remaining barriers in place
    gives *in place*, all absent gives *absent*, any mix gives *partly*. A step without any
    applicable assessed barrier is *not assessed* (or *not applicable* when every barrier was
    marked so), so an empty step never looks safe.
    """
    statuses = list(barrier_statuses)
    counted = [s for s in statuses if s in {ABSENT, PARTLY, IN_PLACE}]
    if not counted:
        if statuses and all(s == NOT_APPLICABLE for s in statuses):
            return NOT_APPLICABLE
        return NOT_ASSESSED
    if all(s == IN_PLACE for s in counted):
        return IN_PLACE
    if all(s == ABSENT for s in counted):
        return ABSENT
    return PARTLY


def cases_per_step(case_phase_lists: Iterable[Sequence[str]],
                   step_phases: Mapping[str, Sequence[str]]) -> dict[str, int]:
    """How many cases touch each step: a case counts once for a step when any of its barrier
    phases (entry, identity, housing, work, finances) is mapped to that step.

    ``step_phases`` maps a step code to the case phases it covers.
    """
    counts = {step: 0 for step in step_phases}
    wanted = {step: set(phases) for step, phases in step_phases.items()}
    for phases in case_phase_lists:
        found = set(phases or ())
        for step, mapped in wanted.items():
            if found & mapped:
                counts[step] += 1
    return counts


def coverage_percent(trained: int, staff: int) -> int | None:
    """Share of staff in risk-facing roles reached by training, capped at 100 (the same person
    may attend twice, so participants can exceed staff). ``None`` when no staff was entered."""
    if staff <= 0:
        return None
    return min(100, round(100 * trained / staff))
