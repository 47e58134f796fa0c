# SPDX-License-Identifier: EUPL-1.2
"""The linear model on top of the lexicon (issue 5): it decides the label and the domains.

What a coordinator and an auditor care about: the model is shipped, fixed and deterministic
(no learning in production), every label it gives comes with the words that weighed most, the
rules' own view stays visible (``rule_label``), a two-word note or a text without any sign is
still "unsure", and the model can be switched off to get the rules alone.
"""

from __future__ import annotations

import json

import pytest

from schakel.analysis import UNSURE, suggest
from schakel.analysis.model import MODEL_FILE, LinearModel, features, shipped_model
from schakel.analysis.suggest import rule_suggestion

LABOUR = ("Inspecteur: in de kas werken mannen 14 uur per dag voor 3 euro per uur, de baas "
          "heeft hun paspoorten en ze slapen in een container achter de loods.")


def test_the_weight_file_is_shipped_and_says_how_it_was_made():
    model = shipped_model()
    assert model is not None, f"{MODEL_FILE} is missing: run scripts/train_text_model.py"
    assert model.meta["trained_by"] == "scripts/train_text_model.py"
    assert model.meta["signals"] >= 400
    assert "holdout-e.jsonl" in model.meta["files"]
    assert set(model.labels) == {"sexual", "labour", "housing", "criminal", "dependency",
                                 "smuggling", "none"}


def test_same_text_gives_the_same_suggestion():
    first, second = suggest(LABOUR).as_dict(), suggest(LABOUR).as_dict()
    assert first == second


def test_a_model_label_is_explained_by_words_from_the_text():
    result = suggest(LABOUR)
    assert result.label == "labour"
    assert result.label_probabilities["labour"] == max(result.label_probabilities.values())
    explained = [e for e in result.evidence if e.kind == "model"]
    assert explained, "the coordinator must see which words weighed for the label"
    for item in explained:
        assert item.domain == "labour" and item.weight > 0
        if item.start >= 0:  # highlighted in the reporter's own text
            assert LABOUR[item.start:item.end] == item.text
    # the lexicon's phrase evidence is still there next to it
    assert any(e.kind == "indicator" for e in result.evidence)


def test_without_the_model_the_rules_decide_and_rule_label_always_shows_them():
    with_model = suggest(LABOUR)
    rules = suggest(LABOUR, use_model=False)
    assert rules.label == rules.rule_label == rule_suggestion(LABOUR).label
    assert with_model.rule_label == rules.label
    assert not rules.label_probabilities
    assert not [e for e in rules.evidence if e.kind == "model"]


@pytest.mark.parametrize("text", [
    "Onduidelijke melding.",
    "Hij werkt bij een bedrijf en woont in een huis.",
])
def test_no_sign_at_all_stays_unsure(text):
    result = suggest(text)
    assert result.label == UNSURE
    assert result.domains == []
    assert not [e for e in result.evidence if e.kind == "model"]


def test_negated_words_are_different_features():
    plain = features("Ze krijgen loon.")
    negated = features("Ze krijgen geen loon.")
    assert "w:loon" in plain and "w:!loon" in negated and "w:loon" not in negated


def test_model_round_trips_through_json():
    model = shipped_model()
    again = LinearModel.from_json(json.loads(json.dumps(model.to_json())))
    feats = features(LABOUR)
    assert again.probabilities(feats) == model.probabilities(feats)


def test_suggestion_fields_used_by_the_product_are_unchanged():
    """signals/intelligence.py stores these; the model must not change their types."""
    result = suggest(LABOUR, indicators=["labour-passport-withheld"])
    assert isinstance(result.label, str) and isinstance(result.label_score, float)
    assert isinstance(result.domains, list) and result.domains[0] == result.label
    assert isinstance(result.domain_scores, dict) and isinstance(result.minor, bool)
    assert isinstance(result.acute, bool)
    for item in result.evidence:
        assert {"kind", "code", "domain", "text", "start", "end"} <= set(item.__dict__)
