# SPDX-License-Identifier: EUPL-1.2
"""The HTCDS mapping: field names and picklist values as the standard has them, no personal
content, and a documented source for every field."""

from __future__ import annotations

import datetime as dt
import random
import re
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from schakel.exports import htcds, kanon

DOC = Path(__file__).resolve().parents[2] / "docs" / "exports.md"


def case(**overrides) -> htcds.CaseFacts:
    values = dict(
        reference="CAS-2025-0001", status="action", opened_on=dt.date(2025, 3, 1),
        municipality_code="0482", municipality_name="Alblasserdam", region="Zuid-Holland Zuid",
        domains=("labour", "housing"),
        indicators=("labour-passport-withheld", "labour-excessive-hours",
                    "housing-overcrowding", "criminal-forced-begging"),
        incoming_organisation="Team Handhaving", incoming_date=dt.date(2025, 2, 20),
        referrals=(
            htcds.ReferralFacts("Politie", "police", dt.date(2025, 3, 5), "accepted"),
            htcds.ReferralFacts("Zorgcoördinator", "care", dt.date(2025, 3, 9), "in_progress"),
            htcds.ReferralFacts("Later ingetrokken", "care", dt.date(2025, 3, 10), "revoked"),
        ),
        victims=(htcds.PersonFacts("P-1", sex="male", age=34, birth_year=1991,
                                   nationality="Pools"),
                 htcds.PersonFacts("P-2", sex="other", age=None, nationality="Marsbewoner")),
    )
    values.update(overrides)
    return htcds.CaseFacts(**values)


def test_one_row_per_possible_victim_with_htcds_names_and_values():
    rows = htcds.record_rows([case()])
    assert len(rows) == 2
    first = rows[0]
    assert list(first) == list(htcds.RECORD_FIELDS)
    assert first["cas_Status"] == "Active"
    assert first["prs_Gender"] == "Male" and first["prs_Nationality"] == "PL"
    assert rows[1]["prs_Gender"] == "Transgender/NonConforming"
    assert rows[1]["prs_Nationality"] == ""  # unrecognised text is never guessed nor copied
    assert first["vic_TypeOfExploitation"] == "ForcedLabour;ForcedBegging;Other"
    assert first["vic_MethodsOfControl"] == "ExcessiveWorkingHours;WithholdsDocuments"
    assert first["vic_TypeOfLabourExploitation"] == "Begging"
    # the latest referral that was not revoked, with the reason from the partner category
    assert first["cas_ReferredOrganisation"] == "Zorgcoördinator"
    assert first["cas_ReasonForOutgoingReferral"] == "AdditionalServicesRequired"
    assert first["cas_OutgoingReferralDate"] == "2025-03-09"
    assert first["sch_TraffickingStatus"] == "PossibleVictimOfTrafficking"
    assert htcds.unmapped_nationalities([case()]) == 1


def test_every_value_is_from_its_picklist():
    picklists = {"cas_Status": htcds.CASE_STATUSES, "prs_Gender": htcds.GENDERS,
                 "vic_TypeOfExploitation": htcds.EXPLOITATION_TYPES,
                 "vic_MethodsOfControl": htcds.METHODS_OF_CONTROL,
                 "vic_TypeOfLabourExploitation": htcds.LABOUR_TYPES,
                 "vic_TypeOfSexExploitation": htcds.SEX_TYPES,
                 "cas_ReasonForOutgoingReferral": htcds.REFERRAL_REASONS,
                 "sch_TraffickingStatus": htcds.TRAFFICKING_STATUSES}
    all_indicators = tuple(htcds.INDICATOR_CONTROL) + tuple(htcds.INDICATOR_SEX_TYPE) + \
        tuple(htcds.INDICATOR_LABOUR_TYPE)
    cases = [case(domains=tuple(htcds.DOMAIN_EXPLOITATION) + ("smuggling", "none"),
                  indicators=all_indicators, status=status)
             for status in htcds.STATUS_MAP]
    for row in htcds.record_rows(cases):
        for name, allowed in picklists.items():
            for value in filter(None, row[name].split(";")):
                assert value in allowed, (name, value)


def test_status_mapping_and_closure():
    assert htcds.case_status("aftercare") == "FollowUp"
    assert htcds.case_status("closed", "geen-mensenhandel") == "Closed"
    assert htcds.case_status("closed", "overgedragen-politie-om") == "ClosedReferred"
    row = htcds.record_rows([case(status="closed", outcome_code="slachtoffer-in-zorg")])[0]
    assert row["cas_Status"] == "ClosedReferred"
    assert row["cas_ReasonForCaseClosure"] == "slachtoffer-in-zorg"


