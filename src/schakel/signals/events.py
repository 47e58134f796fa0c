# SPDX-License-Identifier: EUPL-1.2
"""Events the signal services emit after a change is committed; later modules (linking,
suggestions, notifications) subscribe to them instead of being called from the services."""

from django.dispatch import Signal as Event

signal_registered = Event()  # sender=Signal class, signal=<Signal>
signal_status_changed = Event()  # sender=Signal class, signal=<Signal>, change=<SignalStatusChange>
