# SPDX-License-Identifier: EUPL-1.2
"""Coordinator dashboard and deadline reminders (issue 3, item 7): overdue interventions are on
the dashboard; reminders warn *before* a deadline as well as after it, and a warning carries
reference numbers and links only, never case content."""

from __future__ import annotations

import datetime as dt

from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from schakel.accounts.models import Organisation
from schakel.cases import services
from schakel.cases.models import Intervention
from schakel.cases.views import dashboard_data
from schakel.signals.models import Signal

TITLE = "Loods aan de Kade"
DESCRIPTION = "Vijf vrouwen wonen boven de nagelsalon en werken er zeven dagen per week."


def add_intervention(case, world, due: dt.date, text: str = "Controle salon") -> Intervention:
    intervention = services.add_intervention(
        case, world["coordinator"], type_code="integrale-controle",
        organisation=Organisation.objects.get(slug="nla"),
        due_on=timezone.localdate() + dt.timedelta(days=30), description=text)
    Intervention.objects.filter(pk=intervention.pk).update(due_on=due)
    return intervention


def test_overdue_interventions_are_on_the_dashboard(client, world, make_signal):
    case = services.open_case(world["coordinator"], make_signal(), title=TITLE)
    today = timezone.localdate()
    late = add_intervention(case, world, today - dt.timedelta(days=3))
    on_time = add_intervention(case, world, today + dt.timedelta(days=10))
    done = add_intervention(case, world, today - dt.timedelta(days=3))
    services.update_intervention(done, world["coordinator"], status="done", outcome="Gedaan")
    client.force_login(world["coordinator"])
    page = client.get(reverse("cases:dashboard")).content.decode()
    section = page[page.index('id="interventies-verlopen"'):]
    assert "Interventies over de termijn (1)" in section
    assert case.reference in section and late.type.name in section
    listed = [i.pk for i in dashboard_data(world["coordinator"])["overdue_interventions"]]
    assert listed == [late.pk]
    assert on_time.pk not in listed and done.pk not in listed


def upcoming_world(world, make_signal):
    today = timezone.localdate()
    signal = make_signal(description=DESCRIPTION)
    case = services.open_case(world["coordinator"], signal, title=TITLE)
    soon_referral = services.refer(case, world["coordinator"], services.ReferralInput(
        organisation=Organisation.objects.get(slug="politie"), reason="Bezoek salon",
        due_on=today + dt.timedelta(days=1), legal_basis_code="avg-6-1-e"))
    soon_intervention = add_intervention(case, world, today + dt.timedelta(days=2))
    far_intervention = add_intervention(case, world, today + dt.timedelta(days=20))
    soon_signal = make_signal(description="Een melding die binnenkort moet zijn beoordeeld.")
    Signal.objects.filter(pk=soon_signal.pk).update(
        triage_due=timezone.now() + dt.timedelta(hours=20))
    return case, soon_referral, soon_intervention, far_intervention, soon_signal


def test_reminders_warn_before_the_deadline(world, make_signal):
    case, referral, soon, far, signal = upcoming_world(world, make_signal)
    call_command("reminders", "send")
    by_recipient = {message.to[0]: message for message in mail.outbox}
    coordinator = by_recipient["coordinator@demo.invalid"].body
    assert "verloopt binnen 2 dagen" in coordinator
    assert signal.reference in coordinator
    assert f"doorverwijzing {referral.pk}" in coordinator
    assert f"interventie {soon.pk}" in coordinator
    assert f"interventie {far.pk}" not in coordinator  # not yet within the window
    assert "termijn verlopen" not in coordinator  # nothing is overdue here
    handler = by_recipient["handler@demo.invalid"].body
    assert f"/doorverwijzingen/{referral.pk}/" in handler
    for message in mail.outbox:
        text = message.subject + message.body
        for secret in (TITLE, DESCRIPTION, "nagelsalon", "Bezoek salon", "Controle salon",
                       "binnenkort moet"):
            assert secret not in text


def test_warning_window_is_configurable_and_can_be_switched_off(world, make_signal, settings):
    _case, _referral, _soon, far, _signal = upcoming_world(world, make_signal)
    call_command("reminders", "send", "--days-before", "0")
    assert mail.outbox == []  # nothing overdue, warnings off
    settings.SCHAKEL_REMINDER_DAYS_BEFORE = 21
    call_command("reminders", "send")
    coordinator = next(m for m in mail.outbox if m.to == ["coordinator@demo.invalid"])
    assert f"interventie {far.pk}" in coordinator.body
    assert "verloopt binnen 21 dagen" in coordinator.body


def test_overdue_and_upcoming_are_listed_apart(world, make_signal):
    case, _referral, soon, _far, _signal = upcoming_world(world, make_signal)
    late = add_intervention(case, world, timezone.localdate() - dt.timedelta(days=1))
    call_command("reminders", "send")
    body = next(m for m in mail.outbox if m.to == ["coordinator@demo.invalid"]).body
    overdue_part, upcoming_part = body.split("verloopt binnen")
    assert f"interventie {late.pk}" in overdue_part and "termijn verlopen" in overdue_part
    assert f"interventie {soon.pk}" in upcoming_part
    assert f"interventie {late.pk}" not in upcoming_part
