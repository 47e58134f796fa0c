# SPDX-License-Identifier: EUPL-1.2
"""The web intake form stores everything issue 2 item 5 asks for: the acute path marks the
signal acute, and persons (sex, nationality, description), organisations (KvK number) and a
free-text place instead of an address all arrive in the signal."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from tests.signals.test_views import intake_post

from schakel.signals.models import Signal


def test_acute_path_through_the_web_form_marks_the_signal_acute(client, world):
    client.force_login(world["melder"])
    start = client.get(reverse("signals:report_form") + "?acuut=ja").content.decode()
    assert "Bel nu 112" in start
    # The acute answer travels with the form as a hidden field.
    assert 'name="acute"' in start and 'value="True"' in start
    response = client.post(reverse("signals:report_form"), intake_post(
        acute="True", description="Er wordt nu een meisje vastgehouden in de woning."))
    assert response.status_code == 302
    signal = Signal.objects.get()
    assert signal.acute is True
    # Acute: due the same day.
    assert timezone.localtime(signal.triage_due).date() == timezone.localdate()


def test_non_acute_path_stays_non_acute(client, world):
    client.force_login(world["melder"])
    client.post(reverse("signals:report_form"), intake_post())
    assert Signal.objects.get().acute is False


def test_person_details_organisation_kvk_and_free_text_place_are_stored(client, world):
    client.force_login(world["melder"])
    response = client.post(reverse("signals:report_form"), intake_post(
        location_description="Parkeerplaats achter het station, bij de fietsenstalling",
        **{"persons-0-given_names": "Ana", "persons-0-surname": "Popescu",
           "persons-0-estimated_age": "19", "persons-0-sex": "female",
           "persons-0-nationality": "Roemeens", "persons-0-role": "victim",
           "persons-0-description": "Lang donker haar, rode jas, spreekt geen Nederlands",
           "organisations-0-name": "Schoonmaakbedrijf Glans B.V.",
           "organisations-0-kvk_number": "1234 5678", "organisations-0-role": "perpetrator"},
    ))
    assert response.status_code == 302, response.content.decode()[:2000]
    signal = Signal.objects.get()
    assert signal.location_description == \
        "Parkeerplaats achter het station, bij de fietsenstalling"
    assert signal.postcode == "" and signal.house_number is None
    person = signal.subjects.get(kind="person")
    assert (person.given_names, person.surname, person.estimated_age) == ("Ana", "Popescu", 19)
    assert person.sex == "female" and person.nationality == "Roemeens"
    assert person.description == "Lang donker haar, rode jas, spreekt geen Nederlands"
    assert person.role == "victim"
    organisation = signal.subjects.get(kind="organisation")
    assert organisation.name == "Schoonmaakbedrijf Glans B.V."
    assert organisation.kvk_number == "12345678"
    assert organisation.role == "perpetrator"
    # The coordinator sees all of it on the detail page.
    client.force_login(world["coordinator"])
    detail = client.get(reverse("signals:detail", args=[signal.reference])).content.decode()
    for text in ("Popescu", "Roemeens", "rode jas", "12345678", "fietsenstalling"):
        assert text in detail, text


def test_invalid_kvk_number_is_refused_next_to_the_field(client, world):
    client.force_login(world["melder"])
    response = client.post(reverse("signals:report_form"), intake_post(
        **{"organisations-0-name": "Glans", "organisations-0-kvk_number": "12AB"}))
    assert response.status_code == 200
    assert "Een KvK-nummer bestaat uit acht cijfers." in response.content.decode()
    assert not Signal.objects.exists()
