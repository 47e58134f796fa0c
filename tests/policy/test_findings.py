# SPDX-License-Identifier: EUPL-1.2
"""Findings of closed cases per barrier: the coordinator records on a closed case which
barriers of the touched steps failed or were missing; the policy pages, the PDF and the API
show only (suppressed) counts per barrier, never the case."""

from __future__ import annotations

import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from rest_framework.test import APIClient

from schakel.accounts.models import Municipality
from schakel.audit.models import AccessEvent
from schakel.cases import services as case_services
from schakel.policy import services
from schakel.policy.models import (
    AppendOnlyError,
    Barrier,
    BarrierModel,
    CaseBarrierFinding,
)

pytestmark = pytest.mark.django_db

HOUSING_LICENCE = ("huisvesting", "verhuurvergunning")
HOUSING_ENFORCEMENT = ("huisvesting", "omgevingsplan-handhaving")
WORK_CHECKS = ("werk", "integrale-controle")


@pytest.fixture
def model(world) -> BarrierModel:
    return BarrierModel.objects.get(code="mensenhandel")


@pytest.fixture
def alblasserdam(world) -> Municipality:
    return Municipality.objects.get(cbs_code="0482")


def barrier(key: tuple[str, str]) -> Barrier:
    return Barrier.objects.get(step__model__code="mensenhandel", step__code=key[0],
                               instrument__code=key[1])


def record(world, case, model, findings: dict, username: str = "coordinator") -> int:
    return services.record_case_findings(
        world[username], case, model,
        {barrier(key).pk: (finding, note) for key, (finding, note) in findings.items()})


def counts(alblasserdam, key) -> dict[str, int]:
    target = barrier(key)
    return services.barrier_finding_counts(alblasserdam, [target])[target.pk]


def test_only_barriers_of_the_touched_steps_are_offered(world, model, close_cases):
    case = close_cases([["housing", "finances"]])[0]
    offered = [group.step.code for group in services.case_barriers(case, model)]
    assert offered == ["huisvesting", "financien"]
    with pytest.raises(ValidationError):
        record(world, case, model, {WORK_CHECKS: ("failed", "")})


def test_findings_are_counted_per_barrier_with_the_latest_finding(world, model, alblasserdam,
                                                                  close_cases):
    cases = close_cases([["housing"]] * 6 + [["housing", "work"]])
    for case in cases[:5]:
        record(world, case, model, {HOUSING_LICENCE: ("missing", "Geen vergunningplicht.")})
    record(world, cases[5], model, {HOUSING_LICENCE: ("failed", ""),
                                    HOUSING_ENFORCEMENT: ("failed", "")})
    record(world, cases[6], model, {WORK_CHECKS: ("missing", "")})
    assert counts(alblasserdam, HOUSING_LICENCE) == {"failed": 1, "missing": 5}
    assert counts(alblasserdam, WORK_CHECKS) == {"failed": 0, "missing": 1}

    # a correction is a new row: the latest finding counts, the history stays
    record(world, cases[5], model, {HOUSING_LICENCE: ("none", "")})
    assert counts(alblasserdam, HOUSING_LICENCE) == {"failed": 0, "missing": 5}
    assert CaseBarrierFinding.objects.filter(case=cases[5]).count() == 3
    # saving the same again adds nothing
    assert record(world, cases[0], model,
                  {HOUSING_LICENCE: ("missing", "Geen vergunningplicht.")}) == 0
    with pytest.raises(AppendOnlyError):
        CaseBarrierFinding.objects.first().delete()


def test_the_note_is_encrypted_at_rest(world, model, close_cases):
    from django.db import connection

    case = close_cases([["housing"]])[0]
    record(world, case, model, {HOUSING_LICENCE: ("missing", "Verhuurder zonder vergunning")})
    with connection.cursor() as cursor:
        cursor.execute("SELECT note FROM policy_casebarrierfinding")
        stored = cursor.fetchone()[0]
    assert "Verhuurder" not in stored


