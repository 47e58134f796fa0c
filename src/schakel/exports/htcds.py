# SPDX-License-Identifier: EUPL-1.2
"""Schakel cases in the form of IOM's Human Trafficking Case Data Standard (HTCDS).

Pure Python (no Django): the Django side (:mod:`schakel.exports.services`) reads the database
into :class:`CaseFacts` and hands them here, so the mapping is testable and reviewable in one
place. Field names and picklist values are copied exactly from reporting-interop.md §3 (HTCDS
field reference and survey toolkit); ``sch_`` fields are Schakel's own extension fields for
facts HTCDS has no field for (reporting-interop.md §3.4 suggests keeping local detail in
extension fields). :data:`FIELDS` lists every exported field with its source and, where a field
stays empty, why; docs/exports.md shows the same table and a test keeps them equal.

One row per possible victim per case (HTCDS is person-centred, like the CTDC dataset); a case
without a recorded possible victim gives one row with empty person fields, so the case still
counts. Names, contact details and free text are never exported, not even record-level: the
person is identified by a pseudonym (reporting-interop.md §3.4: "Core" means core to the
standard, not "must be shared").
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from schakel.exports import countries, kanon

MULTI_SEPARATOR = ";"  # HTCDS multi-select picklists (Salesforce style)

# --- picklists (reporting-interop.md §3.3) ------------------------------------------------------

CASE_STATUSES = ("Active", "FollowUp", "Closed", "ClosedReferred")
GENDERS = ("Male", "Female", "Transgender/NonConforming", "Unknown")
EXPLOITATION_TYPES = ("ForcedLabour", "SexualExploitation", "ForcedMarriage",
                      "ForcedMilitaryService", "OrganRemoval", "ForcedBegging",
                      "IllicitActivities", "IllegalAdoption", "Surrogacy", "Other")
METHODS_OF_CONTROL = ("DebtBondage", "TakesEarnings", "RestrictsFinancialAccess", "Threats",
                      "PsychologicalAbuse", "PhysicalAbuse", "SexualAbuse", "FalsePromises",
                      "PsychoactiveSubstances", "RestrictsMovement", "RestrictsMedicalCare",
                      "ExcessiveWorkingHours", "UsesChildren", "ThreatOfLawEnforcement",
                      "WithholdsNecessities", "WithholdsDocuments", "Other")
LABOUR_TYPES = ("Agriculture", "Aquafarming", "Begging", "Construction", "DomesticWork",
                "Hospitality", "IllicitActivities", "Manufacturing", "MiningOrDrilling",
                "Peddling", "Transportation", "Other")
SEX_TYPES = ("Prostitution", "Pornography", "RemoteInteractiveServices",
             "PrivateSexualServices")
REFERRAL_REASONS = ("AdditionalServicesRequired", "MigrationOrChangeOfLocation", "Other")
TRAFFICKING_STATUSES = ("PossibleVictimOfTrafficking", "ActualVictimOfTrafficking",
                        "NotAVictimOfTrafficking")

# --- mappings from Schakel codes -----------------------------------------------------------------

# Schakel case status → cas_Status (reporting-interop.md §3.4). Closed becomes ClosedReferred
# when the case ended with a hand-over (see REFERRED_OUTCOMES).
STATUS_MAP = {"open": "Active", "analysis": "Active", "conference": "Active",
              "action": "Active", "aftercare": "FollowUp", "closed": "Closed"}
REFERRED_OUTCOMES = frozenset({"slachtoffer-in-zorg", "overgedragen-politie-om",
                               "overgedragen-andere-gemeente", "zorg-via-regulier-traject"})

GENDER_MAP = {"female": "Female", "male": "Male", "other": "Transgender/NonConforming",
              "unknown": "Unknown", "": "Unknown"}

# Domain code → vic_TypeOfExploitation. "housing" and "dependency" have no own HTCDS type:
# illegal housing is the setting of labour exploitation, abuse of dependency is exploitation
# outside the listed purposes. Smuggling and "none" are not trafficking and map to nothing.
DOMAIN_EXPLOITATION = {"sexual": "SexualExploitation", "labour": "ForcedLabour",
                       "criminal": "IllicitActivities", "housing": "Other",
                       "dependency": "Other"}
# Indicators that name a more specific exploitation type than their domain.
INDICATOR_EXPLOITATION = {"criminal-forced-begging": "ForcedBegging"}

# Indicator code (catalog/data/indicators.yaml) → vic_MethodsOfControl, only where the
# indicator describes a means of control (reporting-interop.md §3.4).
INDICATOR_CONTROL = {
    "sexual-earnings-handed-over": "TakesEarnings",
    "sexual-sextortion": "Threats",
    "sexual-travel-debt-oath": "DebtBondage",
    "sexual-injuries-fear": "PhysicalAbuse",
    "sexual-recruited-abroad": "FalsePromises",
    "sexual-documents-withheld": "WithholdsDocuments",
    "labour-no-or-low-pay": "TakesEarnings",
    "labour-excessive-hours": "ExcessiveWorkingHours",
    "labour-passport-withheld": "WithholdsDocuments",
    "labour-bank-card-controlled": "RestrictsFinancialAccess",
    "labour-debt-bondage": "DebtBondage",
    "labour-fines-deductions": "TakesEarnings",
    "labour-threats-violence": "Threats",
    "labour-false-promises": "FalsePromises",
    "labour-isolated-controlled": "RestrictsMovement",
    "housing-locked-rooms": "RestrictsMovement",
    "housing-landlord-holds-documents": "WithholdsDocuments",
    "criminal-proceeds-taken": "TakesEarnings",
    "criminal-debt-street-fine": "DebtBondage",
    "criminal-threats-reprisals": "Threats",
    "criminal-documents-withheld": "WithholdsDocuments",
    "dependency-carer-controls-money": "RestrictsFinancialAccess",
    "dependency-benefits-taken": "TakesEarnings",
    "dependency-threat-stop-care": "Threats",
    "dependency-care-refused": "RestrictsMedicalCare",
    "dependency-locked-in": "RestrictsMovement",
    "dependency-neglect": "WithholdsNecessities",
}
INDICATOR_LABOUR_TYPE = {
    "labour-domestic-servitude": "DomesticWork",
    "criminal-forced-begging": "Begging",
    "criminal-drug-running": "IllicitActivities",
    "criminal-cannabis-drug-lab": "IllicitActivities",
    "criminal-theft-shoplifting": "IllicitActivities",
    "criminal-money-mule": "IllicitActivities",
    "criminal-fraud-scams": "IllicitActivities",
}
# ISIC v4 section, only where an indicator names the sector unambiguously.
INDICATOR_INDUSTRY = {"labour-domestic-servitude": "T_ActivitiesOfHouseholdsAsEmployers"}
INDICATOR_SEX_TYPE = {
    "sexual-forced-sex": "Prostitution",
    "sexual-paid-sex-minor": "Prostitution",
    "sexual-advertisements": "Prostitution",
    "sexual-unlicensed-location": "Prostitution",
    "sexual-changing-young-women": "Prostitution",
    "sexual-sleeps-where-works": "Prostitution",
}
# Partner categories (catalog/data/partners.yaml) whose referral asks for help for the person.
SERVICE_CATEGORIES = frozenset({"care", "youth", "welfare", "housing"})


# --- input -------------------------------------------------------------------------------------

@dataclass(frozen=True)
class ReferralFacts:
    organisation: str
    partner_category: str
    date: dt.date
    status: str


@dataclass(frozen=True)
class PersonFacts:
    """A possible victim as far as the export needs: no name, no contact details."""

    pseudonym: str
    sex: str = ""
    age: int | None = None  # at the first signal naming the person
    birth_year: int | None = None
    nationality: str = ""  # as typed in Schakel


@dataclass(frozen=True)
class CaseFacts:
    reference: str
    status: str
    opened_on: dt.date
    municipality_code: str
    municipality_name: str = ""
    region: str = ""
    closed_on: dt.date | None = None
    outcome_code: str = ""
    domains: tuple[str, ...] = ()
    indicators: tuple[str, ...] = ()
    incoming_organisation: str = ""
    incoming_date: dt.date | None = None
    referrals: tuple[ReferralFacts, ...] = ()
    victims: tuple[PersonFacts, ...] = ()


# --- the field table -----------------------------------------------------------------------------

@dataclass(frozen=True)
class FieldSpec:
    name: str
    source: str  # where the value comes from in Schakel, or "—"
    note: str = ""  # why it is empty, or how it is derived
    record_level: bool = True
    deidentified: bool = False


FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("sch_CaseReference", "Case.reference", "Schakel's case number, for round trips."),
    FieldSpec("sch_PersonPseudonym", "SignalSubject (keyed hash of its id)",
              "Stable per person within this deployment; not reversible without the key."),
    FieldSpec("cas_Status", "Case.status + Case.outcome",
              "open/analysis/conference/action → Active; aftercare → FollowUp; closed → Closed, "
              "or ClosedReferred when the outcome is a hand-over.", deidentified=True),
    FieldSpec("cas_ReferringOrganisation", "first Signal.source_organisation",
              "The organisation of the first signal of the case."),
    FieldSpec("cas_IncomingReferralDate", "first Signal.received_at (date)"),
    FieldSpec("cas_ReferringPrimaryCaseWorker", "—",
              "Empty: the name of the reporter is not shared (data minimisation)."),
    FieldSpec("cas_ReasonForIncomingReferral", "—",
              "Empty: a signal is a report, not one of the HTCDS referral reasons."),
    FieldSpec("cas_IncomingReferralDetails", "—", "Empty: free text is never exported."),
    FieldSpec("cas_ReferredOrganisation", "latest Referral.organisation (not revoked)"),
    FieldSpec("cas_ReferredPrimaryCaseWorker", "—",
              "Empty: Schakel records the organisation, not the person handling it."),
    FieldSpec("cas_ReasonForOutgoingReferral", "latest Referral → partner category",
              "care, youth, welfare, housing → AdditionalServicesRequired; others → Other."),
    FieldSpec("cas_OutgoingReferralDate", "latest Referral.created_at (date)"),
    FieldSpec("cas_OutgoingReferralDetails", "—", "Empty: free text is never exported."),
    FieldSpec("cas_ReasonForCaseClosure", "Case.outcome (code)",
              "The Schakel outcome code, e.g. overgedragen-politie-om."),
    FieldSpec("prs_Gender", "SignalSubject.sex",
              "female → Female, male → Male, other → Transgender/NonConforming, "
              "unknown/empty → Unknown.", deidentified=True),
    FieldSpec("prs_Birthdate", "—",
              "Empty: Schakel keeps a birth year or an estimated age, not a date."),
    FieldSpec("prs_Nationality", "SignalSubject.nationality (free text → ISO 3166 alpha-2)",
              "Empty when the text is not recognised; HTCDS 1.0 renamed this Citizenship.",
              deidentified=True),
    FieldSpec("sch_Age", "signal year − SignalSubject.birth_year, else estimated_age",
              "Age at the first signal naming the person.", deidentified=True),
    FieldSpec("sch_BirthYear", "SignalSubject.birth_year"),
    FieldSpec("sch_TraffickingStatus", "role 'victim' on a signal",
              "Always PossibleVictimOfTrafficking: the municipality does not determine "
              "victimhood. HTCDS 2.0 field name not verified, hence an extension field."),
    FieldSpec("vic_TypeOfExploitation", "Case.domains (+ indicator criminal-forced-begging)",
              "sexual → SexualExploitation; labour → ForcedLabour; criminal → "
              "IllicitActivities; housing, dependency → Other.", deidentified=True),
    FieldSpec("vic_MethodsOfControl", "indicators of the case's signals",
              "Only indicators that describe a means of control (see INDICATOR_CONTROL)."),
    FieldSpec("vic_TypeOfLabourExploitation", "indicators of the case's signals",
              "Domestic work, begging, illicit activities; empty otherwise."),
    FieldSpec("vic_ForcedLabourIndustry", "indicators of the case's signals",
              "ISIC section only where an indicator names the sector; mostly empty."),
    FieldSpec("vic_TypeOfSexExploitation", "indicators of the case's signals",
              "Prostitution where an indicator says so; Dutch settings are not a case field."),
    FieldSpec("vic_MethodOfRecruitment", "—", "Empty: Schakel does not record this."),
    FieldSpec("vic_RecruitmentWebsitesAndApps", "—", "Empty: Schakel does not record this."),
    FieldSpec("vic_ExploitationWebsitesAndApps", "—", "Empty: Schakel does not record this."),
    FieldSpec("vic_AgreementToManagePersonalData", "—",
              "Empty: consent for CoMensha is kept per person in the exports app and is "
              "not a general agreement to manage personal data."),
    FieldSpec("sch_MunicipalityCode", "Case.municipality.cbs_code", deidentified=True),
    FieldSpec("sch_Municipality", "Case.municipality.name"),
    FieldSpec("sch_Region", "Case.municipality.region"),
    FieldSpec("sch_Year", "Case.opened_at (year)", deidentified=True),
)
RECORD_FIELDS = tuple(f.name for f in FIELDS if f.record_level)
DEIDENTIFIED_FIELDS = tuple(f.name for f in FIELDS if f.deidentified)
# Quasi-identifiers of the de-identified export; cas_Status is the only other column.
QUASI_IDENTIFIERS = ("prs_Gender", "sch_Age", "prs_Nationality", "sch_MunicipalityCode",
                     "sch_Year", "vic_TypeOfExploitation")


# --- mapping functions ---------------------------------------------------------------------------

def join(values: Iterable[str]) -> str:
    """A multi-select value: unique, in the order given (picklist order), ``;``-separated."""
    return MULTI_SEPARATOR.join(dict.fromkeys(v for v in values if v))


def case_status(status: str, outcome_code: str = "") -> str:
    mapped = STATUS_MAP.get(status, "Active")
    if mapped == "Closed" and outcome_code in REFERRED_OUTCOMES:
        return "ClosedReferred"
    return mapped


def gender(sex: str) -> str:
    return GENDER_MAP.get(sex or "", "Unknown")


def exploitation_types(domains: Iterable[str], indicators: Iterable[str]) -> list[str]:
    found = {DOMAIN_EXPLOITATION[d] for d in domains if d in DOMAIN_EXPLOITATION}
    found |= {INDICATOR_EXPLOITATION[i] for i in indicators if i in INDICATOR_EXPLOITATION}
    return [t for t in EXPLOITATION_TYPES if t in found]


def _picked(indicators: Iterable[str], table: Mapping[str, str],
            order: Sequence[str] | None = None) -> list[str]:
    found = {table[i] for i in indicators if i in table}
    return [v for v in order if v in found] if order else sorted(found)


def latest_referral(referrals: Iterable[ReferralFacts]) -> ReferralFacts | None:
    live = [r for r in referrals if r.status != "revoked"]
    return max(live, key=lambda r: r.date) if live else None


def referral_reason(referral: ReferralFacts) -> str:
    return ("AdditionalServicesRequired" if referral.partner_category in SERVICE_CATEGORIES
            else "Other")


def _iso(date: dt.date | None) -> str:
    return date.isoformat() if date else ""


def _case_fields(case: CaseFacts) -> dict[str, Any]:
    referral = latest_referral(case.referrals)
    indicators = case.indicators
    return {
        "sch_CaseReference": case.reference,
        "cas_Status": case_status(case.status, case.outcome_code),
        "cas_ReferringOrganisation": case.incoming_organisation,
        "cas_IncomingReferralDate": _iso(case.incoming_date),
        "cas_ReferringPrimaryCaseWorker": "",
        "cas_ReasonForIncomingReferral": "",
        "cas_IncomingReferralDetails": "",
        "cas_ReferredOrganisation": referral.organisation if referral else "",
        "cas_ReferredPrimaryCaseWorker": "",
        "cas_ReasonForOutgoingReferral": referral_reason(referral) if referral else "",
        "cas_OutgoingReferralDate": _iso(referral.date) if referral else "",
        "cas_OutgoingReferralDetails": "",
        "cas_ReasonForCaseClosure": case.outcome_code if case.status == "closed" else "",
        "vic_TypeOfExploitation": join(exploitation_types(case.domains, indicators)),
        "vic_MethodsOfControl": join(_picked(indicators, INDICATOR_CONTROL,
                                             METHODS_OF_CONTROL)),
        "vic_TypeOfLabourExploitation": join(_picked(indicators, INDICATOR_LABOUR_TYPE,
                                                     LABOUR_TYPES)),
        "vic_ForcedLabourIndustry": join(_picked(indicators, INDICATOR_INDUSTRY)),
        "vic_TypeOfSexExploitation": join(_picked(indicators, INDICATOR_SEX_TYPE, SEX_TYPES)),
        "vic_MethodOfRecruitment": "",
        "vic_RecruitmentWebsitesAndApps": "",
        "vic_ExploitationWebsitesAndApps": "",
        "vic_AgreementToManagePersonalData": "",
        "sch_MunicipalityCode": case.municipality_code,
        "sch_Municipality": case.municipality_name,
        "sch_Region": case.region,
        "sch_Year": case.opened_on.year,
    }


def _person_fields(person: PersonFacts | None) -> dict[str, Any]:
    if person is None:
        return {"sch_PersonPseudonym": "", "prs_Gender": "", "prs_Birthdate": "",
                "prs_Nationality": "", "sch_Age": None, "sch_BirthYear": None,
                "sch_TraffickingStatus": ""}
    return {
        "sch_PersonPseudonym": person.pseudonym,
        "prs_Gender": gender(person.sex),
        "prs_Birthdate": "",
        "prs_Nationality": countries.iso_code(person.nationality),
        "sch_Age": person.age,
        "sch_BirthYear": person.birth_year,
        "sch_TraffickingStatus": "PossibleVictimOfTrafficking",
    }


def record_rows(cases: Iterable[CaseFacts]) -> list[dict[str, Any]]:
    """Record-level HTCDS rows (every field of :data:`RECORD_FIELDS`, in that order)."""
    rows = []
    for case in cases:
        base = _case_fields(case)
        for person in case.victims or (None,):
            row = {**base, **_person_fields(person)}
            rows.append({name: row[name] for name in RECORD_FIELDS})
    return rows


def unmapped_nationalities(cases: Iterable[CaseFacts]) -> int:
    """How many possible victims have a nationality text that did not map to ISO 3166."""
    return sum(1 for case in cases for p in case.victims
               if p.nationality.strip() and not countries.iso_code(p.nationality))


# --- de-identified variant -----------------------------------------------------------------------

@dataclass
class DeidentifiedExport:
    rows: list[dict[str, Any]]
    report: dict[str, Any] = field(default_factory=dict)


def hierarchies(regions: Mapping[str, str]) -> dict[str, kanon.Hierarchy]:
    """The generalisation hierarchy of every quasi-identifier. ``regions`` maps a CBS
    municipality code to its cooperation region."""
    return {
        "prs_Gender": kanon.flat_hierarchy("prs_Gender", "gender"),
        "sch_Age": kanon.age_hierarchy("sch_Age"),
        "prs_Nationality": kanon.nationality_hierarchy("prs_Nationality", countries.region),
        "sch_MunicipalityCode": kanon.municipality_hierarchy("sch_MunicipalityCode", regions),
        "sch_Year": kanon.year_hierarchy("sch_Year"),
        "vic_TypeOfExploitation": kanon.flat_hierarchy("vic_TypeOfExploitation",
                                                       "exploitation type"),
    }


def deidentified_rows(cases: Sequence[CaseFacts], *, k: int = kanon.DEFAULT_K,
                      max_suppression: float = kanon.DEFAULT_MAX_SUPPRESSION
                      ) -> DeidentifiedExport:
    """The de-identified export: only :data:`DEIDENTIFIED_FIELDS`, quasi-identifiers
    generalised until every combination occurs at least ``k`` times (outliers suppressed).
    Unknown gender is kept as "Unknown" (a picklist value), an unknown age or nationality as
    "unknown" until suppressed."""
    regions = {c.municipality_code: c.region for c in cases}
    source = []
    for row in record_rows(cases):
        source.append({name: row[name] for name in DEIDENTIFIED_FIELDS})
    result = kanon.anonymise(source, hierarchies(regions), k=k,
                             max_suppression=max_suppression)
    rows = [{name: row[name] for name in DEIDENTIFIED_FIELDS} for row in result.records]
    report = result.summary()
    report["quasi_identifiers"] = list(QUASI_IDENTIFIERS)
    report["notes"] = result.notes
    return DeidentifiedExport(rows=rows, report=report)
