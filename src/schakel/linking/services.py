# SPDX-License-Identifier: EUPL-1.2
"""One service function per business action on entities and links.

- :func:`resolve_signal` runs once when a signal is registered: every subject (and the
  address, and IBANs, e-mail addresses and a BSN written in the text) becomes a mention of an
  entity. Certain identifiers link at once (``auto_link``); persons and organisations are
  compared fuzzily with the matching engine and become proposals for the coordinator.
- :func:`confirm`, :func:`reject`, :func:`undo_auto_link` and :func:`split` are the
  coordinator's decisions. Each appends a :class:`LinkEvent` and an access-log event.

The candidate search goes through indexed keys (:class:`EntityKey`): the database returns
only the mentions that share a blocking key with the new one.
"""

from __future__ import annotations

import datetime as dt
import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from schakel import scope
from schakel.accounts.models import User
from schakel.analysis import extract
from schakel.audit import services as audit
from schakel.core import crypto
from schakel.linking import keys as lk
from schakel.linking.models import (
    Entity,
    EntityKey,
    EntityKind,
    LinkEvent,
    Mention,
    Proposal,
    RegionalHit,
)
from schakel.signals.models import Signal, SignalSubject

# A fuzzy candidate is proposed from this match probability on (the engine decides "same
# person" at 0.5; the coordinator also sees the doubtful ones just below).
PROPOSE_FROM = 0.3
PROPOSALS_PER_MENTION = 3
# Mentions scored per new mention at most (the engine's resolver uses the same order of size).
MAX_CANDIDATES = 1500

CERTAIN_REASONS = {
    "bsn": _("zelfde BSN"),
    "vehicle": _("zelfde kenteken"),
    "phone": _("zelfde telefoonnummer"),
    "email": _("zelfde e-mailadres"),
    "iban": _("zelfde IBAN"),
    "kvk": _("zelfde KvK-nummer"),
    "address": _("zelfde adres (postcode, huisnummer, toevoeging)"),
}


def stored_key(key: str) -> str:
    """What the key column holds: a keyed hash of the key, never the plate, e-mail address,
    IBAN or name fragment itself (the column is indexed and would otherwise be plaintext)."""
    return crypto.keyed_hash("linking_key", key)[:40]


def hash_key() -> str:
    """The key for BSN hashes, from the environment (SCHAKEL_HASH_KEY)."""
    key = getattr(settings, "SCHAKEL_HASH_KEY", "")
    if not key:
        raise ImproperlyConfigured("SCHAKEL_HASH_KEY is not set")
    return key


# --- what a signal mentions ---------------------------------------------------------------------


@dataclass
class MentionInput:
    """One thing a signal mentions, with its keys: certain (kind, value) and fuzzy digests."""

    kind: str
    label: str
    role: str = ""
    subject: SignalSubject | None = None
    record: dict[str, Any] = field(default_factory=dict)
    certain: list[tuple[str, str]] = field(default_factory=list)  # (reason code, key)
    fuzzy: dict[str, int] = field(default_factory=dict)  # digest -> block cap


def signal_mentions(signal: Signal) -> list[MentionInput]:
    """Everything in ``signal`` that can be an entity."""
    out: list[MentionInput] = []
    address = lk.address_key(signal.postcode, signal.house_number, signal.house_number_suffix)
    if address:
        out.append(MentionInput(EntityKind.ADDRESS, signal.address_label, role="location",
                                record={"address": address},
                                certain=[("address", lk.certain_key("address", address))]))
    subjects = list(signal.subjects.all())
    for subject in subjects:
        item = _subject_mention(signal, subject)
        if item is not None:
            out.append(item)
    out.extend(_text_mentions(signal, [m for m in out if m.kind == EntityKind.PERSON]))
    return out


