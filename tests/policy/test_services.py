# SPDX-License-Identifier: EUPL-1.2
"""Policy services: the catalogue loads barrier models with history, assessments keep their
history, closed cases are counted per step, and small counts are suppressed."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from schakel.accounts.models import Municipality
from schakel.catalog.services import load_catalog
from schakel.catalog.source import read_catalog
from schakel.policy import rules, services
from schakel.policy.models import (
    AppendOnlyError,
    Barrier,
    BarrierAssessment,
    BarrierModel,
    BarrierModelRevision,
    BbaAssessment,
    BbaItem,
)
from schakel.policy.suppression import is_suppressed, suppress

pytestmark = pytest.mark.django_db


@pytest.fixture
def alblasserdam(world) -> Municipality:
    return Municipality.objects.get(cbs_code="0482")


def barrier(model: str, step: str, instrument: str) -> Barrier:
    return Barrier.objects.get(step__model__code=model, step__code=step,
                               instrument__code=instrument)


# --- suppression and pure rules ---------------------------------------------------------------

@pytest.mark.parametrize(("count", "shown"), [(0, "0"), (1, "<5"), (4, "<5"), (5, "5"),
                                              (37, "37"), (None, "")])
def test_suppress_hides_one_to_four(count, shown):
    assert suppress(count) == shown
    assert is_suppressed(count) == (shown == "<5")


def test_suppress_threshold_is_a_parameter_and_negative_is_an_error():
    assert suppress(9, threshold=10) == "<10"
    with pytest.raises(ValueError):
        suppress(-1)


@pytest.mark.parametrize(("statuses", "step"), [
    (["in_place", "in_place"], "in_place"),
    (["absent", "absent", "not_applicable"], "absent"),
    (["in_place", "absent"], "partly"),
    (["partly"], "partly"),
    (["not_assessed", "not_assessed"], "not_assessed"),
    (["not_applicable"], "not_applicable"),
    ([], "not_assessed"),
])
def test_step_status_from_its_barriers(statuses, step):
    assert rules.step_status(statuses) == step


def test_cases_per_step_counts_a_case_once_per_step():
    counts = rules.cases_per_step(
        [["entry", "identity"], ["housing"], ["housing", "work"], []],
        {"entry-identity": ["entry", "identity"], "housing": ["housing"], "return": []})
    assert counts == {"entry-identity": 1, "housing": 2, "return": 0}


def test_coverage_is_capped_and_unknown_without_staff():
    assert rules.coverage_percent(6, 8) == 75
    assert rules.coverage_percent(12, 8) == 100
    assert rules.coverage_percent(3, 0) is None


# --- catalogue --------------------------------------------------------------------------------

def test_catalogue_has_the_three_models_in_order(world):
    steps = {m.code: [s.name for s in m.active_steps()] for m in BarrierModel.objects.all()}
    assert steps["mensenhandel"] == ["Entree en identiteit", "Huisvesting", "Werk", "Financiën"]
    assert steps["arbeidsmigranten-2024"] == [
        "Werving en entree", "Huisvesting", "Registratie", "Arbeid", "Verblijf in Nederland",
        "Terugkeer naar land van herkomst"]
    assert steps["seksuele-uitbuiting"][:2] == ["Werven", "Identiteit"]
    assert BbaItem.objects.filter(active=True).count() == 14
    assert BbaItem.objects.get(code="C1").shows_training_coverage


def test_every_step_has_barriers_with_department_and_case_phases_are_valid(world):
    for model in BarrierModel.objects.all():
        for step in model.active_steps():
            assert step.active_barriers(), step
            assert set(step.case_phases) <= {"entry", "identity", "housing", "work", "finances"}
            for item in step.active_barriers():
                assert item.instrument.department and item.instrument.partners, item


def test_catalogue_load_is_idempotent_and_a_change_is_a_new_revision(world):
    revisions = BarrierModelRevision.objects.count()
    summary = load_catalog()
    assert not any(summary["barrier_models"].values())
    assert BarrierModelRevision.objects.count() == revisions

    source = read_catalog()
    model = next(m for m in source.sections["barrier_models"] if m["code"] == "mensenhandel")
    model["version"] = "2099.1"
    model["steps"][1]["name"] = "Wonen"
    removed = model["steps"][3]["barriers"].pop()
    summary = load_catalog(source)
    assert summary["barrier_models"]["updated"] == ["mensenhandel"]
    latest = BarrierModelRevision.objects.filter(model__code="mensenhandel").first()
    assert latest.version == "2099.1" and latest.source == "catalog"
    assert latest.changes["steps_updated"] == ["huisvesting"]
    assert latest.changes["barriers_deactivated"] == [f"financien/{removed['instrument']}"]
    assert latest.snapshot["steps"][1]["name"] == "Wonen"
    assert not barrier("mensenhandel", "financien", removed["instrument"]).active


def test_unknown_instrument_in_the_yaml_is_an_error(world):
    from schakel.catalog.source import CatalogError

    source = read_catalog()
    source.sections["barrier_models"][0]["steps"][0]["barriers"].append({"instrument": "nope"})
    with pytest.raises(CatalogError, match="unknown instrument"):
        load_catalog(source)


# --- assessments ------------------------------------------------------------------------------

def test_barrier_assessments_keep_their_history(world, alblasserdam):
    target = barrier("mensenhandel", "werk", "inkoop")
    analyst = world["analyst"]
    before = BarrierAssessment.objects.filter(barrier=target).count()
    services.record_barrier_assessment(analyst, alblasserdam, target,
                                       services.BarrierAssessmentInput(status="partly"))
    last = services.record_barrier_assessment(
        analyst, alblasserdam, target, services.BarrierAssessmentInput(
            status="in_place", owner="Inkoop", next_step="Evalueren",
            next_step_due=timezone.localdate() + dt.timedelta(days=30)))
    history = list(services.barrier_history(alblasserdam, target))
    assert len(history) == before + 2 and history[0] == last
    assert services.current_barrier_assessments(alblasserdam)[target.pk] == last
    with pytest.raises(AppendOnlyError):
        last.status = "absent"
        last.save()
    with pytest.raises(AppendOnlyError):
        last.delete()


def test_assessment_needs_rights_in_the_municipality_and_a_valid_status(world, alblasserdam):
    target = barrier("mensenhandel", "werk", "inkoop")
    data = services.BarrierAssessmentInput(status="in_place")
    with pytest.raises(PermissionDenied):
        services.record_barrier_assessment(world["melder"], alblasserdam, target, data)
    with pytest.raises(PermissionDenied):  # a coordinator of another municipality
        services.record_barrier_assessment(world["coordinator-papendrecht"], alblasserdam,
                                           target, data)
    with pytest.raises(ValidationError):
        services.record_barrier_assessment(world["analyst"], alblasserdam, target,
                                           services.BarrierAssessmentInput(status="maybe"))
    with pytest.raises(ValidationError):
        services.record_barrier_assessment(
            world["analyst"], alblasserdam, target,
            services.BarrierAssessmentInput(status="absent", next_step="Iets doen"))


def test_bba_history_and_progress_over_time(world, alblasserdam):
    item = BbaItem.objects.get(code="E2")
    today = timezone.localdate()
    services.record_bba_assessment(world["coordinator"], alblasserdam, item, services.BbaInput(
        status="in_place", links=["https://example.org/besluit"], assessed_on=today))
    rows = {row.item.code: row for row in services.current_bba(alblasserdam)}
    assert rows["E2"].status == "in_place"
    assert rows["E2"].assessment.links == ["https://example.org/besluit"]
    assert BbaAssessment.objects.filter(item=item, municipality=alblasserdam).count() >= 2
    progress = services.bba_progress(alblasserdam)
    assert [p.on for p in progress] == sorted(p.on for p in progress)
    assert progress[-1].totals["in_place"] > progress[0].totals["in_place"]
    with pytest.raises(ValidationError):
        services.record_bba_assessment(world["analyst"], alblasserdam, item, services.BbaInput(
            status="in_place", assessed_on=today + dt.timedelta(days=2)))


def test_training_coverage_per_department(world, alblasserdam):
    analyst = world["analyst"]
    services.set_staff_count(analyst, alblasserdam, "inspection", 10)
    services.add_training_session(analyst, alblasserdam, services.TrainingInput(
        held_on=timezone.localdate(), topic="Signalen", trainer="CoMensha", participants=4,
        department="inspection"))
    services.add_training_session(analyst, alblasserdam, services.TrainingInput(
        held_on=timezone.localdate() - dt.timedelta(days=900), topic="Oud", trainer="X",
        participants=6, department="inspection"))  # older than two years: does not count
    rows = {row.department: row for row in services.training_coverage(alblasserdam)}
    assert (rows["inspection"].trained, rows["inspection"].staff) == (4, 10)
    assert rows["inspection"].percent == 40
    with pytest.raises(ValidationError):
        services.add_training_session(analyst, alblasserdam, services.TrainingInput(
            held_on=timezone.localdate(), topic="x", trainer="y", participants=3))


# --- case counts per step ---------------------------------------------------------------------

def test_closed_cases_are_counted_per_step(world, alblasserdam, close_cases):
    close_cases([["housing"]] * 5 + [["housing", "work"], ["entry"], ["identity", "entry"]])
    model = BarrierModel.objects.get(code="mensenhandel")
    rows = {row.step.code: row for row in services.model_overview(alblasserdam, model)}
    assert rows["huisvesting"].case_count == 6 and rows["huisvesting"].count_label == "6"
    assert rows["werk"].case_count == 1 and rows["werk"].count_label == "<5"
    assert rows["entree-identiteit"].case_count == 2
    assert rows["financien"].count_label == "0"
    migrants = BarrierModel.objects.get(code="arbeidsmigranten-2024")
    counts = {row.step.code: row.case_count
              for row in services.model_overview(alblasserdam, migrants)}
    assert counts == {"werving-entree": 2, "huisvesting": 6, "registratie": 1, "arbeid": 1,
                      "verblijf": 0, "terugkeer": 0}


def test_open_cases_and_other_municipalities_are_not_counted(world, alblasserdam, close_cases):
    from schakel.cases.models import Case

    close_cases([["housing"]])
    Case.objects.update(municipality=Municipality.objects.get(cbs_code="0590"))
    model = BarrierModel.objects.get(code="mensenhandel")
    assert set(services.step_case_counts(alblasserdam, model).values()) == {0}


def test_signal_card_follows_the_catalogue(world):
    from schakel.catalog.models import Indicator

    sections = services.signal_card()
    assert [s.domain.code for s in sections] == ["sexual", "labour", "housing", "criminal",
                                                "dependency"]
    first = Indicator.objects.filter(domain__code="labour", active=True).first()
    Indicator.objects.filter(pk=first.pk).update(active=False)
    labour = services.signal_card("labour")[0]
    shown = [i.code for _, items in labour.groups for i in items]
    assert first.code not in shown and shown



# instrument code → words its name must contain (the processes issue 6 names)
NAMED_INSTRUMENTS = {
    "brp-inschrijving": ["BRP"], "brp-adresonderzoek": ["Adresonderzoek", "BRP"],
    "apv-seksbedrijf": ["APV", "seksbedrijf"], "bibob": ["Bibob"],
    "verhuurvergunning": ["Verhuurvergunning", "Wet goed verhuurderschap"],
    "omgevingsplan-handhaving": ["Omgevingsplan", "handhaving wonen"],
    "uitkeringen": ["Uitkeringen"], "subsidies-pgb": ["Subsidies"],
    "inkoop": ["Inkoop", "aanbesteding"],
}


def test_catalogue_names_the_municipal_instruments_and_who_is_responsible(world):
    from schakel.policy.models import Instrument

    for code, words in NAMED_INSTRUMENTS.items():
        instrument = Instrument.objects.get(code=code, active=True)
        for word in words:
            assert word in instrument.name, (code, word)
        assert instrument.department and instrument.partners, code
        # the instrument is a barrier somewhere in the original model
        assert instrument.barriers.filter(active=True, step__model__code="mensenhandel") \
            .exists(), code


def test_every_step_names_its_facilitators_and_signals(world):
    for model in BarrierModel.objects.filter(active=True):
        for step in model.active_steps():
            assert step.needs.strip(), step
            assert step.signals and all(s.strip() for s in step.signals), step
            assert step.facilitators_unaware and all(f.strip() for f in
                                                     step.facilitators_unaware), step
            assert step.facilitators_aware and all(f.strip() for f in
                                                   step.facilitators_aware), step
