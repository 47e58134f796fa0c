# SPDX-License-Identifier: EUPL-1.2
"""The worklist services on a generated municipality: runs, known addresses, decisions that
carry over, signals through the intake, precision from feedback, and the busy registers file."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

import duckdb
import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from schakel import scope
from schakel.audit.models import AccessEvent
from schakel.cases.models import Case, CaseStatus
from schakel.registers import store
from schakel.registers.config import default_config
from schakel.scans import registers as scan_registers
from schakel.scans import services
from schakel.scans.models import Dismissal, Hit, HitCheck, ScanRun, ScanSettings
from schakel.signals.models import Signal

pytestmark = pytest.mark.django_db

ORIGIN_WORDS = ("nationaliteit", "herkomst", "geboorteland", "geboorteplaats", "etnic",
                "pools", "poolse", "roemeen", "bulgaar", "migrant", "buitenland")


def run(world, municipality, registers, user: str = "coordinator") -> ScanRun:
    return services.run_worklist_scan(world[user], municipality, registers.peildatum)


def only(run: ScanRun, rule: str) -> Hit:
    """The first hit listed for ``rule`` alone (so other rules cannot change its figures)."""
    return next(hit for hit in run.hits.all() if hit.rules == [rule])


def entry_for(run: ScanRun, object_id: str, status: str = services.ALL) -> services.Entry | None:
    return next((e for e in services.worklist(run, status=status)
                 if e.hit.object_id == object_id), None)


# --- running -------------------------------------------------------------------------------


def test_a_run_stores_the_ranked_hits_with_their_figures(world, registers, alblasserdam):
    scan = run(world, alblasserdam, registers)
    hits = list(scan.hits.all())
    expected = (registers.planted("occupancy") | registers.planted("churn")
                | registers.planted("non_residential"))
    assert {hit.object_id for hit in hits} == expected
    assert scan.hit_count == len(hits) and [hit.rank for hit in hits] == list(
        range(1, len(hits) + 1))
    assert [hit.score for hit in hits] == sorted((hit.score for hit in hits), reverse=True)
    overcrowded = only(scan, "occupancy")
    assert overcrowded.figures["occupancy"]["m2_per_bewoner"] < 12
    assert len(overcrowded.fingerprint) == 64 and overcrowded.postcode and overcrowded.house_number
    business = next(hit for hit in hits if "risk_business" in hit.rules)
    assert all("naam" not in v for v in business.figures["risk_business"]["vestigingen"])
    assert scan.config == default_config().as_dict()
    assert scan.started_by == world["coordinator"] and scan.peildatum == registers.peildatum
    assert {item["kind"] for item in scan.registers} == set(store.KINDS)
    assert scan.objects_scanned == registers.truth["counts"]["objects"]


def test_only_the_municipalitys_own_objects_are_listed(world, registers, alblasserdam,
                                                       papendrecht):
    scan = run(world, papendrecht, registers, user="coordinator-papendrecht")
    assert scan.hit_count == 0 and scan.objects_scanned == 0  # BAG ids of Papendrecht: 0590…


def test_the_municipalitys_own_thresholds_are_used_and_stored(world, registers, alblasserdam):
    alblasserdam.scan_settings.overrides = {"rules": {"occupancy": {"enabled": False}}}
    alblasserdam.scan_settings.save()
    scan = run(world, alblasserdam, registers)
    assert scan.config["rules"]["occupancy"]["enabled"] is False
    assert not [hit for hit in scan.hits.all() if "occupancy" in hit.rules]


def test_signal_addresses_in_scope_are_passed_as_known(world, registers, alblasserdam,
                                                       make_signal):
    con = store.connect(registers.path)  # planted "known" objects: listed for churn too
    addresses = [con.execute(
        "SELECT postcode, huisnummer, coalesce(huisletter, ''), "
        "coalesce(huisnummertoevoeging, '') FROM bag WHERE adresseerbaar_object_id = ?",
        [object_id]).fetchone() for object_id in sorted(registers.planted("known"))[:2]]
    con.close()
    signals = [make_signal(postcode=postcode, house_number=int(number),
                           house_number_suffix=letter + (f"-{addition}" if addition else ""))
               for postcode, number, letter, addition in addresses]
    closed = Case.objects.create(reference="CAS-2026-00001", title="Afgesloten",
                                 municipality=alblasserdam, coordinator=world["coordinator"],
                                 status=CaseStatus.CLOSED)
    Signal.objects.filter(pk=signals[1].pk).update(case=closed)  # a closed case: not known
    scan = run(world, alblasserdam, registers)
    assert scan.known_addresses == 1
    known = [hit for hit in scan.hits.all() if "known" in hit.rules]
    postcode, number = addresses[0][:2]
    assert [(h.postcode, h.house_number) for h in known] == [(postcode, int(number))]


def test_a_suffix_matches_loosely(registers):
    con = duckdb.connect()
    try:
        store.prepare(con)
        for number, letter, addition in [(12, "", ""), (12, "A", ""), (12, "A", "2"),
                                          (12, "B", ""), (14, "A", ""), (14, "B", "")]:
            con.execute("INSERT INTO bag VALUES (?, '1234AB', ?, ?, ?, 'X', 80, "
                        "['woonfunctie'], 1980)",
                        [f"0999{number:04d}{letter or '0'}{addition or '0'}000000",
                         number, letter or None, addition or None])

        def keys(*addresses):
            return scan_registers.known_keys(con, addresses)

        assert keys(("1234 ab", 12, "")) == {"1234AB|12||"}
        assert keys(("1234AB", 12, "a")) == {"1234AB|12|A|"}
        assert keys(("1234AB", 12, "A-2")) == keys(("1234AB", 12, "a 2")) == {"1234AB|12|A|2"}
        # no exact match: all objects at postcode and number
        assert keys(("1234AB", 12, "C")) == {"1234AB|12||", "1234AB|12|A|", "1234AB|12|A|2",
                                             "1234AB|12|B|"}
        assert keys(("1234AB", 14, "")) == {"1234AB|14|A|", "1234AB|14|B|"}
        assert keys(("1234AB", 99, "")) == set()
    finally:
        con.close()


def test_every_run_is_logged(world, registers, alblasserdam):
    scan = run(world, alblasserdam, registers)
    event = AccessEvent.objects.get(object_type="register_scan")
    assert event.action == "create" and event.purpose == "register_scan"
    assert event.object_refs == [scan.reference] and event.actor == world["coordinator"]


def test_only_the_worklist_permission_may_run(world, registers, alblasserdam):
    for username in ("melder", "analyst", "admin", "coordinator-papendrecht"):
        with pytest.raises(PermissionDenied):
            run(world, alblasserdam, registers, user=username)
    assert not ScanRun.objects.exists()


# --- the registers file --------------------------------------------------------------------


def test_a_busy_registers_file_gives_a_clear_message(world, registers, alblasserdam):
    holder = subprocess.Popen(  # noqa: S603 - another process (an import) holds the lock
        [sys.executable, "-c", "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); "
         "print('locked', flush=True); time.sleep(60)", str(registers.path)],
        stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
        with pytest.raises(scan_registers.RegistersUnavailable, match="in gebruik"):
            run(world, alblasserdam, registers)
        status = scan_registers.status()
        assert not status.available and "in gebruik" in status.message
    finally:
        holder.kill()
        holder.wait()
    assert not ScanRun.objects.exists()
    assert run(world, alblasserdam, registers).hit_count > 0  # free again


def test_without_registers_nothing_runs(world, alblasserdam, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    with pytest.raises(scan_registers.RegistersUnavailable, match="nog geen registers"):
        services.run_worklist_scan(world["coordinator"], alblasserdam, dt.date(2026, 1, 1))
    assert not (tmp_path / store.DB_NAME).exists()  # looking does not create the file
    assert not scan_registers.status().available


def test_the_status_shows_what_is_imported(registers):
    status = scan_registers.status()
    assert status.available
    rows = {item.kind: item for item in status.imports}
    assert rows["bag"].rows == registers.truth["counts"]["objects"]
    assert rows["brp"].file_name == "brp.csv" and rows["brp"].imported_at is not None


# --- dismissals ----------------------------------------------------------------------------


def test_a_dismissed_hit_stays_away_until_its_figures_change(world, registers, alblasserdam):
    coordinator = world["coordinator"]
    first = run(world, alblasserdam, registers)
    hit = only(first, "occupancy")
    services.dismiss(coordinator, hit, Dismissal.Reason.EXPLAINED, "Groot gezin, bekend.")
    assert entry_for(first, hit.object_id, services.CURRENT) is None

    again = run(world, alblasserdam, registers)
    assert entry_for(again, hit.object_id, services.CURRENT) is None
    assert entry_for(again, hit.object_id, services.NEW) is None
    remembered = entry_for(again, hit.object_id, services.DISMISSED)
    assert remembered.dismissal.explanation == "Groot gezin, bekend."

    con = store.connect(registers.path)  # the BAG area of the object is corrected
    con.execute("UPDATE bag SET oppervlakte = oppervlakte - 3 WHERE adresseerbaar_object_id = ?",
                [hit.object_id])
    con.close()
    changed = run(world, alblasserdam, registers)
    back = entry_for(changed, hit.object_id, services.CURRENT)
    assert back is not None and back.status == services.NEW and back.dismissal is None
    assert any("Afgewezen op" in note for note in back.earlier)


def test_a_changed_threshold_does_not_bring_a_dismissed_hit_back(world, registers,
                                                                 alblasserdam):
    first = run(world, alblasserdam, registers)
    hit = only(first, "churn")
    services.dismiss(world["coordinator"], hit, Dismissal.Reason.KNOWN_FINE)
    ScanSettings.objects.filter(pk=alblasserdam.scan_settings.pk).update(
        overrides={"rules": {"churn": {"threshold": 5}}})
    lower = run(world, alblasserdam, registers)
    relisted = Hit.objects.get(run=lower, object_id=hit.object_id)
    assert relisted.figures["churn"]["drempel"] == 5 and relisted.fingerprint == hit.fingerprint
    assert entry_for(lower, hit.object_id).status == services.DISMISSED


def test_dismissing_for_another_reason_needs_an_explanation(world, registers, alblasserdam):
    hit = run(world, alblasserdam, registers).hits.first()
    with pytest.raises(ValidationError):
        services.dismiss(world["coordinator"], hit, Dismissal.Reason.OTHER, "  ")
    with pytest.raises(ValidationError):
        services.dismiss(world["coordinator"], hit, "whatever")
    assert not Dismissal.objects.exists()


# --- signals -------------------------------------------------------------------------------


def test_create_signal_goes_through_the_intake(world, registers, alblasserdam):
    coordinator = world["coordinator"]
    scan = run(world, alblasserdam, registers)
    hit = next(h for h in scan.hits.all() if {"occupancy", "risk_business"} <= set(h.rules))
    signal, created = services.create_signal(coordinator, hit)
    assert created and signal.channel == Signal.Channel.REGISTER_SCAN == "register_scan"
    assert scope.inbox_signals(coordinator).filter(pk=signal.pk).exists()
    assert (signal.postcode, signal.house_number) == (hit.postcode, hit.house_number)
    assert signal.municipality == alblasserdam and signal.reporter == coordinator
    assert "m² per persoon" in signal.description and hit.object_id in signal.description
    assert "Uitzendbureau" not in signal.description  # no trade names (they can be names)
    assert not [word for word in ORIGIN_WORDS if word in signal.description.lower()]
    assert "housing-overcrowding" in set(signal.indicators.values_list("code", flat=True))
    assert AccessEvent.objects.filter(purpose="signal_intake",
                                      object_refs=[signal.reference]).exists()
    hit.refresh_from_db()
    assert hit.signal == signal

    same, created_again = services.create_signal(coordinator, hit)
    assert same == signal and not created_again and Signal.objects.count() == 1

    later = run(world, alblasserdam, registers)
    entry = entry_for(later, hit.object_id)
    assert entry.status == services.SIGNAL and entry.signal == signal
    assert "known" in entry.hit.rules  # the address is now known in Schakel


def test_another_municipality_cannot_act_on_a_hit(world, registers, alblasserdam):
    hit = run(world, alblasserdam, registers).hits.first()
    with pytest.raises(PermissionDenied):
        services.create_signal(world["coordinator-papendrecht"], hit)
    with pytest.raises(PermissionDenied):
        services.dismiss(world["coordinator-papendrecht"], hit, Dismissal.Reason.EXPLAINED)
    assert not Signal.objects.exists()


# --- checks and precision ------------------------------------------------------------------


def test_precision_per_rule_comes_from_the_outcomes_of_checks(world, registers, alblasserdam):
    coordinator = world["coordinator"]
    scan = run(world, alblasserdam, registers)
    overcrowded = [hit for hit in scan.hits.all() if hit.rules == ["occupancy"]][:4]
    churn = only(scan, "churn")
    due = timezone.localdate() + dt.timedelta(days=7)
    outcomes = [HitCheck.Outcome.OVERCROWDING, HitCheck.Outcome.WRONG_REGISTRATION,
                HitCheck.Outcome.NOT_CONFIRMED, HitCheck.Outcome.NOT_POSSIBLE]
    for hit, outcome in zip(overcrowded, outcomes, strict=True):
        check = services.plan_check(coordinator, hit, HitCheck.Kind.INSPECTION, due)
        services.record_outcome(coordinator, check, outcome, "Bezoek afgelegd.")
    check = services.plan_check(coordinator, churn, HitCheck.Kind.BRP_ADDRESS, due)
    services.record_outcome(coordinator, check, HitCheck.Outcome.NOT_CONFIRMED)
    services.dismiss(coordinator, only(scan, "non_residential"), Dismissal.Reason.DATA_ERROR)

    result = services.precision(alblasserdam)
    rules = {row.code: row for row in result.rules}
    assert (rules["occupancy"].checked, rules["occupancy"].confirmed) == (3, 2)
    assert rules["occupancy"].percent == 67
    assert (rules["churn"].checked, rules["churn"].percent) == (1, 0)
    assert rules["non_residential"].checked == 0 and rules["non_residential"].percent is None
    assert rules["non_residential"].dismissed == 1
    assert (result.total.checked, result.total.confirmed) == (4, 2)
    (period, rows), = result.periods
    assert period.startswith(str(timezone.localdate().year))
    assert {row.code: row.checked for row in rows}["occupancy"] == 3

    assert entry_for(scan, overcrowded[0].object_id).status == services.CHECK
    with pytest.raises(ValidationError):  # an outcome is recorded once
        services.record_outcome(coordinator, check, HitCheck.Outcome.OVERCROWDING)


def test_a_check_is_planned_for_today_or_later(world, registers, alblasserdam):
    hit = run(world, alblasserdam, registers).hits.first()
    with pytest.raises(ValidationError):
        services.plan_check(world["coordinator"], hit, HitCheck.Kind.BRP_ADDRESS,
                            timezone.localdate() - dt.timedelta(days=1))
    check = services.plan_check(world["coordinator"], hit, HitCheck.Kind.BRP_ADDRESS,
                                timezone.localdate())
    assert check.is_open and not check.is_overdue
    events = AccessEvent.objects.filter(object_type="register_scan_hit", action="update")
    assert [event.object_refs for event in events] == [[hit.object_id]]