def _subject_mention(signal: Signal, subject: SignalSubject) -> MentionInput | None:
    kind = subject.kind
    if kind == SignalSubject.Kind.PERSON:
        record = {
            "given_names": subject.given_names, "surname_prefix": subject.surname_prefix,
            "surname": subject.surname, "birth_year": subject.birth_year,
            "estimated_age": subject.estimated_age, "sex": subject.sex,
            "reference_date": timezone.localdate(signal.received_at).isoformat(),
        }
        record = {k: v for k, v in record.items() if v not in (None, "")}
        if not (subject.given_names or subject.surname):
            return None  # "a woman of about 30" identifies nobody
        return MentionInput(EntityKind.PERSON, _person_label(subject), subject.role, subject,
                            record, fuzzy=lk.person_blocking_keys(record))
    if kind == SignalSubject.Kind.ORGANISATION:
        kvk = lk.kvk_or_none(subject.kvk_number)
        if not (subject.name or kvk):
            return None
        record = {"name": subject.name, "kvk": kvk or ""}
        certain = [("kvk", lk.certain_key("kvk", kvk))] if kvk else []
        return MentionInput(EntityKind.ORGANISATION, subject.label, subject.role, subject,
                            record, certain, lk.organisation_blocking_keys(subject.name))
    if kind == SignalSubject.Kind.VEHICLE and subject.licence_plate:
        plate = subject.licence_plate.upper().replace("-", "")
        return MentionInput(EntityKind.VEHICLE, subject.licence_plate, subject.role, subject,
                            {"licence_plate": plate},
                            [("vehicle", lk.certain_key("vehicle", plate))])
    if kind == SignalSubject.Kind.PHONE and subject.phone:
        phone = lk.nz.normalise_phone(subject.phone) or subject.phone
        return MentionInput(EntityKind.CONTACT, phone, subject.role, subject, {"phone": phone},
                            [("phone", lk.certain_key("phone", phone))])
    return None


def _person_label(subject: SignalSubject) -> str:
    name = " ".join(p for p in (subject.given_names, subject.surname_prefix, subject.surname)
                    if p)
    if subject.birth_year:
        return f"{name} ({subject.birth_year})"
    if subject.estimated_age:
        return _("%(name)s (ca. %(age)s jaar)") % {"name": name, "age": subject.estimated_age}
    return name


def _text_mentions(signal: Signal, persons: list[MentionInput]) -> list[MentionInput]:
    """IBANs and e-mail addresses written in the description become entities; a BSN in the
    text becomes a certain key of the person when the signal names exactly one person."""
    out: list[MentionInput] = []
    seen: set[str] = set()
    for found in extract(signal.description or ""):
        if found.value in seen:
            continue
        seen.add(found.value)
        if found.type == "iban":
            out.append(MentionInput(EntityKind.BANK_ACCOUNT, found.value, "text",
                                    record={"iban": found.value},
                                    certain=[("iban", lk.certain_key("iban", found.value))]))
        elif found.type == "email":
            out.append(MentionInput(EntityKind.CONTACT, found.value, "text",
                                    record={"email": found.value},
                                    certain=[("email", lk.certain_key("email", found.value))]))
        elif found.type == "bsn" and len(persons) == 1:
            persons[0].certain.append(("bsn", "bsn:" + lk.bsn_hash(found.value, hash_key())))
    return out


# --- resolution -------------------------------------------------------------------------------


REMOVED_LABEL = "[verwijderd]"


def remove_mentions(mentions) -> int:
    """Remove mentions (retention, erasure) without leaving their names behind: an entity keeps
    the label of a remaining mention, or none at all. Entities themselves stay, because the
    append-only link history refers to them. Returns the number of mentions removed."""
    entity_ids = set(mentions.values_list("entity_id", flat=True))
    removed, _per_model = mentions.delete()
    for entity in Entity.objects.filter(pk__in=entity_ids):
        remaining = entity.mentions.order_by("pk").first()
        label = remaining.label if remaining is not None else REMOVED_LABEL
        Entity.objects.filter(pk=entity.pk).update(label=label)
    return removed


def unresolved_signals():
    """Signals without any mention, oldest first (``schakel linking resolve``). A signal whose
    subjects hold nothing to link stays in this list; resolving it again is harmless."""
    return Signal.objects.filter(mentions__isnull=True).order_by("received_at", "pk")


def resolve_signal(signal: Signal) -> list[Mention]:
    """Resolve every mention of a newly registered signal (idempotent: a signal that already
    has mentions is left as it is)."""
    if Mention.objects.filter(signal=signal).exists():
        return list(Mention.objects.filter(signal=signal))
    mentions = []
    with transaction.atomic():
        for item in signal_mentions(signal):
            mentions.append(_resolve(signal, item))
    refs = sorted({m.entity.reference for m in mentions})
    if refs:
        audit.record(actor=None, action="create", object_type="entity",
                     object_refs=[signal.reference, *refs], purpose="linking")
    return mentions


def _resolve(signal: Signal, item: MentionInput) -> Mention:
    entity, reason = _certain_match(item)
    auto = entity is not None
    if entity is None:
        entity = Entity.objects.create(kind=item.kind, label=item.label[:200])
    mention = Mention.objects.create(signal=signal, subject=item.subject, kind=item.kind,
                                     role=item.role, label=item.label[:200],
                                     record=item.record, entity=entity)
    EntityKey.objects.bulk_create(_key_rows(item, mention))
    if auto:
        LinkEvent.objects.create(action=LinkEvent.Action.AUTO_LINK, entity=entity,
                                 mention=mention, mention_ids=[mention.pk], reason=reason)
        _regional_hits(entity, [mention])
    else:
        LinkEvent.objects.create(action=LinkEvent.Action.NEW, entity=entity, mention=mention,
                                 mention_ids=[mention.pk])
    if item.kind in (EntityKind.PERSON, EntityKind.ORGANISATION):
        _propose(mention, item)
    return mention


