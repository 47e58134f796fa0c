# SPDX-License-Identifier: EUPL-1.2
"""Who may see which scan runs and hits.

These belong in :mod:`schakel.scope` (the one place that decides what a user may see); they live
here until they are moved there, and they only build on ``scope``'s own functions. As in scope,
a run or hit outside the user's municipalities is answered with 404, not 403.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import Http404

from schakel import scope
from schakel.accounts.models import Municipality, User
from schakel.cases.models import CaseStatus
from schakel.signals.models import Signal

WORK_WORKLIST = "scans.work_worklist"


def can_work_worklist(user: User) -> bool:
    return scope.has(user, WORK_WORKLIST)


def scan_municipalities(user: User) -> QuerySet[Municipality]:
    """The municipalities whose worklist the user works: none without the permission."""
    if not can_work_worklist(user):
        return Municipality.objects.none()
    return scope.municipalities_in_scope(user)


def visible_runs(user: User):
    from schakel.scans.models import ScanRun

    return ScanRun.objects.filter(municipality__in=scan_municipalities(user))


def access_hit(user: User, pk: int):
    from schakel.scans.models import Hit

    try:
        return Hit.objects.select_related("run", "run__municipality", "signal").get(
            pk=pk, run__municipality__in=scan_municipalities(user))
    except Hit.DoesNotExist:
        raise Http404("hit not found") from None


def access_check(user: User, pk: int):
    from schakel.scans.models import HitCheck

    try:
        return HitCheck.objects.select_related("hit", "hit__run").get(
            pk=pk, hit__run__municipality__in=scan_municipalities(user))
    except HitCheck.DoesNotExist:
        raise Http404("check not found") from None


def known_address_signals(user: User, municipality: Municipality) -> QuerySet[Signal]:
    """Signals with an address that the scan may treat as "already known in Schakel".

    Signals the user sees in the inbox for this municipality, except those whose case is
    closed: a signal without a case, or linked to an open case, still matters.
    """
    return (
        scope.inbox_signals(user)
        .filter(municipality=municipality, house_number__isnull=False)
        .exclude(postcode="")
        .filter(Q(case__isnull=True) | ~Q(case__status=CaseStatus.CLOSED))
    )
