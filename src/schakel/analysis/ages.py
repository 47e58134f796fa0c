# SPDX-License-Identifier: EUPL-1.2
"""Ages and other hints that the person a signal is about may be under 18.

Minors matter twice in triage: for a minor the 'means' element of art. 273f Sr is not needed,
and signals about minors are handled sooner. Writers state ages in many ways ("meisje van 15",
"leerling (15 jr, 3 havo)", "geschat 12-13 jaar", "16-jarige", "lijken 15 of 16"), or only
hint at them ("minderjarig", "groep 8", "brugklas"). This module finds both; the school and
youth-care words themselves come from the catalogue cues (see :mod:`schakel.analysis.lexicon`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from schakel.analysis.text import fold

ADULT_AGE = 18


@dataclass(frozen=True)
class AgeMention:
    """An age (or an estimated range) written in the text."""

    start: int
    end: int
    raw: str
    low: int
    high: int
    estimated: bool

    @property
    def minor(self) -> bool:
        """True when even the highest estimate is under 18."""
        return self.high < ADULT_AGE


#: Nouns for a person; an age right after one of them is that person's age.
PERSON_NOUNS = (
    r"meisjes?|jongens?|kind(?:eren)?|kinderen|zoon|dochter|vrouw(?:en)?|man(?:nen)?|leerlinge?n?|"
    r"scholier(?:e|en)?|tiener|jongere|jongeren|jongeman|jongedame|broertje|zusje|broer|zus|"
    r"neefje|nichtje|neef|nicht|baby|peuter|kleuter|puber|speler|speelster|studente?|cli[eë]nte?|"
    r"pati[eë]nte?|bewoner|bewoonster|betrokkene|slachtoffer|dhr\.?|mw\.?|mevr\.?|meneer|mevrouw|"
    r"heer|moeder|vader|oom|tante|opa|oma|huurder|werknemer|medewerker|cursist|deelnemer|"
    r"minderjarige|dame|knul|stel|echtpaar|persoon|personen|[A-Z][a-z]+"
)
_NUMBER = r"(?:tussen\s+)?(?P<low>[1-9]\d?)(?:\s*(?:-|–|tot|à|a|of|en)\s*(?P<high>[1-9]\d?))?"
_ESTIMATE = r"(?:ca\.?|circa|ongeveer|rond de|rond|plusminus|±|~|geschat(?: op)?|naar schatting)"
_UNIT = r"(?:jaar|jr\.?|jarige?n?|-jarige?n?|years?)"

_AGE_PATTERNS = (
    # "16-jarige", "15-jarigen", "16 jarig"
    re.compile(r"(?<![\w,.])(?P<low>[1-9]\d?)\s?-?\s?jarige?n?\b"),
    # "(15 jaar", ", 15 jaar", "van 15 jaar", "geschat 12-13 jaar", "ca. 4-10 jr", "± 19-20 jaar"
    re.compile(
        rf"(?:[(,]|\b(?:van|is|was|pas|wordt|werd|leeftijd|beiden|zijn|lijkt|lijken))\s*"
        rf"(?P<est>{_ESTIMATE}\s*)?{_NUMBER}\s*{_UNIT}(?!\w)",
        re.IGNORECASE,
    ),
    re.compile(rf"(?<![\w,.])(?P<est>{_ESTIMATE})\s*{_NUMBER}\s*{_UNIT}(?!\w)", re.IGNORECASE),
    re.compile(rf"(?<![\w,.]){_NUMBER}\s*{_UNIT}\s+oud\b", re.IGNORECASE),
    # "meisje van 15", "jongen van ca. 22", "man van rond de 40"
    re.compile(
        rf"\b(?:{PERSON_NOUNS})\s+van\s+(?P<est>{_ESTIMATE}\s*)?{_NUMBER}(?![\w.,]\d|\w)",
    ),
    # any word followed by a bracketed age: "leerling (15)", "mw. (84, dementie)",
    # "broertje en zusje (7 en 9)", "vriend (24)", "Noor (15 jr, 3 havo)"
    re.compile(
        rf"\b[^\W\d_]+\.?\s*\(\s*(?P<est>{_ESTIMATE}\s*)?{_NUMBER}\s*(?:{_UNIT})?\s*[,;)]",
    ),
    # "Lisa, 19, nieuw" / "meisje, 15 jaar,"
    re.compile(rf"\b(?:{PERSON_NOUNS}),\s*(?P<est>{_ESTIMATE}\s*)?{_NUMBER}\s*(?:{_UNIT})?\s*,"),
    # estimates without a unit: "(schatting 16)", "hooguit 16", "niet ouder dan 15",
    # "ziet er niet ouder uit dan 15", "nog geen 16", "hoogstens 17"
    re.compile(
        rf"(?:\b(?:naar\s+)?schatting|\bhooguit|\bhoogstens|\bmaximaal|\bnog\s+geen|"
        rf"\bniet\s+ouder(?:\s+\w+){{0,3}}?\s+dan)\s*(?P<est>){_NUMBER}(?![\w.,]\d|\w|\s*(?:uur|u\b|euro|%))",
        re.IGNORECASE,
    ),
    # a person named by role or job: "serveerster van 17", "bezorger van 16", "medewerkster (17)"
    re.compile(
        rf"\b(?!(?:verder|later|eerder|weer|meer|minder|over|onder|achter|kamer|nummer|hier|daar|"
        rf"waar|per|voor|door|naar|ander|ieder|elder)\b)"
        rf"[a-z]+(?:ster|ers?|ling|linge|ant|ent|aar|ier|iere|meisje|jongen)\s+van\s+"
        rf"(?P<est>{_ESTIMATE}\s*)?{_NUMBER}(?![\w.,]\d|\w|\s*(?:uur|u\b|euro|€|%|procent|m2|m²|"
        rf"vierkante|dagen|weken|maanden|minuten|personen|mensen|man\b|stuks|bedden|kamers|tot\b|t/m|-))",
    ),
    # "zien eruit als 15 of 16", "lijkt 14", "schat hem op 13"
    re.compile(
        rf"(?:eruit(?:zien|ziet)?\s+als|uitzien\s+als|lijk(?:t|en)\s+(?:hooguit\s+)?|"
        rf"schat(?:ten|te)?\s+(?:\w+\s+)?op)\s*(?P<est>){_NUMBER}(?![\w.,]\d|\w)",
        re.IGNORECASE,
    ),
)
#: "sinds 2 jaar", "al 15 jaar": a duration, not an age.
_DURATION_BEFORE_RE = re.compile(
    r"\b(?:sinds|al|voor|na|over|binnen|afgelopen|laatste|ruim|bijna|jaren|meer dan|"
    r"minder dan|tot|elke|iedere|per)\s*(?:ca\.?|circa|ongeveer)?\s*$",
    re.IGNORECASE,
)


def extract_ages(text: str) -> list[AgeMention]:
    """Ages stated or estimated in ``text``, in order of appearance, without overlaps."""
    mentions: list[AgeMention] = []
    taken: list[tuple[int, int]] = []
    for pattern in _AGE_PATTERNS:
        for match in pattern.finditer(text):
            low, high = _bounds(match)
            if low is None:
                continue
            start, end = match.span("low")[0], match.end()
            while end > start and text[end - 1] in ",;) ":
                end -= 1
            if _DURATION_BEFORE_RE.search(text[max(0, start - 25):start]):
                continue
            if any(start < t_end and t_start < end for t_start, t_end in taken):
                continue
            taken.append((start, end))
            estimated = bool(match.groupdict().get("est")) or high != low
            mentions.append(AgeMention(start, end, text[start:end], low, high, estimated))
    return sorted(mentions, key=lambda mention: mention.start)


def _bounds(match: re.Match[str]) -> tuple[int | None, int]:
    low = int(match.group("low"))
    high_text = match.groupdict().get("high")
    high = int(high_text) if high_text else low
    if high < low or high > 110 or low == 0:
        return None, 0
    return low, high


_SCHOOL_GROUP_RE = re.compile(
    r"\bgroep\s+[1-8]\b|\bklas\s+[1-6]\b|\b[1-6]\s*(?:havo|vwo|vmbo|mavo|gymnasium|atheneum)\b"
)


def school_year_hints(text: str) -> list[tuple[int, int, str]]:
    """Spans such as "groep 8", "klas 2", "3 havo": a pupil of primary or secondary school."""
    folded = fold(text)
    matches = _SCHOOL_GROUP_RE.finditer(folded)
    return [(m.start(), m.end(), text[m.start():m.end()]) for m in matches]
