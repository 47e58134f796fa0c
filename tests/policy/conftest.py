# SPDX-License-Identifier: EUPL-1.2
"""Fixtures for the policy tests: closed cases with barrier phases, made with the casework
services exactly as a coordinator closes them."""

from __future__ import annotations

import pytest

from schakel.cases import services as case_services
from schakel.signals import services as signal_services


@pytest.fixture
def close_cases(world):
    """``close_cases([["housing"], ["housing", "work"], ...])``: one closed case per list, in
    Alblasserdam, closed by the demo coordinator with those barrier phases."""

    def _close(phase_lists: list[list[str]], username: str = "coordinator") -> list:
        coordinator = world[username]
        cases = []
        for index, phases in enumerate(phase_lists):
            signal, _ = signal_services.register_signal(
                world["melder"], signal_services.SignalInput(
                    description=f"Testsignaal {index} over overbewoning."))
            case = case_services.open_case(coordinator, signal, title=f"Testcasus {index}")
            cases.append(case_services.move_case(
                case, coordinator, "closed", reason="Afgerond.",
                outcome_code="bestuurlijke-maatregel", barrier_phases=phases))
        return cases

    return _close
