# SPDX-License-Identifier: EUPL-1.2
"""Configuration: every environment variable is documented, production refuses unsafe values."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from schakel.conf.env import READ_VARIABLES

ROOT = Path(__file__).resolve().parents[2]


def documented_variables() -> set[str]:
    text = (ROOT / "docs" / "configuration.md").read_text(encoding="utf-8")
    return set(re.findall(r"^\| `([A-Z_]+)` \|", text, flags=re.MULTILINE))


def test_every_variable_read_is_documented():
    import schakel.conf.base  # noqa: F401  (reads the variables)

    assert READ_VARIABLES, "settings read no variables?"
    assert READ_VARIABLES - documented_variables() == set()


def test_no_documented_variable_is_stale():
    import schakel.conf.base  # noqa: F401

    assert documented_variables() - READ_VARIABLES - {"DJANGO_SETTINGS_MODULE"} == set()


def _import_production(**env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG"}}
    return subprocess.run(
        [sys.executable, "-c", "import schakel.conf.production"],
        env={**clean, **env}, capture_output=True, text=True, check=False,
    )


def test_production_refuses_the_demo_secret():
    result = _import_production()
    assert result.returncode != 0 and "SECRET_KEY" in result.stderr


def test_production_refuses_debug():
    result = _import_production(SECRET_KEY="x" * 50, DEBUG="true")
    assert result.returncode != 0 and "DEBUG" in result.stderr


def _real_secrets() -> dict[str, str]:
    """Every secret production insists on, freshly made (none of the demo's)."""
    from cryptography.fernet import Fernet

    return {"SECRET_KEY": "k" * 50, "SCHAKEL_FERNET_KEYS": Fernet.generate_key().decode(),
            "SCHAKEL_HASH_KEY": "h" * 64}


def test_production_starts_with_real_secrets():
    result = _import_production(**_real_secrets())
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("missing", ["SCHAKEL_FERNET_KEYS", "SCHAKEL_HASH_KEY"])
def test_production_refuses_to_start_without_each_key(missing):
    secrets = {k: v for k, v in _real_secrets().items() if k != missing}
    result = _import_production(**secrets)
    assert result.returncode != 0 and missing in result.stderr


def test_every_cli_command_is_in_the_readme_or_docs():
    from schakel.cli import USAGE

    docs = (ROOT / "docs" / "operations.md").read_text(encoding="utf-8")
    for line in USAGE.splitlines():
        match = re.match(r"\s{2}([a-z]+(?: [a-z]+)?)", line)
        if match and not match.group(1).startswith("django"):
            assert f"schakel {match.group(1)}" in docs, match.group(1)
