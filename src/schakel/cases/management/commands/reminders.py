# SPDX-License-Identifier: EUPL-1.2
"""``schakel reminders send``: e-mail a digest of overdue items to the people who must act.

Coordinators get their overdue signals (assigned to them or to nobody), and the overdue
referrals and interventions of the cases they run; partner handlers get the overdue referrals
to their organisation. E-mail leaves the protected environment, so a digest carries reference
numbers and links only, never case content (design.md: no case content in e-mails or logs).
"""

from __future__ import annotations

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


@dataclass
class Digest:
    user: User
    lines: list[str] = field(default_factory=list)


def link(path: str) -> str:
    return settings.SCHAKEL_BASE_URL.rstrip("/") + path


def coordinator_lines(user: User) -> list[str]:
    now, today = timezone.now(), timezone.localdate()
    signals = scope.inbox_signals(user).filter(
        status__in=[SignalStatus.RECEIVED, SignalStatus.IN_TRIAGE], triage_due__lt=now,
    ).filter(Q(assigned_to=user) | Q(assigned_to__isnull=True)).order_by("triage_due")
    referrals = Referral.objects.filter(
        case__in=scope.managed_cases(user).filter(coordinator=user), status__in=OPEN_REFERRAL,
        due_on__lt=today).select_related("case").order_by("due_on")
    interventions = Intervention.objects.filter(
        case__in=scope.managed_cases(user).filter(coordinator=user),
        status__in=OPEN_INTERVENTION, due_on__lt=today).select_related("case").order_by("due_on")
    lines = [f"{s.reference}: {link(reverse('signals:detail', args=[s.reference]))}"
             for s in signals]
    lines += [f"{_('doorverwijzing')} {r.pk} ({r.case.reference}): "
              f"{link(reverse('cases:referral', args=[r.pk]))}" for r in referrals]
    lines += [f"{_('interventie')} {i.pk} ({i.case.reference}): "
              f"{link(reverse('cases:detail', args=[i.case.reference]))}#interventies"
              for i in interventions]
    return lines


def handler_lines(user: User) -> list[str]:
    referrals = Referral.objects.filter(
        organisation_id=user.organisation_id, status__in=OPEN_REFERRAL,
        due_on__lt=timezone.localdate()).order_by("due_on")
    return [f"{_('doorverwijzing')} {r.pk}: {link(reverse('cases:referral', args=[r.pk]))}"
            for r in referrals]


def digests() -> list[Digest]:
    """One digest per person with at least one overdue item."""
    result = []
    for user in User.objects.filter(is_active=True).exclude(email="").order_by("pk"):
        lines: list[str] = []
        if scope.can_manage_cases(user):
            lines += coordinator_lines(user)
        if scope.has(user, scope.HANDLE_REFERRAL) and user.organisation_id:
            lines += handler_lines(user)
        if lines:
            result.append(Digest(user, lines))
    return result


def body(digest: Digest) -> str:
    items = "\n".join(f"- {line}" for line in digest.lines)
    return _(
        "Goedendag,\n\nIn Schakel is de termijn verlopen van:\n\n%(items)s\n\n"
        "Log in via de links om ze te bekijken. Deze e-mail bevat bewust alleen kenmerken en "
        "links, geen inhoud.\n\nSchakel\n") % {"items": items}


class Command(BaseCommand):
    help = "Herinneringen sturen over verlopen termijnen (alleen kenmerken en links)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("action", choices=["send"])
        parser.add_argument("--dry-run", action="store_true",
                            help="alleen tellen, niets versturen")

    def handle(self, *args, **options) -> None:
        with translation.override(settings.LANGUAGE_CODE):
            sent = 0
            for digest in digests():
                if not options["dry_run"]:
                    send_mail(_("Schakel: termijnen verlopen (%(n)d)") % {"n": len(digest.lines)},
                              body(digest), None, [digest.user.email])
                sent += 1
        verb = "zou versturen" if options["dry_run"] else "verstuurd"
        self.stdout.write(f"{sent} herinnering(en) {verb}.")
