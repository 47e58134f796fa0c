# SPDX-License-Identifier: EUPL-1.2
"""Record matching for persons and organisations, in plain Python (no Django).

The engine follows Fellegi–Sunter: every candidate pair gets a comparison vector (one agreement
level per field), each level carries a weight log2(m/u), and the sum plus a prior gives a match
probability. The same comparison code serves two entry points:

- :class:`schakel.matching.resolver.Resolver` resolves one new mention against indexed persons
  (the intake screen: "is this the same person as one we know?").
- :func:`schakel.matching.batch.deduplicate` and :func:`schakel.matching.batch.link` score and
  cluster whole data sets (register imports, periodic de-duplication).

``docs/linkage.md`` explains the design choices and the measured quality and speed.
"""

from schakel.matching.records import OrganisationRecord, PersonRecord

__all__ = ["OrganisationRecord", "PersonRecord"]
