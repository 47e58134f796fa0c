# SPDX-License-Identifier: EUPL-1.2
"""The one place that decides what a user may see.

Every view and API endpoint asks this module; nothing else filters records by user. A record
outside a user's scope is answered with 404 (not 403), so its existence is not revealed.

Permissions are read from the user's groups and own permissions only, never from the superuser
flag: a technical superuser has no business reading case content (design.md: no case content for
administrators).
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import Http404

from schakel.accounts.models import Municipality, User
from schakel.signals.models import Signal

REPORT_SIGNAL = "signals.report_signal"
VIEW_SCOPE_SIGNALS = "signals.view_scope_signals"
TRIAGE_SIGNAL = "signals.triage_signal"


def role_permissions(user: User) -> frozenset[str]:
    """Permissions granted through groups and directly, ignoring ``is_superuser``."""
    if not user.is_authenticated or not user.is_active:
        return frozenset()
    cached = getattr(user, "_schakel_role_perms", None)
    if cached is None:
        from django.contrib.auth.models import Permission
        from django.db.models import Q

        rows = (
            Permission.objects.filter(Q(group__user=user) | Q(user=user))
            .values_list("content_type__app_label", "codename")
            .distinct()
        )
        cached = frozenset(f"{app}.{code}" for app, code in rows)
        user._schakel_role_perms = cached
    return cached


def has(user: User, permission: str) -> bool:
    return permission in role_permissions(user)


def municipalities_in_scope(user: User) -> QuerySet[Municipality]:
    """The user's own municipality, or every municipality of the region for a regional
    organisation. Users without an organisation have none."""
    organisation = getattr(user, "organisation", None)
    if organisation is None:
        return Municipality.objects.none()
    if organisation.municipality_id is not None:
        return Municipality.objects.filter(pk=organisation.municipality_id)
    if organisation.region:
        return Municipality.objects.filter(region=organisation.region)
    return Municipality.objects.none()


def _municipality_ids(user: User) -> list[int]:
    return list(municipalities_in_scope(user).values_list("pk", flat=True))


def can_report(user: User) -> bool:
    return has(user, REPORT_SIGNAL)


def can_work_inbox(user: User) -> bool:
    return has(user, VIEW_SCOPE_SIGNALS)


def visible_signals(user: User) -> QuerySet[Signal]:
    """Signals the user may see at all: the whole municipality (region) for a coordinator,
    only their own reports for a melder, nothing for anyone else."""
    if has(user, VIEW_SCOPE_SIGNALS):
        return Signal.objects.filter(municipality__in=_municipality_ids(user))
    if has(user, REPORT_SIGNAL):
        return Signal.objects.filter(reporter=user)
    return Signal.objects.none()


def inbox_signals(user: User) -> QuerySet[Signal]:
    """Signals in the coordinator's inbox (the full picture, not just own reports)."""
    if not has(user, VIEW_SCOPE_SIGNALS):
        return Signal.objects.none()
    # A literal id list (not a subquery) lets PostgreSQL use the composite indexes.
    return Signal.objects.filter(municipality__in=_municipality_ids(user))


def own_signals(user: User) -> QuerySet[Signal]:
    return Signal.objects.filter(reporter=user) if user.is_authenticated else Signal.objects.none()


def access_signal(user: User, reference: str) -> Signal:
    """The signal with ``reference`` if the user may see it; otherwise 404."""
    try:
        return visible_signals(user).get(reference=reference)
    except Signal.DoesNotExist:
        raise Http404("signal not found") from None


def sees_full_signal(user: User, signal: Signal) -> bool:
    """A coordinator sees everything that was reported; a melder sees the status only
    (their report may have been joined with information they must not see)."""
    return has(user, VIEW_SCOPE_SIGNALS) and signal.municipality_id in set(
        municipalities_in_scope(user).values_list("pk", flat=True)
    )


def can_triage(user: User, signal: Signal) -> bool:
    return has(user, TRIAGE_SIGNAL) and sees_full_signal(user, signal)


def assignable_users(user: User) -> QuerySet[User]:
    """People a signal may be assigned to: active coordinators of the same municipalities."""
    from django.db.models import Q

    municipalities = municipalities_in_scope(user)
    return (
        User.objects.filter(is_active=True, groups__permissions__codename="triage_signal")
        .filter(
            Q(organisation__municipality__in=municipalities)
            | Q(organisation__municipality__isnull=True,
                organisation__region__in=municipalities.values("region"))
        )
        .distinct()
        .order_by("first_name", "last_name", "username")
    )


