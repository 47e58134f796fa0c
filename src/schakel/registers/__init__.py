# SPDX-License-Identifier: EUPL-1.2
"""Municipal registers (BRP, BAG, KvK, permits) and the risk scans over them.

Everything here is plain Python plus DuckDB and runs without Django, so that the national-scale
imports and scans can be run, tested and benchmarked on their own. A scan produces a ranked,
explained worklist of addresses that are *worth a look*; it never produces a finding about a
person. See ``docs/algorithm-register-scans.md`` for the algorithm-register description.
"""
