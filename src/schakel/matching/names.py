# SPDX-License-Identifier: EUPL-1.2
"""Dutch name handling: normalisation, tussenvoegsels, reordered forms, initials, phonetics.

Dutch registers sort a surname without its prefix ("Berg, Jan van der"), people write the
prefix glued on ("Vanderberg") or capitalised ("Van der Berg"), forms carry initials ("J.P."),
and migrants' names lose their diacritics on the way through other systems. Matching must see
through all of that, so every name is reduced to the same parts: given names, initials, the
prefix (tussenvoegsel) and the core surname, in lower-case ASCII.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import jellyfish

# Prefixes as the BRP writes them (table 36, the common part), longest first so that
# "van der" wins over "van".  Lower case, ASCII.
PREFIXES: tuple[str, ...] = tuple(
    sorted(
        {
            "van der", "van den", "van de", "van het", "van 't", "van t", "in 't", "in t",
            "in het", "in de", "in den", "op de", "op den", "op het", "op 't", "op t", "aan de",
            "aan den", "aan het", "aan 't", "uit de", "uit den", "uit het", "uit 't", "bij de",
            "over de", "onder de", "voor de", "voor den", "von der", "von dem", "van der de",
            "de la", "de le", "de los", "de las", "van", "de", "den", "der", "het", "'t", "t",
            "ten", "ter", "te", "von", "zu", "du", "la", "le", "da", "di", "del", "della",
            "dos", "das", "do", "d'", "l'", "el", "al", "ibn", "bin", "ben", "mac", "o'",
        },
        key=lambda p: (-len(p.split()), -len(p)),
    )
)
_PREFIX_SET = frozenset(PREFIXES)
_PREFIX_WORDS = frozenset(w for p in PREFIXES for w in p.split())
# Prefix words that are also common given or surname parts: only taken as a prefix when more
# name follows them, never as the whole surname.
_AMBIGUOUS = frozenset({"el", "al", "la", "le", "da", "di", "do", "ben", "bin", "mac", "del"})

_SPECIAL = {"ß": "ss", "ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "æ": "ae", "Æ": "Ae", "ı": "i"}
_NON_NAME = re.compile(r"[^a-z' ]+")
_SPACES = re.compile(r"\s+")


def fold(text: str) -> str:
    """The text without diacritics, case kept ("Ünal" -> "Unal")."""
    for special, plain in _SPECIAL.items():
        text = text.replace(special, plain)
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def ascii_fold(text: str) -> str:
    """Lower-case ASCII without diacritics ("Ünal" -> "unal", "Zoë" -> "zoe").

    Registers and forms disagree on diacritics far more often than people differ by them, so
    they carry no evidence and are removed before any comparison.
    """
    return fold(text).lower()


def clean(text: str | None) -> str:
    """Letters, apostrophes and single spaces only; hyphens and dots become spaces."""
    if not text:
        return ""
    folded = ascii_fold(str(text)).replace("’", "'").replace("`", "'")
    return _SPACES.sub(" ", _NON_NAME.sub(" ", folded)).strip()


@dataclass(frozen=True, slots=True)
class ParsedName:
    """A person's name split into the parts that matching compares."""

    given: str = ""  # all given names, space separated ("jan pieter"); "" if only initials
    initials: str = ""  # first letters of the given names ("jp")
    prefix: str = ""  # tussenvoegsel ("van der")
    surname: str = ""  # core surname without prefix ("berg"); a double name keeps both parts

    @property
    def first_given(self) -> str:
        return self.given.split(" ", 1)[0] if self.given else ""

    @property
    def full_surname(self) -> str:
        """Prefix and surname as one word ("vanderberg"), so glued spellings compare equal."""
        return (self.prefix + self.surname).replace(" ", "").replace("'", "")


_INITIALS = re.compile(r"^(?:[A-Za-z]\.){1,5}$|^(?:[A-Za-z]\.?\s*){1,5}$")


def _is_initials_token(token: str) -> bool:
    """'J.', 'J.P.', 'JP' written as capitals, or a lone letter."""
    bare = token.replace(".", "")
    if not bare.isalpha():
        return False
    if "." in token:
        return len(bare) <= 5
    return len(bare) == 1 or (len(bare) <= 3 and bare.isupper() and not _has_vowel(bare))


def _has_vowel(text: str) -> bool:
    return any(c in "aeiouyAEIOUY" for c in text)


def parse_given(raw: str | None) -> tuple[str, str]:
    """Return (given names, initials) from a given-names field.

    "Jan-Pieter" and "Jan Pieter" are the same two names; "J.P." is initials only, so the
    given-name string is empty and the comparison falls back to initials.
    """
    if not raw or not str(raw).strip():
        return "", ""
    names: list[str] = []
    initials: list[str] = []
    for token in re.split(r"[\s\-]+", fold(str(raw)).strip()):
        if not token:
            continue
        if _is_initials_token(token):
            initials.extend(c.lower() for c in token if c.isalpha())
            continue
        word = clean(token).replace("'", "").replace(" ", "")
        if word:
            names.append(word)
            initials.append(word[0])
    return " ".join(names), "".join(initials)


