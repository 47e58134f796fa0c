# SPDX-License-Identifier: EUPL-1.2
"""``{% linking_panel signal %}`` / ``{% linking_panel case=case %}``: the links of a signal or
case, so the host templates change by one line."""

from __future__ import annotations

from django import template

from schakel.linking.panel import panel

register = template.Library()


@register.inclusion_tag("linking/_panel.html", takes_context=True)
def linking_panel(context, signal=None, case=None):
    request = context.get("request")
    user = request.user if request is not None else context.get("user")
    if case is not None:
        signals = list(case.signals.all())
    else:
        signals = [signal] if signal is not None else []
    return {**panel(user, signals, request=request, case=case), "csrf_token":
            context.get("csrf_token"), "request": request}
