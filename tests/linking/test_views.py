# SPDX-License-Identifier: EUPL-1.2
"""The pages: banner and proposals on the signal, decisions, entity page, network, hits.
Nothing of another municipality's signal shows to a user outside its scope."""

from __future__ import annotations

import pytest
from django.urls import reverse

from schakel.audit.models import AccessEvent
from schakel.linking.models import Mention, Proposal
from schakel.signals.services import SubjectInput


def person(given, surname, age):
    return SubjectInput(kind="person", role="victim", given_names=given, surname=surname,
                        estimated_age=age, sex="female")


@pytest.fixture
def pair(make_signal):
    first = make_signal("melder", postcode="2952AB", house_number=14,
                        description="Eerste melding over de woning.",
                        subjects=[person("Anna", "Kowalska", 24)])
    second = make_signal("boa", postcode="2952AB", house_number=14,
                         description="Tweede melding over de woning.",
                         subjects=[person("Ana", "Kowalska", 25)])
    return first, second


def test_banner_and_proposal_on_the_second_signal(client, world, pair):
    first, second = pair
    client.force_login(world["coordinator"])
    page = client.get(reverse("signals:detail", args=[second.reference])).content.decode()
    assert "1 eerder signaal op dit adres" in page
    assert first.reference in page
    assert "Ja, dezelfde" in page and "Anna Kowalska" in page
    assert AccessEvent.objects.filter(actor=world["coordinator"], object_type="entity",
                                      purpose="linking").exists()


def test_confirm_through_the_page(client, world, pair):
    first, second = pair
    proposal = Proposal.objects.get(mention__signal=second)
    client.force_login(world["coordinator"])
    response = client.post(reverse("linking:decide", args=[proposal.pk]),
                           {"decision": "confirm", "reason": "zelfde persoon"})
    assert response.status_code == 302
    assert Mention.objects.get(signal=first, kind="person").entity == Mention.objects.get(
        signal=second, kind="person").entity
    page = client.get(reverse("signals:detail", args=[second.reference])).content.decode()
    assert "Ja, dezelfde" not in page  # never asked twice
    assert "eerder signaal over Ana Kowalska" in page


def test_network_shows_both_signals(client, world, pair):
    first, second = pair
    client.force_login(world["coordinator"])
    url = reverse("linking:network", args=["signaal", second.reference])
    page = client.get(url).content.decode()
    assert first.reference in page and second.reference in page
    assert "<title>adres van signaal" in page
    only_persons = client.get(url, {"types": ["signal", "person"]}).content.decode()
    assert "2952AB" not in only_persons


def test_outside_scope_sees_nothing(client, world, pair):
    first, second = pair
    entity = Mention.objects.get(signal=first, kind="address").entity
    proposal = Proposal.objects.get(mention__signal=second)
    for username in ("coordinator-papendrecht", "melder", "analyst", "handler"):
        client.force_login(world[username])
        for url in (reverse("linking:entity", args=[entity.pk]),
                    reverse("linking:network", args=["signaal", second.reference]),
                    reverse("linking:network", args=["entiteit", entity.pk])):
            assert client.get(url).status_code == 404, (username, url)
        assert client.post(reverse("linking:decide", args=[proposal.pk]),
                           {"decision": "confirm"}).status_code == 404
    assert Proposal.objects.get(pk=proposal.pk).status == "open"
    client.force_login(world["melder"])
    receipt = client.get(reverse("signals:detail", args=[first.reference]), follow=True)
    assert "eerder signaal" not in receipt.content.decode()
    assert "Kowalska" not in receipt.content.decode()


def test_regional_hit_tells_whom_to_contact_only(client, world, make_signal):
    alb = make_signal("melder", description="Bus bij de loods in Alblasserdam.",
                      subjects=[SubjectInput(kind="vehicle", licence_plate="HJ418T")])
    pap = make_signal("coordinator-papendrecht", municipality_code="0590",
                      description="GEHEIM-PAP busje bij de kas.",
                      subjects=[SubjectInput(kind="vehicle", licence_plate="HJ418T")])
    client.force_login(world["coordinator"])
    page = client.get(reverse("signals:detail", args=[alb.reference])).content.decode()
    assert "Treffer in de regio" in page and "Papendrecht" in page
    assert "Pauline" in page  # whom to contact
    assert pap.reference not in page and "GEHEIM-PAP" not in page
    hits = client.get(reverse("linking:hits")).content.decode()
    assert alb.reference in hits and pap.reference not in hits
    client.force_login(world["coordinator-papendrecht"])
    page = client.get(reverse("signals:detail", args=[pap.reference])).content.decode()
    assert "Treffer in de regio" in page and "Alblasserdam" in page
    assert alb.reference not in page and "loods" not in page


def test_split_and_undo_through_the_pages(client, world, pair):
    first, second = pair
    client.force_login(world["coordinator"])
    address = Mention.objects.get(signal=second, kind="address")
    assert client.post(reverse("linking:undo", args=[address.pk]), {}).status_code == 400
    response = client.post(reverse("linking:undo", args=[address.pk]), {"undo": "1"})
    assert response.status_code == 302
    address.refresh_from_db()
    assert address.entity != Mention.objects.get(signal=first, kind="address").entity
    proposal = Proposal.objects.get(mention__signal=second, mention__kind="person")
    client.post(reverse("linking:decide", args=[proposal.pk]), {"decision": "confirm"})
    entity = Mention.objects.get(signal=first, kind="person").entity
    page = client.get(reverse("linking:entity", args=[entity.pk])).content.decode()
    assert "Splitsen" in page and "koppeling bevestigd" in page
    wrong = Mention.objects.get(signal=second, kind="person")
    client.post(reverse("linking:split", args=[entity.pk]),
                {"mentions": [wrong.pk], "reason": "twee zussen"})
    wrong.refresh_from_db()
    assert wrong.entity != entity


def test_case_page_shows_what_its_signals_touch(client, world, pair, make_signal):
    from schakel.cases import services as cases

    first, second = pair
    case = cases.open_case(world["coordinator"], second, title="Woning")
    client.force_login(world["coordinator"])
    page = client.get(reverse("cases:detail", args=[case.reference])).content.decode()
    assert "1 eerder signaal op dit adres" in page and first.reference in page
    network = client.get(reverse("linking:network", args=["casus", case.reference]))
    assert first.reference in network.content.decode()
    client.force_login(world["coordinator-papendrecht"])
    assert client.get(reverse("linking:network", args=["casus", case.reference])
                      ).status_code == 404