def split_prefix(surname: str | None, prefix: str | None = None) -> tuple[str, str]:
    """Return (prefix, core surname) from a surname field and an optional prefix field.

    Accepts "van der Berg", "Van der Berg", "Berg van der" (register sort order),
    "Berg, van der" and a separate prefix field; keeps double names ("jansen de vries").
    """
    pre = clean(prefix)
    text = clean(surname)
    if "," in str(surname or ""):
        head, _, tail = str(surname).partition(",")
        tail_clean = clean(tail)
        if tail_clean in _PREFIX_SET:
            return (pre or tail_clean), clean(head)
    words = text.split()
    lead, rest = _take_prefix(words)
    if lead and rest:
        return (pre or lead), " ".join(rest)
    trail, body = _take_trailing_prefix(words)
    if trail and body:
        return (pre or trail), " ".join(body)
    return pre, text


def _take_prefix(words: list[str]) -> tuple[str, list[str]]:
    """Longest known prefix at the start of ``words`` that leaves a surname after it."""
    for size in (3, 2, 1):
        if len(words) > size:
            cand = " ".join(words[:size])
            if cand in _PREFIX_SET and not (size == 1 and cand in _AMBIGUOUS and len(words) < 2):
                return cand, words[size:]
    return "", words


def _take_trailing_prefix(words: list[str]) -> tuple[str, list[str]]:
    """Prefix written after the surname, as registers sort it ("Berg van der")."""
    for size in (3, 2, 1):
        if len(words) > size:
            cand = " ".join(words[-size:])
            if cand in _PREFIX_SET and cand not in _AMBIGUOUS:
                return cand, words[:-size]
    return "", words


def parse_full_name(raw: str | None) -> ParsedName:
    """Split a whole name as typed into a form or found in a text.

    Handles "Jan van der Berg", "J.P. van der Berg", "Berg, Jan van der",
    "van der Berg, J." and "Berg van der, Jan".
    """
    if not raw or not str(raw).strip():
        return ParsedName()
    text = str(raw).strip()
    if "," in text:
        return _parse_reordered(text)
    tokens = text.replace("-", " - ").split()
    lower = [clean(t) for t in tokens]
    start = _first_prefix_index(tokens, lower)
    if start is None:
        start = _surname_start(tokens)
    given_raw = " ".join(tokens[:start]).replace(" - ", "-")
    prefix, surname = split_prefix(" ".join(tokens[start:]).replace(" - ", "-"))
    given, initials = parse_given(given_raw)
    return ParsedName(given, initials, prefix, surname)


def _first_prefix_index(tokens: list[str], lower: list[str]) -> int | None:
    """Index where the surname part starts, found by its first prefix word.

    A prefix needs a given name before it and a surname after it. Words such as "el" or
    "da" count only right before the last word ("Mohamed El Amrani"). A prefix right after a
    hyphen belongs to a double surname ("Jansen-de Vries"), which starts one word earlier.
    """
    for i in range(1, len(lower) - 1):
        word = lower[i]
        if word not in _PREFIX_WORDS or (word in _AMBIGUOUS and i != len(lower) - 2):
            continue
        if tokens[i - 1] == "-" and i >= 3:
            return i - 2
        return i
    return None


def _surname_start(tokens: list[str]) -> int:
    """Without a prefix the surname is the last word (or the last hyphenated group)."""
    if len(tokens) <= 1:
        return 0
    i = len(tokens) - 1
    while i >= 2 and tokens[i - 1] == "-":
        i -= 2
    return max(i, 1)


def _parse_reordered(text: str) -> ParsedName:
    """'Berg, Jan van der' → surname part before the comma, given names and prefix after."""
    head, _, tail = text.partition(",")
    tail_words = tail.split()
    lower_tail = [clean(t) for t in tail_words]
    prefix = ""
    for size in (3, 2, 1):
        if len(lower_tail) > size - 1 and " ".join(lower_tail[-size:]) in _PREFIX_SET:
            candidate = " ".join(lower_tail[-size:])
            if candidate not in _AMBIGUOUS and len(tail_words) > size:
                prefix = candidate
                tail_words = tail_words[:-size]
                break
    head_prefix, surname = split_prefix(head)
    given, initials = parse_given(" ".join(tail_words))
    return ParsedName(given, initials, prefix or head_prefix, surname)


def parse_name(
    given: str | None = None,
    surname: str | None = None,
    prefix: str | None = None,
    full_name: str | None = None,
) -> ParsedName:
    """Combine separate fields and/or a whole name into one :class:`ParsedName`.

    Separate fields win; a whole name fills what they leave empty. A surname field that holds
    the reordered form ("Berg, Jan van der") is parsed as a whole name.
    """
    if surname and "," in str(surname) and not given:
        tail = clean(str(surname).partition(",")[2])
        if tail and tail not in _PREFIX_SET:
            full_name, surname = surname, None
    parsed_full = parse_full_name(full_name) if full_name else ParsedName()
    given_names, initials = parse_given(given) if given else ("", "")
    pre, core = split_prefix(surname, prefix) if surname or prefix else ("", "")
    return ParsedName(
        given=given_names or parsed_full.given,
        initials=initials or parsed_full.initials,
        prefix=pre or parsed_full.prefix,
        surname=core or parsed_full.surname,
    )


