# SPDX-License-Identifier: EUPL-1.2
"""The lexicon: indicator phrases per domain plus cue words, compiled for fast matching.

Everything the text analysis recognises comes from the catalogue, not from code:

* indicator ``phrases`` (``catalog/data/indicators.yaml``, editable in the admin), and
* the ``analysis_cues`` section (``catalog/data/analysis_cues.yaml``): negation words, and cue
  phrases for smuggling, "no indication", acute danger and minors, plus indicator weights.

Phrase syntax (documented for administrators in the YAML files):

``word``      the whole word, case and accents ignored
``word*``     a word that starts with ``word`` (``betaal*``: betaald, betaalt)
``*word``     a word that ends with ``word`` (``*loon``: dagloon); ``*word*`` contains it
``*``         exactly one arbitrary word
``...``       up to six words in between, within one sentence
``'word'``    the word between quotes, as writers mark a claimed relation ('oom', 'vriend')

Matching runs over the words of the text (see :mod:`schakel.analysis.text`) through an index
on the first word of each phrase, so a signal costs a few hundred dictionary look-ups rather
than a regular expression per phrase.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from schakel.analysis.text import WORD_RE, Token, fold

GAP_WORDS = 6
NEGATION_WINDOW = 4
CUE_KINDS = (
    "coercion", "smuggling", "none", "acute", "acute_now", "acute_danger", "acute_block",
    "acute_past", "minor", "negation_scope", "setting",
)
CUES_FILE = Path(__file__).resolve().parents[1] / "catalog" / "data" / "analysis_cues.yaml"


# ── phrases ─────────────────────────────────────────────────────────────────────────────────


@dataclass(frozen=True, slots=True)
class Element:
    """One position in a phrase: a word test, a single wildcard word or a gap."""

    kind: str  # exact | prefix | suffix | infix | any | gap
    text: str = ""
    quote_before: bool = False
    quote_after: bool = False

    def accepts(self, token: Token) -> bool:
        if self.quote_before and not token.quoted_before:
            return False
        if self.quote_after and not token.quoted_after:
            return False
        kind, text = self.kind, self.text
        words = token.parts or (token.text,)
        if kind == "exact":
            return text in words
        if kind == "prefix":
            return any(word.startswith(text) for word in words)
        if kind == "suffix":
            return any(word.endswith(text) for word in words)
        if kind == "infix":
            return any(text in word for word in words)
        return kind == "any"


@dataclass(frozen=True)
class Phrase:
    """A compiled phrase. ``negated`` is True when the phrase holds a negation word itself
    ("geen loon"), so the negation check around it is skipped."""

    raw: str
    elements: tuple[Element, ...]
    negated: bool

    def match_at(self, tokens: list[Token], index: int) -> int | None:
        """Index of the last token when the phrase matches from ``tokens[index]``."""
        return _match(self.elements, 0, tokens, index, tokens[index].sentence)


def _match(elements: tuple[Element, ...], pos: int, tokens: list[Token], index: int,
           sentence: int) -> int | None:
    element = elements[pos]
    if element.kind == "gap":
        for skip in range(GAP_WORDS + 1):
            at = index + skip
            if at >= len(tokens) or tokens[at].sentence != sentence:
                return None
            end = _match(elements, pos + 1, tokens, at, sentence)
            if end is not None:
                return end
        return None
    if index >= len(tokens) or not element.accepts(tokens[index]):
        return None
    if pos + 1 == len(elements):
        return index
    next_index = index + 1
    if elements[pos + 1].kind != "gap" and (
        next_index >= len(tokens) or tokens[next_index].sentence != sentence
    ):
        return None
    return _match(elements, pos + 1, tokens, next_index, sentence)


def compile_phrase(raw: str, negations: frozenset[str] = frozenset()) -> Phrase | None:
    """Turn a catalogue phrase into matchable elements; ``None`` for an empty phrase."""
    elements: list[Element] = []
    for part in fold(raw).split():
        if part in {"...", "…"}:
            if elements and elements[-1].kind != "gap":
                elements.append(Element("gap"))
            continue
        if part == "*":
            elements.append(Element("any"))
            continue
        elements.extend(_word_elements(part))
    while elements and elements[-1].kind == "gap":
        elements.pop()
    while elements and elements[0].kind == "gap":
        elements.pop(0)
    if not elements:
        return None
    negated = any(e.kind == "exact" and e.text in negations for e in elements)
    return Phrase(raw, tuple(elements), negated)


def _word_elements(part: str) -> list[Element]:
    """One whitespace-separated part of a phrase may hold several words ("6,5", "z'n")."""
    quote_before, quote_after = part.startswith("'"), part.rstrip("*").endswith("'")
    lead, trail = part.lstrip("'").startswith("*"), part.rstrip("'").endswith("*")
    words = WORD_RE.findall(part.replace("*", ""))
    elements = []
    for number, word in enumerate(words):
        first, last = number == 0, number == len(words) - 1
        open_start, open_end = lead and first, trail and last
        kind = {(False, False): "exact", (False, True): "prefix", (True, False): "suffix",
                (True, True): "infix"}[(open_start, open_end)]
        elements.append(Element(kind, word, quote_before and first, quote_after and last))
    return elements


# ── the index ───────────────────────────────────────────────────────────────────────────────


@dataclass(frozen=True)
class Match:
    """A phrase found in a text: which entry, which phrase, which tokens."""

    owner: str
    phrase: Phrase
    first: int
    last: int
    start: int
    end: int


class PhraseIndex:
    """Finds every (owner, phrase) match in a token list, looking phrases up by first word.

    Phrases are numbered; the index maps a first word (or the first three letters of a stem)
    to phrase numbers. Phrases that start with a wildcard are tried at every word.
    """

    def __init__(self) -> None:
        self._phrases: list[tuple[str, Phrase]] = []
        self._exact: dict[str, list[int]] = defaultdict(list)
        self._prefix: dict[str, list[int]] = defaultdict(list)
        self._scan: list[int] = []

    def add(self, owner: str, phrase: Phrase) -> None:
        number = len(self._phrases)
        self._phrases.append((owner, phrase))
        first = phrase.elements[0]
        if first.kind == "exact":
            self._exact[first.text].append(number)
        elif first.kind == "prefix" and len(first.text) >= 3:
            self._prefix[first.text[:3]].append(number)
        else:
            self._scan.append(number)

    def _candidates(self, token: Token) -> list[int]:
        words = token.parts or (token.text,)
        if len(words) == 1:
            word = words[0]
            return self._exact.get(word, []) + self._prefix.get(word[:3], []) + self._scan
        numbers = set(self._scan)
        for word in words:
            numbers.update(self._exact.get(word, ()))
            numbers.update(self._prefix.get(word[:3], ()))
        return sorted(numbers)

    def matches(self, tokens: list[Token]) -> list[Match]:
        found = []
        for token in tokens:
            for number in self._candidates(token):
                owner, phrase = self._phrases[number]
                last = phrase.match_at(tokens, token.index)
                if last is not None:
                    found.append(Match(owner, phrase, token.index, last, token.start,
                                       tokens[last].end))
        return found


# ── lexicon entries ─────────────────────────────────────────────────────────────────────────


@dataclass
class Entry:
    """An indicator or a cue: what a match of any of its phrases means, and how much."""

    code: str
    kind: str  # "indicator" or one of CUE_KINDS
    domain: str = ""
    weight: float = 1.0
    phrases: list[Phrase] = field(default_factory=list)
    exceptions: list[Phrase] = field(default_factory=list)


@dataclass
class Lexicon:
    """Compiled indicators and cues. Build it once and reuse it: compiling costs milliseconds,
    matching a signal well under one."""

    entries: dict[str, Entry]
    negations: frozenset[str]
    clause_breaks: frozenset[str]
    index: PhraseIndex
    exception_index: PhraseIndex
    #: concept name -> indicator codes that describe the same thing in different domains
    #: (a withheld passport, money taken, a debt, isolation); see ``concept_groups`` in the
    #: cue file and :func:`schakel.analysis.suggest._assign_concepts`.
    concepts: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._concept_of = {code: name for name, codes in self.concepts.items() for code in codes}

    @classmethod
    def from_catalog(cls, source: Any = None) -> Lexicon:
        """From a :class:`~schakel.catalog.source.CatalogSource` (the shipped YAML by default)."""
        if source is None:
            from schakel.catalog.source import read_catalog

            source = read_catalog()
        cues = source.sections.get("analysis_cues") or load_cues()
        return cls.from_indicators(source.sections["indicators"], cues=cues)

    @classmethod
    def from_indicators(
        cls,
        indicators: Iterable[Mapping[str, Any]],
        cues: Iterable[Mapping[str, Any]] | None = None,
    ) -> Lexicon:
        """From indicator dicts (``code``, ``domain``, ``phrases``; e.g. rows from the database,
        so phrases added in the admin count) and cue entries (default: the shipped cue file).
        Inactive indicators (``active: False``) are skipped."""
        cue_list = list(load_cues() if cues is None else cues)
        negations = _words(cue_list, "negation")
        weights = _indicator_weights(cue_list)
        exceptions = _indicator_exceptions(cue_list)
        entries: dict[str, Entry] = {}
        for item in indicators:
            if item.get("active", True) is False:
                continue
            extra = exceptions.get(str(item["code"]), [])
            if extra:
                item = {**item, "except": [*(item.get("except") or []), *extra]}
            entry = _entry(item, "indicator", negations, weights.get(item["code"], 1.0))
            entry.domain = str(item.get("domain", ""))
            entries[entry.code] = entry
        for item in cue_list:
            if item.get("kind") in CUE_KINDS:
                entries[item["code"]] = _entry(item, item["kind"], negations,
                                               float(item.get("weight", 1.0)))
                entries[item["code"]].domain = str(item.get("domain", ""))
        return cls._build(entries, negations, _words(cue_list, "clause_break"),
                          _concepts(cue_list))

    @classmethod
    def _build(cls, entries: dict[str, Entry], negations: frozenset[str],
               clause_breaks: frozenset[str],
               concepts: dict[str, tuple[str, ...]] | None = None) -> Lexicon:
        index, exception_index = PhraseIndex(), PhraseIndex()
        for entry in entries.values():
            for phrase in entry.phrases:
                index.add(entry.code, phrase)
            for phrase in entry.exceptions:
                exception_index.add(entry.code, phrase)
        return cls(entries, negations, clause_breaks, index, exception_index, concepts or {})

    def concept_of(self, code: str) -> str | None:
        """The concept group an indicator belongs to, if any."""
        return self._concept_of.get(code)

    def domains(self) -> list[str]:
        """Exploitation domains that have at least one indicator, in catalogue order."""
        return list(dict.fromkeys(e.domain for e in self.entries.values() if e.kind == "indicator"))


def _entry(item: Mapping[str, Any], kind: str, negations: frozenset[str], weight: float) -> Entry:
    phrases = [compile_phrase(str(p), negations) for p in item.get("phrases") or []]
    exceptions = [compile_phrase(str(p), negations) for p in item.get("except") or []]
    return Entry(
        code=str(item["code"]),
        kind=kind,
        weight=weight,
        phrases=[p for p in phrases if p is not None],
        exceptions=[p for p in exceptions if p is not None],
    )


def _words(cues: list[Mapping[str, Any]], kind: str) -> frozenset[str]:
    words = (w for c in cues if c.get("kind") == kind for w in c.get("words", []))
    return frozenset(fold(str(word)) for word in words)


def _concepts(cues: list[Mapping[str, Any]]) -> dict[str, tuple[str, ...]]:
    concepts: dict[str, tuple[str, ...]] = {}
    for cue in cues:
        if cue.get("kind") == "concept_groups":
            for name, codes in (cue.get("groups") or {}).items():
                concepts[str(name)] = tuple(str(code) for code in codes or ())
    return concepts


def _indicator_exceptions(cues: list[Mapping[str, Any]]) -> dict[str, list[str]]:
    """``indicator_exceptions``: code -> phrases that cancel an overlapping match of that
    indicator, kept in the cue file so they also apply to indicators read from the database."""
    exceptions: dict[str, list[str]] = {}
    for cue in cues:
        if cue.get("kind") == "indicator_exceptions":
            for code, phrases in (cue.get("exceptions") or {}).items():
                exceptions.setdefault(str(code), []).extend(str(p) for p in phrases or ())
    return exceptions


def _indicator_weights(cues: list[Mapping[str, Any]]) -> dict[str, float]:
    weights: dict[str, float] = {}
    for cue in cues:
        if cue.get("kind") == "indicator_weights":
            weights.update({str(k): float(v) for k, v in (cue.get("weights") or {}).items()})
    return weights


def load_cues(path: Path = CUES_FILE) -> list[dict[str, Any]]:
    """The shipped cue entries, read without the rest of the catalogue."""
    content = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return list(content.get("analysis_cues") or [])
