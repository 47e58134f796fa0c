# SPDX-License-Identifier: EUPL-1.2
"""Inbox search over encrypted texts: whole words of the description, the place and the
names, found through the blind index and never outside the coordinator's scope."""

from __future__ import annotations

import pytest
from django.urls import reverse

from schakel.signals.models import SignalSearchTerm
from schakel.signals.search import digest, words
from schakel.signals.services import SubjectInput

pytestmark = pytest.mark.django_db


def test_words_ignore_case_accents_and_punctuation():
    assert words("Zéér veel mensen; Kowalski, 12 jaar.") == {
        "zeer", "veel", "mensen", "kowalski", "12", "jaar"}


def test_the_index_holds_hashes_not_words(make_signal):
    signal = make_signal(description="Busje haalt arbeiders op bij de Poetsploeg.")
    stored = set(SignalSearchTerm.objects.filter(signal=signal).values_list("digest", flat=True))
    assert digest("poetsploeg") in stored and "poetsploeg" not in stored


def test_coordinator_finds_signals_by_word_and_by_name(client, world, make_signal):
    wanted = make_signal(description="Busje haalt elke ochtend arbeiders op.",
                         location_description="Achter de Zuidpier",
                         subjects=[SubjectInput(kind="person", given_names="Małgorzata",
                                                surname="Kowalska")])
    other = make_signal(description="Geluidsoverlast, verder niets.")
    outside = make_signal("coordinator-papendrecht", municipality_code="0590",
                          description="Busje haalt elke ochtend arbeiders op.")
    client.force_login(world["coordinator"])

    def shown(q: str) -> set[str]:
        page = client.get(reverse("signals:inbox"), {"status": "all", "q": q}).content.decode()
        return {s.reference for s in (wanted, other, outside) if s.reference in page}

    assert shown("busje arbeiders") == {wanted.reference}  # every word must occur
    assert shown("KOWALSKA") == {wanted.reference}
    assert shown("malgorzata") == {wanted.reference}  # accents aside
    assert shown("zuidpier") == {wanted.reference}
    assert shown("busje overlast") == set()
    assert shown("Kowal") == set()  # whole words only: substrings would leak more


def test_after_a_new_hash_key_reindex_makes_everything_findable_again(
        world, make_signal, settings, capsys):
    from django.core.management import call_command

    from schakel.linking.models import Mention
    from schakel.signals.models import Signal, SignalSubject, address_hash, identifier_hash
    from schakel.signals.search import matching, person_named

    first = make_signal(description="Busje bij de Poetsploeg.", postcode="2952AB",
                        house_number=12, subjects=[
                            SubjectInput(kind="person", given_names="Ewa", surname="Nowak",
                                         birth_year=1990),
                            SubjectInput(kind="vehicle", licence_plate="HJ418T")])
    settings.SCHAKEL_HASH_KEY = "a-new-secret-key-of-more-than-32-characters"
    assert not matching(Signal.objects.all(), "poetsploeg").exists()  # old hashes are stale
    call_command("keys", "reindex")
    assert "adressen en zoekindex van 1 signalen" in capsys.readouterr().out
    assert list(matching(Signal.objects.all(), "poetsploeg")) == [first]
    assert SignalSubject.objects.filter(person_named("Ewa", "Nowak")).count() == 1
    assert Signal.objects.get(address_hash=address_hash("2952AB", 12)) == first
    assert SignalSubject.objects.get(plate_hash=identifier_hash("licence_plate", "HJ418T"))
    second = make_signal(description="Weer gezien.", subjects=[SubjectInput(
        kind="person", given_names="Ewa", surname="Nowak", birth_year=1990)])
    person = Mention.objects.get(signal=second, kind="person")  # linking keys were rebuilt
    assert person.entity == Mention.objects.get(signal=first, kind="person").entity \
        or person.proposals.exists()