def test_reopened_cases_and_other_municipalities_do_not_count(world, model, alblasserdam,
                                                              close_cases):
    from schakel.cases.models import Case

    case, other = close_cases([["housing"], ["housing"]])
    record(world, case, model, {HOUSING_LICENCE: ("missing", "")})
    record(world, other, model, {HOUSING_LICENCE: ("missing", "")})
    Case.objects.filter(pk=other.pk).update(
        municipality=Municipality.objects.get(cbs_code="0590"))
    assert counts(alblasserdam, HOUSING_LICENCE)["missing"] == 1
    case_services.move_case(case, world["coordinator"], "analysis", reason="Nieuw signaal.")
    assert counts(alblasserdam, HOUSING_LICENCE)["missing"] == 0
    # closed again without housing: the old finding no longer belongs to a touched step
    case_services.move_case(case, world["coordinator"], "closed", reason="Afgerond.",
                            outcome_code="bestuurlijke-maatregel", barrier_phases=["work"])
    assert counts(alblasserdam, HOUSING_LICENCE)["missing"] == 0


def test_only_the_coordinator_of_a_closed_case_records_findings(world, model, close_cases):
    case = close_cases([["housing"]])[0]
    for username in ("analyst", "coordinator-papendrecht", "melder"):
        with pytest.raises(PermissionDenied):
            record(world, case, model, {HOUSING_LICENCE: ("failed", "")}, username=username)
    case_services.move_case(case, world["coordinator"], "analysis", reason="Heropend.")
    with pytest.raises(ValidationError):
        record(world, case, model, {HOUSING_LICENCE: ("failed", "")})


def test_coordinator_records_findings_from_the_closed_case_page(client, world, close_cases):
    case = close_cases([["housing"]])[0]
    client.force_login(world["coordinator"])
    detail = client.get(reverse("cases:detail", args=[case.reference])).content.decode()
    url = reverse("policy:case_findings", args=[case.reference])
    assert url in detail and "Barrières vastleggen" in detail
    page = client.get(url).content.decode()
    assert "Huisvesting" in page and "Werk" not in page
    licence, enforcement = barrier(HOUSING_LICENCE), barrier(HOUSING_ENFORCEMENT)
    data = {f"finding_{b.pk}": "none" for group in services.case_barriers(
        case, BarrierModel.objects.get(code="mensenhandel")) for b in group.barriers}
    data.update({f"finding_{licence.pk}": "missing", f"note_{licence.pk}": "Geen plicht.",
                 f"finding_{enforcement.pk}": "failed"})
    response = client.post(url + "?model=mensenhandel", data)
    assert response.status_code == 302 and response["Location"].endswith(
        reverse("cases:detail", args=[case.reference]))
    detail = client.get(reverse("cases:detail", args=[case.reference])).content.decode()
    assert "ontbrak" in detail and "faalde" in detail
    assert [event.object_refs for event in AccessEvent.objects.filter(
        object_type="case_barrier_finding", actor=world["coordinator"])] == [[case.reference]]


def test_the_findings_page_is_casework_only(client, world, close_cases):
    case = close_cases([["housing"]])[0]
    url = reverse("policy:case_findings", args=[case.reference])
    for username in ("analyst", "coordinator-papendrecht", "melder", "handler"):
        client.force_login(world[username])
        assert client.get(url).status_code == 404, username
        assert client.post(url, {}).status_code == 404, username


def test_policy_views_show_suppressed_counts_per_barrier_and_never_the_case(
        client, world, model, close_cases):
    cases = close_cases([["housing"]] * 6)
    for case in cases[:5]:
        record(world, case, model, {HOUSING_LICENCE: ("missing", "Notitie over de verhuurder")})
    record(world, cases[5], model, {HOUSING_ENFORCEMENT: ("failed", "")})
    client.force_login(world["analyst"])
    text = client.get(reverse("policy:model", args=["mensenhandel"])).content.decode()
    assert re.search(r'data-barrier="verhuurvergunning"[^>]*data-failed="0" '
                     r'data-missing="5"', text)
    assert re.search(r'data-barrier="omgevingsplan-handhaving"[^>]*'
                     r'data-failed="&lt;5" data-missing="0"', text)
    assert "faalde &lt;5 · ontbrak 0" in text  # the line in the diagram chip
    for case in cases:
        assert case.reference not in text and case.title not in text
    assert "Notitie over de verhuurder" not in text

    api = APIClient()
    api.force_authenticate(world["analyst"])
    data = api.get("/api/v1/policy/barrier-models/mensenhandel/", {"gemeente": "0482"}).json()
    housing = next(step for step in data["steps"] if step["code"] == "huisvesting")
    assert housing["closed_cases"] == "6"
    found = {b["instrument"]: b["case_findings"] for b in housing["barriers"]}
    assert found["verhuurvergunning"] == {"failed": "0", "missing": "5"}
    assert found["omgevingsplan-handhaving"] == {"failed": "<5", "missing": "0"}
    assert "Notitie" not in str(data)
