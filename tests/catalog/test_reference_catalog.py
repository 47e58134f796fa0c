# SPDX-License-Identifier: EUPL-1.2
"""The shipped reference catalogue holds what the rest of Schakel relies on by code.

Pure YAML checks (no database): views, services and demo data look partners, reasons and legal
references up by these stable codes, so a rename here would break them silently.
"""

from __future__ import annotations

from typing import Any

import pytest
import yaml

from schakel.catalog.source import DATA_DIR, read_catalog

REQUIRED_PARTNERS = {
    "politie", "nla", "ozhz", "comensha", "veilig-thuis", "riec", "zvh", "zorgcoordinator",
    "kmar", "ind", "om", "ggd", "cjg", "woningcorporatie", "welzijn", "belastingdienst", "emm",
    "fairwork", "leerplicht", "sociale-dienst", "wijkteam", "veiligheidsregio",
    "meld-misdaad-anoniem", "buurgemeente",
}
PARTNER_CATEGORIES = {
    "police", "inspection", "enforcement", "care", "youth", "safety_house", "information",
    "justice", "municipal", "housing", "welfare", "community", "other",
}
REQUIRED_REASONS = {
    "triage_decision": {"no_follow_up", "forward", "open_case", "add_to_case"},
    "no_follow_up": {
        "geen-aanwijzing", "onvoldoende-informatie", "dubbele-melding", "andere-route",
        "al-in-behandeling-elders", "mensensmokkel-doorgezet", "buiten-gemeente",
        "melding-ingetrokken",
    },
    "case_outcome": {
        "slachtoffer-in-zorg", "overgedragen-politie-om", "bestuurlijke-maatregel",
        "geen-mensenhandel", "onvoldoende-informatie-casus", "vertrokken-onbekend",
        "overgedragen-andere-gemeente", "zorg-via-regulier-traject",
    },
}
REQUIRED_SUBFORMS = {
    "loverboy", "minderjarigen-seksueel", "sextortion", "escort-thuisprostitutie",
    "onvergunde-prostitutie", "au-pair", "huishoudelijke-uitbuiting",
    "uitzendbureau-arbeidsmigranten", "agrarisch-tuinbouw", "bouw", "horeca",
    "nagelsalon-carwash", "overbewoning", "bedrijfspand-schuur", "huisjesmelker",
    "gedwongen-bedelarij", "winkeldiefstal-zakkenrollen", "drugsrunner", "hennepteelt",
    "geldezel", "katvanger", "cuckooing", "pgb-misbruik", "financiele-uitbuiting-oudere",
    "gedwongen-mantelzorger",
}
EXPLOITATION_DOMAINS = {"sexual", "labour", "housing", "criminal", "dependency"}


@pytest.fixture(scope="module")
def sections() -> dict[str, list[dict[str, Any]]]:
    return read_catalog().sections


def test_required_partner_codes_present(sections):
    codes = {entry["code"] for entry in sections["partners"]}
    assert REQUIRED_PARTNERS <= codes, sorted(REQUIRED_PARTNERS - codes)


def test_every_partner_has_a_known_category_and_a_description(sections):
    for entry in sections["partners"]:
        assert entry.get("category") in PARTNER_CATEGORIES, entry["code"]
        assert str(entry.get("name", "")).strip(), entry["code"]
        assert str(entry.get("description", "")).strip(), entry["code"]


@pytest.mark.parametrize("kind", sorted(REQUIRED_REASONS))
def test_reasons_of_each_kind_present(sections, kind):
    codes = {entry["code"] for entry in sections["reasons"] if entry.get("kind") == kind}
    assert REQUIRED_REASONS[kind] <= codes, sorted(REQUIRED_REASONS[kind] - codes)


def test_reason_codes_are_unique_across_kinds():
    """One table holds all reasons, so a code shared by two kinds would overwrite one of them."""
    kinds: dict[str, set[str]] = {}
    for path in sorted(DATA_DIR.glob("*.yaml")):
        content = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for entry in content.get("reasons") or []:
            kinds.setdefault(entry["code"], set()).add(entry["kind"])
    assert {code: k for code, k in kinds.items() if len(k) > 1} == {}


def test_legal_references_cover_trafficking_smuggling_and_processing_bases(sections):
    entries = sections["legal_references"]
    codes = {entry["code"] for entry in entries}
    assert {"sr-273f", "sr-197a"} <= codes
    bases = [entry for entry in entries if entry.get("is_processing_basis") is True]
    assert len(bases) >= 2
    for entry in entries:
        assert str(entry.get("summary", "")).strip(), entry["code"]
        url = entry.get("url")
        assert url is None or str(url).startswith("https://"), entry["code"]


def test_subforms_reference_valid_exploitation_domains(sections):
    domains = {entry["code"] for entry in sections["domains"]}
    for entry in sections["subforms"]:
        assert entry["domain"] in domains, entry["code"]
        assert entry["domain"] in EXPLOITATION_DOMAINS, entry["code"]
        assert str(entry.get("name", "")).strip(), entry["code"]
    codes = {entry["code"] for entry in sections["subforms"]}
    assert REQUIRED_SUBFORMS <= codes, sorted(REQUIRED_SUBFORMS - codes)
