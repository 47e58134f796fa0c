# SPDX-License-Identifier: EUPL-1.2
"""A small linear model on top of the lexicon: it decides the label and the domains.

Why: the rule lexicon (``suggest.py``) was written and tuned on the team's own signals and
generalises only partly to new wording (first-run label macro F1 0.75 on holdout-d). A linear
model that sees the *words* of the text as well as the lexicon's scores can learn which
combinations matter ("slaapt in de opslag" next to "loon later") from every labelled signal
we have, not only from the phrases someone thought of. It stays explainable: the decision is
a sum of weights, and :func:`explain` names the words that contributed most.

The model is trained offline by ``scripts/train_text_model.py`` (numpy only, deterministic)
and shipped as ``text_model.json`` beside this module. It does not learn in production: the
same text and catalogue always give the same result. Without the weight file, ``suggest``
falls back to the rules alone.

Features (all binary or bounded, see :func:`features`):

* ``w:`` words, ``s:`` the first five letters of longer words (Dutch compounds and
  inflections: *uitzendkrachten*, *uitzendbureau* → ``s:uitze``), ``b:`` word pairs within a
  sentence. A word within three words after a negation (geen, niet, zonder, ...) in the same
  clause gets a ``!`` prefix, so "geen loon" and "loon" are different features.
* ``x:`` the lexicon's view: capped score per domain and the none/smuggling/coercion cue
  scores, scaled down so that they inform rather than dictate.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from schakel.analysis.text import Token, fold, tokenize

MODEL_FILE = Path(__file__).with_name("text_model.json")
NEGATIONS = frozenset({"geen", "niet", "nooit", "niets", "niemand", "zonder", "noch", "nergens"})
#: A negation marks this many following words of the same clause.
NEGATION_REACH = 3
STEM_LENGTH = 5
#: Lexicon scores are capped and scaled to about 0..2 so no single score dominates.
SCORE_CAP = 6.0
SCORE_SCALE = 3.0
DOMAINS = ("sexual", "labour", "housing", "criminal", "dependency")
#: Weight of the lexicon block relative to the (L2-normalised) word block. Low, so the L2
#: penalty makes the model lean on words as well as on the (tuned) lexicon scores.
LEXICON_BLOCK = 0.3
#: Without any lexicon evidence the model needs this probability to name a label.
NO_EVIDENCE_ABSTAIN = 0.5


def _word_features(text: str) -> dict[str, float]:
    """Words, stems and word pairs of ``text``, L2-normalised (long texts do not win by length)."""
    folded, tokens = _tokens(text)
    names: list[str] = []
    negated_until = -1
    previous: tuple[int, str] | None = None
    for token in tokens:
        word = token.text
        if word.isdigit():
            word = "<num>"
        gap = folded[tokens[token.index - 1].end:token.start] if token.index else ""
        if token.index and (any(mark in gap for mark in ",:;()") or
                            tokens[token.index - 1].sentence != token.sentence):
            negated_until = -1
        prefix = "!" if token.index <= negated_until else ""
        names.append(f"w:{prefix}{word}")
        if len(word) > STEM_LENGTH + 1 and word.isalpha():
            names.append(f"s:{prefix}{word[:STEM_LENGTH]}")
        if previous is not None and previous[0] == token.sentence:
            names.append(f"b:{previous[1]}_{word}")
        previous = (token.sentence, word)
        if token.text in NEGATIONS:
            negated_until = token.index + NEGATION_REACH
    unique = dict.fromkeys(names)
    if not unique:
        return {}
    value = 1.0 / math.sqrt(len(unique))
    return {name: value for name in unique}


def lexicon_features(domain_scores: dict[str, float], none: float, smuggling: float,
                     coercion: float) -> dict[str, float]:
    """The rule lexicon's scores as bounded features, scaled down (:data:`LEXICON_BLOCK`).

    The rules' own label is deliberately *not* a feature: the lexicon was tuned on most of
    the training signals, so there it is nearly always right and a model would learn to copy
    it, and with it the lexicon's blind spots on new wording (leave-one-file-out showed no
    gain on the untuned files with it, a clear gain without it; docs/algorithm.md §7).
    """
    def scaled(score: float) -> float:
        return LEXICON_BLOCK * min(score, SCORE_CAP) / SCORE_SCALE

    feats = {f"x:dom:{d}": scaled(domain_scores.get(d, 0.0)) for d in DOMAINS}
    feats |= {"x:none": scaled(none), "x:smuggling": scaled(smuggling),
              "x:coercion": scaled(coercion)}
    return {k: v for k, v in feats.items() if v}


def features(text: str, lexicon: dict[str, float] | None = None) -> dict[str, float]:
    """All features of one signal: words of ``text`` plus the lexicon block."""
    return _word_features(text) | (lexicon or {})


@dataclass(frozen=True)
class Decision:
    """What the model decided: ``label`` (maybe ``unsure``), the most probable label
    ``best``, the probabilities, and the domains (label first)."""

    label: str
    best: str
    labels: dict[str, float]
    chances: dict[str, float]
    domains: list[str]


class LinearModel:
    """Weights per feature and class, plus biases: one softmax over the labels and one
    logistic model per domain (is this domain one of the signal's domains?). One row of
    ``weights`` per feature: the label columns first, then the domain columns."""

    def __init__(self, labels: tuple[str, ...], domains: tuple[str, ...],
                 vocabulary: list[str], weights: np.ndarray, label_bias: np.ndarray,
                 domain_bias: np.ndarray, abstain_below: float, domain_threshold: float,
                 meta: dict[str, Any]) -> None:
        self.labels, self.domains = labels, domains
        self.index = {name: at for at, name in enumerate(vocabulary)}
        self.vocabulary = vocabulary
        self.weights = weights
        self.label_bias, self.domain_bias = label_bias, domain_bias
        self.abstain_below, self.domain_threshold = abstain_below, domain_threshold
        self.meta = meta

    def _logits(self, feats: dict[str, float]) -> np.ndarray:
        rows = [(self.index[n], v) for n, v in feats.items() if n in self.index]
        if not rows:
            return np.zeros(self.weights.shape[1])
        at, values = zip(*rows, strict=True)
        return np.asarray(values) @ self.weights[list(at)]

    def probabilities(self, feats: dict[str, float]) -> tuple[dict[str, float],
                                                              dict[str, float]]:
        """(probability per label, probability per domain) for one signal's features."""
        logits = self._logits(feats)
        n = len(self.labels)
        label = logits[:n] + self.label_bias
        label = np.exp(label - label.max())
        label /= label.sum()
        domain = 1 / (1 + np.exp(-(logits[n:] + self.domain_bias)))
        return (dict(zip(self.labels, label.tolist(), strict=True)),
                dict(zip(self.domains, domain.tolist(), strict=True)))

    def decide(self, feats: dict[str, float], rule_label: str = "") -> Decision:
        """Label (or ``unsure``) and domains. Abstain below :attr:`abstain_below`; when the
        lexicon found nothing at all (no ``x:`` feature), the words alone must be clearly
        convincing (:data:`NO_EVIDENCE_ABSTAIN`): "werkt bij een bedrijf" is no signal.

        One convention is kept from the rules, because a handful of examples cannot teach it:
        when the rules see a paid border crossing (``rule_label`` smuggling) and the model
        says ``none``, it is smuggling — "geen aanwijzingen voor uitbuiting" after a journey
        confirms smuggling, it does not make the signal irrelevant."""
        labels, domains = self.probabilities(feats)
        best = max(labels, key=lambda k: labels[k])
        bar = self.abstain_below
        if not any(name.startswith("x:") for name in feats):
            bar = max(bar, NO_EVIDENCE_ABSTAIN)
        if best == "none" and rule_label == "smuggling":
            label = best = "smuggling"
        else:
            label = best if labels[best] >= bar else "unsure"
        chosen: list[str] = []
        if label in self.domains:
            chosen = [label] + [d for d in sorted(domains, key=lambda k: -domains[k])
                                if d != label and domains[d] >= self.domain_threshold]
        return Decision(label, best, labels, domains, chosen)

    def label_probabilities(self, feats: dict[str, float]) -> dict[str, float]:
        return self.probabilities(feats)[0]

    def domain_probabilities(self, feats: dict[str, float]) -> dict[str, float]:
        return self.probabilities(feats)[1]

    def explain(self, feats: dict[str, float], label: str, top: int = 5) -> list[tuple[str, float]]:
        """The word features that pushed most towards ``label`` (weight × value minus the mean
        over the other labels), strongest first. Lexicon features are left out here (the
        lexicon's own evidence already lists its phrases), and so are single short words
        and numbers ("per", "hun", "<num>"): they weigh little each and explain nothing to
        a coordinator."""
        if label not in self.labels:
            return []
        at, n = self.labels.index(label), len(self.labels)
        rows = [(name, self.index[name], value) for name, value in feats.items()
                if name in self.index and not name.startswith("x:") and _telling(name)]
        if not rows:
            return []
        names, where, values = zip(*rows, strict=True)
        weights = self.weights[list(where), :n]
        others = (weights.sum(axis=1) - weights[:, at]) / max(n - 1, 1)
        contributions = (weights[:, at] - others) * np.asarray(values)
        order = np.argsort(-contributions, kind="stable")[:top]
        return [(names[i], round(float(contributions[i]), 3)) for i in order
                if contributions[i] > 0]

    def to_json(self) -> dict[str, Any]:
        return {"labels": list(self.labels), "label_bias": self.label_bias.round(4).tolist(),
                "domains": list(self.domains), "domain_bias": self.domain_bias.round(4).tolist(),
                "abstain_below": self.abstain_below, "domain_threshold": self.domain_threshold,
                "meta": self.meta,
                "weights": {name: self.weights[at].round(4).tolist()
                            for at, name in enumerate(self.vocabulary)}}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> LinearModel:
        vocabulary = list(data["weights"])
        return cls(labels=tuple(data["labels"]), domains=tuple(data["domains"]),
                   vocabulary=vocabulary,
                   weights=np.array([data["weights"][n] for n in vocabulary], dtype=float),
                   label_bias=np.array(data["label_bias"], dtype=float),
                   domain_bias=np.array(data["domain_bias"], dtype=float),
                   abstain_below=float(data["abstain_below"]),
                   domain_threshold=float(data["domain_threshold"]), meta=data.get("meta", {}))


@lru_cache(maxsize=1)
def shipped_model() -> LinearModel | None:
    """The model trained on all labelled signals, or None when the weight file is absent."""
    if not MODEL_FILE.is_file():
        return None
    return LinearModel.from_json(json.loads(MODEL_FILE.read_text(encoding="utf-8")))


def _telling(name: str) -> bool:
    """A feature worth showing: a stem, a pair without numbers, or a word of 5+ letters."""
    kind, _, body = name.partition(":")
    if "<num>" in body:
        return False
    return kind != "w" or len(body.lstrip("!")) >= 5


def feature_spans(names: list[str], text: str) -> dict[str, tuple[int, int, str]]:
    """Where each word feature occurs in ``text`` (first occurrence), for highlighting; a stem
    is placed by the first word it starts. (-1, -1, readable name) when it cannot be placed."""
    tokens = _tokens(text)[1]
    words = [_plain(t.text) for t in tokens]
    first: dict[str, int] = {}
    pairs: dict[tuple[str, str], int] = {}
    for at, word in enumerate(words):
        first.setdefault(word, at)
        if at + 1 < len(words) and tokens[at + 1].sentence == tokens[at].sentence:
            pairs.setdefault((word, words[at + 1]), at)
    spans = {}
    for name in names:
        kind, _, body = name.partition(":")
        body = body.lstrip("!")
        start = end = None
        if kind == "w" and body in first:
            start = end = first[body]
        elif kind == "b" and tuple(body.split("_", 1)) in pairs:
            start = pairs[tuple(body.split("_", 1))]
            end = start + 1
        elif kind == "s":
            start = end = next((at for at, w in enumerate(words) if w.startswith(body)), None)
        if start is None or end is None:
            spans[name] = (-1, -1, readable(name))
        else:
            spans[name] = (tokens[start].start, tokens[end].end,
                           text[tokens[start].start:tokens[end].end])
    return spans


def _plain(word: str) -> str:
    return "<num>" if word.isdigit() else word


@lru_cache(maxsize=16)
def _tokens(text: str) -> tuple[str, list[Token]]:
    """Folded text and its words; cached so features and spans tokenise a signal once."""
    folded = fold(text)
    return folded, tokenize(folded, text)


def readable(name: str) -> str:
    """A feature name as a coordinator can read it: ``b:geen_loon`` → ``geen loon``."""
    kind, _, body = name.partition(":")
    body = body.replace("_", " ")
    if body.startswith("!"):
        body = "(ontkend) " + body[1:]
    return f"{body}…" if kind == "s" else body


def iter_names(feats: Iterable[dict[str, float]]) -> list[str]:
    """Every feature name in a collection of feature dicts, sorted (for the vocabulary)."""
    return sorted({name for f in feats for name in f})
