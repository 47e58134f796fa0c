# SPDX-License-Identifier: EUPL-1.2
"""``schakel reminders send``: e-mail a digest of deadlines to the people who must act.

Each digest lists what is overdue and, as a warning ahead of time, what falls due within the
next ``--days-before`` days (default ``SCHAKEL_REMINDER_DAYS_BEFORE``, 2), so that a deadline
can still be met instead of only being reported as missed.

Coordinators get their overdue signals (assigned to them or to nobody), and the overdue
referrals and interventions of the cases they run; partner handlers get the overdue referrals
to their organisation. E-mail leaves the protected environment, so a digest carries reference
numbers and links only, never case content (design.md: no case content in e-mails or logs).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import send_mail
from django.core.management.base import BaseCommand
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from schakel import scope
from schakel.accounts.models import User
from schakel.cases import workflow
from schakel.cases.models import Intervention, Referral
from schakel.signals.models import SignalStatus

OPEN_REFERRAL = (workflow.IN_PROGRESS, workflow.ACCEPTED)
OPEN_INTERVENTION = (Intervention.Status.PLANNED, Intervention.Status.IN_PROGRESS)


DEFAULT_DAYS_BEFORE = 2


@dataclass
class Digest:
    """What one person must act on: past their deadline, and due within the warning window."""

    user: User
    lines: list[str] = field(default_factory=list)
    upcoming: list[str] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.lines) + len(self.upcoming)


def link(path: str) -> str:
    return settings.SCHAKEL_BASE_URL.rstrip("/") + path


@dataclass(frozen=True)
class Window:
    """A deadline window: overdue is ``(None, now)``; a warning is ``(now, now + N days)``.
    Signals have a moment as deadline, referrals and interventions a date (``*_date``)."""

    start: dt.datetime | None
    end: dt.datetime
    start_date: dt.date | None
    end_date: dt.date


def overdue_window() -> Window:
    return Window(None, timezone.now(), None, timezone.localdate() - dt.timedelta(days=1))


def warning_window(days: int) -> Window:
    """Due from now up to and including ``days`` days ahead (a reminder *before* the
    deadline, so the person can still act in time)."""
    now, today = timezone.now(), timezone.localdate()
    return Window(now, now + dt.timedelta(days=days), today, today + dt.timedelta(days=days))


def _moment(window: Window) -> dict:
    lookup = {"triage_due__lt": window.end}
    if window.start is not None:
        lookup["triage_due__gte"] = window.start
    return lookup


def _dates(window: Window) -> dict:
    lookup = {"due_on__lte": window.end_date}
    if window.start_date is not None:
        lookup["due_on__gte"] = window.start_date
    return lookup


def coordinator_lines(user: User, window: Window | None = None) -> list[str]:
    window = window or overdue_window()
    signals = scope.inbox_signals(user).filter(
        status__in=[SignalStatus.RECEIVED, SignalStatus.IN_TRIAGE], **_moment(window),
    ).filter(Q(assigned_to=user) | Q(assigned_to__isnull=True)).order_by("triage_due")
    cases = scope.managed_cases(user).filter(coordinator=user)
    referrals = Referral.objects.filter(
        case__in=cases, status__in=OPEN_REFERRAL, **_dates(window),
    ).select_related("case").order_by("due_on")
    interventions = Intervention.objects.filter(
        case__in=cases, status__in=OPEN_INTERVENTION, **_dates(window),
    ).select_related("case").order_by("due_on")
    lines = [f"{s.reference}: {link(reverse('signals:detail', args=[s.reference]))}"
             for s in signals]
    lines += [f"{_('doorverwijzing')} {r.pk} ({r.case.reference}): "
              f"{link(reverse('cases:referral', args=[r.pk]))}" for r in referrals]
    lines += [f"{_('interventie')} {i.pk} ({i.case.reference}): "
              f"{link(reverse('cases:detail', args=[i.case.reference]))}#interventies"
              for i in interventions]
    return lines


def handler_lines(user: User, window: Window | None = None) -> list[str]:
    window = window or overdue_window()
    referrals = Referral.objects.filter(
        organisation_id=user.organisation_id, status__in=OPEN_REFERRAL, **_dates(window),
    ).order_by("due_on")
    return [f"{_('doorverwijzing')} {r.pk}: {link(reverse('cases:referral', args=[r.pk]))}"
            for r in referrals]


def _lines_for(user: User, window: Window) -> list[str]:
    lines: list[str] = []
    if scope.can_manage_cases(user):
        lines += coordinator_lines(user, window)
    if scope.has(user, scope.HANDLE_REFERRAL) and user.organisation_id:
        lines += handler_lines(user, window)
    return lines


def digests(days_before: int = DEFAULT_DAYS_BEFORE) -> list[Digest]:
    """One digest per person with at least one item overdue or due within ``days_before``
    days (0: overdue items only)."""
    overdue = overdue_window()
    warning = warning_window(days_before) if days_before > 0 else None
    result = []
    for user in User.objects.filter(is_active=True).exclude(email="").order_by("pk"):
        digest = Digest(user, _lines_for(user, overdue),
                        _lines_for(user, warning) if warning else [])
        if digest.count:
            result.append(digest)
    return result


def body(digest: Digest, days_before: int = DEFAULT_DAYS_BEFORE) -> str:
    parts = [_("Goedendag,")]
    if digest.lines:
        items = "\n".join(f"- {line}" for line in digest.lines)
        parts.append(_("In Schakel is de termijn verlopen van:\n\n%(items)s") % {"items": items})
    if digest.upcoming:
        items = "\n".join(f"- {line}" for line in digest.upcoming)
        parts.append(_("In Schakel verloopt binnen %(days)d dagen de termijn van:\n\n%(items)s")
                     % {"days": days_before, "items": items})
    parts.append(_("Log in via de links om ze te bekijken. Deze e-mail bevat bewust alleen "
                   "kenmerken en links, geen inhoud.\n\nSchakel\n"))
    return "\n\n".join(parts)


class Command(BaseCommand):
    help = "Herinneringen sturen over verlopen termijnen (alleen kenmerken en links)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("action", choices=["send"])
        parser.add_argument("--dry-run", action="store_true",
                            help="alleen tellen, niets versturen")
        parser.add_argument(
            "--days-before", type=int, default=None,
            help="ook waarschuwen voor termijnen die binnen zoveel dagen verlopen (standaard "
                 "SCHAKEL_REMINDER_DAYS_BEFORE of 2; 0 = alleen verlopen termijnen)")

    def handle(self, *args, **options) -> None:
        days = options["days_before"]
        if days is None:
            days = getattr(settings, "SCHAKEL_REMINDER_DAYS_BEFORE", DEFAULT_DAYS_BEFORE)
        with translation.override(settings.LANGUAGE_CODE):
            sent = 0
            for digest in digests(max(days, 0)):
                if not options["dry_run"]:
                    send_mail(_("Schakel: herinnering termijnen (%(n)d)") % {"n": digest.count},
                              body(digest, days), None, [digest.user.email])
                sent += 1
        verb = "zou versturen" if options["dry_run"] else "verstuurd"
        self.stdout.write(f"{sent} herinnering(en) {verb}.")
