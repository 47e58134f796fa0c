# SPDX-License-Identifier: EUPL-1.2
"""``schakel reminders send``: a digest of overdue items with reference numbers and links only."""

from __future__ import annotations

import datetime as dt

from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from schakel.accounts.models import Organisation
from schakel.cases import services
from schakel.cases.models import Intervention
from schakel.signals.models import Signal
from schakel.signals.services import SubjectInput

DESCRIPTION = "Zes mannen slapen op matrassen in de loods."
TITLE = "Overbewoning loods Oost"


def overdue_world(world, make_signal):
    past = timezone.localdate() - dt.timedelta(days=3)
    signal = make_signal(description=DESCRIPTION, subjects=[
        SubjectInput(kind="person", given_names="Oksana", surname="Kovalenko")])
    case = services.open_case(world["coordinator"], signal, title=TITLE)
    referral = services.refer(case, world["coordinator"], services.ReferralInput(
        organisation=Organisation.objects.get(slug="politie"), reason="Controle loods",
        due_on=past, legal_basis_code="avg-6-1-e", shared_fields=["summary"]))
    intervention = services.add_intervention(
        case, world["coordinator"], type_code="woninginspectie-ozhz",
        organisation=Organisation.objects.get(slug="ozhz"), due_on=timezone.localdate(),
        description="Inspectie van de loods")
    Intervention.objects.filter(pk=intervention.pk).update(due_on=past)
    late = make_signal(description="Een tweede melding met inhoud die geheim blijft.")
    Signal.objects.filter(pk=late.pk).update(triage_due=timezone.now() - dt.timedelta(days=1))
    return case, referral, intervention, late


def test_digest_has_references_and_links_but_no_content(world, make_signal):
    case, referral, intervention, late = overdue_world(world, make_signal)
    call_command("reminders", "send")
    by_recipient = {message.to[0]: message for message in mail.outbox}
    coordinator = by_recipient["coordinator@demo.invalid"]
    handler = by_recipient["handler@demo.invalid"]
    assert late.reference in coordinator.body and case.reference in coordinator.body
    assert f"doorverwijzing {referral.pk}" in coordinator.body
    assert f"interventie {intervention.pk}" in coordinator.body
    assert f"/doorverwijzingen/{referral.pk}/" in handler.body
    for message in mail.outbox:
        text = message.subject + message.body
        for secret in (DESCRIPTION, "matrassen", TITLE, "Kovalenko", "Oksana", "Controle loods",
                       "Inspectie", "geheim", "Politie eenheid"):
            assert secret not in text
    assert "coordinator-papendrecht@demo.invalid" not in by_recipient
    assert "melder@demo.invalid" not in by_recipient


def test_nothing_overdue_sends_nothing(world):
    call_command("reminders", "send")
    assert mail.outbox == []


def test_dry_run_sends_nothing(world, make_signal, capsys):
    overdue_world(world, make_signal)
    call_command("reminders", "send", "--dry-run")
    assert mail.outbox == []
    assert "zou versturen" in capsys.readouterr().out
