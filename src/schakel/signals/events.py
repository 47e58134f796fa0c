# SPDX-License-Identifier: EUPL-1.2
"""Events the signal services emit after a change is committed; later modules (linking,
suggestions, notifications) subscribe to them instead of being called from the services."""

from django.dispatch import Signal as Event

signal_registered = Event()  # sender=Signal class, instance=<Signal>
# sender=Signal class, instance=<Signal>, change=<SignalStatusChange>
signal_status_changed = Event()
