# SPDX-License-Identifier: EUPL-1.2
"""Resolution at intake, the coordinator's decisions and their history."""

from __future__ import annotations

import pytest

from schakel.audit.models import AccessEvent
from schakel.linking import services
from schakel.linking.keys import bsn_hash
from schakel.linking.models import (
    AppendOnlyError,
    Entity,
    EntityKey,
    LinkEvent,
    Mention,
    Proposal,
    RegionalHit,
)
from schakel.signals.services import SubjectInput


def person(given: str, surname: str, age: int | None = None, prefix: str = "",
           sex: str = "", role: str = "victim") -> SubjectInput:
    return SubjectInput(kind="person", role=role, given_names=given, surname=surname,
                        surname_prefix=prefix, estimated_age=age, sex=sex)


@pytest.fixture
def two_on_one_address(make_signal):
    first = make_signal("melder", postcode="2952AB", house_number=14,
                        subjects=[person("Anna", "Kowalska", 24, sex="female")])
    second = make_signal("boa", postcode="2952AB", house_number=14,
                         subjects=[person("Ana", "Kowalska", 25, sex="female")])
    return first, second


def test_same_address_links_at_once(two_on_one_address):
    first, second = two_on_one_address
    a = Mention.objects.get(signal=first, kind="address")
    b = Mention.objects.get(signal=second, kind="address")
    assert a.entity_id == b.entity_id
    event = LinkEvent.objects.get(mention=b)
    assert event.action == LinkEvent.Action.AUTO_LINK and "adres" in event.reason


def test_similar_person_is_proposed_not_linked(two_on_one_address):
    first, second = two_on_one_address
    mention = Mention.objects.get(signal=second, kind="person")
    earlier = Mention.objects.get(signal=first, kind="person")
    assert mention.entity_id != earlier.entity_id
    proposal = Proposal.objects.get(mention=mention)
    assert proposal.candidate == earlier and proposal.probability >= 0.5
    fields = {f["field"]: f["agreement"] for f in proposal.explanation["fields"]}
    assert fields["surname"] == "agree"


def test_confirm_merges_and_is_on_the_trail(world, two_on_one_address):
    first, second = two_on_one_address
    proposal = Proposal.objects.get(mention__signal=second)
    entity = services.confirm(proposal, world["coordinator"], "zelfde vrouw, zegt de BOA")
    assert set(Mention.objects.filter(kind="person").values_list("entity", flat=True)) == {
        entity.pk}
    assert Entity.objects.filter(merged_into=entity).count() == 1
    confirm = LinkEvent.objects.get(action=LinkEvent.Action.CONFIRM)
    assert confirm.actor == world["coordinator"] and confirm.reason.startswith("zelfde")
    assert AccessEvent.objects.filter(object_type="entity", purpose="linking",
                                      actor=world["coordinator"]).exists()
    with pytest.raises(AppendOnlyError):
        confirm.reason = "changed"
        confirm.save()


def test_rejection_is_remembered_and_never_asked_twice(world, make_signal,
                                                       two_on_one_address):
    first, second = two_on_one_address
    proposal = Proposal.objects.get(mention__signal=second)
    services.reject(proposal, world["coordinator"], "andere vrouw")
    # the same pair comes up again through a third report of the second woman's entity
    third = make_signal("wmo", subjects=[person("Ana", "Kowalska", 25, sex="female")])
    mention = Mention.objects.get(signal=third, kind="person")
    candidates = set(Proposal.objects.filter(mention=mention).values_list(
        "candidate__entity", flat=True))
    assert candidates  # it does resemble both earlier mentions
    services.confirm(Proposal.objects.get(mention=mention,
                                          candidate__signal=second), world["coordinator"])
    # the proposal "third ~ first" now asks the rejected question again: it is not shown
    left = services.still_open(Proposal.objects.filter(mention=mention))
    assert left == []
    assert services._rejected(Mention.objects.get(signal=second, kind="person").entity,
                              Mention.objects.get(signal=first, kind="person").entity)


