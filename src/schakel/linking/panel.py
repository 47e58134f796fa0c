# SPDX-License-Identifier: EUPL-1.2
"""What the signal and case pages show about links: the banner ("3 eerdere signalen op dit
adres"), open proposals with their evidence, automatic links that can be undone, and regional
hits. Everything is read through :mod:`schakel.scope`; the references shown are logged."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import F, Q
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from schakel import scope
from schakel.accounts.models import User
from schakel.audit import services as audit
from schakel.linking.models import EntityKind, Mention, Proposal
from schakel.linking.services import auto_linked, still_open
from schakel.signals.models import Signal

FIELD_NAMES = {
    "given_name": "voornaam", "surname": "achternaam", "birth_date": "geboortedatum of leeftijd",
    "sex": "geslacht", "address": "adres", "email": "e-mail", "phone": "telefoon",
    "bsn": "BSN", "iban": "IBAN", "licence_plate": "kenteken", "kvk": "KvK-nummer",
    "name": "naam",
}


def level_text(level: str) -> str:
    """The engine's level names in Dutch for the coordinator."""
    texts = {
        "exact": _("gelijk"), "same": _("gelijk"),
        "variant (phonetic, nickname or typo)": _("variant (klank, roepnaam of typfout)"),
        "initials or other given name agree": _("initialen of andere voornaam gelijk"),
        "similar": _("lijkt erop"), "very similar": _("lijkt sterk"),
        "different": _("verschilt"),
        "same surname, prefix differs": _("zelfde achternaam, ander tussenvoegsel"),
        "variant (phonetic or typo)": _("variant (klank of typfout)"),
        "partly equal": _("deels gelijk"),
        "birth year fits (partial date)": _("geboortejaar past (ook bij geschatte leeftijd)"),
        "birth year differs (partial date)": _("geboortejaar past niet"),
        "same address": _("zelfde adres"), "same postcode": _("zelfde postcode"),
        "same city": _("zelfde plaats"),
    }
    return texts.get(level, level)


def _banner_line(kind: str, n: int, label: str) -> str:
    texts = {
        EntityKind.ADDRESS: ngettext("%(n)s eerder signaal op dit adres",
                                     "%(n)s eerdere signalen op dit adres", n),
        EntityKind.PERSON: ngettext("%(n)s eerder signaal over %(label)s",
                                    "%(n)s eerdere signalen over %(label)s", n),
        EntityKind.ORGANISATION: ngettext("%(n)s eerder signaal over %(label)s",
                                          "%(n)s eerdere signalen over %(label)s", n),
        EntityKind.VEHICLE: ngettext("%(n)s eerder signaal met kenteken %(label)s",
                                     "%(n)s eerdere signalen met kenteken %(label)s", n),
        EntityKind.CONTACT: ngettext("%(n)s eerder signaal met %(label)s",
                                     "%(n)s eerdere signalen met %(label)s", n),
        EntityKind.BANK_ACCOUNT: ngettext("%(n)s eerder signaal met rekening %(label)s",
                                          "%(n)s eerdere signalen met rekening %(label)s", n),
    }
    return texts[kind] % {"n": n, "label": label}


def panel(user: User, signals: list[Signal], request=None, case=None) -> dict[str, Any]:
    """The context of ``linking/_panel.html`` for a signal (one) or a case (its signals)."""
    if not signals or not scope.can_work_inbox(user):
        return {"show": False}
    own_ids = {s.pk for s in signals}
    readable = scope.linking_signals(user)
    mentions = list(scope.visible_mentions(user).filter(signal_id__in=own_ids)
                    .select_related("entity", "signal"))
    banner, refs = [], set()
    first_received = min(s.received_at for s in signals)
    seen_entities: set[int] = set()
    for mention in mentions:
        if mention.entity_id in seen_entities:
            continue
        seen_entities.add(mention.entity_id)
        others = (readable.filter(mentions__entity_id=mention.entity_id)
                  .exclude(pk__in=own_ids).distinct().select_related("case"))
        earlier = [s for s in others if s.received_at <= first_received or case is not None]
        if not earlier:
            continue
        open_cases = sorted({s.case.reference for s in earlier
                             if s.case_id and not s.case.is_closed
                             and (case is None or s.case_id != case.pk)
                             and scope.can_manage_case(user, s.case)})
        refs.update([mention.entity.reference, *(s.reference for s in earlier)])
        banner.append({"text": _banner_line(mention.entity.kind, len(earlier), mention.label),
                       "entity": mention.entity, "signals": earlier, "cases": open_cases})
    proposals = still_open(
        scope.visible_proposals(user)
        .filter(mention__signal_id__in=own_ids, status=Proposal.Status.OPEN)
        .exclude(mention__entity=F("candidate__entity"))
        .select_related("mention__entity", "candidate", "candidate__signal",
                        "candidate__entity"))
    for proposal in proposals:
        refs.update([proposal.candidate.entity.reference, proposal.candidate.signal.reference])
    auto = [m for m in mentions if auto_linked(m)]
    hit_list = hit_rows(user, scope.visible_regional_hits(user).filter(
        Q(signal_id__in=own_ids) | Q(other_signal_id__in=own_ids)).select_related(
        "signal", "other_signal", "entity"))
    if refs:
        audit.record(actor=user, action="view", object_type="entity",
                     object_refs=sorted(refs), request=request, purpose="linking")
    can_decide = all(scope.can_triage(user, s) for s in signals)
    return {
        "show": True, "banner": banner, "proposals": [_proposal_row(p) for p in proposals],
        "auto": auto, "hits": hit_list, "can_decide": can_decide,
        "network_kind": "casus" if case is not None else "signaal",
        "network_ref": case.reference if case is not None else signals[0].reference,
        "next": request.get_full_path() if request is not None else "",
    }


def _proposal_row(proposal: Proposal) -> dict[str, Any]:
    fields = proposal.explanation.get("fields", [])
    evidence = [
        {"field": FIELD_NAMES.get(f["field"], f["field"]), "level": level_text(f["level"]),
         "agreement": f["agreement"], "left": f.get("left"), "right": f.get("right"),
         "weight": f.get("weight", 0.0)}
        for f in sorted(fields, key=lambda f: -abs(f.get("weight", 0.0)))
        if f.get("agreement") != "missing"
    ]
    # "100%" would claim certainty the model does not have
    percent = min(round(proposal.probability * 100), 99)
    return {"proposal": proposal, "percent": max(percent, 1),
            "evidence": evidence}


def hit_rows(user: User, hits: Iterable) -> list[dict[str, Any]]:
    """Per hit: the user's own signal, the other municipality, and whom to contact there.
    Nothing of the other signal is shown."""
    from schakel.accounts.models import User as UserModel

    readable = set(scope.linking_signals(user).values_list("pk", flat=True))
    rows = []
    for hit in hits:
        own, other = (hit.signal, hit.other_signal) if hit.signal_id in readable else (
            hit.other_signal, hit.signal)
        mention = Mention.objects.filter(signal=own, entity=hit.entity).first()
        contacts = list(
            UserModel.objects.filter(
                is_active=True, organisation__municipality_id=other.municipality_id,
                groups__permissions__codename="triage_signal").distinct()
            .select_related("organisation").order_by("last_name"))
        rows.append({"hit": hit, "own": own, "mention": mention,
                     "municipality": other.municipality.name, "contacts": contacts})
    return rows
