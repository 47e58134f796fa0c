# SPDX-License-Identifier: EUPL-1.2
"""Schakel: signals, cases and chain cooperation for the municipal approach to human trafficking."""

__version__ = "0.1.0"
