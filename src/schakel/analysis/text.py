# SPDX-License-Identifier: EUPL-1.2
"""Text preparation shared by the extractors and the phrase matcher.

``fold`` lower-cases and strips accents *character by character*, so every offset in the folded
text is the same offset in the original: evidence spans can be shown in the reporter's own text
without a mapping table. ``tokenize`` cuts the folded text into words once per signal; the
phrase matcher then works on words instead of running hundreds of regular expressions.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

QUOTES = "'\"`´‘’‚‛“”„«»"
#: A word: letters/digits, with inner apostrophes or hyphens (auto's, pgb-hulp), a slash
#: between digits (24/7) and an optional trailing plus (80+). "112/politie" is two words.
WORD_RE = re.compile(r"\w+(?:['\-]\w+|(?<=\d)/\d+)*\+?")
#: A sentence ends at . ! ? ; followed by a space and a capital, or at a line break.
SENTENCE_END_RE = re.compile(r"[.!?;]+(?=\s+[A-Z\u00C0-\u00DE(])|\n+")


@lru_cache(maxsize=4096)
def _fold_char(char: str) -> str:
    if char in QUOTES:
        return "'"
    lowered = char.lower()
    if len(lowered) != 1:
        return char
    base = unicodedata.normalize("NFD", lowered)[0]
    return base if base.isascii() else lowered


def fold(text: str) -> str:
    """Lower case without accents, quotes unified to ``'``; same length as ``text``."""
    return "".join(_fold_char(char) for char in text)


@dataclass(frozen=True, slots=True)
class Token:
    """One word of the folded text with its place in the signal.

    ``parts`` holds the word itself and, for a hyphenated compound, its parts: a phrase
    "wajong" also matches "wajong-uitkering", "pgb*" matches "zorg-pgb".
    """

    text: str
    start: int
    end: int
    index: int
    sentence: int
    quoted_before: bool
    quoted_after: bool
    parts: tuple[str, ...] = ()


def tokenize(folded: str, original: str | None = None) -> list[Token]:
    """Words of ``folded`` with their sentence number and whether a quote touches them.

    Sentence ends are found in ``original`` (the unfolded text, same length), because a
    sentence starts with a capital and folding removes capitals.
    """
    source = original if original is not None and len(original) == len(folded) else folded
    breaks = [match.start() for match in SENTENCE_END_RE.finditer(source)]
    tokens: list[Token] = []
    sentence = 0
    for match in WORD_RE.finditer(folded):
        start, end = match.span()
        while sentence < len(breaks) and breaks[sentence] < start:
            sentence += 1
        tokens.append(
            Token(
                text=match.group(),
                start=start,
                end=end,
                index=len(tokens),
                sentence=sentence,
                quoted_before=start > 0 and folded[start - 1] == "'",
                quoted_after=end < len(folded) and folded[end] == "'",
                parts=_parts(match.group()),
            )
        )
    return tokens


def _parts(word: str) -> tuple[str, ...]:
    if "-" not in word:
        return (word,)
    return (word, *(part for part in word.split("-") if part))
