# SPDX-License-Identifier: EUPL-1.2
"""Organisations, the network around a case, intake that survives a linking failure, and the
production refusal of the demo hash key."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from django.urls import reverse

from schakel.cases import services as cases
from schakel.linking import network
from schakel.linking.models import Mention, Proposal
from schakel.signals.models import Signal
from schakel.signals.services import SubjectInput


def org(name: str, kvk: str = "") -> SubjectInput:
    return SubjectInput(kind="organisation", role="perpetrator", name=name, kvk_number=kvk)


def test_kvk_links_at_once_and_a_similar_name_is_proposed(make_signal):
    first = make_signal("melder", subjects=[org("Schoonmaakbedrijf De Vries B.V.", "12345678")])
    second = make_signal("boa", subjects=[org("De Vries Schoonmaak", "12345678")])
    third = make_signal("wmo", subjects=[org("SCHOONMAAKBEDRIJF DE VRIES VOF")])
    a, b, c = (Mention.objects.get(signal=s) for s in (first, second, third))
    assert a.entity == b.entity
    proposal = Proposal.objects.get(mention=c)
    assert proposal.candidate.entity == a.entity and proposal.probability >= 0.5


def test_network_around_a_case_keeps_to_scope(world, make_signal):
    plate = [SubjectInput(kind="vehicle", licence_plate="VTP54H")]
    alb_old = make_signal("melder", subjects=plate)
    alb_new = make_signal("boa", subjects=plate)
    pap = make_signal("coordinator-papendrecht", municipality_code="0590", subjects=plate)
    case = cases.open_case(world["coordinator"], alb_new, title="Busje")
    graph = network.build(world["coordinator"], case)
    refs = set(graph.refs())
    assert {case.reference, alb_new.reference, alb_old.reference} <= refs
    assert pap.reference not in refs
    assert len([n for n in graph.nodes.values() if n.type == "vehicle"]) == 1
    # the period filter leaves out signals received outside it
    Signal.objects.filter(pk=alb_old.pk).update(received_at="2020-01-01T12:00:00Z")
    graph = network.build(world["coordinator"], case, start=alb_new.received_at.date())
    assert alb_old.reference not in set(graph.refs())
    # the other coordinator sees only her own signal around the van
    vehicle = Mention.objects.get(signal=pap).entity
    graph = network.build(world["coordinator-papendrecht"], vehicle)
    assert set(graph.refs()) == {vehicle.reference, pap.reference}


def test_hits_page_is_for_coordinators(client, world):
    for username, code in (("melder", 403), ("analyst", 403), ("coordinator", 200)):
        client.force_login(world[username])
        assert client.get(reverse("linking:hits")).status_code == code


def test_a_linking_failure_never_loses_the_signal(make_signal, monkeypatch, caplog):
    from schakel.linking import services

    def broken(signal):
        raise RuntimeError("boom")

    monkeypatch.setattr(services, "resolve_signal", broken)
    signal = make_signal("melder", subjects=[SubjectInput(kind="vehicle",
                                                           licence_plate="VTP54H")])
    assert Signal.objects.filter(pk=signal.pk).exists()
    assert "RuntimeError" in caplog.text and "VTP54H" not in caplog.text


@pytest.mark.parametrize("key", ["", "schakel-demo-hash-key-do-not-use-in-production"])
def test_production_refuses_a_missing_or_demo_hash_key(key):
    from cryptography.fernet import Fernet

    env = {k: v for k, v in os.environ.items() if k != "SCHAKEL_HASH_KEY"}
    env.update(SECRET_KEY="k" * 50, SCHAKEL_FERNET_KEYS=Fernet.generate_key().decode(),
               SCHAKEL_HASH_KEY=key, SCHAKEL_REQUIRE_2FA="true")
    result = subprocess.run([sys.executable, "-c", "import schakel.conf.production"],
                            env=env, capture_output=True, text=True, check=False)
    assert result.returncode != 0 and "SCHAKEL_HASH_KEY" in result.stderr
    env["SCHAKEL_HASH_KEY"] = "h" * 40
    result = subprocess.run([sys.executable, "-c", "import schakel.conf.production"],
                            env=env, capture_output=True, text=True, check=False)
    assert "SCHAKEL_HASH_KEY" not in result.stderr


def test_namesakes_far_apart_in_age_or_kvk_are_not_proposed(make_signal):
    make_signal("melder", subjects=[SubjectInput(kind="person", given_names="Lotte",
                                                 surname="Bakker", estimated_age=46)])
    child = make_signal("boa", subjects=[SubjectInput(kind="person", given_names="Lotte",
                                                      surname="Bakker", estimated_age=17)])
    assert not Proposal.objects.filter(mention__signal=child).exists()
    make_signal("melder", subjects=[org("Poetsploeg Zuid", "47059680")])
    other = make_signal("boa", subjects=[org("Poetsploeg Zuid B.V.", "94629829")])
    assert not Proposal.objects.filter(mention__signal=other).exists()
