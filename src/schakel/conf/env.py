# SPDX-License-Identifier: EUPL-1.2
"""Reading configuration from the environment.

Every variable goes through :func:`env` so that the set of names read is known: a test compares
it with the table in ``docs/configuration.md`` and fails when a variable is undocumented.
"""

from __future__ import annotations

import os

READ_VARIABLES: set[str] = set()

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env(name: str, default: str = "") -> str:
    """Return the environment variable ``name`` or ``default``, and remember the name."""
    READ_VARIABLES.add(name)
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    """Read a yes/no variable; an unreadable value is an error rather than a silent default."""
    raw = env(name, "1" if default else "0").strip().lower()
    if raw in _TRUE:
        return True
    if raw in _FALSE:
        return False
    raise ValueError(f"{name} must be true or false, not {raw!r}")


def env_list(name: str, default: str = "") -> list[str]:
    """Read a comma-separated list, ignoring blanks."""
    return [part.strip() for part in env(name, default).split(",") if part.strip()]


def env_int(name: str, default: int) -> int:
    return int(env(name, str(default)))
