# SPDX-License-Identifier: EUPL-1.2
"""The privacy officer's pages: the periods in force, the deletion register (page and CSV,
references only) and legal holds placed in the admin."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from schakel.accounts.models import Municipality
from schakel.audit.models import AccessEvent
from schakel.privacy import rules
from schakel.privacy.models import LegalHold, RetentionPolicy
from schakel.privacy.register import register
from schakel.signals import services as signals


def test_overview_shows_defaults_and_the_municipalitys_own_period(client, world):
    RetentionPolicy.objects.create(municipality=Municipality.objects.get(cbs_code="0482"),
                                   rule=rules.SIGNAL_NO_FOLLOW_UP, months=18,
                                   basis="Collegebesluit 12 maart")
    client.force_login(world["privacy"])
    page = client.get(reverse("privacy:overview")).content.decode()
    assert "Collegebesluit 12 maart" in page and "18 (eigen termijn)" in page
    assert "NEN 7513" in page  # the basis of the audit-log default
    assert "Papendrecht" not in page  # only the officer's own municipality


def test_register_page_and_csv_hold_references_only(client, world):
    municipality = Municipality.objects.get(cbs_code="0482")
    register(record_type="signal", reference="SIG-2020-00001", municipality_id=municipality.pk,
             rule=rules.SIGNAL_NO_FOLLOW_UP, action="anonymised", run_id="RUN-1")
    register(record_type="signal", reference="SIG-2020-00002",
             municipality_id=Municipality.objects.get(cbs_code="0590").pk,
             rule=rules.SIGNAL_NO_FOLLOW_UP, action="anonymised", run_id="RUN-1")
    client.force_login(world["privacy"])
    page = client.get(reverse("privacy:register") + "?run=RUN-1").content.decode()
    assert "SIG-2020-00001" in page and "SIG-2020-00002" not in page  # other municipality
    csv = client.get(reverse("privacy:register") + "?formaat=csv")
    body = b"".join(csv.streaming_content).decode()
    assert csv["Content-Disposition"].startswith("attachment;")
    assert body.splitlines()[0].startswith("at,municipality,record_type,record_reference")
    assert "SIG-2020-00001" in body
    assert AccessEvent.objects.filter(object_type="deletion_register", actor=world["privacy"]
                                      ).exists()


def test_privacy_officer_places_a_legal_hold_in_the_admin(client, world):
    data = signals.SignalInput(description="x", municipality_code="0482")
    signal = signals.register_signal(world["melder"], data)[0]
    client.force_login(world["privacy"])
    url = reverse("admin:privacy_legalhold_add")
    municipality = Municipality.objects.get(cbs_code="0482")
    wrong = client.post(url, {"reference": "SIG-1999-99999", "municipality": municipality.pk,
                              "reason": "klacht"})
    assert "Geen signaal of casus met dit kenmerk" in wrong.content.decode()
    client.post(url, {"reference": signal.reference.lower(), "municipality": municipality.pk,
                      "reason": "klacht bij de AP"})
    hold = LegalHold.objects.get()
    assert hold.reference == signal.reference and hold.placed_by == world["privacy"]
    assert hold.placed_at <= timezone.now() + dt.timedelta(seconds=1)
