# SPDX-License-Identifier: EUPL-1.2
"""The one place that decides what a user may see.

Every view and API endpoint asks this module; nothing else filters records by user. A record
outside a user's scope is answered with 404 (not 403), so its existence is not revealed.

Permissions are read from the user's groups and own permissions only, never from the superuser
flag: a technical superuser has no business reading case content (design.md: no case content for
administrators).
"""

from __future__ import annotations

from django.db.models import QuerySet
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


def can_report(user: User) -> bool:
    return has(user, REPORT_SIGNAL)


def can_work_inbox(user: User) -> bool:
    return has(user, VIEW_SCOPE_SIGNALS)


def visible_signals(user: User) -> QuerySet[Signal]:
    """Signals the user may see at all: the whole municipality (region) for a coordinator,
    only their own reports for a melder, nothing for anyone else."""
    if has(user, VIEW_SCOPE_SIGNALS):
        return Signal.objects.filter(municipality__in=municipalities_in_scope(user))
    if has(user, REPORT_SIGNAL):
        return Signal.objects.filter(reporter=user)
    return Signal.objects.none()


def inbox_signals(user: User) -> QuerySet[Signal]:
    """Signals in the coordinator's inbox (the full picture, not just own reports)."""
    if not has(user, VIEW_SCOPE_SIGNALS):
        return Signal.objects.none()
    return Signal.objects.filter(municipality__in=municipalities_in_scope(user))


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
