# SPDX-License-Identifier: EUPL-1.2
"""Fixtures for the privacy tests: a throw-away attachment directory and a few files."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def attachment_dir(settings, tmp_path):
    settings.SCHAKEL_ATTACHMENT_DIR = tmp_path / "bijlagen"
    return settings.SCHAKEL_ATTACHMENT_DIR


PNG = b"\x89PNG\r\n\x1a\n" + b"GEHEIME-FOTO-INHOUD" * 20
