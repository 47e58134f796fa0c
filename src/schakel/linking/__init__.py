# SPDX-License-Identifier: EUPL-1.2
"""Entities and links: every subject mentioned in a signal resolved to one canonical record."""
