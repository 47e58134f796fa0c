# SPDX-License-Identifier: EUPL-1.2
"""Find Dutch identifiers in free text: postcodes, licence plates, phone numbers, IBANs,
BSNs, KvK numbers and e-mail addresses.

How it works, in the order the code runs:

1. Spans that look like identifiers but are not (case and file numbers such as
   ``VT-2024-33871``, dates, euro amounts) are masked first, so nothing inside them is found.
2. Each type is searched in a fixed order (e-mail, IBAN, phone, BSN, KvK, licence plate,
   postcode). A span that one type claims is masked for the types after it: the ``5190`` of a
   phone number ending in ``… 5190 en`` is therefore never read as postcode ``5190 EN``.
3. Every candidate is validated with :mod:`schakel.analysis.identifiers` (checksums through
   python-stdnum and phonenumbers). BSN and KvK numbers have no telling shape, so they are
   only accepted when the text says what they are ("bsn", "KvK-nummer", ...).
4. An identifier is reported once per text: the first occurrence of each type + value.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass

from schakel.analysis import identifiers
from schakel.analysis.text import fold

ENTITY_TYPES = ("postcode", "licence_plate", "phone", "iban", "bsn", "kvk", "email")
MASK = "#"


@dataclass(frozen=True)
class Entity:
    """An identifier found in a text: where it is, what was written and its normalised value."""

    type: str
    value: str
    start: int
    end: int
    raw: str

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


# ── masking of distractors ──────────────────────────────────────────────────────────────────

_DISTRACTOR_RES = (
    # case, file, police and registration numbers: letters and a long digit group joined by
    # dashes or slashes (PL1700-2024087312, Z-2024-0412, VT-2024-33871, 2024-SVB-77231)
    re.compile(
        r"(?<![\w@.])(?=[\w/-]*[A-Za-z])(?=[\w/-]*\d{4})[A-Za-z0-9]+(?:[-/][A-Za-z0-9]+)+(?![\w@])"
    ),
    # dates: 14-02-2024, 3/11/24, 01.02.2025
    re.compile(r"(?<![\w.,-])(?:0?[1-9]|[12]\d|3[01])([-/.])(?:0?[1-9]|1[0-2])\1(?:\d{4}|\d{2})(?![\w])"),
    # money: € 1.742,18  EUR 250  1.500 euro
    re.compile(r"(?:€|\beur\b|\beuro\b)\s?\d[\d.,]*(?:,-)?", re.IGNORECASE),
    re.compile(r"\d[\d.,]*\s?(?:euro|eur)\b", re.IGNORECASE),
)

#: Words that say a number is a reference, not a phone number or BSN.
_REFERENCE_WORD_RE = re.compile(
    r"\b(?:order|factuur|klant|dossier|zaak|registratie|referentie|kenmerk|afspraak|personeels|"
    r"contract|pas|polis|artikel|ticket|pakbon|pv|proces-verbaal)\w*\.?\s*(?:nr\.?|nummer)?"
    r"\s*[:#]?\s*$",
)


def _mask(text: str, start: int, end: int) -> str:
    return text[:start] + MASK * (end - start) + text[end:]


def _mask_distractors(text: str) -> str:
    for pattern in _DISTRACTOR_RES:
        for match in pattern.finditer(text):
            text = _mask(text, *match.span())
    return text


def _preceded_by_reference(folded: str, start: int) -> bool:
    return bool(_REFERENCE_WORD_RE.search(folded[max(0, start - 30):start]))


def _no_digits_between(gap: str) -> bool:
    return not re.search(r"\d", gap)


# ── per-type finders: each yields (start, end, value) in the working text ─────────────────

Found = Iterator[tuple[int, int, str]]

_EMAIL_RE = re.compile(r"(?<![\w.+-])[\w.%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,24}\b")


def _find_emails(work: str, folded: str) -> Found:
    for match in _EMAIL_RE.finditer(work):
        raw = match.group().rstrip(".")
        value = identifiers.normalise_email(raw)
        if value:
            yield match.start(), match.start() + len(raw), value


_IBAN_RE = re.compile(
    r"(?<![A-Za-z0-9])[A-Za-z]{2}\d{2}(?: ?[A-Za-z0-9]{4}){2,7}(?: ?[A-Za-z0-9]{1,3})?"
)


def _find_ibans(work: str, folded: str) -> Found:
    for match in _IBAN_RE.finditer(work):
        raw = match.group()
        # a greedy match may run into the next word: try the longest valid prefix that ends
        # where a group of the written number ends
        for end in range(len(raw), 13, -1):
            if end < len(raw) and raw[end].isalnum() and raw[end - 1].isalnum():
                continue
            value = identifiers.normalise_iban(raw[:end])
            if value:
                yield match.start(), match.start() + end, value
                break


_PHONE_RUN_RE = re.compile(
    r"(?<![\w+@#.,/-])(?:\+|\()?\d+(?:(?: ?\(0\) ?|\) ?| ?[.\-/] ?| )\(?\d+)*"
)
_DIGIT_GROUP_RE = re.compile(r"\d+")


def _phone_in_run(run: str) -> Iterator[tuple[int, int, str]]:
    """Phone numbers inside a run of digit groups: the longest valid number from each start."""
    groups = [m.span() for m in _DIGIT_GROUP_RE.finditer(run)]
    index = 0
    while index < len(groups):
        start = groups[index][0]
        if start > 0 and run[start - 1] in "+(":
            start -= 1
        found = None
        for last in range(len(groups) - 1, index - 1, -1):
            candidate = run[start:groups[last][1]]
            value = _phone_value(candidate)
            if value:
                found = (start, groups[last][1], value, last)
                break
        if found:
            yield found[:3]
            index = found[3] + 1
        else:
            index += 1


def _phone_value(candidate: str) -> str | None:
    digits = re.sub(r"\D", "", candidate.replace("(0)", ""))
    if candidate.startswith(("+", "00")):
        return identifiers.normalise_phone(candidate) if 8 <= len(digits) <= 15 else None
    if candidate.lstrip("(").startswith("0") and len(digits) == 10:
        return identifiers.normalise_phone(candidate)
    return None


def _find_phones(work: str, folded: str) -> Found:
    for match in _PHONE_RUN_RE.finditer(work):
        for start, end, value in _phone_in_run(match.group()):
            absolute = match.start() + start
            if not _preceded_by_reference(folded, absolute):
                yield absolute, match.start() + end, value


_BSN_RE = re.compile(
    r"(?<![\w.,+#-])(?:\d{9}|\d{4}\.\d{2}\.\d{3}|\d{3}([ .])\d{3}\1\d{3})(?![\w#-]|[.,]\d| \d)"
)
_BSN_WORD_RE = re.compile(
    r"\b(?:bsn|burgerservicenummer|burgerservicenr|sofi-?nummer|sofi-?nr|sofinummer)\b"
)


def _has_context(work: str, folded: str, start: int, end: int, words: re.Pattern[str]) -> bool:
    """The keyword stands shortly before the number ("bsn 3714.23.636", "KvK-nummer: …",
    "ingeschreven bij de KvK onder …") or right after it, in the same sentence, with at most
    a few words and no other number in between."""
    window = max(0, start - 45)
    matches = list(words.finditer(folded[window:start]))
    if matches and _short_gap(work[window + matches[-1].end():start]):
        return True
    after = folded[end:end + 15]
    match = words.search(after)
    return bool(match and _short_gap(work[end:end + match.start()]))


def _short_gap(gap: str) -> bool:
    if re.search(r"[;!?\n]|\.\s+[A-Z]", gap) or len(re.findall(r"[^\W\d_]+", gap)) > 3:
        return False
    return _no_digits_between(re.sub(r"\d[\d .]{6,10}\d", "", gap))


def _find_bsns(work: str, folded: str) -> Found:
    for match in _BSN_RE.finditer(work):
        value = identifiers.normalise_bsn(match.group())
        if value and _has_context(work, folded, match.start(), match.end(), _BSN_WORD_RE):
            yield match.start(), match.end(), value


_KVK_RE = re.compile(
    r"(?<![\w.,+#-])(?:\d{8}|\d{4}[ .]\d{4}|\d{2}[ .]\d{2}[ .]\d{2}[ .]\d{2})(?![\w#-]|[.,]\d| \d)"
)
_KVK_WORD_RE = re.compile(
    r"(?:\bk\.?v\.?k\b|\bkamer van koophandel\b|\bhandelsregister\b|\bkvk-?nummer\b|"
    r"\bkvk-?nr\b|\bchamber of commerce\b)"
)


def _find_kvks(work: str, folded: str) -> Found:
    for match in _KVK_RE.finditer(work):
        value = identifiers.normalise_kvk(match.group())
        if value and _has_context(work, folded, match.start(), match.end(), _KVK_WORD_RE):
            yield match.start(), match.end(), value


def _plate_patterns() -> tuple[re.Pattern[str], ...]:
    letters = f"[{identifiers.PLATE_LETTERS}{identifiers.PLATE_LETTERS.lower()}]"
    upper = f"[{identifiers.PLATE_LETTERS}]"

    def group(text: str, letter_class: str) -> str:
        return (letter_class if text[0] == "L" else r"\d") + f"{{{len(text)}}}"

    dashed = "|".join(
        "-".join(group(g, letters) for g in code.groups) for code in identifiers.SIDECODES
    )
    # without dashes only the modern sidecodes (4-14), written in capitals: 2952AB (postcode)
    # and PL1700 (file number) have the shape of sidecodes 1-3
    compact = "|".join(
        "".join(group(g, upper) for g in code.groups)
        for code in identifiers.SIDECODES
        if code.number >= 4
    )
    spaced = "|".join(
        " ".join(group(g, upper) for g in code.groups)
        for code in identifiers.SIDECODES
        if code.number >= 4
    )
    edge_before, edge_after = r"(?<![\w#-])", r"(?![\w#]|-\w)"
    return (
        re.compile(f"{edge_before}(?:{dashed}){edge_after}"),
        re.compile(f"{edge_before}(?:{compact}){edge_after}"),
        re.compile(f"{edge_before}(?:{spaced}){edge_after}"),
    )


_PLATE_DASHED_RE, _PLATE_COMPACT_RE, _PLATE_SPACED_RE = _plate_patterns()
_PLATE_WORD_RE = re.compile(r"kenteken|nummerbord|nummerplaat")


def _find_plates(work: str, folded: str) -> Found:
    for pattern in (_PLATE_DASHED_RE, _PLATE_COMPACT_RE):
        for match in pattern.finditer(work):
            value = identifiers.normalise_licence_plate(match.group())
            if value:
                yield match.start(), match.end(), value
    for match in _PLATE_SPACED_RE.finditer(work):
        context = folded[max(0, match.start() - 30):match.start()]
        value = identifiers.normalise_licence_plate(match.group())
        if value and _PLATE_WORD_RE.search(context):
            yield match.start(), match.end(), value


_POSTCODE_RE = re.compile(r"(?<![\w#.,/+-])([1-9]\d{3}) ?([A-Za-z]{2})(?![\w#-])")
#: Two lower-case letters after four digits that are a word or unit, not a postcode:
#: "5190 en", "in 2024 op", "1500 mg".
_POSTCODE_STOP = frozenset(
    "en in op te om na is of ze we je al nu zo ja er de ik bv nv mg ml km kg cm mm pp pm st "
    "tl eu uw ons".split()
)


def _find_postcodes(work: str, folded: str) -> Found:
    for match in _POSTCODE_RE.finditer(work):
        letters = match.group(2)
        if letters.islower() and letters in _POSTCODE_STOP:
            continue
        if letters.upper() in {"BV", "NV", "EU"}:
            continue
        value = identifiers.normalise_postcode(match.group(1) + letters)
        if value:
            yield match.start(), match.end(), value


_FINDERS: tuple[tuple[str, Callable[[str, str], Found]], ...] = (
    ("email", _find_emails),
    ("iban", _find_ibans),
    ("phone", _find_phones),
    ("bsn", _find_bsns),
    ("kvk", _find_kvks),
    ("licence_plate", _find_plates),
    ("postcode", _find_postcodes),
)


def extract(text: str) -> list[Entity]:
    """All identifiers in ``text``, in order of appearance, each type + value once."""
    folded = fold(text)
    work = _mask_distractors(text)
    found: list[Entity] = []
    for kind, finder in _FINDERS:
        for start, end, value in list(finder(work, folded)):
            if MASK in work[start:end]:
                continue
            found.append(Entity(kind, value, start, end, text[start:end]))
            work = _mask(work, start, end)
    return _first_of_each(sorted(found, key=lambda entity: entity.start))


def _first_of_each(entities: list[Entity]) -> list[Entity]:
    seen: set[tuple[str, str]] = set()
    unique = []
    for entity in entities:
        key = (entity.type, entity.value)
        if key not in seen:
            seen.add(key)
            unique.append(entity)
    return unique