def _key_rows(item: MentionInput, mention: Mention) -> list[EntityKey]:
    return ([EntityKey(key=stored_key(key), certain=True, mention=mention, entity=mention.entity)
             for _code, key in item.certain]
            + [EntityKey(key=stored_key(key), certain=False, mention=mention,
                         entity=mention.entity) for key in item.fuzzy])


@transaction.atomic
def rekey_signal(signal: Signal) -> int:
    """Recompute the stored keys of a signal's mentions (``schakel keys reindex``, after
    ``SCHAKEL_HASH_KEY`` changed: the old keyed hashes no longer match new ones). Links and
    decisions stay as they are. Returns the number of keys written."""
    mentions = {(m.subject_id, m.kind, m.label): m for m in Mention.objects.filter(signal=signal)}
    EntityKey.objects.filter(mention__signal=signal).delete()
    rows: list[EntityKey] = []
    for item in signal_mentions(signal):
        mention = mentions.get((item.subject.pk if item.subject else None, item.kind,
                                item.label[:200]))
        if mention is not None:
            rows += _key_rows(item, mention)
    EntityKey.objects.bulk_create(rows)
    return len(rows)


def _certain_match(item: MentionInput) -> tuple[Entity | None, str]:
    for code, key in item.certain:
        found = (EntityKey.objects.filter(key=stored_key(key), certain=True)
                 .select_related("entity").order_by("id").first())
        if found is not None:
            return found.entity, str(CERTAIN_REASONS[code])
    return None, ""


def candidate_mentions(item: MentionInput, exclude_entity: Entity | None = None) -> list[int]:
    """Mentions sharing a fuzzy blocking key with ``item``, through the indexed key column.

    A key shared by more mentions than the engine's block cap for it is skipped (it identifies
    nobody); mentions sharing most keys come first."""
    if not item.fuzzy:
        return []
    caps = {stored_key(key): cap for key, cap in item.fuzzy.items()}
    sizes = dict(EntityKey.objects.filter(key__in=list(caps), certain=False)
                 .values_list("key").annotate(n=Count("id")).values_list("key", "n"))
    usable = [key for key, n in sizes.items() if 0 < n <= caps[key]]
    if not usable:
        return []
    rows = EntityKey.objects.filter(key__in=usable, certain=False, mention__kind=item.kind)
    if exclude_entity is not None:
        rows = rows.exclude(entity=exclude_entity)
    counts = Counter(rows.values_list("mention_id", flat=True))
    return [pk for pk, _n in counts.most_common(MAX_CANDIDATES)]


POPULATION_SECONDS = 300
_population: dict[str, tuple[float, int]] = {}


def population(kind: str) -> int:
    """How many entities of a kind are known (the prior's denominator). Counted at most every
    few minutes per process: counting 50,000 rows per mention cost more than the scoring, and
    the prior hardly moves in minutes."""
    now = time.monotonic()
    cached = _population.get(kind)
    if cached is None or now - cached[0] > POPULATION_SECONDS or cached[1] < 1000:
        cached = (now, Entity.objects.filter(kind=kind, merged_into__isnull=True).count())
        _population[kind] = cached
    return cached[1]


def rank(item: MentionInput, municipality_id: int,
         exclude_entity: Entity | None = None) -> list[tuple[Mention, lk.Scored]]:
    """Candidate mentions of the same municipality, scored with the matching engine, most
    likely first. A candidate known only elsewhere is never scored for a proposal: its
    content may not cross (a certain identifier raises a regional hit instead)."""
    ids = candidate_mentions(item, exclude_entity=exclude_entity)
    if not ids:
        return []
    candidates = list(Mention.objects.filter(
        pk__in=ids, signal__municipality_id=municipality_id).select_related("entity"))
    if not candidates:
        return []
    if item.kind == EntityKind.PERSON:
        scored = lk.score_person(item.record, [c.record for c in candidates],
                                 population(item.kind))
    else:
        scored = lk.score_organisation(item.record, [c.record for c in candidates],
                                       population(item.kind))
    return [(candidates[result.index], result) for result in scored]


