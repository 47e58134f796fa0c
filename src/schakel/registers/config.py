# SPDX-License-Identifier: EUPL-1.2
"""Scan settings: the documented defaults in ``defaults.yaml`` plus a municipality's changes.

The settings are the whole algorithm, so they are validated strictly: an unknown key or a value
of the wrong type is an error, not something silently ignored, because a typo in a threshold
would otherwise change a worklist without anyone noticing.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

RULE_CODES = ("occupancy", "churn", "non_residential", "risk_business", "known")
_COMMON = ("enabled", "weight", "standalone")


class ConfigError(ValueError):
    """The settings file is not valid; the message names the key."""


@dataclass(frozen=True)
class RuleConfig:
    code: str
    enabled: bool
    weight: float
    standalone: bool
    params: dict[str, Any]


@dataclass(frozen=True)
class ScanConfig:
    min_score: float
    rules: dict[str, RuleConfig]

    def rule(self, code: str) -> RuleConfig:
        return self.rules[code]

    def as_dict(self) -> dict[str, Any]:
        """The settings in the shape of the YAML file (for the scan log and JSON output)."""
        return {
            "min_score": self.min_score,
            "rules": {
                code: {"enabled": rule.enabled, "weight": rule.weight,
                       "standalone": rule.standalone, **copy.deepcopy(rule.params)}
                for code, rule in self.rules.items()
            },
        }


def defaults_text() -> str:
    return resources.files("schakel.registers").joinpath("defaults.yaml").read_text("utf-8")


def default_config() -> ScanConfig:
    return _build(yaml.safe_load(defaults_text()))


def load_config(path: Path | str | None = None, overrides: dict[str, Any] | None = None
                ) -> ScanConfig:
    """Defaults, then the YAML file at ``path``, then ``overrides`` (same shape)."""
    merged = yaml.safe_load(defaults_text())
    if path is not None:
        try:
            content = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
        except yaml.YAMLError as exc:
            raise ConfigError(f"{path}: geen geldige YAML ({exc})") from exc
        merged = _merge(merged, content, where=str(path))
    if overrides:
        merged = _merge(merged, overrides, where="overrides")
    return _build(merged)


def _merge(base: dict[str, Any], change: Any, *, where: str) -> dict[str, Any]:
    """Merge ``change`` into ``base``; keys must exist and types must match the defaults.

    Lists and the SBI risk list are replaced whole: a municipality that lists its own risk
    codes means exactly those codes.
    """
    if not isinstance(change, dict):
        raise ConfigError(f"{where}: verwacht instellingen met namen, niet {change!r}")
    merged = dict(base)
    for key, value in change.items():
        path = f"{where}.{key}"
        if key not in base:
            raise ConfigError(f"{path}: onbekende instelling")
        if key == "sbi_codes":
            merged[key] = _sbi_mapping(value, path)
        elif isinstance(base[key], dict):
            merged[key] = _merge(base[key], value, where=path)
        else:
            merged[key] = _checked_value(base[key], value, path)
    return merged


def _sbi_mapping(value: Any, where: str) -> dict[str, str]:
    if not isinstance(value, dict):
        raise ConfigError(f"{where}: verwacht SBI-codes met een omschrijving")
    for code in value:
        if not isinstance(code, str):
            # an unquoted 0113 is read by YAML as the octal number 75
            raise ConfigError(f"{where}: zet SBI-code {code!r} tussen aanhalingstekens")
    return {code: str(label) for code, label in value.items()}


def _checked_value(default: Any, value: Any, where: str) -> Any:
    if isinstance(default, bool):
        if not isinstance(value, bool):
            raise ConfigError(f"{where}: verwacht true of false, niet {value!r}")
    elif isinstance(default, int | float):
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ConfigError(f"{where}: verwacht een getal, niet {value!r}")
        if value < 0:
            raise ConfigError(f"{where}: mag niet negatief zijn")
    elif isinstance(default, list):
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            raise ConfigError(f"{where}: verwacht een lijst van teksten")
    return value


def _build(data: dict[str, Any]) -> ScanConfig:
    rules = {}
    for code in RULE_CODES:
        raw = dict(data["rules"][code])
        common = {key: raw.pop(key) for key in _COMMON}
        rules[code] = RuleConfig(code=code, params=raw, **common)
    _check_sbi(rules["risk_business"].params["sbi_codes"])
    return ScanConfig(min_score=data["min_score"], rules=rules)


def _check_sbi(codes: dict[str, str]) -> None:
    for code in codes:
        if not (code.isdigit() and 2 <= len(code) <= 5):
            raise ConfigError(f"sbi_codes: {code!r} is geen SBI-code van 2 tot 5 cijfers zonder "
                              "punten")
