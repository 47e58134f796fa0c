# SPDX-License-Identifier: EUPL-1.2
"""Word search over encrypted signal texts through a blind index.

The description, the place and the names in a signal are stored encrypted
(:mod:`schakel.core.fields`), so the database cannot look inside them. Instead every word of
those texts is stored as a short keyed hash (:class:`~schakel.signals.models.SignalSearchTerm`);
a search hashes the words typed and asks for signals that hold all of them. What this gives up,
on purpose: substring search ("Kowal" no longer finds "Kowalski") — a substring index would
have to store hashes of every fragment and would leak far more about the texts. Words are
compared after removing case and accents, so "Jose" finds "José".
"""

from __future__ import annotations

import re

from django.db import transaction
from django.db.models import Q, QuerySet

from schakel.core import crypto
from schakel.signals.models import (
    NAME_PURPOSE,
    Signal,
    SignalSearchTerm,
    normalise_name,
    person_name_material,
)

PURPOSE = "signal_search"
DIGEST_LENGTH = 16      # 64 bits: no practical collisions, and shorter than the full HMAC
MIN_WORD_LENGTH = 2
MAX_QUERY_WORDS = 8
_WORD = re.compile(r"\w+", re.UNICODE)


def words(text: str) -> set[str]:
    """The distinct searchable words of ``text``, normalised ('José' → 'jose')."""
    return {word for word in _WORD.findall(normalise_name(text).replace("_", " "))
            if len(word) >= MIN_WORD_LENGTH}


def digest(word: str) -> str:
    return crypto.keyed_hash(PURPOSE, word)[:DIGEST_LENGTH]


def signal_words(signal: Signal) -> set[str]:
    """What a coordinator can find a signal by: its description, place and the names,
    organisation names and descriptions of the people and organisations in it."""
    texts: list[str] = [signal.description, signal.location_description, signal.observed_period]
    for subject in signal.subjects.all():
        texts += [subject.given_names, subject.surname_prefix, subject.surname, subject.name,
                  subject.description]
    return set().union(*(words(text) for text in texts if text))


@transaction.atomic
def index_signal(signal: Signal) -> int:
    """(Re)build the index rows of one signal; called after intake and after any change to
    its texts (erasure, retention). Returns the number of distinct words indexed."""
    digests = {digest(word) for word in signal_words(signal)}
    SignalSearchTerm.objects.filter(signal=signal).delete()
    SignalSearchTerm.objects.bulk_create(
        [SignalSearchTerm(signal=signal, digest=value) for value in sorted(digests)])
    return len(digests)


def matching(signals: QuerySet[Signal], text: str) -> QuerySet[Signal]:
    """The signals among ``signals`` that contain every word of ``text`` (at most the first
    eight words count; words of one letter are ignored). No words: nothing matches."""
    query_words = sorted(words(text), key=len, reverse=True)[:MAX_QUERY_WORDS]
    if not query_words:
        return signals.none()
    for word in query_words:
        signals = signals.filter(pk__in=SignalSearchTerm.objects.filter(digest=digest(word))
                                 .values("signal_id"))
    return signals


def person_named(given_names: str, surname: str) -> Q:
    """A filter on :class:`~schakel.signals.models.SignalSubject` for persons with exactly
    this name (case, accents and spacing aside). The surname may be typed with its prefix
    ("de Vries") or without it; names are encrypted, so their keyed hashes are compared."""
    material = person_name_material(given_names, surname)
    if not material:
        return Q(pk__in=[])
    name_hash = crypto.keyed_hash(NAME_PURPOSE, material)
    return Q(name_hash=name_hash) | Q(full_name_hash=name_hash)
