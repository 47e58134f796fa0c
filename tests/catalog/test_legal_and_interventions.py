# SPDX-License-Identifier: EUPL-1.2
"""The reference catalogue holds every legal reference issue 2 item 4 names (273f Sr, APV,
Bibob, Wabo/Omgevingswet, Wmo 2015, Jeugdwet, plus 197a Sr for smuggling) and every kind of
intervention issue 3 item 4 lists, with the category the issue gives it — in the shipped YAML
and, after loading, through the API."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from schakel.catalog.source import read_catalog

# code → words its title or citation must contain (so a code cannot silently change meaning)
LEGAL_REFERENCES = {
    "sr-273f": ("273f",),
    "sr-197a": ("197a",),
    "apv-seksbedrijven": ("APV",),
    "wet-bibob": ("Bibob",),
    "omgevingswet": ("Omgevingswet", "Wabo"),
    "wmo-2015": ("Wmo 2015",),
    "jeugdwet": ("Jeugdwet",),
}

# issue 3 item 4: code → category
INTERVENTIONS = {
    # enforcement
    "controle-seksbedrijf": "enforcement",   # check of a sex-business licence under the APV
    "sluiting-pand": "enforcement",          # closure
    "last-onder-dwangsom": "enforcement",    # last onder dwangsom
    "bibob-toets": "enforcement",            # Bibob test
    "woninginspectie-ozhz": "enforcement",   # housing inspection by OZHZ
    "adresonderzoek-brp": "enforcement",     # BRP address investigation / home visit
    "integrale-controle": "enforcement",     # integrated inspection with NLA and police
    # care
    "opvang-comensha": "care",               # shelter via CoMensha or the care coordinator
    "wmo-ondersteuning": "care",             # Wmo support
    "jeugdhulp": "care",                     # Jeugdwet support
    "veilig-thuis": "care",                  # Veilig Thuis
    # criminal
    "aangifte-politie": "criminal",          # report to police
    "melding-nla": "criminal",               # report to NLA
    # information
    "riec-rapportage": "information",        # RIEC administrative report
    "registratie-comensha": "information",   # CoMensha registration of a possible victim
}
INTERVENTION_WORDS = {
    "controle-seksbedrijf": "APV", "sluiting-pand": "Sluiting", "last-onder-dwangsom": "dwangsom",
    "bibob-toets": "Bibob", "woninginspectie-ozhz": "omgevingsdienst",
    "adresonderzoek-brp": "BRP", "integrale-controle": "Arbeidsinspectie",
    "opvang-comensha": "CoMensha", "wmo-ondersteuning": "Wmo", "jeugdhulp": "Jeugdwet",
    "veilig-thuis": "Veilig Thuis", "aangifte-politie": "politie",
    "melding-nla": "Arbeidsinspectie",
    "riec-rapportage": "RIEC", "registratie-comensha": "CoMensha",
}


@pytest.fixture(scope="module")
def sections():
    return read_catalog().sections


@pytest.mark.parametrize("code", sorted(LEGAL_REFERENCES))
def test_legal_reference_is_in_the_catalogue(sections, code):
    entries = {entry["code"]: entry for entry in sections["legal_references"]}
    assert code in entries, code
    text = f"{entries[code]['title']} {entries[code]['citation']}"
    for word in LEGAL_REFERENCES[code]:
        assert word in text, (code, word)
    assert str(entries[code].get("summary", "")).strip()


@pytest.mark.parametrize("code", sorted(INTERVENTIONS))
def test_intervention_type_is_in_the_catalogue_with_its_category(sections, code):
    entries = {entry["code"]: entry for entry in sections["intervention_types"]}
    assert code in entries, code
    assert entries[code]["category"] == INTERVENTIONS[code]
    assert INTERVENTION_WORDS[code].lower() in \
        f"{entries[code]['name']} {entries[code]['description']}".lower()


def test_every_category_of_the_issue_is_present(sections):
    categories = {entry["category"] for entry in sections["intervention_types"]}
    assert {"enforcement", "care", "criminal", "information"} <= categories


def test_loaded_catalogue_serves_the_legal_references_through_the_api(world):
    client = APIClient()
    client.force_authenticate(world["coordinator"])
    body = client.get("/api/v1/catalog/legal-bases/?page_size=1000").json()
    codes = {entry["code"] for entry in body["results"]}
    assert set(LEGAL_REFERENCES) <= codes


def test_loaded_catalogue_holds_every_intervention_type(world):
    from schakel.catalog.models import InterventionType

    loaded = dict(InterventionType.objects.filter(active=True).values_list("code", "category"))
    assert {code: loaded.get(code) for code in INTERVENTIONS} == INTERVENTIONS
