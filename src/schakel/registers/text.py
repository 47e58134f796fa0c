# SPDX-License-Identifier: EUPL-1.2
"""Numbers written the Dutch way in reports (the UI language is Dutch)."""

from __future__ import annotations


def nl_int(number: int) -> str:
    """Thousands separated by dots: 18.000.000."""
    return f"{number:,}".replace(",", ".")


def nl_seconds(seconds: float) -> str:
    """Seconds with a decimal comma: 0,4 s."""
    return f"{seconds:.1f} s".replace(".", ",")
