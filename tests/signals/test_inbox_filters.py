# SPDX-License-Identifier: EUPL-1.2
"""The coordinator's inbox beyond the basic filters: domain, source organisation, 'assigned to
me', sorting and paging (issue 2, item 6). Each test reads the page as the coordinator does."""

from __future__ import annotations

import datetime as dt
import re

from django.urls import reverse
from django.utils import timezone

from schakel.catalog.models import Indicator
from schakel.signals.models import Signal
from schakel.signals.services import assign_signal
from schakel.signals.views import PAGE_SIZE

REFERENCE = re.compile(r"SIG-\d{4}-\d{5}")


def shown(client, **query) -> list[str]:
    """The signal references on the inbox page, in the order shown (each once)."""
    page = client.get(reverse("signals:inbox"), query)
    assert page.status_code == 200
    return list(dict.fromkeys(REFERENCE.findall(page.content.decode())))


def indicator(domain: str) -> str:
    return Indicator.objects.filter(domain__code=domain, active=True).first().code


def test_domain_filter_shows_only_signals_of_that_domain(client, world, make_signal):
    sexual = make_signal(indicator_codes=[indicator("sexual")])
    labour = make_signal(indicator_codes=[indicator("labour")])
    both = make_signal(indicator_codes=[indicator("labour"), indicator("housing")])
    client.force_login(world["coordinator"])
    assert set(shown(client, domain="labour")) == {labour.reference, both.reference}
    assert set(shown(client, domain="sexual")) == {sexual.reference}
    assert set(shown(client)) == {sexual.reference, labour.reference, both.reference}


def test_source_organisation_filter(client, world, make_signal):
    from_melder = make_signal("melder")
    from_partner = make_signal("partner")
    assert from_melder.source_organisation != from_partner.source_organisation
    client.force_login(world["coordinator"])
    partner_slug = from_partner.source_organisation.slug
    assert shown(client, source=partner_slug) == [from_partner.reference]
    assert shown(client, source=from_melder.source_organisation.slug) == [from_melder.reference]
    # The filter offers the organisations that reported in scope, by name.
    page = client.get(reverse("signals:inbox")).content.decode()
    assert f'value="{partner_slug}"' in page


def test_assigned_to_me_and_unassigned(client, world, make_signal):
    mine, nobodys = make_signal(), make_signal()
    colleague = make_signal()
    coordinator = world["coordinator"]
    assign_signal(mine, coordinator, coordinator)
    others = [u for u in world.values() if u != coordinator and u.organisation_id
              and u.organisation_id == coordinator.organisation_id
              and u.has_perm("signals.triage_signal")]
    client.force_login(coordinator)
    if others:  # a second coordinator in the same municipality, where the demo has one
        assign_signal(colleague, others[0], coordinator)
        assert colleague.reference not in shown(client, assigned="me")
    assert shown(client, assigned="me") == [mine.reference]
    assert mine.reference not in shown(client, assigned="none")
    assert nobodys.reference in shown(client, assigned="none")


def test_sorting_by_received_deadline_and_reference(client, world, make_signal):
    first, second, third = make_signal(), make_signal(), make_signal()
    now = timezone.now()
    # received: first oldest; deadline: third earliest, first latest
    for signal, received, due in ((first, 3, 1), (second, 2, 2), (third, 1, 3)):
        Signal.objects.filter(pk=signal.pk).update(
            received_at=now - dt.timedelta(days=received),
            triage_due=now + dt.timedelta(days=4 - due))
    refs = [first.reference, second.reference, third.reference]
    client.force_login(world["coordinator"])
    assert shown(client) == refs[::-1]  # newest first by default
    assert shown(client, sort="-received_at") == refs[::-1]
    assert shown(client, sort="received_at") == refs
    assert shown(client, sort="triage_due") == refs[::-1]
    assert shown(client, sort="reference") == sorted(refs)
    # An unknown sort key is refused by the form and falls back to the default order.
    assert shown(client, sort="description") == refs[::-1]


def test_paging_shows_every_signal_exactly_once(client, world, make_signal):
    signals = [make_signal(description=f"Melding nummer {n} over een woning.")
               for n in range(PAGE_SIZE + 2)]
    client.force_login(world["coordinator"])
    first = shown(client)
    second = shown(client, pagina=2)
    assert len(first) == PAGE_SIZE and len(second) == 2
    assert set(first) | set(second) == {s.reference for s in signals}
    assert not set(first) & set(second)
    # Filters survive paging: the page links keep the query.
    page = client.get(reverse("signals:inbox"), {"acute": "no"}).content.decode()
    assert "acute=no" in page and "pagina=2" in page
