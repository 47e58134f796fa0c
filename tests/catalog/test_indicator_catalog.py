# SPDX-License-Identifier: EUPL-1.2
"""The shipped indicator catalogue is complete enough to drive the signalenkaart and the text
analysis: every exploitation domain has a usable list, and every entry can be shown and matched."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from schakel.catalog.source import read_catalog

EXPLOITATION_DOMAINS = ("sexual", "labour", "housing", "criminal", "dependency")
SUBJECTS = {"victim", "perpetrator", "location", "facilitator"}
CODE_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)+$")


@pytest.fixture(scope="module")
def indicators() -> list[dict]:
    return read_catalog().sections["indicators"]


def test_every_exploitation_domain_has_at_least_fifteen_indicators(indicators):
    counts = Counter(entry["domain"] for entry in indicators)
    for domain in EXPLOITATION_DOMAINS:
        assert counts[domain] >= 15, f"{domain} has only {counts[domain]} indicators"


def test_no_indicators_for_non_exploitation_codes(indicators):
    # smuggling and none are triage outcomes, not forms of exploitation with a checklist
    assert {entry["domain"] for entry in indicators} <= set(EXPLOITATION_DOMAINS)


def test_codes_are_unique_slugs_with_their_domain_as_prefix(indicators):
    codes = [entry["code"] for entry in indicators]
    assert len(codes) == len(set(codes))
    for entry in indicators:
        assert CODE_RE.match(entry["code"]), entry["code"]
        assert entry["code"].startswith(entry["domain"] + "-"), entry["code"]
        assert len(entry["code"]) <= 80  # SlugField max_length in catalog.models


def test_every_entry_has_subject_label_and_help_text(indicators):
    for entry in indicators:
        assert entry["subject"] in SUBJECTS, entry["code"]
        assert isinstance(entry["label"], str) and entry["label"].strip(), entry["code"]
        assert len(entry["label"]) <= 200, entry["code"]  # CharField max_length
        assert isinstance(entry["help_text"], str) and entry["help_text"].strip(), entry["code"]


def test_every_entry_has_at_least_one_usable_phrase(indicators):
    for entry in indicators:
        phrases = entry.get("phrases")
        assert isinstance(phrases, list) and phrases, entry["code"]
        for phrase in phrases:
            assert isinstance(phrase, str) and phrase.strip(), entry["code"]
            assert phrase == phrase.lower(), f"{entry['code']}: {phrase!r} is not lower case"


def test_labels_are_unique_within_a_domain(indicators):
    seen = Counter((entry["domain"], entry["label"]) for entry in indicators)
    assert not [key for key, count in seen.items() if count > 1]
