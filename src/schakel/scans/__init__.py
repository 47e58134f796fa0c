# SPDX-License-Identifier: EUPL-1.2
"""The register-scan worklist: the Django side of :mod:`schakel.registers`."""
