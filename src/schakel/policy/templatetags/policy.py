# SPDX-License-Identifier: EUPL-1.2
"""Template filters of the policy pages: small-count suppression and status labels."""

from __future__ import annotations

from django import template

from schakel.policy import rules
from schakel.policy.models import status_label as _status_label
from schakel.reporting.protection import suppress as _suppress

register = template.Library()


@register.filter
def suppress(count: int | None) -> str:
    """``{{ n|suppress }}``: 1–4 shown as "<5" (see :mod:`schakel.reporting.suppression`)."""
    return _suppress(count)


@register.filter
def status_label(code: str) -> str:
    return _status_label(code)


@register.filter
def status_symbol(code: str) -> str:
    return rules.SYMBOLS.get(code, "?")


@register.inclusion_tag("policy/_case_findings_card.html")
def case_barrier_findings(case) -> dict:
    """``{% case_barrier_findings case %}``: on a closed case's page, the findings about
    barriers recorded so far and the link to record them."""
    from schakel.policy.services import current_case_findings

    findings = [row for row in current_case_findings(case).values() if row.finding != "none"]
    return {"case": case, "findings": sorted(findings, key=lambda r: (
        r.barrier.step.model.order, r.barrier.step.order, r.barrier.order))}
