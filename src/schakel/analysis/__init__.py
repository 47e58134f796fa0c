# SPDX-License-Identifier: EUPL-1.2
"""Pure-Python text analysis for Dutch signals (no Django imports)."""
