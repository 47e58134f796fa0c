# SPDX-License-Identifier: EUPL-1.2
"""The register documentation says what the code does: columns, rules, defaults, licence."""

from __future__ import annotations

import re
from pathlib import Path

from schakel.registers.config import RULE_CODES, default_config
from schakel.registers.formats import FORMATS

ROOT = Path(__file__).resolve().parents[2]
FORMATS_DOC = ROOT / "docs" / "registers-formats.md"
ALGORITHM_DOC = ROOT / "docs" / "algorithm-register-scans.md"


def test_every_column_of_every_format_is_documented():
    text = FORMATS_DOC.read_text(encoding="utf-8")
    for fmt in FORMATS.values():
        assert f"## `{fmt.kind}`" in text, fmt.kind
        for field in fmt.fields:
            assert f"| `{field.name}` |" in text, (fmt.kind, field.name)


def test_every_rule_and_its_weight_is_documented():
    text = ALGORITHM_DOC.read_text(encoding="utf-8")
    config = default_config()
    for code in RULE_CODES:
        rule = config.rule(code)
        assert f"| `{code}` |" in text, code
        standalone = "yes" if rule.standalone else "no"
        assert re.search(rf"^\| {code} \| {rule.weight} \| {standalone} \|$", text, re.M), code


def test_the_documented_defaults_are_the_configured_ones():
    text = ALGORITHM_DOC.read_text(encoding="utf-8")
    config = default_config()
    assert f"less than **{config.rule('occupancy').params['norm_m2']} m²**" in text
    assert f"**{config.rule('churn').params['threshold']}** or more registrations" in text
    # the issue defines churn as counting registrations; grouping is an option, documented
    assert config.rule("churn").params["group_same_day"] is False
    assert "Option, off by default: `group_same_day: true`" in text
    assert f"**{config.rule('churn').params['months']} months**" in text
    assert f"`min_score` ({config.min_score})" in text


def test_every_file_of_the_package_carries_the_licence():
    for path in (ROOT / "src" / "schakel" / "registers").rglob("*"):
        if path.is_dir() or "__pycache__" in path.parts or path.suffix == ".license":
            continue
        if path.suffix == ".csv":
            path = path.with_name(path.name + ".license")
        assert "SPDX-License-Identifier: EUPL-1.2" in path.read_text("utf-8").splitlines()[0], path
