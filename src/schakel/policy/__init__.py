# SPDX-License-Identifier: EUPL-1.2
"""The policy cycle: barrier models and their assessment, the BBA self-assessment, the awareness
training registry and the signal card. Aggregates only: no personal data enters this app."""
