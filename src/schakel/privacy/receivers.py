# SPDX-License-Identifier: EUPL-1.2
"""When an attachment row goes (its signal or case was deleted), its encrypted file goes too."""

from __future__ import annotations

from django.db import transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver

from schakel.privacy.models import Attachment


@receiver(post_delete, sender=Attachment)
def remove_file(sender, instance: Attachment, **kwargs) -> None:
    from schakel.privacy.attachments import remove_blob

    transaction.on_commit(lambda: remove_blob(instance))