def test_a_case_without_a_recorded_victim_still_counts():
    rows = htcds.record_rows([case(victims=())])
    assert len(rows) == 1 and rows[0]["sch_PersonPseudonym"] == ""
    assert rows[0]["prs_Gender"] == ""


def test_free_text_and_names_never_appear():
    for name in ("cas_IncomingReferralDetails", "cas_OutgoingReferralDetails",
                 "cas_ReferringPrimaryCaseWorker", "cas_ReferredPrimaryCaseWorker",
                 "prs_Birthdate"):
        assert all(row[name] == "" for row in htcds.record_rows([case()]))
    assert not {"prs_FirstName", "prs_SecondName", "prs_Email", "prs_MobilePhone"} & \
        set(htcds.RECORD_FIELDS)


def test_deidentified_rows_hold_only_generalised_columns_and_are_11_anonymous():
    """A realistic regional export: 300 cases over four municipalities and five years."""
    rng = random.Random(3)
    nationalities = ["Nederlands"] * 12 + ["Pools"] * 4 + ["Roemeens"] * 3 + \
        ["Nigeriaans", "Bulgaars", "Oekraïens", "Eritrees", "Vietnamees", ""]
    cases = []
    for n in range(300):
        victims = tuple(htcds.PersonFacts(
            f"P-{n}-{v}", sex=rng.choice(["female", "female", "male", ""]),
            age=rng.choice([None, *range(13, 55)]), nationality=rng.choice(nationalities))
            for v in range(rng.choice([1, 1, 1, 2])))
        cases.append(case(reference=f"CAS-{n}", victims=victims,
                          municipality_code=rng.choice(["0482", "0590", "0505", "0512"]),
                          opened_on=dt.date(rng.randint(2021, 2025), 6, 1),
                          domains=(rng.choice(["sexual", "labour", "criminal"]),),
                          status=rng.choice(["action", "closed"])))
    export = htcds.deidentified_rows(cases, k=11)
    assert export.rows, "a realistic export keeps records"
    assert kanon.is_k_anonymous(export.rows, htcds.QUASI_IDENTIFIERS, 11)
    assert all(set(row) == set(htcds.DEIDENTIFIED_FIELDS) for row in export.rows)
    assert "sch_CaseReference" not in htcds.DEIDENTIFIED_FIELDS
    assert "sch_PersonPseudonym" not in htcds.DEIDENTIFIED_FIELDS
    report = export.report
    assert report["k"] == 11 and report["records_in"] == sum(max(1, len(c.victims))
                                                              for c in cases)
    assert report["records_out"] + report["records_suppressed"] == report["records_in"]
    assert report["records_suppressed"] <= 0.05 * report["records_in"]


def test_the_documented_mapping_lists_every_field():
    """docs/exports.md has one table row per exported field, with its source."""
    text = DOC.read_text(encoding="utf-8")
    documented = set(re.findall(r"^\| `([A-Za-z_]+)` \|", text, re.M))
    assert documented == {f.name for f in htcds.FIELDS}


persons = st.builds(
    htcds.PersonFacts, pseudonym=st.just("P"),
    sex=st.sampled_from(["female", "male", "other", "unknown", ""]),
    age=st.one_of(st.none(), st.integers(min_value=0, max_value=80)),
    nationality=st.sampled_from(["Nederlands", "Pools", "Roemeens", "Nigeriaans", "Eritrees",
                                 "Braziliaans", "onbekend", ""]))
cases_strategy = st.lists(st.builds(
    case, victims=st.lists(persons, max_size=3).map(tuple),
    municipality_code=st.sampled_from(["0482", "0590", "0505"]),
    opened_on=st.dates(min_value=dt.date(2018, 1, 1), max_value=dt.date(2026, 12, 31)),
    domains=st.lists(st.sampled_from(["sexual", "labour", "criminal", "housing"]),
                     max_size=2).map(tuple),
    status=st.sampled_from(list(htcds.STATUS_MAP))), max_size=60)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cases_strategy, st.integers(min_value=11, max_value=20))
def test_deidentified_export_is_k_anonymous_for_any_cases(cases, k):
    export = htcds.deidentified_rows(cases, k=k)
    assert kanon.is_k_anonymous(export.rows, htcds.QUASI_IDENTIFIERS, k)
    assert export.report["records_out"] + export.report["records_suppressed"] == \
        sum(max(1, len(c.victims)) for c in cases)
