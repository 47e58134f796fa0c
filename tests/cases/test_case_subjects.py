# SPDX-License-Identifier: EUPL-1.2
"""Case subjects (issue 3, item 2): the persons, organisations, vehicles and phone numbers of a
case's signals are shown to the coordinator on the case page and in the case API; a partner
handler never gets them from the case, only the fields shared with a referral."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from schakel.accounts.models import Organisation
from schakel.cases import services
from schakel.signals.services import SubjectInput


def api(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def case_with_subjects(world, make_signal):
    first = make_signal(subjects=[
        SubjectInput(kind="person", role="victim", given_names="Oksana", surname="Kovalenko"),
        SubjectInput(kind="vehicle", role="other", licence_plate="HJ418T")])
    second = make_signal(subjects=[
        SubjectInput(kind="organisation", role="perpetrator", name="Flex B.V.",
                     kvk_number="12345678"),
        SubjectInput(kind="phone", role="perpetrator", phone="+31641827365")])
    case = services.open_case(world["coordinator"], first, title="Betrokkenencasus")
    services.add_signal_to_case(case, second, world["coordinator"])
    return case, first, second


def test_case_api_lists_the_subjects_of_its_signals(world, make_signal):
    case, first, second = case_with_subjects(world, make_signal)
    body = api(world["coordinator"]).get(f"/api/v1/cases/{case.reference}/").json()
    assert body["subjects"] == [
        {"kind": "person", "role": "victim", "label": "Oksana Kovalenko",
         "signal": first.reference},
        {"kind": "vehicle", "role": "other", "label": "HJ418T", "signal": first.reference},
        {"kind": "organisation", "role": "perpetrator", "label": "Flex B.V. (KvK 12345678)",
         "signal": second.reference},
        {"kind": "phone", "role": "perpetrator", "label": "+31641827365",
         "signal": second.reference},
    ]


def test_case_list_stays_light_without_subjects(world, make_signal):
    case_with_subjects(world, make_signal)
    listed = api(world["coordinator"]).get("/api/v1/cases/").json()["results"]
    assert listed and all("subjects" not in c for c in listed)


def test_case_page_shows_the_subjects(client, world, make_signal):
    case, *_ = case_with_subjects(world, make_signal)
    client.force_login(world["coordinator"])
    page = client.get(reverse("cases:detail", args=[case.reference])).content.decode()
    for text in ("Oksana Kovalenko", "HJ418T", "Flex B.V.", "+31641827365"):
        assert text in page


def test_partner_handler_never_gets_the_subjects_of_a_case(world, make_signal):
    case, *_ = case_with_subjects(world, make_signal)
    referral = services.refer(case, world["coordinator"], services.ReferralInput(
        organisation=Organisation.objects.get(slug="politie"), reason="Onderzoek",
        due_on=timezone.localdate() + dt.timedelta(days=7), legal_basis_code="avg-6-1-e",
        shared_fields=["summary", "vehicles"]))
    handler = api(world["handler"])
    assert handler.get(f"/api/v1/cases/{case.reference}/").status_code == 404
    body = handler.get(f"/api/v1/referrals/{referral.pk}/").json()
    assert "subjects" not in body
    assert set(body["shared"]) == {"summary", "vehicles"}
    assert [v["label"] for v in body["shared"]["vehicles"]] == ["HJ418T"]
    text = str(body)
    for secret in ("Kovalenko", "Flex", "12345678", "+31641827365"):
        assert secret not in text
