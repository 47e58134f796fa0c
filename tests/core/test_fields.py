# SPDX-License-Identifier: EUPL-1.2
"""Encrypted fields refuse database comparisons that could only silently find nothing."""

from __future__ import annotations

import pytest
from django.core.exceptions import FieldError

from schakel.signals.models import Signal, SignalSubject
from schakel.signals.search import person_named

pytestmark = pytest.mark.django_db


def test_searching_inside_an_encrypted_field_is_refused():
    with pytest.raises(FieldError, match="encrypted"):
        list(Signal.objects.filter(description__icontains="Kowalski"))
    with pytest.raises(FieldError, match="keyed hash"):
        list(SignalSubject.objects.filter(surname="Kowalski"))


def test_empty_and_null_checks_still_work():
    assert list(Signal.objects.filter(description="")) == []
    assert list(SignalSubject.objects.filter(birth_year__isnull=True)) == []


def test_a_person_is_found_by_name_whatever_the_case_accents_or_prefix(make_signal):
    from schakel.signals.services import SubjectInput

    signal = make_signal("melder", subjects=[SubjectInput(
        kind="person", given_names="José", surname_prefix="da", surname="Silva")])
    for given, surname in (("jose", "da silva"), ("JOSÉ", "Silva"), (" José ", "Da  Silva")):
        found = SignalSubject.objects.filter(person_named(given, surname))
        assert [s.signal_id for s in found] == [signal.pk], (given, surname)
    assert not SignalSubject.objects.filter(person_named("José", "Silvas")).exists()
    assert not SignalSubject.objects.filter(person_named("", "Silva")).exists()
