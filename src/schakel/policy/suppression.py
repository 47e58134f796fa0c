# SPDX-License-Identifier: EUPL-1.2
"""Small-count suppression for figures shown outside casework.

Why: in a municipality of 20,000 inhabitants "2 closed cases with a housing finding" can point
to a known address or family. Following reporting-interop.md §4.5 (and the OMOP/Statistics
Denmark norm of §4.3) a count from 1 to 4 is shown as "<5"; 0 may be shown, because "nothing
happened" reveals nobody. The reporting module will later generalise this helper (threshold per
deployment, complementary suppression in tables); until then every policy page, PDF and API
figure that is derived from cases or signals goes through :func:`suppress`.
"""

from __future__ import annotations

DEFAULT_THRESHOLD = 5


def suppress(count: int | None, threshold: int = DEFAULT_THRESHOLD) -> str:
    """The count as text, with 1 … ``threshold - 1`` replaced by ``"<threshold"``.

    >>> suppress(0), suppress(3), suppress(5), suppress(12)
    ('0', '<5', '5', '12')
    >>> suppress(None)
    ''
    """
    if count is None:
        return ""
    if count < 0:
        raise ValueError("a count cannot be negative")
    if 0 < count < threshold:
        return f"<{threshold}"
    return str(count)


def is_suppressed(count: int | None, threshold: int = DEFAULT_THRESHOLD) -> bool:
    """True when :func:`suppress` hides the exact value."""
    return count is not None and 0 < count < threshold