# --- casework -----------------------------------------------------------------------------------

MANAGE_CASE = "cases.manage_case"
HANDLE_REFERRAL = "signals.handle_referral"


def can_manage_cases(user: User) -> bool:
    return has(user, MANAGE_CASE)


def managed_cases(user: User):
    """Cases the user runs as coordinator: all cases of the municipalities in scope."""
    from schakel.cases.models import Case

    if not has(user, MANAGE_CASE):
        return Case.objects.none()
    return Case.objects.filter(municipality__in=municipalities_in_scope(user))


def conference_cases(user: User):
    """Cases on the agenda of a conference the user attends, once they confirmed
    confidentiality, until the access window after the meeting closes."""
    from django.utils import timezone

    from schakel.cases.models import Case, Participant

    participations = Participant.objects.filter(
        user=user, confidentiality_confirmed_at__isnull=False
    ).select_related("conference")
    conference_ids = [p.conference_id for p in participations
                      if p.conference.access_ends_at >= timezone.now()]
    return Case.objects.filter(agenda_items__conference_id__in=conference_ids).distinct()


def visible_cases(user: User):
    """Every case the user may open: the coordinator's own, plus conference agenda cases."""
    from schakel.cases.models import Case

    if not user.is_authenticated:
        return Case.objects.none()
    ids = set(managed_cases(user).values_list("pk", flat=True))
    ids |= set(conference_cases(user).values_list("pk", flat=True))
    return Case.objects.filter(pk__in=ids)


def access_case(user: User, reference: str):
    from schakel.cases.models import Case

    try:
        return visible_cases(user).get(reference=reference)
    except Case.DoesNotExist:
        raise Http404("case not found") from None


def can_manage_case(user: User, case) -> bool:
    return managed_cases(user).filter(pk=case.pk).exists()


def visible_referrals(user: User):
    """A partner handler sees the referrals to their own organisation; a coordinator those of
    the cases they run."""
    from django.db.models import Q

    from schakel.cases.models import Referral

    query = Q(pk__in=[])
    if has(user, HANDLE_REFERRAL) and getattr(user, "organisation_id", None):
        query |= Q(organisation_id=user.organisation_id)
    if has(user, MANAGE_CASE):
        query |= Q(case__in=managed_cases(user))
    return Referral.objects.filter(query)


def access_referral(user: User, pk: int):
    from schakel.cases.models import Referral

    try:
        return visible_referrals(user).get(pk=pk)
    except (Referral.DoesNotExist, ValueError):
        raise Http404("referral not found") from None


def is_receiving_partner(user: User, referral) -> bool:
    return has(user, HANDLE_REFERRAL) and referral.organisation_id == user.organisation_id


def visible_conferences(user: User):
    from django.db.models import Q

    from schakel.cases.models import Conference

    query = Q(participants__user=user)
    if has(user, MANAGE_CASE):
        query |= Q(municipality__in=municipalities_in_scope(user))
    return Conference.objects.filter(query).distinct()


def access_conference(user: User, pk: int):
    from schakel.cases.models import Conference

    try:
        return visible_conferences(user).get(pk=pk)
    except (Conference.DoesNotExist, ValueError):
        raise Http404("conference not found") from None


# --- register-scan worklist -------------------------------------------------------------------

WORK_WORKLIST = "scans.work_worklist"


def can_work_worklist(user: User) -> bool:
    return has(user, WORK_WORKLIST)


def scan_municipalities(user: User) -> QuerySet[Municipality]:
    """The municipalities whose worklist the user works: none without the permission."""
    if not can_work_worklist(user):
        return Municipality.objects.none()
    return municipalities_in_scope(user)


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
    from schakel.cases.models import CaseStatus

    """Signals with an address that the scan may treat as "already known in Schakel".

    Signals the user sees in the inbox for this municipality, except those whose case is
    closed: a signal without a case, or linked to an open case, still matters.
    """
    return (
        inbox_signals(user)
        .filter(municipality=municipality, house_number__isnull=False)
        .exclude(postcode="")
        .filter(Q(case__isnull=True) | ~Q(case__status=CaseStatus.CLOSED))
    )
