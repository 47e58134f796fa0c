# SPDX-License-Identifier: EUPL-1.2
"""Retention with a frozen clock: what is due when, what anonymising keeps and removes, that
nothing under an open case or a legal hold is ever touched, the register, and the access-log
cut that keeps ``schakel audit verify`` green."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import timezone

from schakel.accounts.models import Municipality
from schakel.audit import chain
from schakel.audit import services as audit
from schakel.audit.models import AccessEvent, ChainHead
from schakel.cases import services as cases
from schakel.catalog.models import Reason
from schakel.privacy import attachments, retention, rules
from schakel.privacy.models import DeletionRecord, LegalHold, RetentionPolicy, RetentionRun
from schakel.signals import services as signals
from schakel.signals.models import Signal

NOW = timezone.make_aware(dt.datetime(2031, 6, 15, 12, 0))
SECRET = "Marieke Jansen woont boven de nagelsalon"


def _ago(months: int = 0, days: int = 0) -> dt.datetime:
    return rules.add_months(NOW, -months) - dt.timedelta(days=days)


@pytest.fixture
def coo(world):
    return world["coordinator"]


@pytest.fixture
def new_signal(world):
    def _make(**extra):
        data = signals.SignalInput(
            description=SECRET, municipality_code="0482", postcode="2951AB", house_number=12,
            subjects=[signals.SubjectInput(kind="person", role="victim", given_names="Marieke",
                                           surname="Jansen", birth_year=2008)], **extra)
        return signals.register_signal(world["melder"], data)[0]
    return _make


def no_follow_up(signal, coo, at):
    code = Reason.objects.filter(kind=Reason.Kind.NO_FOLLOW_UP).first().code
    signals.move_signal(signal, coo, "no_follow_up", reason_code=code,
                        explanation="Geen aanwijzingen, zie Jansen", at=at)
    signal.refresh_from_db()
    return signal


def closed_case(signal, coo, at):
    case = cases.open_case(coo, signal, title="Nagelsalon Jansen")
    outcome = Reason.objects.filter(kind=Reason.Kind.CASE_OUTCOME).first().code
    return cases.move_case(case, coo, "closed", reason="Afgerond", outcome_code=outcome,
                           summary="Marieke Jansen is opgevangen", at=at)


def _attach(signal=None, case=None, actor=None):
    return attachments.add_attachment(actor, upload=SimpleUploadedFile(
        "x.png", b"\x89PNG\r\n\x1a\n" + b"x" * 10), signal=signal, case=case)


# --- what is due ----------------------------------------------------------------------------

def test_a_signal_without_follow_up_is_due_two_years_after_the_decision(coo, new_signal):
    due = no_follow_up(new_signal(), coo, at=_ago(months=25))
    fresh = no_follow_up(new_signal(), coo, at=_ago(months=23))
    plan = retention.plan(NOW)
    listed = {item.reference: item for item in plan.due}
    assert due.reference in listed and fresh.reference not in listed
    item = listed[due.reference]
    assert (item.rule, item.action) == (rules.SIGNAL_NO_FOLLOW_UP, rules.ANONYMISE)
    assert item.due_on == rules.add_months(_ago(months=25), 24).date()


def test_dry_run_changes_nothing_and_shows_no_content(coo, new_signal):
    signal = no_follow_up(new_signal(), coo, at=_ago(months=25))
    out = io.StringIO()
    call_command("retention", "--dry-run", "--peildatum", "2031-06-15", stdout=out)
    text = out.getvalue()
    assert signal.reference in text and "anonimiseren" in text and "verviel" in text
    assert "Marieke" not in text and "Jansen" not in text and "2951" not in text
    signal.refresh_from_db()
    assert signal.description == SECRET and signal.subjects.count() == 1
    assert not DeletionRecord.objects.exists() and not RetentionRun.objects.exists()


def test_apply_anonymises_keeps_the_statistics_and_registers_without_content(coo, new_signal):
    signal = no_follow_up(new_signal(), coo, at=_ago(months=25))
    attachment = _attach(signal=signal, actor=coo)
    run, _ = retention.apply(NOW)
    signal = Signal.objects.get(pk=signal.pk)
    assert signal.description == "" and signal.postcode == "" and signal.house_number is None
    assert signal.subjects.count() == 0 and signal.notes.count() == 0
    assert signal.status_changes.exclude(explanation="").count() == 0
    # the skeleton that counts in year figures stays
    assert signal.status == "no_follow_up" and signal.municipality.cbs_code == "0482"
    assert signal.received_at is not None and signal.reference
    attachment.refresh_from_db()
    assert attachment.is_removed and not attachments.blob_path(attachment).exists()
    lines = DeletionRecord.objects.filter(run_id=run.run_id)
    assert {(r.record_type, r.action) for r in lines} == {("signal", "anonymised"),
                                                          ("attachment", "deleted")}
    for line in lines.values():
        assert "Jansen" not in json.dumps(line, default=str)
    assert retention.plan(NOW).due == []  # not listed again


def test_nothing_under_an_open_case_is_ever_touched(coo, new_signal):
    signal = new_signal()
    case = cases.open_case(coo, signal, title="Lopende casus")
    _attach(case=case, actor=coo)
    far_future = NOW + dt.timedelta(days=365 * 30)
    plan = retention.plan(far_future)
    assert all(case.reference != item.reference and signal.reference != item.reference
               for item in plan.due)
    retention.apply(far_future)
    signal.refresh_from_db()
    case.refresh_from_db()
    assert signal.description == SECRET and signal.subjects.count() == 1
    assert case.title == "Lopende casus"
    assert case.attachments.filter(removed_at__isnull=True).count() == 1
    assert not DeletionRecord.objects.filter(record_reference__in=[signal.reference,
                                                                   case.reference]).exists()


def test_a_closed_case_is_anonymised_after_five_years_with_its_signals(coo, new_signal):
    signal = new_signal()
    case = closed_case(signal, coo, at=_ago(months=61))
    _attach(case=case, actor=coo)
    from schakel.policy.models import Barrier, CaseBarrierFinding

    CaseBarrierFinding.objects.create(case=case, barrier=Barrier.objects.first(),
                                      finding="missing", note="Verhuurder Jansen had geen "
                                      "vergunning", recorded_by=coo)
    assert [i.reference for i in retention.plan(NOW).due] == [case.reference]
    retention.apply(NOW)
    case.refresh_from_db()
    signal.refresh_from_db()
    assert case.title == "Geanonimiseerde casus" and case.closing_summary == ""
    assert case.events.exclude(text="").count() == 0
    assert case.status == "closed" and case.outcome_id is not None and case.closed_at
    assert signal.description == "" and signal.subjects.count() == 0
    finding = CaseBarrierFinding.objects.get(case=case)  # the policy figure stays
    assert finding.finding == "missing" and finding.note == ""
    assert DeletionRecord.objects.filter(record_reference=case.reference,
                                         action="anonymised").exists()


def test_a_recently_closed_case_waits(coo, new_signal):
    closed_case(new_signal(), coo, at=_ago(months=59))
    assert retention.plan(NOW).due == []


def test_a_legal_hold_blocks_until_lifted(coo, new_signal, world):
    signal = no_follow_up(new_signal(), coo, at=_ago(months=25))
    hold = LegalHold.objects.create(reference=signal.reference, reason="klacht bij de AP",
                                    municipality=signal.municipality, placed_by=world["privacy"])
    plan = retention.plan(NOW)
    assert plan.due == [] and plan.skipped[0].reason == "legal_hold"
    retention.apply(NOW)
    signal.refresh_from_db()
    assert signal.description == SECRET
    LegalHold.objects.filter(pk=hold.pk).update(lifted_at=NOW)
    assert [i.reference for i in retention.plan(NOW).due] == [signal.reference]


def test_a_hold_on_a_signal_also_holds_its_closed_case(coo, new_signal, world):
    signal = new_signal()
    case = closed_case(signal, coo, at=_ago(months=70))
    LegalHold.objects.create(reference=signal.reference, reason="rechtszaak",
                             municipality=signal.municipality, placed_by=world["privacy"])
    plan = retention.plan(NOW)
    assert plan.due == [] and plan.skipped[0].reference == case.reference


def test_a_municipality_sets_its_own_period(coo, new_signal):
    signal = no_follow_up(new_signal(), coo, at=_ago(months=13))
    assert retention.plan(NOW).due == []
    RetentionPolicy.objects.create(municipality=signal.municipality,
                                   rule=rules.SIGNAL_NO_FOLLOW_UP, months=12,
                                   basis="Besluit college 2030")
    assert [i.reference for i in retention.plan(NOW).due] == [signal.reference]
    other = Municipality.objects.get(cbs_code="0590")
    assert retention.plan(NOW, other).due == []


def test_conference_minutes_of_closed_cases_are_cleared(coo, new_signal):
    signal = new_signal()
    case = cases.open_case(coo, signal, title="Casus")
    conference = cases.schedule_conference(coo, title="Overleg", scheduled_at=_ago(months=62),
                                           location="Stadhuis", cases=[case], organisations=[],
                                           participants=[])
    conference.minutes = "Marieke Jansen besproken"
    conference.save()
    assert all(i.record_type != "conference" for i in retention.plan(NOW).due)  # case open
    outcome = Reason.objects.filter(kind=Reason.Kind.CASE_OUTCOME).first().code
    cases.move_case(case, coo, "closed", reason="klaar", outcome_code=outcome,
                    at=_ago(months=61))
    retention.apply(NOW)
    conference.refresh_from_db()
    assert conference.minutes == "" and conference.location == ""


# --- the access log -------------------------------------------------------------------------

def _event(at, refs=()):
    return AccessEvent.objects.create(at=at, action="view", object_type="signal",
                                      object_refs=list(refs), result="ok", actor_label="x")


@pytest.fixture
def later():
    """Log lines are written in time order; "now" for these tests lies 6 years after today,
    so everything the test world wrote so far is old."""
    return rules.add_months(timezone.now(), 72)


def test_old_log_lines_are_cut_and_verify_still_passes(world, later):
    for _ in range(3):
        _event(timezone.now())
    young = _event(rules.add_months(later, -10))
    assert chain.verify().ok
    run, plan = retention.apply(later)
    assert any(i.rule == rules.AUDIT_EVENTS for i in plan.due)
    assert AccessEvent.objects.filter(sequence__lt=young.sequence).count() == 0
    assert AccessEvent.objects.filter(pk=young.pk).exists()
    report = chain.verify()
    assert report.ok, report.problems
    assert chain.checkpoint().sequence == young.sequence - 1
    assert DeletionRecord.objects.filter(record_type="access_log", run_id=run.run_id).exists()
    out = io.StringIO()
    call_command("audit", "verify", stdout=out)
    assert "ongeschonden" in out.getvalue()


def test_a_moved_checkpoint_is_detected(world, later):
    _event(timezone.now())
    _event(rules.add_months(later, -1))
    retention.apply(later)
    assert chain.verify().ok
    ChainHead.objects.filter(pk=chain.CHECKPOINT_PK).update(sequence=1)
    report = chain.verify()
    assert not report.ok
    assert "checkpoint_mismatch" in {p.kind for p in report.problems}


def test_log_lines_naming_an_open_case_stop_the_cut(coo, new_signal, later):
    before = _event(timezone.now())
    signal = new_signal()  # its registration is logged, naming the signal
    case = cases.open_case(coo, signal, title="Open")
    first_naming = AccessEvent.objects.filter(
        object_refs__icontains=f'"{signal.reference}"').order_by("sequence").first()
    after = _event(timezone.now())
    run, plan = retention.apply(later)
    assert not AccessEvent.objects.filter(pk=before.pk).exists()
    assert AccessEvent.objects.filter(sequence__gte=first_naming.sequence).count() >= 3
    assert AccessEvent.objects.filter(pk=after.pk).exists()
    assert any(s.reference in {signal.reference, case.reference} and s.reason == "open_case"
               for s in plan.skipped)
    assert chain.verify().ok


def test_the_audit_period_cannot_go_below_the_legal_minimum(world):
    policy = RetentionPolicy(municipality=Municipality.objects.first(),
                             rule=rules.AUDIT_EVENTS, months=6, basis="te kort")
    with pytest.raises(Exception, match="Minimaal 24"):
        policy.full_clean()
    audit.record(actor=None, action="view", object_type="x")
    assert retention.audit_months() == 60


# --- the command ----------------------------------------------------------------------------

def test_apply_command_prints_the_run_and_the_register_has_it(coo, new_signal):
    no_follow_up(new_signal(), coo, at=timezone.now() - dt.timedelta(days=800))
    out = io.StringIO()
    call_command("retention", "--apply", stdout=out, stderr=io.StringIO())
    run = RetentionRun.objects.get()
    assert run.run_id in out.getvalue()
    assert DeletionRecord.objects.filter(run_id=run.run_id, record_type="signal").exists()
    assert AccessEvent.objects.filter(object_type="retention_run",
                                      object_refs__icontains=run.run_id).exists()


def test_apply_refuses_a_pretend_date(world):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("retention", "--apply", "--peildatum", "2040-01-01")


def test_json_output_lists_rule_reference_action_and_due_date(coo, new_signal):
    signal = no_follow_up(new_signal(), coo, at=_ago(months=30))
    out = io.StringIO()
    call_command("retention", "--dry-run", "--json", "--peildatum", "2031-06-15", stdout=out)
    payload = json.loads(out.getvalue())
    item = next(i for i in payload["due"] if i["reference"] == signal.reference)
    assert set(item) >= {"rule", "reference", "action", "due_on"}


def test_the_scan_hit_behind_an_anonymised_signal_goes_too(coo, new_signal):
    from schakel.scans.models import Hit, ScanRun

    signal = no_follow_up(new_signal(), coo, at=_ago(months=25))
    run = ScanRun.objects.create(municipality=signal.municipality, started_by=coo,
                                 peildatum=_ago(months=26).date(), config={})
    hit = Hit.objects.create(run=run, rank=1, object_id="0482010000000001", postcode="2951AB",
                             house_number=12, score=1.0, fingerprint="f", signal=signal)
    retention.apply(NOW)
    assert not Hit.objects.filter(pk=hit.pk).exists()
    assert DeletionRecord.objects.filter(record_type="scan_hit").exists()


def test_old_scan_hits_without_a_signal_are_deleted(coo, world):
    from schakel.scans.models import Hit, HitCheck, ScanRun

    municipality = Municipality.objects.get(cbs_code="0482")
    old = ScanRun.objects.create(municipality=municipality, started_by=coo,
                                 peildatum=_ago(months=13).date(), config={})
    ScanRun.objects.filter(pk=old.pk).update(started_at=_ago(months=13))
    recent = ScanRun.objects.create(municipality=municipality, started_by=coo,
                                    peildatum=_ago(months=2).date(), config={})
    ScanRun.objects.filter(pk=recent.pk).update(started_at=_ago(months=2))
    gone = Hit.objects.create(run=old, rank=1, object_id="1", postcode="2951AA",
                              house_number=1, score=1.0, fingerprint="a")
    HitCheck.objects.create(hit=gone, kind=HitCheck.Kind.BRP_ADDRESS, due_date=NOW.date(),
                            planned_by=coo)
    kept = Hit.objects.create(run=recent, rank=1, object_id="2", postcode="2951AA",
                              house_number=2, score=1.0, fingerprint="b")
    retention.apply(NOW)
    assert not Hit.objects.filter(pk=gone.pk).exists()
    assert Hit.objects.filter(pk=kept.pk).exists()


def test_decided_subject_requests_lose_the_persons_name_after_two_years(world):
    from schakel.privacy import subjects
    from schakel.privacy.models import SubjectRequest

    item = subjects.register_request(
        world["privacy"], kind="access", municipality=Municipality.objects.get(cbs_code="0482"),
        received_on=NOW.date(), requester="M. Jansen", given_names="Marieke",
        surname="Jansen", bsn="111222333")
    subjects.answer_access(world["privacy"], item)
    item.refresh_from_db()
    assert item.bsn == ""  # not kept once decided
    SubjectRequest.objects.filter(pk=item.pk).update(decided_at=_ago(months=25))
    retention.apply(NOW)
    item.refresh_from_db()
    assert (item.requester, item.given_names, item.surname) == ("", "", "")
    assert item.status == "answered" and item.number
