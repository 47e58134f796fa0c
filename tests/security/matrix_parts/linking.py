# SPDX-License-Identifier: EUPL-1.2
"""Access-matrix rows for linking: entity pages, link decisions, undo, split, the network view
and regional hits. Objects: two Alblasserdam signals on one address with a similar person (an
open proposal, an automatic address link) and the same in Papendrecht; the entity is the
address. Outside scope is 404 for everyone, including the other municipality's coordinator."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class LinkingWorld:
    entity_alb: int
    entity_pap: int
    proposal_alb: int
    proposal_pap: int
    mention_alb: int
    mention_pap: int
    signal_alb: str
    signal_pap: str


def build(world) -> LinkingWorld:
    from schakel.linking.models import Mention, Proposal
    from schakel.signals import services as signals

    def report(user: str, code: str, postcode: str, given: str, age: int):
        data = signals.SignalInput(
            description="Meerdere mensen in een kleine woning (koppelingstest).",
            municipality_code=code, postcode=postcode, house_number=7,
            subjects=[signals.SubjectInput(kind="person", role="victim", given_names=given,
                                           surname="Wisniewska", estimated_age=age)])
        return signals.register_signal(world.users[user], data)[0]

    report("melder", "0482", "2951AA", "Magda", 30)
    alb = report("coordinator", "0482", "2951AA", "Magdalena", 31)
    report("coordinator-papendrecht", "0590", "3351AA", "Magda", 30)
    pap = report("coordinator-papendrecht", "0590", "3351AA", "Magdalena", 31)
    address_alb = Mention.objects.get(signal=alb, kind="address")
    address_pap = Mention.objects.get(signal=pap, kind="address")
    return LinkingWorld(
        entity_alb=address_alb.entity_id, entity_pap=address_pap.entity_id,
        proposal_alb=Proposal.objects.get(mention__signal=alb).pk,
        proposal_pap=Proposal.objects.get(mention__signal=pap).pk,
        mention_alb=address_alb.pk, mention_pap=address_pap.pk,
        signal_alb=alb.reference, signal_pap=pap.reference,
    )


def _x(attr: str, key: str = "pk"):
    return lambda w: {key: getattr(w.extra["linking"], attr)}


ENTITY = {"alb": _x("entity_alb"), "pap": _x("entity_pap")}
PROPOSAL = {"alb": _x("proposal_alb"), "pap": _x("proposal_pap")}
MENTION = {"alb": _x("mention_alb"), "pap": _x("mention_pap")}
NETWORK = {
    "signaal-alb": lambda w: {"kind": "signaal", "ref": w.extra["linking"].signal_alb},
    "signaal-pap": lambda w: {"kind": "signaal", "ref": w.extra["linking"].signal_pap},
    "casus-alb": lambda w: {"kind": "casus", "ref": w.case_alb.reference},
    "casus-pap": lambda w: {"kind": "casus", "ref": w.case_pap.reference},
    "entiteit-alb": lambda w: {"kind": "entiteit", "ref": str(w.extra["linking"].entity_alb)},
    "entiteit-pap": lambda w: {"kind": "entiteit", "ref": str(w.extra["linking"].entity_pap)},
}
G, P, GP = ("GET",), ("POST",), ("GET", "POST")

ROUTES = {
    "linking:hits": (None, G),
    "linking:entity": (ENTITY, G),
    "linking:split": (ENTITY, GP),
    "linking:decide": (PROPOSAL, GP),
    "linking:undo": (MENTION, GP),
    "linking:network": (NETWORK, G),
    # API
    "entity-list": (None, G),
    "entity-detail": (ENTITY, G),
    "link-proposal-list": (None, G),
    "link-proposal-decision": (PROPOSAL, P),
}

ALB = {"anon": 302, "coordinator": 200, "*": 404}
PAP = {"anon": 302, "coordinator-papendrecht": 200, "*": 404}
MATRIX: dict[str, dict[str, int]] = {
    # a list of the user's own regional hits: the coordinator's function
    "GET linking:hits": {"anon": 302, "coordinators": 200, "*": 403},
    "GET linking:entity[alb]": ALB,
    "GET linking:entity[pap]": PAP,
    # form-only URLs: a GET is 405; an empty POST 400 in scope, 404 outside
    "GET linking:split[alb]": {"anon": 302, "*": 405},
    "GET linking:split[pap]": {"anon": 302, "*": 405},
    "POST linking:split[alb]": {"anon": 302, "coordinator": 400, "*": 404},
    "POST linking:split[pap]": {"anon": 302, "coordinator-papendrecht": 400, "*": 404},
    "GET linking:decide[alb]": {"anon": 302, "*": 405},
    "GET linking:decide[pap]": {"anon": 302, "*": 405},
    "POST linking:decide[alb]": {"anon": 302, "coordinator": 400, "*": 404},
    "POST linking:decide[pap]": {"anon": 302, "coordinator-papendrecht": 400, "*": 404},
    "GET linking:undo[alb]": {"anon": 302, "*": 405},
    "GET linking:undo[pap]": {"anon": 302, "*": 405},
    "POST linking:undo[alb]": {"anon": 302, "coordinator": 400, "*": 404},
    "POST linking:undo[pap]": {"anon": 302, "coordinator-papendrecht": 400, "*": 404},
    "GET linking:network[signaal-alb]": ALB,
    "GET linking:network[signaal-pap]": PAP,
    "GET linking:network[casus-alb]": ALB,
    "GET linking:network[casus-pap]": PAP,
    "GET linking:network[entiteit-alb]": ALB,
    "GET linking:network[entiteit-pap]": PAP,
    # API: lists 403 without the function, objects 404 outside scope, like the pages
    "GET entity-list": {"anon": 401, "coordinators": 200, "*": 403},
    "GET entity-detail[alb]": {"anon": 401, "coordinator": 200, "*": 404},
    "GET entity-detail[pap]": {"anon": 401, "coordinator-papendrecht": 200, "*": 404},
    "GET link-proposal-list": {"anon": 401, "coordinators": 200, "*": 403},
    "POST link-proposal-decision[alb]": {"anon": 401, "coordinator": 400, "*": 404},
    "POST link-proposal-decision[pap]": {"anon": 401, "coordinator-papendrecht": 400, "*": 404},
}