def _propose(mention: Mention, item: MentionInput) -> list[Proposal]:
    """Keep the best candidate mention per other entity as a proposal."""
    best: dict[int, tuple[Mention, lk.Scored]] = {}
    for candidate, result in rank(item, mention.signal.municipality_id, mention.entity):
        if result.probability < PROPOSE_FROM or candidate.entity_id in best:
            continue
        if _rejected(mention.entity, candidate.entity) or _ruled_out(item, candidate):
            continue
        best[candidate.entity_id] = (candidate, result)
    proposals = []
    for candidate, result in list(best.values())[:PROPOSALS_PER_MENTION]:
        proposals.append(Proposal.objects.create(
            mention=mention, candidate=candidate, probability=round(result.probability, 4),
            explanation=result.explanation.as_dict()))
    return proposals


def _ruled_out(item: MentionInput, candidate: Mention) -> bool:
    """Evidence that settles "not the same" whatever the names say: two different KvK
    numbers are two registrations; ages far apart are two people (parent and child)."""
    if item.kind == EntityKind.ORGANISATION:
        kvk, other = item.record.get("kvk"), candidate.record.get("kvk")
        return bool(kvk and other and kvk != other)
    return lk.birth_years_apart(item.record, candidate.record)


def _rejected(a: Entity, b: Entity) -> bool:
    """Whether a coordinator already said that these two are not the same."""
    return Proposal.objects.filter(status=Proposal.Status.REJECTED).filter(
        Q(mention__entity=a, candidate__entity=b) | Q(mention__entity=b, candidate__entity=a)
    ).exists()


def still_open(proposals: Iterable[Proposal]) -> list[Proposal]:
    """Open proposals that still ask something: not already one entity, and not a pair of
    entities a coordinator has said are different (a decision is never asked twice)."""
    return [p for p in proposals if p.status == Proposal.Status.OPEN
            and p.mention.entity_id != p.candidate.entity_id
            and not _rejected(p.mention.entity, p.candidate.entity)]


def _regional_hits(entity: Entity, mentions: Iterable[Mention]) -> list[RegionalHit]:
    """Entity known in another municipality of the same region: one hit per pair of signals
    (the latest signal there), shown to both coordinators without content."""
    hits = []
    for mention in mentions:
        signal = mention.signal
        region = signal.municipality.region
        others = (Signal.objects.filter(mentions__entity=entity)
                  .exclude(municipality_id=signal.municipality_id)
                  .filter(municipality__region=region).exclude(pk=signal.pk)
                  .order_by("municipality_id", "-received_at").distinct())
        done: set[int] = set()
        for other in others:
            if other.municipality_id in done or not region:
                continue
            done.add(other.municipality_id)
            hit, created = RegionalHit.objects.get_or_create(entity=entity, signal=signal,
                                                             other_signal=other)
            if created:
                hits.append(hit)
    return hits


# --- the coordinator's decisions ---------------------------------------------------------------


def _require_triage(actor: User, *signals: Signal) -> None:
    if not all(scope.can_triage(actor, s) for s in signals):
        raise PermissionError("actor may not link these signals")


def _move(mentions: list[Mention], target: Entity) -> list[int]:
    ids = [m.pk for m in mentions]
    Mention.objects.filter(pk__in=ids).update(entity=target)
    EntityKey.objects.filter(mention_id__in=ids).update(entity=target)
    return ids


def _log(actor: User, refs: list[str], request: HttpRequest | None) -> None:
    audit.record(actor=actor, action="update", object_type="entity", object_refs=refs,
                 request=request, purpose="linking")


def _open_proposal(proposal: Proposal, actor: User) -> Proposal:
    """The proposal locked for a decision: both signals triageable by ``actor``, not decided yet
    (two coordinators deciding at once: the second is told it is already decided)."""
    proposal = Proposal.objects.select_for_update().select_related(
        "mention__signal", "candidate__signal", "mention__entity", "candidate__entity",
    ).get(pk=proposal.pk)
    _require_triage(actor, proposal.mention.signal, proposal.candidate.signal)
    if proposal.status != Proposal.Status.OPEN:
        raise ValidationError(_("Over dit voorstel is al besloten."))
    return proposal


@transaction.atomic
def confirm(proposal: Proposal, actor: User, reason: str = "",
            request: HttpRequest | None = None) -> Entity:
    """"Yes, the same": the mention's entity is merged into the candidate's entity."""
    proposal = _open_proposal(proposal, actor)
    source, target = proposal.mention.entity, proposal.candidate.entity
    proposal.status = Proposal.Status.CONFIRMED
    proposal.save(update_fields=["status"])
    moved: list[int] = []
    if source.pk != target.pk:
        moved = _merge(source, target)
    LinkEvent.objects.create(action=LinkEvent.Action.CONFIRM, entity=target,
                             other_entity=source, mention=proposal.mention, proposal=proposal,
                             mention_ids=moved, actor=actor, reason=reason.strip())
    _log(actor, [target.reference, source.reference, proposal.mention.signal.reference,
                 proposal.candidate.signal.reference], request)
    _regional_hits(target, Mention.objects.filter(pk__in=moved).select_related(
        "signal__municipality"))
    return target