def test_undo_auto_link(world, two_on_one_address):
    first, second = two_on_one_address
    mention = Mention.objects.get(signal=second, kind="address")
    assert services.auto_linked(mention)
    new = services.undo_auto_link(mention, world["coordinator"], "ander adres, typfout")
    mention.refresh_from_db()
    assert mention.entity == new
    assert EntityKey.objects.filter(mention=mention, entity=new).exists()
    assert LinkEvent.objects.filter(action="undo", other_entity__isnull=False).count() == 1
    assert not services.auto_linked(mention)


def test_split_after_merge(world, two_on_one_address):
    first, second = two_on_one_address
    entity = services.confirm(Proposal.objects.get(mention__signal=second),
                              world["coordinator"])
    wrong = Mention.objects.get(signal=second, kind="person")
    new = services.split(entity, [wrong], world["coordinator"], "toch twee zussen")
    wrong.refresh_from_db()
    assert wrong.entity == new
    assert Mention.objects.get(signal=first, kind="person").entity == entity
    assert [e.reason for e in LinkEvent.objects.filter(action="split")] == ["toch twee zussen"]
    assert services._rejected(new, entity)


def test_only_a_coordinator_in_scope_decides(world, two_on_one_address):
    proposal = Proposal.objects.get(mention__signal=two_on_one_address[1])
    for user in ("melder", "coordinator-papendrecht", "analyst"):
        with pytest.raises(PermissionError):
            services.confirm(proposal, world[user])
    assert Proposal.objects.get(pk=proposal.pk).status == "open"


def test_bsn_is_stored_only_as_keyed_hash(make_signal, settings):
    signal = make_signal("melder", description="Zijn BSN is 111222333, zei hij.",
                         subjects=[person("Piotr", "Nowak", 30)])
    key = EntityKey.objects.get(mention__signal=signal, certain=True)
    assert "111222333" not in key.key
    hashed = bsn_hash("111222333", settings.SCHAKEL_HASH_KEY)
    assert key.key == services.stored_key(f"bsn:{hashed}")
    mention = Mention.objects.get(signal=signal)
    assert "111222333" not in str(mention.record)
    again = make_signal("boa", description="bsn 111222333",
                        subjects=[person("P.", "Nowak")])
    assert Mention.objects.get(signal=again).entity == mention.entity


def test_cross_municipality_hit_without_content(world, make_signal):
    alb = make_signal("melder", subjects=[SubjectInput(kind="vehicle", licence_plate="HJ418T")])
    pap = make_signal("coordinator-papendrecht", municipality_code="0590",
                      subjects=[SubjectInput(kind="vehicle", licence_plate="HJ418T")])
    assert alb.municipality != pap.municipality
    hit = RegionalHit.objects.get()
    assert {hit.signal, hit.other_signal} == {alb, pap}


NAMES = [("Jan", "Jansen"), ("Fatima", "Amrani"), ("Pieter", "Bakker"), ("Olga", "Petrova"),
         ("Mohamed", "Yilmaz"), ("Sanne", "Visser"), ("Kees", "Smit"), ("Ewa", "Nowak"),
         ("Lotte", "Mulder"), ("Ahmed", "Boukhari"), ("Iris", "Dekker"), ("Tomasz", "Wojcik")]


def test_resolution_compares_only_the_block(make_signal):
    for given, surname in NAMES:
        make_signal("melder", subjects=[person(given, surname, 30)])
    signal = make_signal("boa", subjects=[person("Eva", "Nowak", 30)])
    item = services.signal_mentions(signal)[0]
    own = Mention.objects.get(signal=signal).entity
    found = Mention.objects.filter(pk__in=services.candidate_mentions(item, own))
    assert 1 <= len(found) < len(NAMES) / 2
    assert "Ewa Nowak (ca. 30 jaar)" in {m.label for m in found}
