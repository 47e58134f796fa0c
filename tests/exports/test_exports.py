# SPDX-License-Identifier: EUPL-1.2
"""Exports through the service and the pages: who may export what, what the file holds, what
the access log says, and the consent rule for CoMensha."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from schakel.audit.models import AccessEvent
from schakel.cases import services as cases
from schakel.exports import htcds, kanon, services
from schakel.exports.models import AppendOnlyError, ConsentRecord, ExportLog
from schakel.signals.services import SubjectInput

NAME = "Oksana Melnyk"


@pytest.fixture
def victim_case(world, make_signal):
    """An Alblasserdam case whose signal names a 15-year-old possible victim."""
    signal = make_signal(
        "coordinator", description="Meisje werkt 's nachts in een woning, paspoort kwijt.",
        municipality_code="0482",
        indicator_codes=["sexual-forced-sex", "sexual-documents-withheld"],
        subjects=[SubjectInput(kind="person", role="victim", given_names="Oksana",
                               surname="Melnyk", birth_year=timezone.localdate().year - 15,
                               sex="female", nationality="Oekraïens"),
                  SubjectInput(kind="person", role="perpetrator", given_names="Dader",
                               surname="Onbekend")])
    case = cases.open_case(world["coordinator"], signal, title="Woning Oost")
    cases.update_case(case, world["coordinator"], expected_version=case.version,
                      domains=["sexual"])
    case.refresh_from_db()
    return case


@pytest.fixture
def pap_case(world, make_signal):
    signal = make_signal("coordinator-papendrecht", description="Overbewoning.",
                         municipality_code="0590",
                         subjects=[SubjectInput(kind="person", role="victim",
                                                given_names="Piotr", surname="Nowak")])
    return cases.open_case(world["coordinator-papendrecht"], signal, title="Pand Noord")


def victim_of(case):
    return services.possible_victims(case)[0]


# --- service ---------------------------------------------------------------------------------

def test_record_level_export_needs_purpose_and_legal_basis(world, victim_case):
    with pytest.raises(ValidationError) as error:
        services.export_cases(world["coordinator"], [victim_case], variant="record",
                              purpose="comensha_registration", legal_basis="")
    assert "legal_basis" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.export_cases(world["coordinator"], [victim_case], variant="record",
                              purpose="monitoring", legal_basis="avg-6-1-e")
    assert "purpose" in error.value.message_dict
    # a legal reference that is not a processing basis cannot be chosen
    with pytest.raises(ValidationError):
        services.export_cases(world["coordinator"], [victim_case], variant="record",
                              purpose="comensha_registration", legal_basis="sr-273f")


def test_record_level_export_is_htcds_without_names_and_is_logged(world, victim_case):
    result = services.export_cases(world["coordinator"], [victim_case], variant="record",
                                   purpose="comensha_registration", legal_basis="avg-6-1-e",
                                   file_format="csv")
    text = result.content.decode()
    rows = list(csv.DictReader(io.StringIO(text)))
    assert tuple(rows[0]) == htcds.RECORD_FIELDS
    assert len(rows) == 1  # the perpetrator is not exported
    row = rows[0]
    assert row["sch_CaseReference"] == victim_case.reference
    assert row["prs_Gender"] == "Female" and row["prs_Nationality"] == "UA"
    assert row["vic_TypeOfExploitation"] == "SexualExploitation"
    assert row["vic_TypeOfSexExploitation"] == "Prostitution"
    assert row["vic_MethodsOfControl"] == "WithholdsDocuments"
    assert row["sch_PersonPseudonym"].startswith("P-")
    assert "Melnyk" not in text and "paspoort" not in text
    event = AccessEvent.objects.filter(action="export").latest("sequence")
    assert event.object_refs == [f"export:{result.log.pk}", victim_case.reference]
    assert event.purpose == "comensha_registration" and event.legal_basis == "avg-6-1-e"
    assert result.log.record_count == 1 and result.log.kind == ExportLog.Kind.RECORD
    assert result.log.case_references == [victim_case.reference]


def test_pseudonyms_are_stable_between_exports(world, victim_case):
    def pseudonym():
        content = services.export_cases(
            world["coordinator"], [victim_case], variant="record", purpose="chain_handover",
            legal_basis="avg-6-1-e", file_format="json").content
        return json.loads(content)["records"][0]["sch_PersonPseudonym"]

    assert pseudonym() == pseudonym()


def test_coordinator_cannot_export_another_municipalitys_case(world, victim_case, pap_case):
    for variant, purpose in (("record", "comensha_registration"), ("deidentified",
                                                                   "monitoring")):
        with pytest.raises(PermissionError):
            services.export_cases(world["coordinator"], [pap_case], variant=variant,
                                  purpose=purpose, legal_basis="avg-6-1-e")
    assert not ExportLog.objects.exists()


def test_deidentified_export_of_few_cases_suppresses_everyone(world, victim_case):
    """One case is far below k = 11: nothing is published, and the report says so."""
    result = services.export_cases(world["coordinator"], [victim_case], variant="deidentified",
                                   purpose="monitoring", file_format="json")
    data = json.loads(result.content)
    assert data["records"] == []
    assert data["report"]["records_suppressed"] == 1 and data["report"]["k"] == 11
    assert result.log.record_count == 0
    with pytest.raises(ValidationError):
        services.export_cases(world["coordinator"], [victim_case], variant="deidentified",
                              purpose="monitoring", k=5)


def test_deidentified_export_of_many_cases_is_k_anonymous(world, make_signal):
    coordinator = world["coordinator"]
    opened = []
    for n in range(26):
        signal = make_signal("coordinator", description=f"Signaal {n}",
                             municipality_code="0482",
                             subjects=[SubjectInput(kind="person", role="victim",
                                                    sex="female" if n % 3 else "male",
                                                    estimated_age=20 + n % 7,
                                                    nationality="Pools" if n % 2 else
                                                    "Nederlands")])
        opened.append(cases.open_case(coordinator, signal, title=f"Casus {n}"))
    result = services.export_cases(coordinator, opened, variant="deidentified",
                                   purpose="monitoring", file_format="csv")
    rows = list(csv.DictReader(io.StringIO(result.content.decode())))
    assert len(rows) >= 24
    assert kanon.is_k_anonymous(rows, htcds.QUASI_IDENTIFIERS, 11)
    assert set(rows[0]) == set(htcds.DEIDENTIFIED_FIELDS)


def test_consent_follows_the_age_rule_and_keeps_history(world, victim_case):
    coordinator, subject = world["coordinator"], victim_of(victim_case)
    today = timezone.localdate()
    with pytest.raises(ValidationError) as error:  # 15 years old: cannot sign herself
        services.record_consent(coordinator, victim_case, subject, status="given",
                                signatory="self", decided_on=today)
    assert "signatory" in error.value.message_dict
    with pytest.raises(ValidationError):
        services.record_consent(coordinator, victim_case, subject, status="given",
                                signatory="parent", decided_on=None)
    services.record_consent(coordinator, victim_case, subject, status="not_asked")
    services.record_consent(coordinator, victim_case, subject, status="given",
                            signatory="guardian", decided_on=today)
    assert [r.status for r in subject.consent_records.all()] == ["not_asked", "given"]
    assert services.current_consent(subject).signatory == "guardian"
    event = AccessEvent.objects.filter(object_type="consent").latest("sequence")
    assert event.object_refs == [victim_case.reference, subject.signal.reference]
    with pytest.raises(AppendOnlyError):  # history is never rewritten
        services.current_consent(subject).delete()


def test_from_sixteen_the_person_signs():
    class Signal:
        received_at = timezone.now()

    class Subject:
        signal = Signal()
        birth_year = timezone.localdate().year - 20
        estimated_age = None

    ages = services.age_range(Subject(), timezone.localdate())
    assert services.required_signatory(ages) == "self"
    assert services.required_signatory((15, 16)) == ""  # birthday may be ahead: check
    assert services.required_signatory((14, 15)) == "parent_or_guardian"
    assert services.required_signatory(None) == ""


# --- pages -------------------------------------------------------------------------------------

def test_export_page_downloads_a_file_and_logs_it(client, world, victim_case):
    client.force_login(world["coordinator"])
    url = reverse("exports:index")
    page = client.get(url, {"casus": victim_case.reference})
    assert page.status_code == 200
    assert victim_case.reference in page.content.decode()
    response = client.post(url, {"cases": [victim_case.pk], "variant": "record",
                                 "purpose": "care_coordination", "legal_basis": "avg-6-1-e",
                                 "file_format": "json", "k": 11})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["legal_basis"] == "avg-6-1-e" and len(data["records"]) == 1
    assert AccessEvent.objects.filter(action="export", purpose="care_coordination").exists()
    # "all my cases" instead of ticking them one by one
    response = client.post(url, {"all_cases": "on", "variant": "deidentified",
                                 "purpose": "monitoring", "file_format": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    assert ExportLog.objects.filter(kind="deidentified").get().case_references == [
        victim_case.reference]


def test_export_page_explains_a_missing_legal_basis(client, world, victim_case):
    client.force_login(world["coordinator"])
    response = client.post(reverse("exports:index"), {
        "cases": [victim_case.pk], "variant": "record", "purpose": "care_coordination",
        "file_format": "csv"})
    assert response.status_code == 200
    assert "grondslag nodig" in response.content.decode()
    assert not ExportLog.objects.exists()


def test_analyst_gets_only_the_deidentified_export_of_past_years(client, world, victim_case):
    client.force_login(world["analyst"])
    page = client.get(reverse("exports:index"))
    text = page.content.decode()
    assert page.status_code == 200
    assert victim_case.reference not in text and "Op persoonsniveau" not in text
    response = client.post(reverse("exports:index"), {
        "variant": "record", "purpose": "care_coordination", "file_format": "csv"})
    assert response.status_code == 200 and "attachment" not in response.get(
        "Content-Disposition", "")
    assert not ExportLog.objects.exists()
    # this year's case is not in the analyst's set; a case from last year is
    last_year = timezone.now() - dt.timedelta(days=370)
    assert not list(services.scope.deidentified_export_cases(world["analyst"]))
    type(victim_case).objects.filter(pk=victim_case.pk).update(opened_at=last_year)
    response = client.post(reverse("exports:index"), {
        "variant": "deidentified", "purpose": "monitoring", "file_format": "json", "k": 11})
    assert response.status_code == 200
    data = json.loads(response.content)
    assert data["records"] == [] and data["report"]["records_in"] == 1
    assert ExportLog.objects.get().case_references == [victim_case.reference]


@pytest.mark.parametrize("username", ["melder", "partner", "handler", "admin", "privacy"])
def test_others_may_not_export(client, world, username):
    client.force_login(world[username])
    assert client.get(reverse("exports:index")).status_code == 403


def test_case_page_links_to_the_exports(client, world, victim_case):
    client.force_login(world["coordinator"])
    text = client.get(reverse("cases:detail", args=[victim_case.reference])).content.decode()
    assert reverse("exports:comensha", args=[victim_case.reference]) in text
    assert f"{reverse('exports:index')}?casus={victim_case.reference}" in text


def test_comensha_page_records_consent(client, world, victim_case):
    client.force_login(world["coordinator"])
    subject = victim_of(victim_case)
    page = client.get(reverse("exports:comensha", args=[victim_case.reference]))
    assert page.status_code == 200
    assert "jonger dan 16" in page.content.decode()
    url = reverse("exports:consent", args=[victim_case.reference, subject.pk])
    prefix = f"c{subject.pk}"
    bad = client.post(url, {f"{prefix}-status": "given", f"{prefix}-signatory": "self",
                            f"{prefix}-decided_on": timezone.localdate().isoformat()})
    assert bad.status_code == 200 and "Onder de 16 jaar" in bad.content.decode()
    good = client.post(url, {f"{prefix}-status": "given", f"{prefix}-signatory": "parent",
                             f"{prefix}-decided_on": timezone.localdate().isoformat()})
    assert good.status_code == 302
    assert ConsentRecord.objects.get().signatory == "parent"


def test_comensha_checklist_pdf_shows_presence_not_content(client, world, victim_case):
    from schakel.exports import pdf

    subject = victim_of(victim_case)
    context = pdf.checklist_context(victim_case, subject)
    items = {item.label: item for item in context["items"]}
    assert items["Naam van de persoon"].present is True
    assert items["Naam van de persoon"].value == ""
    assert items["Nationaliteit"].present is True and items["Nationaliteit"].value == ""
    assert items["Land van herkomst"].present is None
    assert context["signatory"] == "parent_or_guardian" and context["minor"]
    html = pdf.checklist_html(victim_case, subject)
    assert NAME not in html and "Melnyk" not in html and "Oekra" not in html
    client.force_login(world["coordinator"])
    response = client.get(reverse("exports:comensha_pdf",
                                  args=[victim_case.reference, subject.pk]))
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")
    event = AccessEvent.objects.filter(action="export").latest("sequence")
    assert victim_case.reference in event.object_refs
    assert ExportLog.objects.get(kind="comensha").record_count == 1


def test_checklist_of_someone_else_is_404(client, world, victim_case, pap_case):
    client.force_login(world["coordinator"])
    perpetrator = victim_case.signals.first().subjects.get(role="perpetrator")
    other = victim_of(pap_case)
    for reference, pk in ((victim_case.reference, perpetrator.pk),
                          (pap_case.reference, other.pk),
                          (victim_case.reference, other.pk)):
        response = client.get(reverse("exports:comensha_pdf", args=[reference, pk]))
        assert response.status_code == 404
    assert AccessEvent.objects.filter(result="not_found", purpose="comensha_registration"
                                      ).count() == 3


def test_reading_cases_takes_the_same_number_of_queries_for_more_cases(world, make_signal):
    """An export of a whole region must not run a query per case or per person."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    coordinator = world["coordinator"]
    opened = []
    for n in range(8):
        signal = make_signal("coordinator", description=f"Signaal {n}", municipality_code="0482",
                             subjects=[SubjectInput(kind="person", role="victim",
                                                    given_names=f"Persoon{n}", surname="X",
                                                    estimated_age=30)])
        opened.append(cases.open_case(coordinator, signal, title=f"Casus {n}"))

    def queries(selection):
        with CaptureQueriesContext(connection) as context:
            facts = services.case_facts(selection)
        assert all(len(f.victims) == 1 for f in facts)
        return len(context.captured_queries)

    assert queries(opened[:2]) == queries(opened)


def test_erasing_the_person_blanks_the_consent_note_and_keeps_the_history(world, victim_case):
    from schakel.privacy import anonymise

    subject = victim_of(victim_case)
    services.record_consent(world["coordinator"], victim_case, subject, status="refused",
                            explanation="Oksana Melnyk wil niet aangemeld worden.")
    anonymise.scrub_subject(subject, anonymise.name_pattern(["Oksana Melnyk"]),
                            run_id="AVG-TEST", rule="erasure_request")
    record = subject.consent_records.get()
    assert record.status == "refused" and record.explanation == ""
