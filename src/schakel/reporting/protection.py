# SPDX-License-Identifier: EUPL-1.2
"""Which suppression policy applies where: the Django side of :mod:`.suppression`.

- The coordinator's own dashboard (casework, within scope): exact counts.
- The analyst, the reporting API for the analyst, regional exports: suppressed ("<5").
- Documents for the council or the public (council letter): suppressed *and* rounded to 5.

The threshold is one deployment setting (``SCHAKEL_SUPPRESSION_THRESHOLD``, default 5).
"""

from __future__ import annotations

from django.conf import settings

from schakel import scope
from schakel.reporting.suppression import Policy, protect_value

VIEW_AGGREGATES = "signals.view_aggregates"


def threshold() -> int:
    return int(getattr(settings, "SCHAKEL_SUPPRESSION_THRESHOLD", 5))


def internal_policy() -> Policy:
    """Suppressed, not rounded: the analyst's dashboard, the API, regional exports."""
    return Policy(threshold=threshold())


def public_policy() -> Policy:
    """Suppressed and rounded to 5: the council letter and anything published."""
    return Policy(threshold=threshold(), rounding=5)


def exact_policy() -> Policy:
    return Policy(threshold=0, complementary=False)


def sees_exact(user) -> bool:
    """The coordinator works the cases and may see exact counts within scope."""
    return scope.has(user, scope.VIEW_SCOPE_SIGNALS)


def can_view_reports(user) -> bool:
    return scope.has(user, VIEW_AGGREGATES) or scope.has(user, scope.VIEW_SCOPE_SIGNALS)


def dashboard_policy(user) -> Policy:
    return exact_policy() if sees_exact(user) else internal_policy()


def suppress(count: int | None) -> str:
    """A loose count as text with the deployment's threshold (policy pages use this)."""
    if count is None:
        return ""
    return protect_value(count, internal_policy()).display