def _merge(source: Entity, target: Entity) -> list[int]:
    moved = _move(list(source.mentions.all()), target)
    source.merged_into = target
    source.save(update_fields=["merged_into"])
    LinkEvent.objects.create(action=LinkEvent.Action.MERGE, entity=target, other_entity=source,
                             mention_ids=moved)
    return moved


@transaction.atomic
def reject(proposal: Proposal, actor: User, reason: str = "",
           request: HttpRequest | None = None) -> Proposal:
    """"No, not the same": remembered, so this pair of entities is never proposed again."""
    proposal = _open_proposal(proposal, actor)
    proposal.status = Proposal.Status.REJECTED
    proposal.save(update_fields=["status"])
    LinkEvent.objects.create(action=LinkEvent.Action.REJECT, entity=proposal.mention.entity,
                             other_entity=proposal.candidate.entity, mention=proposal.mention,
                             proposal=proposal, actor=actor, reason=reason.strip())
    _log(actor, [proposal.mention.entity.reference, proposal.candidate.entity.reference,
                 proposal.mention.signal.reference], request)
    return proposal


def auto_linked(mention: Mention) -> bool:
    """Whether the mention's current link is an automatic one that may be undone."""
    last = mention.events.exclude(action=LinkEvent.Action.REJECT).order_by("-at", "-id").first()
    return last is not None and last.action == LinkEvent.Action.AUTO_LINK and (
        last.entity_id == mention.entity_id)


@transaction.atomic
def undo_auto_link(mention: Mention, actor: User, reason: str = "",
                   request: HttpRequest | None = None) -> Entity:
    """Take an automatically linked mention out of its entity into a new one of its own."""
    mention = Mention.objects.select_related("signal", "entity").get(pk=mention.pk)
    _require_triage(actor, mention.signal)
    if not auto_linked(mention):
        raise ValidationError(_("Deze koppeling is niet automatisch gelegd."))
    old = mention.entity
    new = Entity.objects.create(kind=mention.kind, label=mention.label)
    _move([mention], new)
    LinkEvent.objects.create(action=LinkEvent.Action.UNDO, entity=new, other_entity=old,
                             mention=mention, mention_ids=[mention.pk], actor=actor,
                             reason=reason.strip())
    _remember_not_same(mention, old)
    _log(actor, [new.reference, old.reference, mention.signal.reference], request)
    return new


@transaction.atomic
def split(entity: Entity, mentions: list[Mention], actor: User, reason: str = "",
          request: HttpRequest | None = None) -> Entity:
    """Split mentions off an entity into a new entity (a merge that was wrong)."""
    entity = Entity.objects.select_for_update().get(pk=entity.pk)
    mentions = [m for m in mentions if m.entity_id == entity.pk]
    remaining = entity.mentions.exclude(pk__in=[m.pk for m in mentions])
    if not mentions or not remaining.exists():
        raise ValidationError(_("Kies een deel van de vermeldingen om af te splitsen."))
    _require_triage(actor, *{m.signal for m in mentions})
    if not reason.strip():
        raise ValidationError(_("Geef aan waarom dit niet dezelfde is."))
    new = Entity.objects.create(kind=entity.kind, label=mentions[0].label)
    moved = _move(mentions, new)
    LinkEvent.objects.create(action=LinkEvent.Action.SPLIT, entity=new, other_entity=entity,
                             mention_ids=moved, actor=actor, reason=reason.strip())
    _remember_not_same(mentions[0], entity)
    _log(actor, [new.reference, entity.reference], request)
    return new


def _remember_not_same(mention: Mention, other: Entity) -> None:
    """A rejected proposal between the two, so the pair is never proposed again."""
    candidate = other.mentions.order_by("id").first()
    if candidate is None:
        return
    Proposal.objects.update_or_create(
        mention=mention, candidate=candidate,
        defaults={"status": Proposal.Status.REJECTED, "probability": 0.0})


# --- reading ----------------------------------------------------------------------------------


def period_bounds(start: dt.date | None, end: dt.date | None) -> Q:
    query = Q()
    if start:
        query &= Q(received_at__date__gte=start)
    if end:
        query &= Q(received_at__date__lte=end)
    return query
