# SPDX-License-Identifier: EUPL-1.2
"""Monitoring and reporting: dashboards, council letter, regional figures, reporting API."""