# --- phonetics -----------------------------------------------------------------------------

_DUTCH_RULES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), repl)
    for pattern, repl in (
        (r"[^a-z]", ""),
        (r"sch", "sg"),  # Schouten ~ Sgouten is rare; keep 'sch' stable before 'ch'
        (r"ch", "g"),  # Dutch ch and g sound alike
        (r"gh", "g"),
        (r"ph", "f"),
        (r"th", "t"),
        (r"qu", "kw"),
        (r"x", "ks"),
        (r"ck", "k"),
        (r"c(?=[eiy])", "s"),
        (r"c", "k"),
        (r"ij|ei|ey|y", "y"),  # ij, ei and y are the same sound
        (r"ie", "i"),
        (r"ae", "a"),
        (r"uy", "ui"),
        (r"auw|ouw|au|ou", "ou"),
        (r"z", "s"),
        (r"v", "f"),
        (r"dt$", "t"),
        (r"dt", "t"),
        (r"d$", "t"),
        (r"(?<=[bcdfgjklmnpqrstvwxz])h", ""),
        (r"(.)\1+", r"\1"),  # double letters: Jansen ~ Janssen, Smit ~ Smitt
    )
)


@lru_cache(maxsize=200_000)
def dutch_phonetic(name: str) -> str:
    """A key under which Dutch spelling variants of one name coincide.

    General phonetic codes (Soundex, Metaphone) are built for English; they miss that ij, ei
    and y are one sound in Dutch, that ch and g are, that a final d is spoken as t ("Van
    Dijk" ~ "Van Deik", "Schmidt" ~ "Smit"). These rules fold those pairs before comparing.
    """
    key = clean(name).replace(" ", "")
    for pattern, repl in _DUTCH_RULES:
        key = pattern.sub(repl, key)
    return key


@lru_cache(maxsize=200_000)
def metaphone(name: str) -> str:
    """Metaphone of the cleaned name (jellyfish), a second, language-agnostic phonetic key."""
    key = clean(name).replace(" ", "").replace("'", "")
    return jellyfish.metaphone(key) if key else ""


# A few frequent Dutch short forms and spelling pairs; fuzzy comparison covers the rest.
NICKNAMES: dict[str, str] = {
    "hans": "johannes", "jan": "johannes", "johan": "johannes", "joop": "johannes",
    "hannie": "johanna", "anneke": "anna", "annie": "anna", "ans": "johanna",
    "kees": "cornelis", "cor": "cornelis", "niels": "cornelis", "piet": "petrus",
    "peter": "petrus", "henk": "hendrik", "rik": "hendrik", "harry": "hendrik",
    "wim": "willem", "willy": "willem", "klaas": "nicolaas", "nico": "nicolaas",
    "gert": "gerardus", "gerard": "gerardus", "ger": "gerardus", "sjaak": "jacobus",
    "jaap": "jacobus", "koos": "jacobus", "co": "jacobus", "jacob": "jacobus",
    "toon": "antonius", "ton": "antonius", "anton": "antonius", "tonny": "antonius",
    "bert": "albertus", "ad": "adrianus", "adriaan": "adrianus", "arie": "adrianus",
    "thijs": "matthijs", "mies": "maria", "marie": "maria", "mieke": "maria", "ria": "maria",
    "bep": "elisabeth", "els": "elisabeth", "lies": "elisabeth", "liesbeth": "elisabeth",
    "betty": "elisabeth", "greet": "margaretha", "grietje": "margaretha", "gre": "margaretha",
    "truus": "geertruida", "trudy": "geertruida", "dirk": "theodorus", "ruud": "rudolf",
    "joost": "justus", "guus": "augustus", "sjors": "george", "bas": "sebastiaan",
    "tom": "thomas", "rob": "robert", "bob": "robert", "bill": "william", "will": "william",
    "liz": "elizabeth", "beth": "elizabeth", "kate": "katherine", "katie": "katherine",
    "jim": "james", "jimmy": "james", "mike": "michael", "dave": "david", "chris": "christopher",
    "alex": "alexander", "sasha": "alexander", "sam": "samuel", "ben": "benjamin",
    "dan": "daniel", "danny": "daniel", "joe": "joseph", "nick": "nicholas", "tony": "anthony",
    "mohammed": "mohamed", "muhammad": "mohamed", "mohammad": "mohamed", "mehmet": "mohamed",
}


def canonical_given(name: str) -> str:
    """Map a known short form to its full name, so "Kees" and "Cornelis" can agree."""
    return NICKNAMES.get(name, name)
