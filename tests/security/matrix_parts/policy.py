# SPDX-License-Identifier: EUPL-1.2
"""Access-matrix rows for the findings of a closed case per barrier (policy app, casework
side): only the coordinator who runs the case may open or post them; everyone else, the
analyst included, gets 404, like any case they cannot manage. Objects: the matrix's open
cases in Alblasserdam and Papendrecht, and one closed Alblasserdam case with phase housing."""

from __future__ import annotations


def build(world) -> str:
    from schakel.cases import services as cases
    from schakel.signals import services as signals

    signal, _ = signals.register_signal(world.users["melder"], signals.SignalInput(
        description="Overbewoning in een bedrijfspand (matrix).", municipality_code="0482"))
    case = cases.open_case(world.users["coordinator"], signal, title="Gesloten matrixcasus")
    case = cases.move_case(case, world.users["coordinator"], "closed", reason="Afgerond.",
                           outcome_code=world.outcome_code, barrier_phases=["housing"])
    return case.reference


FINDINGS = {
    "alb": lambda w: {"reference": w.case_alb.reference},
    "pap": lambda w: {"reference": w.case_pap.reference},
    "closed-alb": lambda w: {"reference": w.extra["policy"]},
}
G, P, GP = ("GET",), ("POST",), ("GET", "POST")

ROUTES = {
    "policy:case_findings": (FINDINGS, GP),
}

MATRIX: dict[str, dict[str, int]] = {
    "GET policy:case_findings[alb]": {"anon": 302, "coordinator": 200, "*": 404},
    "GET policy:case_findings[pap]": {"anon": 302, "coordinator-papendrecht": 200, "*": 404},
    "GET policy:case_findings[closed-alb]": {"anon": 302, "coordinator": 200, "*": 404},
    # an open case takes no findings yet (400); an empty form on a closed case is shown again
    "POST policy:case_findings[alb]": {"anon": 302, "coordinator": 400, "*": 404},
    "POST policy:case_findings[pap]": {"anon": 302, "coordinator-papendrecht": 400, "*": 404},
    "POST policy:case_findings[closed-alb]": {"anon": 302, "coordinator": 200, "*": 404},
}
