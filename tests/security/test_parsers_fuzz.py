# SPDX-License-Identifier: EUPL-1.2
"""Property-based fuzzing of the identifier normalisers, the intake forms and the API input
serializer: arbitrary text never raises; invalid input gives errors per field; a valid
identifier comes out in its canonical form, which normalises to itself again."""

from __future__ import annotations

import re
import string

import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from schakel.analysis.identifiers import (
    normalise_bsn,
    normalise_email,
    normalise_iban,
    normalise_kvk,
    normalise_licence_plate,
    normalise_phone,
    normalise_postcode,
)
from schakel.api.serializers import SignalCreateSerializer
from schakel.signals.forms import (
    OrganisationSubjectForm,
    PersonForm,
    PhoneForm,
    SignalForm,
    VehicleForm,
)

FAST = settings(max_examples=300, deadline=None, derandomize=True, database=None)
DB = settings(max_examples=60, deadline=None, derandomize=True, database=None,
              suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])

#: What people type: ASCII with separators, other scripts' digits, full-width forms,
#: control characters, emoji, and long strings.
tricky_text = st.one_of(
    st.text(max_size=40),
    st.text(alphabet=string.ascii_letters + string.digits + " -.+()/", max_size=30),
    st.text(alphabet="0123456789٠١٢٣٤٥٦٧٨٩０１２３４５６７８９²³¹ \u00a0\u200b-", max_size=20),
    st.sampled_from(["", " ", "\x00", "\n", "NaN", "-1", "1e400", "9" * 5000, "🙂" * 10,
                     "2024-02-30", "0000-00-00", "DROP TABLE signals;--", "%s%n", "\ud7ff"]),
)

CANONICAL = {
    normalise_postcode: re.compile(r"[1-9][0-9]{3}[A-Z]{2}"),
    normalise_licence_plate: re.compile(r"[A-Z0-9]{6}"),
    normalise_phone: re.compile(r"\+[1-9][0-9]{5,14}"),
    normalise_iban: re.compile(r"[A-Z]{2}[0-9]{2}[A-Z0-9]{8,30}"),
    normalise_bsn: re.compile(r"[0-9]{9}"),
    normalise_kvk: re.compile(r"[0-9]{8}"),
}


@pytest.mark.parametrize("normalise", list(CANONICAL), ids=lambda f: f.__name__)
@FAST
@given(value=tricky_text)
@example(value="١٢٣٤٥٦٧٨")  # found by fuzzing: Arabic-Indic digits passed as a KvK number
@example(value="²²²²²²²²")  # superscripts are str.isdigit() too
@example(value="HJ-٤١٨-T")  # and passed as a licence plate
@example(value="１１１２２２３３３")
def test_normaliser_never_raises_and_is_canonical(normalise, value):
    result = normalise(value)
    if result is not None:
        assert CANONICAL[normalise].fullmatch(result), result
        assert result.isascii()
        assert normalise(result) == result  # the canonical form round-trips


@FAST
@given(value=tricky_text)
def test_email_never_raises(value):
    result = normalise_email(value)
    assert result is None or (result == result.lower() and normalise_email(result) == result)


def _separated(draw, parts: list[str]) -> str:
    seps = [draw(st.sampled_from(["", " ", "-", "  "])) for _ in parts[1:]]
    return parts[0] + "".join(sep + part for sep, part in zip(seps, parts[1:], strict=True))


@FAST
@given(data=st.data())
def test_valid_identifiers_normalise_to_their_canonical_form(data):
    digits = data.draw(st.integers(1000, 9999))
    letters = data.draw(st.text(alphabet="ABCEGHJKLMNPRTVWXZ", min_size=2, max_size=2))
    assume(letters not in {"SA", "SD", "SS"})
    typed = data.draw(st.sampled_from([f"{digits}{letters}", f"{digits} {letters.lower()}",
                                       f" {digits}  {letters} "]))
    assert normalise_postcode(typed) == f"{digits}{letters}"

    # BSN: eight digits and the check digit of the 11-proef
    body = data.draw(st.lists(st.integers(0, 9), min_size=8, max_size=8))
    check = sum((9 - i) * d for i, d in enumerate(body)) % 11
    assume(check != 10 and any(body))
    bsn = "".join(map(str, body)) + str(check)
    typed = _separated(data.draw, [bsn[:4], bsn[4:6], bsn[6:]]).replace("-", ".")
    assert normalise_bsn(typed) == bsn

    kvk = data.draw(st.from_regex(r"[0-9]{8}", fullmatch=True))
    assume(kvk != "00000000")
    assert normalise_kvk(_separated(data.draw, [kvk[:4], kvk[4:]])) == kvk

    plate = data.draw(st.sampled_from(["HJ-418-T", "VTP-54-H", "12-BDF-3", "K-123-LL"]))
    assert normalise_licence_plate(plate.lower()) == plate.replace("-", "")
    mobile = "6" + data.draw(st.from_regex(r"[1-5][0-9]{7}", fullmatch=True))
    assert normalise_phone(f"0{mobile[0]}-{mobile[1:]}") == f"+31{mobile}"


# --- forms and the API serializer -------------------------------------------------------------

