# SPDX-License-Identifier: EUPL-1.2
"""Settings: strict validation, because a typo in a threshold silently changes a worklist."""

from __future__ import annotations

import pytest

from schakel.registers.config import ConfigError, default_config, load_config


def test_the_defaults_follow_the_documented_sources():
    config = default_config()
    assert config.rule("occupancy").params["norm_m2"] == 12  # Bouwbesluit 2012 art. 7.18
    assert config.rule("churn").params["threshold"] == 8
    assert not config.rule("risk_business").standalone
    assert not config.rule("known").standalone
    assert "7820" in config.rule("risk_business").params["sbi_codes"]


def test_a_settings_file_changes_only_what_it_names(tmp_path):
    path = tmp_path / "scans.yaml"
    path.write_text("rules:\n  occupancy:\n    norm_m2: 10\n    weight: 5\n", encoding="utf-8")
    config = load_config(path)
    assert config.rule("occupancy").params["norm_m2"] == 10
    assert config.rule("occupancy").weight == 5
    assert config.rule("churn") == default_config().rule("churn")


def test_an_own_risk_list_replaces_the_default_one(tmp_path):
    path = tmp_path / "scans.yaml"
    path.write_text('rules:\n  risk_business:\n    sbi_codes:\n      "9602": nagelstudio\n',
                    encoding="utf-8")
    assert load_config(path).rule("risk_business").params["sbi_codes"] == {"9602": "nagelstudio"}


@pytest.mark.parametrize(("text", "message"), [
    ("rules:\n  churn:\n    treshold: 5\n", "onbekende instelling"),
    ("rules:\n  churn:\n    threshold: veel\n", "verwacht een getal"),
    ("rules:\n  churn:\n    threshold: -1\n", "negatief"),
    ("rules:\n  known:\n    standalone: ja\n", "true of false"),
    ("rules:\n  risk_business:\n    sbi_codes:\n      0113: groente\n", "aanhalingstekens"),
    ('rules:\n  risk_business:\n    sbi_codes:\n      "78.20": x\n', "zonder punten"),
    ("min_score: [1]\n", "verwacht een getal"),
    ("rules: [", "geen geldige YAML"),
])
def test_invalid_settings_are_refused(tmp_path, text, message):
    path = tmp_path / "scans.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match=message):
        load_config(path)
