# SPDX-License-Identifier: EUPL-1.2
"""Access-matrix rows for casework API routes added after the core table: the conference
minutes as PDF through the API. Same rule as the web page ``cases:conference_minutes``: the
coordinators of the conference's municipality and confirmed participants inside their access
window (the police handler of the Alblasserdam conference) get the PDF; the NLA inspector,
invited but not confirmed, and everyone else get 404; anonymous callers 401."""

from __future__ import annotations

CONFERENCE = {"alb": lambda w: {"pk": w.conf_alb.pk}, "pap": lambda w: {"pk": w.conf_pap.pk}}
G = ("GET",)

ROUTES = {
    "conference-minutes": (CONFERENCE, G),
}

MATRIX = {
    "GET conference-minutes[alb]": {"anon": 401, "coordinator": 200, "handler": 200, "*": 404},
    "GET conference-minutes[pap]": {"anon": 401, "coordinator-papendrecht": 200, "*": 404},
}
