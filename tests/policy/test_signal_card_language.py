# SPDX-License-Identifier: EUPL-1.2
"""The signalenkaart is read at the front desk, often in a hurry, so its texts must be plain
Dutch at B1 level (issue 6): short sentences and short, everyday words.

What is measured is what a front-desk worker reads on the card: each domain's explanation and
the label and help text of every active indicator that ``signal_card`` puts on it, straight
from the catalogue. The limits
follow the usual B1 writing guidance: on average about 15 words a sentence or fewer, no
sentence over 22 words, and a Flesch-Douma score of at least 60 ("vrij makkelijk").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pytest

from schakel.catalog.services import load_catalog
from schakel.policy import services

pytestmark = pytest.mark.django_db

MAX_MEAN_SENTENCE_WORDS = 15
MAX_SENTENCE_WORDS = 22
MIN_FLESCH_DOUMA = 60

# a sentence ends at . ! or ? followed by white space; a label (no full stop) is one sentence
SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
WORD = re.compile(r"\w+(?:[-'’]\w+)*")
# Dutch vowel sounds written with two letters count once; any other vowel letter counts once
VOWEL_SOUND = re.compile(
    r"ij|ei|ui|ou|au|oe|ie|eu|aa|ee|oo|uu|[aeiouyàáâäèéêëìíîïòóôöùúûü]")


def syllables(word: str) -> int:
    """Approximate number of syllables of a Dutch word: the vowel sounds in it, where the
    common two-letter vowels (ij, ei, ui, ou, au, oe, ie, eu, aa, ee, oo, uu) count as one.

    This is an approximation, not a hyphenation dictionary: it miscounts words like 'geëerd'
    or loanwords such as 'make-up'. Over a few hundred sentences the errors are small and go
    both ways, which is enough for a readability floor; every word counts at least one."""
    return max(1, len(VOWEL_SOUND.findall(word.lower())))


@dataclass
class Readability:
    sentences: list[str]

    def words(self, sentence: str) -> list[str]:
        return WORD.findall(sentence)

    @property
    def word_count(self) -> int:
        return sum(len(self.words(s)) for s in self.sentences)

    @property
    def mean_sentence_words(self) -> float:
        return self.word_count / len(self.sentences)

    @property
    def flesch_douma(self) -> float:
        """Flesch-Douma (the Dutch Flesch reading ease): 206.835 - 0.93 x words per sentence
        - 77 x syllables per word; 60-70 is 'vrij makkelijk', higher is easier."""
        syllable_count = sum(syllables(w) for s in self.sentences for w in self.words(s))
        return (206.835 - 0.93 * self.mean_sentence_words
                - 77 * syllable_count / self.word_count)

    def worst(self, count: int = 5) -> str:
        """The longest sentences, for the failure message: they are where a rewrite starts."""
        ranked = sorted(self.sentences, key=lambda s: len(self.words(s)), reverse=True)
        return "\n".join(f"  {len(self.words(s))} words: {s}" for s in ranked[:count])


def split_sentences(text: str) -> list[str]:
    return [s.strip() for s in SENTENCE_END.split(text.strip()) if WORD.search(s)]


@pytest.fixture
def card() -> Readability:
    load_catalog()
    sentences = []
    for section in services.signal_card():
        sentences += split_sentences(section.domain.description)
        for _heading, indicators in section.groups:
            for indicator in indicators:
                sentences += split_sentences(indicator.label)
                sentences += split_sentences(indicator.help_text)
    assert sentences, "the signal card shows no indicators"
    return Readability(sentences)


def test_syllable_counter_counts_dutch_vowel_sounds_once():
    counted = {word: syllables(word) for word in
               ("uitbuiting", "bijvoorbeeld", "mensenhandel", "tevreden", "geld", "18")}
    assert counted == {"uitbuiting": 3, "bijvoorbeeld": 3, "mensenhandel": 4, "tevreden": 3,
                       "geld": 1, "18": 1}


def test_card_sentences_are_short_on_average(card):
    assert card.mean_sentence_words <= MAX_MEAN_SENTENCE_WORDS, (
        f"signal card: {card.mean_sentence_words:.1f} words per sentence on average "
        f"(B1: at most {MAX_MEAN_SENTENCE_WORDS}); longest sentences:\n{card.worst()}")


def test_no_card_sentence_is_too_long(card):
    too_long = [s for s in card.sentences if len(card.words(s)) > MAX_SENTENCE_WORDS]
    assert not too_long, (
        f"{len(too_long)} sentence(s) on the signal card have more than {MAX_SENTENCE_WORDS} "
        f"words; split them:\n{Readability(too_long).worst(len(too_long))}")


def test_card_reads_easily_by_flesch_douma(card):
    assert card.flesch_douma >= MIN_FLESCH_DOUMA, (
        f"signal card: Flesch-Douma {card.flesch_douma:.1f} (B1: at least {MIN_FLESCH_DOUMA}); "
        f"use shorter sentences and everyday words; longest sentences:\n{card.worst()}")