dates = st.one_of(
    st.dates().map(str), tricky_text,
    st.sampled_from(["2024-02-30", "2023-02-29", "2024-13-01", "31-12-2024", "9999-12-31",
                     "0001-01-01", "2024-00-10", "99999-01-01"]),
)
numbers = st.one_of(st.integers().map(str), st.sampled_from(["1e400", "9" * 5000, "-0",
                                                            "0x10", "１２", "3.5"]), tricky_text)
form_data = st.fixed_dictionaries({
    "submission_key": tricky_text, "description": tricky_text, "observed_on": dates,
    "observed_period": tricky_text, "postcode": tricky_text, "house_number": numbers,
    "house_number_suffix": tricky_text, "location_description": tricky_text,
    "minor_involved": st.sampled_from(["yes", "no", "unknown", "", "maybe"]),
    "indicators": st.lists(tricky_text, max_size=3), "acute": tricky_text,
})


def _assert_clear_errors(form) -> None:
    assert form.errors, "an invalid form must say why"
    for field, messages in form.errors.items():
        assert field == "__all__" or field in form.fields, field
        assert all(str(message).strip() for message in messages)


VALID_FORM = {"submission_key": "k", "description": "Tien mensen in een kleine woning.",
              "observed_on": "2024-02-29", "postcode": "2952 ab", "house_number": "12",
              "minor_involved": "unknown"}


@pytest.mark.django_db
@DB
@given(data=form_data)
@example(data=VALID_FORM)
@example(data={**VALID_FORM, "observed_on": "2024-02-30", "house_number": "9" * 5000})
def test_signal_form_never_raises(data):
    from django.utils.datastructures import MultiValueDict

    post = MultiValueDict({k: v if isinstance(v, list) else [v] for k, v in data.items()})
    form = SignalForm(post)
    if form.is_valid():
        signal_input = form.to_input([])
        assert len(signal_input.description) >= 10
        assert not signal_input.postcode or normalise_postcode(signal_input.postcode)
    else:
        _assert_clear_errors(form)


@pytest.mark.django_db
@DB
@given(form_class=st.sampled_from([PersonForm, OrganisationSubjectForm, VehicleForm,
                                   PhoneForm]),
       values=st.dictionaries(st.sampled_from(["role", "given_names", "surname",
                                               "estimated_age", "sex", "nationality", "name",
                                               "kvk_number", "licence_plate", "phone",
                                               "description"]),
                              st.one_of(tricky_text, numbers), max_size=6))
def test_subject_forms_never_raise(form_class, values):
    form = form_class(values)
    if form.is_valid():
        subject = form.to_input()
        for field, normalise in (("kvk_number", normalise_kvk), ("phone", normalise_phone),
                                 ("licence_plate", normalise_licence_plate)):
            value = getattr(subject, field, "")
            assert not value or normalise(value) == value
    else:
        _assert_clear_errors(form)


json_scalar = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), tricky_text)
subject_payload = st.fixed_dictionaries(
    {"kind": st.one_of(st.sampled_from(["person", "organisation", "vehicle", "phone"]),
                       json_scalar)},
    optional={key: st.one_of(json_scalar, numbers) for key in (
        "role", "given_names", "surname", "estimated_age", "birth_year", "sex", "name",
        "kvk_number", "licence_plate", "phone", "description")},
)
api_payload = st.fixed_dictionaries(
    {"description": st.one_of(tricky_text, json_scalar)},
    optional={
        "observed_on": st.one_of(dates, json_scalar),
        "observed_period": json_scalar,
        "acute": json_scalar,
        "minor_involved": json_scalar,
        "location": st.one_of(json_scalar, st.fixed_dictionaries({}, optional={
            "postcode": st.one_of(tricky_text, json_scalar),
            "house_number": st.one_of(numbers, json_scalar, st.integers(-2**70, 2**70)),
            "house_number_suffix": json_scalar, "description": json_scalar})),
        "indicators": st.one_of(json_scalar, st.lists(json_scalar, max_size=3)),
        "subjects": st.one_of(json_scalar, st.lists(subject_payload, max_size=3)),
        "municipality": json_scalar,
    },
)


VALID_PAYLOAD = {"description": "Werknemers moeten hun paspoort inleveren.",
                 "observed_on": "2023-02-28", "location": {"postcode": "2952AB",
                                                           "house_number": 12},
                 "subjects": [{"kind": "phone", "phone": "06-12345678"},
                              {"kind": "vehicle", "licence_plate": "hj-418-t"}]}


@pytest.mark.django_db
@DB
@given(payload=api_payload)
@example(payload=VALID_PAYLOAD)
@example(payload={**VALID_PAYLOAD, "observed_on": "2024-02-30",
                  "location": {"postcode": "2952AB", "house_number": 10**30}})
@example(payload={**VALID_PAYLOAD, "subjects": [{"kind": "organisation", "name": "X",
                                                 "kvk_number": "١٢٣٤٥٦٧٨"}]})
def test_api_serializer_gives_errors_per_field(payload):
    serializer = SignalCreateSerializer(data=payload)
    if serializer.is_valid():
        signal_input = serializer.to_input()
        assert not signal_input.postcode or normalise_postcode(signal_input.postcode)
        for subject in signal_input.subjects:
            assert not subject.phone or normalise_phone(subject.phone) == subject.phone
    else:
        assert serializer.errors
        for field in serializer.errors:
            assert field in serializer.fields or field == "non_field_errors", field
