# SPDX-License-Identifier: EUPL-1.2
"""Values every template needs: theme, demo banner, and which menu items the user may use."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest

from schakel import scope


def schakel(request: HttpRequest) -> dict:
    user = getattr(request, "user", None)
    signed_in = bool(user and user.is_authenticated)
    return {
        "theme_css": settings.SCHAKEL_THEME_CSS,
        "theme_class": settings.SCHAKEL_THEME_CLASS,
        "demo_mode": settings.SCHAKEL_DEMO,
        "menu": {
            "report": signed_in and scope.can_report(user),
            "inbox": signed_in and scope.can_work_inbox(user),
            "admin": signed_in and user.is_staff,
            # policy cycle for analysts and coordinators; the signal card for everyone signed in
            "policy": signed_in and scope.has(user, "policy.work_policy"),
            # casework: cases and dashboard for coordinators, referrals for partner handlers
            "cases": signed_in and scope.can_manage_cases(user),
            "referrals": signed_in and (scope.can_manage_cases(user)
                                        or scope.has(user, scope.HANDLE_REFERRAL)),
            "conferences": signed_in and (scope.can_manage_cases(user)
                                          or scope.visible_conferences(user).exists()),
            # register-scan worklist: coordinators only
            "scans": signed_in and scope.has(user, "scans.work_worklist"),
            # access-log viewer: the privacy officer
            "audit": signed_in and scope.has(user, "audit.view_accessevent"),
        },
    }
