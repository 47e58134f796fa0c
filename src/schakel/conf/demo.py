# SPDX-License-Identifier: EUPL-1.2
"""The demo that ``make run`` serves: embedded SQLite, demo accounts, a banner on every page."""

from schakel.conf.base import *  # noqa: F403

SCHAKEL_DEMO = True
