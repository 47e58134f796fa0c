# SPDX-License-Identifier: EUPL-1.2
"""Subject rights: the privacy officer registers a request, exports everything held about the
person (logged), and an erasure is refused while a case is open or a retention term runs,
and carried out otherwise, with a register line and an answer letter."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.urls import reverse
from django.utils import timezone

from schakel.audit.models import AccessEvent
from schakel.cases import services as cases
from schakel.catalog.models import Reason
from schakel.privacy import subjects
from schakel.privacy.models import DeletionRecord, SubjectRequest
from schakel.signals import services as signals
from schakel.signals.models import SignalSubject

TEXT = "Marieke Jansen werkt elke nacht in de nagelsalon."


@pytest.fixture
def signal(world):
    data = signals.SignalInput(
        description=TEXT, municipality_code="0482",
        subjects=[signals.SubjectInput(kind="person", role="victim", given_names="Marieke",
                                       surname="Jansen", birth_year=2008),
                  signals.SubjectInput(kind="person", role="perpetrator", given_names="Piet",
                                       surname="Bakker")])
    return signals.register_signal(world["melder"], data)[0]


def _named(surname: str) -> bool:
    """Whether a subject with this surname is still stored (names are encrypted, so the
    comparison happens after loading)."""
    return any(s.surname == surname for s in SignalSubject.objects.all())


def _request(client, kind="erasure", **extra):
    data = {"kind": kind, "municipality": 1, "received_on": timezone.localdate().isoformat(),
            "requester": "M. Jansen", "given_names": "Marieke", "surname": "Jansen",
            "birth_year": 2008, "bsn": ""}
    from schakel.accounts.models import Municipality

    data["municipality"] = Municipality.objects.get(cbs_code="0482").pk
    data.update(extra)
    response = client.post(reverse("privacy:requests"), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    return SubjectRequest.objects.latest("registered_at")


def test_only_the_privacy_officer_handles_requests(client, world):
    for who in ("coordinator", "admin", "analyst", "melder"):
        client.force_login(world[who])
        assert client.get(reverse("privacy:requests")).status_code == 403
        assert client.get(reverse("privacy:register")).status_code == 403


def test_export_contains_the_person_and_is_logged(client, world, signal):
    client.force_login(world["privacy"])
    item = _request(client, kind="access")
    page = client.get(reverse("privacy:request", args=[item.number])).content.decode()
    assert signal.reference in page
    response = client.get(reverse("privacy:request_export", args=[item.number]) +
                          "?formaat=json")
    data = json.loads(response.content)
    assert data["person"][0]["surname"] == "Jansen"
    assert data["signals"][0]["reference"] == signal.reference
    assert response["Content-Disposition"].startswith("attachment;")
    assert AccessEvent.objects.filter(action="export", object_type="subject_request",
                                      object_refs__icontains=signal.reference).exists()
    pdf = client.get(reverse("privacy:request_export", args=[item.number]))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")


def test_another_municipalitys_officer_sees_no_request(client, world, signal):
    client.force_login(world["privacy"])
    item = _request(client)
    findings = subjects.find(world["coordinator-papendrecht"], item)
    assert findings.signals == []  # no permission, no scope: nothing found


def test_erasure_is_refused_while_the_case_is_open(client, world, signal):
    case = cases.open_case(world["coordinator"], signal, title="Nagelsalon")
    client.force_login(world["privacy"])
    item = _request(client)
    page = client.get(reverse("privacy:request", args=[item.number])).content.decode()
    assert "de casus loopt nog" in page
    client.post(reverse("privacy:request_decide", args=[item.number]), {"decision": "erase"})
    item.refresh_from_db()
    assert item.is_open
    assert _named("Jansen")
    client.post(reverse("privacy:request_decide", args=[item.number]),
                {"decision": "refuse", "reason": f"{case.reference}: de casus loopt nog"})
    item.refresh_from_db()
    assert item.status == "refused"
    letter = client.get(reverse("privacy:request_letter", args=[item.number]))
    assert letter.content.startswith(b"%PDF")


def test_erasure_within_the_retention_term_of_a_closed_case_is_refused(world, signal):
    case = cases.open_case(world["coordinator"], signal, title="Nagelsalon")
    outcome = Reason.objects.filter(kind=Reason.Kind.CASE_OUTCOME).first().code
    cases.move_case(case, world["coordinator"], "closed", reason="klaar", outcome_code=outcome)
    item = subjects.register_request(
        world["privacy"], kind="erasure", municipality=signal.municipality,
        received_on=timezone.localdate(), requester="M. Jansen", given_names="Marieke",
        surname="Jansen")
    with pytest.raises(subjects.ErasureBlocked) as blocked:
        subjects.carry_out_erasure(world["privacy"], item)
    assert "bewaartermijn" in blocked.value.blockers[0].reason
    later = timezone.now() + dt.timedelta(days=365 * 6)
    assert subjects.erasure_blockers(subjects.find(world["privacy"], item), later) == []


def test_erasure_of_a_signal_without_follow_up_scrubs_the_person_only(client, world, signal):
    code = Reason.objects.filter(kind=Reason.Kind.NO_FOLLOW_UP).first().code
    signals.move_signal(signal, world["coordinator"], "no_follow_up", reason_code=code)
    client.force_login(world["privacy"])
    item = _request(client)
    # four eyes: without a coordinator's confirmation the FG cannot carry it out
    client.post(reverse("privacy:request_decide", args=[item.number]), {"decision": "erase"})
    item.refresh_from_db()
    assert item.is_open and _named("Jansen")
    client.force_login(world["coordinator"])
    confirm = reverse("privacy:confirm", args=[item.number])
    assert signal.reference in client.get(confirm).content.decode()
    assert client.post(confirm, {"checked": "on", "note": "Geen zorgtraject."}).status_code == 302
    client.force_login(world["privacy"])
    client.post(reverse("privacy:request_decide", args=[item.number]), {"decision": "erase"})
    item.refresh_from_db()
    assert item.status == "carried_out" and item.confirmed_by == world["coordinator"]
    signal.refresh_from_db()
    assert "Marieke" not in signal.description and "[verwijderd]" in signal.description
    assert not _named("Jansen")
    assert _named("Bakker")  # someone else stays
    line = DeletionRecord.objects.get(run_id=item.number)
    assert line.record_type == "signal_subject" and "Jansen" not in line.record_reference
    letter = client.get(reverse("privacy:request_letter", args=[item.number]))
    assert letter.status_code == 200 and letter.content.startswith(b"%PDF")


def test_bsn_is_validated(client, world):
    client.force_login(world["privacy"])
    response = client.post(reverse("privacy:requests"), {
        "kind": "access", "municipality": 1, "received_on": "2026-01-01", "requester": "x",
        "given_names": "a", "surname": "b", "bsn": "123456789"})
    assert "geen geldig BSN" in response.content.decode()


def test_only_a_coordinator_of_the_municipality_confirms(client, world, signal):
    item = subjects.register_request(
        world["privacy"], kind="erasure", municipality=signal.municipality,
        received_on=timezone.localdate(), requester="M. Jansen", given_names="Marieke",
        surname="Jansen")
    confirm = reverse("privacy:confirm", args=[item.number])
    client.force_login(world["coordinator-papendrecht"])
    assert client.get(confirm).status_code == 404
    for who in ("privacy", "melder", "analyst"):
        client.force_login(world[who])
        assert client.get(confirm).status_code == 403
    client.force_login(world["coordinator"])
    assert client.post(confirm, {}).status_code == 200  # the check box is required
    item.refresh_from_db()
    assert item.confirmed_by is None


def test_the_confirmer_cannot_also_carry_out(world, signal):
    item = subjects.register_request(
        world["privacy"], kind="erasure", municipality=signal.municipality,
        received_on=timezone.localdate(), requester="x", given_names="Marieke",
        surname="Jansen")
    subjects.confirm_erasure(world["privacy"], item, "zelf")
    with pytest.raises(subjects.ErasureBlocked) as blocked:
        subjects.carry_out_erasure(world["privacy"], item)
    assert "dezelfde persoon" in blocked.value.blockers[-1].reason


def test_erasure_leaves_no_name_in_the_linking_index(world, signal):
    from schakel.linking.models import Entity, Mention

    person = next(m for m in Mention.objects.filter(signal=signal, kind="person")
                  if m.subject.surname == "Jansen")
    assert "Jansen" in person.entity.label  # intake linked her
    code = Reason.objects.filter(kind=Reason.Kind.NO_FOLLOW_UP).first().code
    signals.move_signal(signal, world["coordinator"], "no_follow_up", reason_code=code)
    item = subjects.register_request(
        world["privacy"], kind="erasure", municipality=signal.municipality,
        received_on=timezone.localdate(), requester="M. Jansen", given_names="Marieke",
        surname="Jansen", birth_year=2008)
    subjects.confirm_erasure(world["coordinator"], item, "Geen zorgtraject.")
    subjects.carry_out_erasure(world["privacy"], item)
    entity_labels = " ".join(e.label for e in Entity.objects.all())
    assert "Jansen" not in entity_labels
    assert not [m for m in Mention.objects.all() if "Jansen" in f"{m.label} {m.record}"]
    assert "Bakker" in entity_labels  # someone else stays
