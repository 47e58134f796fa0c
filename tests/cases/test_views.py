# SPDX-License-Identifier: EUPL-1.2
"""Casework pages per role: triage, cases, referrals, conferences, dashboard.

The coordinator can do every action through the web; a partner handler sees only the shared
parts of referrals to their own organisation; everyone else gets 403 (lists) or 404 (records).
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from schakel.accounts.models import Organisation
from schakel.audit.models import AccessEvent
from schakel.cases import services
from schakel.cases.models import Case, Conference, Decision, Intervention, Participant, Referral
from schakel.catalog.models import InterventionType, Reason
from schakel.signals.models import Signal, SignalStatus
from schakel.signals.services import SubjectInput

PERSON = SubjectInput(kind="person", role="victim", given_names="Oksana", surname="Kovalenko",
                      birth_year=1998)
DESCRIPTION = "Achter de loods slapen zes mannen op matrassen naast de machines."


@pytest.fixture
def case(world, make_signal) -> Case:
    signal = make_signal(description=DESCRIPTION, postcode="2952AB", house_number=14,
                         subjects=[PERSON])
    return services.open_case(world["coordinator"], signal, title="Overbewoning loods Oost")


def referral_to(case: Case, world, slug: str = "politie", fields=("summary",),
                due_on: dt.date | None = None) -> Referral:
    return services.refer(case, world["coordinator"], services.ReferralInput(
        organisation=Organisation.objects.get(slug=slug), reason="Graag controle ter plaatse.",
        due_on=due_on or timezone.localdate() + dt.timedelta(days=7),
        legal_basis_code="avg-6-1-e", shared_fields=list(fields)))


def conference_with(case: Case, world, participants=("handler",)) -> Conference:
    return services.schedule_conference(
        world["coordinator"], title="Casusoverleg mei", location="Stadhuis",
        scheduled_at=timezone.now() + dt.timedelta(days=1), cases=[case],
        organisations=[Organisation.objects.get(slug="politie")],
        participants=[world[name] for name in participants])


def page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    return response.content.decode()


# --- triage ---------------------------------------------------------------------------------------

def triage_post(**fields) -> dict:
    data = {"act": "indicated", "means": "unknown", "purpose": "indicated",
            "priority": "normal", "domains": ["housing"]}
    data.update(fields)
    return {f"triage-{key}": value for key, value in data.items()}


def test_triage_panel_shows_related_signals_before_deciding(client, world, make_signal, case):
    newer = make_signal(postcode="2952AB", house_number=14, description="Weer veel mensen.")
    client.force_login(world["coordinator"])
    html = page(client, reverse("signals:detail", args=[newer.reference]))
    assert "Beoordelen en besluiten" in html
    assert case.reference in html and "zelfde adres (2952AB 14)" in html
    assert AccessEvent.objects.filter(purpose="triage_matching").exists()


def test_coordinator_opens_a_case_from_a_signal(client, world, make_signal):
    signal = make_signal(minor_involved=True)
    client.force_login(world["coordinator"])
    response = client.post(reverse("cases:triage", args=[signal.reference]), triage_post(
        decision="open_case", title="Jongere in bedrijfspand", priority="high",
        minor_victim="on"))
    case = Case.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("cases:detail", args=[case.reference])
    signal.refresh_from_db()
    assert signal.status == SignalStatus.LINKED and signal.case == case
    assessment = case.assessments.get()
    assert assessment.means == "not_required" and assessment.gaps == []
    assert case.priority == "high" and [d.code for d in case.domains.all()] == ["housing"]


def test_coordinator_adds_a_signal_to_a_running_case(client, world, make_signal, case):
    second = make_signal()
    client.force_login(world["coordinator"])
    response = client.post(reverse("cases:triage", args=[second.reference]),
                           triage_post(decision="add_to_case", case=case.reference))
    assert response.status_code == 302
    second.refresh_from_db()
    assert second.case == case


@pytest.mark.parametrize("decision,extra,status", [
    ("no_follow_up", {"reason": "geen-aanwijzing"}, SignalStatus.NO_FOLLOW_UP),
    ("forward", {"forward_to": "politie", "explanation": "Acuut."}, SignalStatus.FORWARDED),
])
def test_triage_without_a_case(client, world, make_signal, decision, extra, status):
    signal = make_signal()
    client.force_login(world["coordinator"])
    response = client.post(reverse("cases:triage", args=[signal.reference]),
                           triage_post(decision=decision, **extra))
    assert response.url == reverse("signals:detail", args=[signal.reference])
    signal.refresh_from_db()
    assert signal.status == status and not Case.objects.exists()


def test_triage_errors_are_shown_and_input_kept(client, world, make_signal):
    signal = make_signal()
    client.force_login(world["coordinator"])
    response = client.post(reverse("cases:triage", args=[signal.reference]), triage_post(
        decision="open_case", smuggling="on", act_note="Geworven via sociale media"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Mensensmokkel is geen mensenhandel" in html
    assert "Geef de casus een titel" in html
    assert "Geworven via sociale media" in html
    assert not Case.objects.exists()


@pytest.mark.parametrize("username", ["melder", "analyst", "handler", "admin", "privacy",
                                      "coordinator-papendrecht"])
def test_others_cannot_triage(client, world, make_signal, username):
    signal = make_signal()
    client.force_login(world[username])
    response = client.post(reverse("cases:triage", args=[signal.reference]),
                           triage_post(decision="open_case", title="x"))
    assert response.status_code == 404
    assert not Case.objects.exists()


# --- cases ----------------------------------------------------------------------------------------

def test_case_list_filters_and_marks_overdue(client, world, case):
    referral_to(case, world, due_on=timezone.localdate() - dt.timedelta(days=1))
    client.force_login(world["coordinator"])
    html = page(client, reverse("cases:list"))
    assert case.reference in html and "termijn verlopen" in html
    assert case.reference not in page(client, reverse("cases:list") + "?status=closed")
    assert case.reference in page(client, reverse("cases:list") + "?overdue=on&domain=")


def test_case_detail_shows_everything_and_logs_access(client, world, case):
    referral_to(case, world)
    client.force_login(world["coordinator"])
    html = page(client, reverse("cases:detail", args=[case.reference]))
    signal = case.signals.get()
    for expected in (case.title, signal.reference, "Kovalenko", "doorverwijzing",
                     "Tijdlijn", "casus geopend"):
        assert expected in html
    event = AccessEvent.objects.filter(object_type="case", action="view").latest("at")
    assert case.reference in event.object_refs and signal.reference in event.object_refs


def test_edit_with_optimistic_locking(client, world, case):
    client.force_login(world["coordinator"])
    url = reverse("cases:edit", args=[case.reference])
    stale = case.version
    response = client.post(url, {"edit-version": stale, "edit-title": "Nieuwe titel",
                                 "edit-priority": "high", "edit-domains": ["labour"]})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.title == "Nieuwe titel" and case.version == stale + 1

    response = client.post(url, {"edit-version": stale, "edit-title": "Mijn titel die botst",
                                 "edit-priority": "low"})
    html = response.content.decode()
    assert "Iemand anders heeft deze casus intussen gewijzigd" in html
    assert "Mijn titel die botst" in html  # the user's input is kept
    case.refresh_from_db()
    assert case.title == "Nieuwe titel" and case.priority == "high"


def test_status_change_and_closing_needs_an_outcome(client, world, case):
    client.force_login(world["coordinator"])
    url = reverse("cases:status", args=[case.reference])
    response = client.post(url, {"status-version": case.version, "status-to_status": "closed",
                                 "status-reason": "Geen uitbuiting gebleken.",
                                 "status-closing_summary": "Samenvatting die blijft staan"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Kies een uitkomst" in html and "Samenvatting die blijft staan" in html
    case.refresh_from_db()
    assert case.status == "open"

    outcome = Reason.objects.filter(kind=Reason.Kind.CASE_OUTCOME).first()
    response = client.post(url, {"status-version": case.version, "status-to_status": "closed",
                                 "status-reason": "Afgerond.", "status-outcome": outcome.code,
                                 "status-closing_summary": "Pand gesloten.",
                                 "status-barrier_phases": ["housing", "work"]})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == "closed" and case.outcome == outcome
    assert case.barrier_phases == ["housing", "work"]


def test_only_allowed_status_targets_are_offered(client, world, case):
    client.force_login(world["coordinator"])
    response = client.post(reverse("cases:status", args=[case.reference]), {
        "status-version": case.version, "status-to_status": "aftercare", "status-reason": "x"})
    assert response.status_code == 200
    case.refresh_from_db()
    assert case.status == "open"


def test_note_referral_and_intervention(client, world, case):
    client.force_login(world["coordinator"])
    base = [case.reference]
    client.post(reverse("cases:note", args=base), {"note-text": "Gebeld met de woningcorporatie."})
    assert case.events.filter(kind="note").exists()

    due = (timezone.localdate() + dt.timedelta(days=10)).isoformat()
    refused = client.post(reverse("cases:refer", args=base), {
        "ref-organisation": "politie", "ref-reason": "Controle", "ref-consent": "unknown",
        "ref-due_on": due})
    assert "Kies een grondslag" in refused.content.decode() and not Referral.objects.exists()
    client.post(reverse("cases:refer", args=base), {
        "ref-organisation": "politie", "ref-reason": "Controle", "ref-legal_basis": "avg-6-1-e",
        "ref-consent": "unknown", "ref-shared_fields": ["summary", "addresses"], "ref-due_on": due})
    referral = Referral.objects.get()
    assert referral.shared_fields == ["summary", "addresses"]

    kind = InterventionType.objects.get(code="woninginspectie-ozhz")
    client.post(reverse("cases:intervention", args=base), {
        "newiv-type": kind.code, "newiv-due_on": due, "newiv-description": "Inspectie"})
    intervention = Intervention.objects.get()
    assert intervention.organisation.slug == "ozhz"  # the type's default executor
    url = reverse("cases:intervention_update", args=[intervention.pk])
    missing = client.post(url, {f"iv{intervention.pk}-status": "done"})
    assert "Beschrijf het resultaat" in missing.content.decode()
    client.post(url, {f"iv{intervention.pk}-status": "done",
                      f"iv{intervention.pk}-outcome": "Overbewoning vastgesteld."})
    intervention.refresh_from_db()
    assert intervention.status == "done"

    client.post(reverse("cases:referral_revoke", args=[referral.pk]),
                {f"revoke{referral.pk}-text": "Niet meer nodig."})
    referral.refresh_from_db()
    assert referral.status == "revoked"


@pytest.mark.parametrize("username", ["melder", "analyst", "admin", "privacy", "handler",
                                      "coordinator-papendrecht"])
def test_case_pages_are_closed_to_others(client, world, case, username):
    referral = referral_to(case, world, slug="nla")
    client.force_login(world[username])
    assert client.get(reverse("cases:detail", args=[case.reference])).status_code == 404
    assert client.post(reverse("cases:note", args=[case.reference]),
                       {"note-text": "x"}).status_code == 404
    assert client.get(reverse("cases:referral", args=[referral.pk])).status_code == 404
    if username != "coordinator-papendrecht":
        assert client.get(reverse("cases:list")).status_code == 403
        assert client.get(reverse("cases:dashboard")).status_code == 403
    assert not case.events.filter(kind="note").exists()


# --- referrals for partners -----------------------------------------------------------------------

def test_partner_sees_only_the_shared_fields(client, world, case):
    referral = referral_to(case, world, fields=("summary",))
    client.force_login(world["handler"])
    listing = page(client, reverse("cases:referrals"))
    assert f"doorverwijzing {referral.pk}" in listing
    html = page(client, reverse("cases:referral", args=[referral.pk]))
    assert case.title in html and "Graag controle ter plaatse" in html
    assert "Kovalenko" not in html and "matrassen" not in html and "2952AB" not in html

    more = referral_to(case, world, fields=("signals", "persons", "addresses"))
    html = page(client, reverse("cases:referral", args=[more.pk]))
    assert "matrassen" in html and "Kovalenko" in html and "2952AB" in html
    assert case.title not in html


def test_partner_accepts_rejects_and_reports_back(client, world, case):
    first, second = referral_to(case, world), referral_to(case, world)
    client.force_login(world["handler"])
    respond = reverse("cases:referral_respond", args=[first.pk])
    client.post(respond, {"target": "accepted", "accepted-to_status": "accepted"})
    missing = client.post(respond, {"target": "done", "done-to_status": "done"})
    assert "Schrijf kort wat u heeft gedaan" in missing.content.decode()
    client.post(respond, {"target": "done", "done-to_status": "done",
                          "done-text": "Controle gedaan, proces-verbaal opgemaakt."})
    first.refresh_from_db()
    assert first.status == "done" and "proces-verbaal" in first.feedback
    client.post(reverse("cases:referral_respond", args=[second.pk]),
                {"target": "rejected", "rejected-to_status": "rejected",
                 "rejected-text": "Geen capaciteit."})
    second.refresh_from_db()
    assert second.status == "rejected"


def test_partner_gets_404_for_other_organisations(client, world, case):
    other = referral_to(case, world, slug="nla")
    client.force_login(world["handler"])
    assert f"doorverwijzing {other.pk}" not in page(client, reverse("cases:referrals"))
    assert client.get(reverse("cases:referral", args=[other.pk])).status_code == 404
    response = client.post(reverse("cases:referral_respond", args=[other.pk]),
                           {"target": "accepted", "accepted-to_status": "accepted"})
    assert response.status_code == 404
    other.refresh_from_db()
    assert other.status == "in_progress"


# --- conferences ----------------------------------------------------------------------------------

def test_coordinator_schedules_a_conference(client, world, case):
    client.force_login(world["coordinator"])
    response = client.post(reverse("cases:conference_new"), {
        "title": "Casusoverleg juni", "scheduled_at": "2030-06-03T10:00", "location": "",
        "cases": [case.reference], "organisations": ["politie"],
        "participants": [world["handler"].pk], "access_days_after": "7"})
    conference = Conference.objects.get()
    assert response.url == reverse("cases:conference", args=[conference.pk])
    assert set(conference.participants.values_list("user__username", flat=True)) == {
        "coordinator", "handler"}
    empty = client.post(reverse("cases:conference_new"), {"title": "x", "access_days_after": 7})
    assert "Zet minstens één casus op de agenda" in empty.content.decode()


def test_participant_sees_nothing_before_confirming(client, world, case):
    conference = conference_with(case, world)
    client.force_login(world["handler"])
    agenda_url = reverse("cases:agenda_case", args=[conference.pk, case.reference])
    html = page(client, reverse("cases:conference", args=[conference.pk]))
    assert "Geheimhoudingsverklaring" in html and case.reference not in html
    assert client.get(agenda_url).status_code == 404
    assert client.get(reverse("cases:conference_minutes", args=[conference.pk])).status_code == 404

    client.post(reverse("cases:conference_confirm", args=[conference.pk]), {"confirm": "yes"})
    assert Participant.objects.get(conference=conference, user=world["handler"]) \
        .confidentiality_confirmed_at is not None
    assert case.reference in page(client, reverse("cases:conference", args=[conference.pk]))
    html = page(client, agenda_url)
    assert case.title in html and "matrassen" in html  # title, status, signal text
    assert "Kovalenko" not in html and "2952AB" not in html  # no more personal data
    assert client.get(reverse("cases:detail", args=[case.reference])).status_code == 302


def test_participant_access_ends_after_the_window(client, world, case):
    conference = conference_with(case, world)
    services.confirm_confidentiality(conference, world["handler"])
    Conference.objects.filter(pk=conference.pk).update(
        scheduled_at=timezone.now() - dt.timedelta(days=conference.access_days_after + 1))
    client.force_login(world["handler"])
    assert client.get(reverse("cases:agenda_case",
                              args=[conference.pk, case.reference])).status_code == 404
    assert client.get(reverse("cases:detail", args=[case.reference])).status_code == 404
    html = page(client, reverse("cases:conference", args=[conference.pk]))
    assert "toegang" in html and case.reference not in html


@pytest.mark.parametrize("username", ["melder", "analyst", "admin", "privacy",
                                      "coordinator-papendrecht"])
def test_conference_closed_to_outsiders(client, world, case, username):
    conference = conference_with(case, world)
    client.force_login(world[username])
    assert client.get(reverse("cases:conference", args=[conference.pk])).status_code == 404
    assert client.get(reverse("cases:agenda_case",
                              args=[conference.pk, case.reference])).status_code == 404


def test_decision_creates_a_referral_or_an_intervention(client, world, case):
    conference = conference_with(case, world)
    client.force_login(world["coordinator"])
    url = reverse("cases:agenda_decision", args=[conference.pk, case.reference])
    due = (timezone.localdate() + dt.timedelta(days=14)).isoformat()
    client.post(url, {"text": "Politie controleert het pand.", "owner": "politie",
                      "due_on": due, "follow_up": "referral", "legal_basis": "avg-6-1-e",
                      "consent": "unknown", "shared_fields": ["summary", "addresses"]})
    decision = Decision.objects.get()
    referral = Referral.objects.get()
    assert referral.decision == decision and referral.organisation.slug == "politie"
    client.post(url, {"text": "OZHZ inspecteert.", "owner": "ozhz", "due_on": due,
                      "follow_up": "intervention", "intervention_type": "woninginspectie-ozhz",
                      "consent": "unknown"})
    assert Intervention.objects.get().decision.text == "OZHZ inspecteert."
    missing = client.post(url, {"text": "", "owner": "ozhz", "due_on": due, "consent": "unknown"})
    assert "Beschrijf het besluit" in missing.content.decode()
    client.force_login(world["handler"])
    assert client.post(url, {"text": "x", "owner": "politie", "due_on": due,
                             "consent": "unknown"}).status_code == 404


# --- dashboard ------------------------------------------------------------------------------------

def test_dashboard_shows_my_cases_and_what_is_overdue(client, world, case, make_signal):
    overdue = referral_to(case, world, due_on=timezone.localdate() - dt.timedelta(days=2))
    late_signal = make_signal()
    Signal.objects.filter(pk=late_signal.pk).update(
        triage_due=timezone.now() - dt.timedelta(days=1))
    conference = conference_with(case, world)
    client.force_login(world["coordinator"])
    html = page(client, reverse("cases:dashboard"))
    assert f"doorverwijzing {overdue.pk}" in html
    assert late_signal.reference in html
    assert conference.title in html
    assert reverse("cases:list") + "?show=mine&amp;status=open" in html


def test_a_decided_signal_cannot_be_triaged_again(client, world, case):
    signal = case.signals.get()
    client.force_login(world["coordinator"])
    response = client.post(reverse("cases:triage", args=[signal.reference]),
                           triage_post(decision="open_case", title="Nog een casus"),
                           follow=True)
    assert "Over dit signaal is al besloten" in response.content.decode()
    assert Case.objects.count() == 1
