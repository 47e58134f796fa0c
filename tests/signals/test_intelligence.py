# SPDX-License-Identifier: EUPL-1.2
"""Suggestions in the product: stored at intake, compared with the coordinator's decision."""

from __future__ import annotations

from schakel.catalog.models import Indicator
from schakel.signals import intelligence
from schakel.signals.models import SignalStatus, SignalSuggestion
from schakel.signals.services import move_signal

LABOUR_TEXT = ("Uitzendkracht vertelt dat zijn paspoort door de werkgever is ingenomen. Hij werkt "
               "zeven dagen per week, twaalf uur per dag, en krijgt maar 200 euro per maand. "
               "Zijn telefoon: 06-41827365.")


def test_a_suggestion_is_stored_at_intake_with_its_evidence(make_signal):
    signal = make_signal(description=LABOUR_TEXT)
    suggestion = SignalSuggestion.objects.get(signal=signal)
    assert suggestion.label == "labour"
    assert suggestion.evidence, "every suggestion carries the phrases that led to it"
    assert {"type": "phone", "value": "+31641827365", "raw": "06-41827365"} in \
        suggestion.identifiers


def test_the_suggestion_never_routes_the_signal(make_signal):
    signal = make_signal(description=LABOUR_TEXT)
    assert signal.status == SignalStatus.RECEIVED
    assert signal.domains.count() == 0  # only the reporter's ticks or the coordinator set them


def test_the_decision_is_recorded_beside_the_suggestion(make_signal, world):
    signal = make_signal(description=LABOUR_TEXT)
    move_signal(signal, world["coordinator"], SignalStatus.NO_FOLLOW_UP,
                reason_code="geen-aanwijzing")
    suggestion = SignalSuggestion.objects.get(signal=signal)
    assert suggestion.final_label == "none" and suggestion.agrees is False
    figures = intelligence.agreement(SignalSuggestion.objects.all())
    assert figures["total"] == 1 and figures["agree"] == 0
    assert figures["per_label"]["none"]["n"] == 1


def test_phrases_added_in_the_admin_count(make_signal):
    indicator = Indicator.objects.filter(domain__code="dependency").first()
    indicator.phrases = [*indicator.phrases, "zorgrobotmisbruik"]
    indicator.save()
    intelligence.reset_lexicon()
    signal = make_signal(description="Melding over zorgrobotmisbruik bij een oudere dame.")
    assert indicator.code in {e["code"] for e in SignalSuggestion.objects.get(
        signal=signal).evidence}


def test_identifiers_are_offered_while_typing_and_only_ticked_ones_are_kept(client, world):
    from django.urls import reverse

    client.force_login(world["melder"])
    offered = client.post(reverse("signals:detect"), {
        "description": "Busje HJ-418-T, bellen naar 06-41827365, bsn 371423636."})
    page = offered.content.decode()
    assert "HJ418T" in page and "+31641827365" in page
    assert "371423636" not in page  # a BSN is not offered as a subject


def test_ticked_identifiers_become_subjects_and_tampered_ones_are_ignored(world):
    from schakel.signals.intelligence import detected_subjects
    from schakel.signals.services import SubjectInput

    typed = [SubjectInput(kind="phone", phone="+31641827365")]
    subjects = detected_subjects(
        ["licence_plate:HJ418T", "phone:+31641827365", "licence_plate:QQQQQQ", "bsn:371423636",
         "licence_plate:HJ418T"], typed)
    assert [(s.kind, s.licence_plate) for s in subjects] == [("vehicle", "HJ418T")]


def test_detect_is_for_reporters_only(client, world):
    from django.urls import reverse

    client.force_login(world["analyst"])
    assert client.post(reverse("signals:detect"), {"description": "x"}).status_code == 403


def test_quality_page_shows_agreement_to_coordinators_only(client, world, make_signal):
    from django.urls import reverse

    signal = make_signal(description=LABOUR_TEXT)
    move_signal(signal, world["coordinator"], SignalStatus.NO_FOLLOW_UP,
                reason_code="geen-aanwijzing")
    client.force_login(world["coordinator"])
    page = client.get(reverse("signals:quality")).content.decode()
    assert "0 van 1 beoordeelde signalen" in page
    client.force_login(world["analyst"])
    assert client.get(reverse("signals:quality")).status_code == 403
