# SPDX-License-Identifier: EUPL-1.2
"""Pure-Python text analysis for Dutch signals (no Django imports).

* :func:`extract` finds identifiers (postcode, licence plate, phone, IBAN, BSN, KvK, e-mail);
  the normalisers behind it are in :mod:`schakel.analysis.identifiers`.
* :func:`extract_ages` and :func:`minor_hints` find ages and signs that a person is under 18.
* :func:`suggest` proposes a label, the exploitation domains and the minor/acute flags, with
  the evidence, for the coordinator to confirm or correct. The lexicon rules give the flags,
  scores and phrase evidence; a small fixed linear model (:mod:`schakel.analysis.model`,
  trained offline by ``scripts/train_text_model.py``) decides label and domains.
* ``schakel eval text PATH.jsonl`` (:mod:`schakel.analysis.evaluation`) measures all of it.

How it works and its limits: ``docs/algorithm.md``.
"""

from schakel.analysis.ages import AgeMention, extract_ages
from schakel.analysis.entities import ENTITY_TYPES, Entity, extract
from schakel.analysis.lexicon import Lexicon
from schakel.analysis.suggest import (
    LABELS,
    UNSURE,
    Evidence,
    Suggestion,
    default_lexicon,
    minor_hints,
    suggest,
)

__all__ = [
    "ENTITY_TYPES",
    "LABELS",
    "UNSURE",
    "AgeMention",
    "Entity",
    "Evidence",
    "Lexicon",
    "Suggestion",
    "default_lexicon",
    "extract",
    "extract_ages",
    "minor_hints",
    "suggest",
]
