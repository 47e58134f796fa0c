# SPDX-License-Identifier: EUPL-1.2
"""The demo shows links: a banner, an open proposal and a regional hit."""

from __future__ import annotations

import pytest
from django.urls import reverse

from schakel.accounts.models import User
from schakel.linking.models import Proposal, RegionalHit
from schakel.signals.models import Signal


@pytest.mark.django_db
def test_demo_has_a_banner_a_proposal_and_a_regional_hit(client):
    from schakel.core.demo import build_demo

    build_demo(seed=3, signal_count=15)
    second = Signal.objects.get(submission_key="demo-linking-boa-6")
    assert Proposal.objects.filter(mention__signal=second, status="open").exists()
    assert RegionalHit.objects.count() >= 1
    client.force_login(User.objects.get(username="coordinator"))
    page = client.get(reverse("signals:detail", args=[second.reference])).content.decode()
    assert "eerder signaal op dit adres" in page and "Ja, dezelfde" in page
    first = Signal.objects.get(submission_key="demo-linking-wmo-41")
    page = client.get(reverse("signals:detail", args=[first.reference])).content.decode()
    assert "Treffer in de regio" in page and "Papendrecht" in page
