# SPDX-License-Identifier: EUPL-1.2
"""Case exports in standard form: HTCDS (record-level with a legal basis, or k-anonymous) and
the CoMensha registration checklist with the consent status. See docs/exports.md."""
