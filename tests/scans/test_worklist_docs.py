# SPDX-License-Identifier: EUPL-1.2
"""The algorithm description's worklist section says what the code does."""

from __future__ import annotations

from pathlib import Path

from schakel import scope
from schakel.accounts.roles import ROLES
from schakel.scans import describe, services

DOC = Path(__file__).resolve().parents[2] / "docs" / "algorithm-register-scans.md"


def test_the_worklist_section_names_permission_purpose_and_fingerprint():
    text = DOC.read_text(encoding="utf-8")
    section = text.split("## In the product: the worklist", 1)[1]
    assert f"`{scope.WORK_WORKLIST}`" in section
    assert f"`{services.PURPOSE}`" in section
    for key in describe.SETTING_KEYS | describe.CONTEXT_RULES:
        assert f"`{key}`" in section


def test_only_the_coordinator_role_has_the_worklist():
    holders = [role.code for role in ROLES if scope.WORK_WORKLIST in role.permissions]
    assert holders == ["coordinator"]
