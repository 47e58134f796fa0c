# SPDX-License-Identifier: EUPL-1.2
"""Kept for old imports: small-count suppression lives in :mod:`schakel.reporting.suppression`
(the one module every aggregate outside casework uses); the deployment threshold is applied by
:mod:`schakel.reporting.protection`."""

from __future__ import annotations

from schakel.reporting.suppression import DEFAULT_THRESHOLD, is_suppressed, suppress

__all__ = ["DEFAULT_THRESHOLD", "is_suppressed", "suppress"]
