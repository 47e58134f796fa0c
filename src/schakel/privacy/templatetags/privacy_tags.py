# SPDX-License-Identifier: EUPL-1.2
"""``{% attachments_block signal_or_case %}``: the attachments section of a detail page.

The signal and case pages include ``privacy/_attachments.html`` with ``owner`` set; this tag
asks :mod:`schakel.scope` what the user may see and do, so those pages need no extra context.
"""

from __future__ import annotations

from django import template
from django.conf import settings
from django.urls import reverse

from schakel import scope
from schakel.privacy.forms import AttachmentForm

register = template.Library()


@register.inclusion_tag("privacy/_attachments_block.html", takes_context=True)
def attachments_block(context, owner) -> dict:
    user = context["request"].user
    is_signal = owner._meta.model_name == "signal"
    visible = scope.visible_attachments(user).filter(**{"signal" if is_signal else "case": owner})
    can_add = (scope.can_attach_to_signal(user, owner) if is_signal
               else scope.can_attach_to_case(user, owner))
    upload = "privacy:signal_upload" if is_signal else "privacy:case_upload"
    return {"rows": list(visible.select_related("uploaded_by")), "can_add": can_add,
            "form": AttachmentForm(), "upload_url": reverse(upload, args=[owner.reference]),
            "max_mb": settings.SCHAKEL_ATTACHMENT_MAX_MB, "csrf_token": context.get("csrf_token"),
            "request": context["request"]}
