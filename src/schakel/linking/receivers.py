# SPDX-License-Identifier: EUPL-1.2
"""Resolution hooked onto signal registration (the signal services know nothing of linking)."""

from __future__ import annotations

import logging

from django.db import transaction
from django.dispatch import receiver

from schakel.signals import events
from schakel.signals.models import Signal

logger = logging.getLogger(__name__)


@receiver(events.signal_registered)
def _resolve_on_intake(sender, instance: Signal, **kwargs) -> None:
    """Resolve the new signal's subjects. A failure here must never lose a signal: it is
    logged (without content) and the signal stays unresolved, to be resolved again later."""
    from schakel.linking.services import resolve_signal

    try:
        with transaction.atomic():
            resolve_signal(instance)
    except Exception as error:  # noqa: BLE001 - intake must not fail on linking
        logger.error("linking: resolving signal %s failed (%s)", instance.pk,
                     type(error).__name__)
