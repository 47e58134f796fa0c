# SPDX-License-Identifier: EUPL-1.2
"""Anonymising a signal, a case or conference minutes, and scrubbing one person.

What stays of an anonymised signal or case is the skeleton that counts in the year figures:
reference, municipality, dates received/opened/closed, channel, domains, indicators, status
and outcome codes, acute/minor flags, priority, the reporter's organisation. Removed: every
free text (description, notes, explanations, summaries, referral reasons and feedback,
decisions), address and location, all subjects (persons, organisations, vehicles, phone
numbers) with what other apps derived from them, and all attachments.

The caller (retention or erasure) has checked that nothing here belongs to an open case or a
legal hold; these functions only carry out and register.
"""

from __future__ import annotations

import re

from django.db import transaction

from schakel.linking.models import Mention
from schakel.linking.services import remove_mentions
from schakel.privacy import attachments
from schakel.privacy.models import Attachment, DeletionRecord
from schakel.privacy.register import register
from schakel.signals import search

ANONYMISED_TITLE = "Geanonimiseerde casus"


def _remove_attachments(queryset, *, run_id: str, rule: str, actor) -> int:
    removed = 0
    for attachment in queryset.filter(removed_at__isnull=True):
        attachments.remove_attachment(actor, attachment, reason=f"bewaartermijn: {rule}",
                                      run_id=run_id, rule=rule)
        removed += 1
    return removed


@transaction.atomic
def anonymise_signal(signal, *, run_id: str, rule: str, actor=None) -> None:
    from schakel.cases.models import Assessment
    from schakel.signals.models import Signal, SignalStatusChange, SignalSuggestion

    _remove_attachments(Attachment.objects.filter(signal=signal), run_id=run_id, rule=rule,
                        actor=actor)
    remove_mentions(Mention.objects.filter(signal=signal))  # what linking derived from it
    from schakel.scans.models import Hit

    for hit in Hit.objects.filter(signal=signal).select_related("run"):
        # the register-scan hit that led to this signal holds its address
        Hit.objects.filter(pk=hit.pk).update(signal=None)
        delete_hit(hit, run_id=run_id, rule=rule, actor=actor)
    signal.subjects.all().delete()
    signal.notes.all().delete()
    SignalStatusChange.objects.filter(signal=signal).update(explanation="")
    Assessment.objects.filter(signal=signal).update(act_note="", means_note="", purpose_note="")
    SignalSuggestion.objects.filter(signal=signal).update(evidence=[], identifiers=[])
    Signal.objects.filter(pk=signal.pk).update(
        description="", observed_on=None, observed_period="", postcode="", house_number=None,
        house_number_suffix="", address_hash="", location_description="", submission_key=None)
    signal.search_terms.all().delete()  # the blind index of the removed words
    register(record_type="signal", reference=signal.reference,
             municipality_id=signal.municipality_id, rule=rule,
             action=DeletionRecord.Action.ANONYMISED, run_id=run_id, actor=actor)


@transaction.atomic
def anonymise_case(case, *, run_id: str, rule: str, actor=None) -> None:
    from schakel.cases.models import (
        Assessment,
        Case,
        CaseEvent,
        Decision,
        Intervention,
        Referral,
        ReferralEvent,
    )

    for signal in case.signals.all():
        anonymise_signal(signal, run_id=run_id, rule=rule, actor=actor)
    _remove_attachments(Attachment.objects.filter(case=case), run_id=run_id, rule=rule,
                        actor=actor)
    CaseEvent.objects.filter(case=case).update(text="")
    Assessment.objects.filter(case=case).update(act_note="", means_note="", purpose_note="")
    Referral.objects.filter(case=case).update(reason="", response_reason="", feedback="")
    ReferralEvent.objects.filter(referral__case=case).update(text="")
    Intervention.objects.filter(case=case).update(description="", outcome="")
    Decision.objects.filter(case=case).update(text="")
    Case.objects.filter(pk=case.pk).update(title=ANONYMISED_TITLE, closing_summary="")
    from schakel.policy.models import CaseBarrierFinding

    # the finding (which barrier failed) stays for the policy figures, its note does not
    CaseBarrierFinding.objects.filter(case=case).update(note="")
    register(record_type="case", reference=case.reference, municipality_id=case.municipality_id,
             rule=rule, action=DeletionRecord.Action.ANONYMISED, run_id=run_id, actor=actor)


def conference_reference(conference) -> str:
    return f"OVERLEG-{conference.pk}"


@transaction.atomic
def anonymise_minutes(conference, *, run_id: str, rule: str, actor=None) -> None:
    from schakel.cases.models import Conference

    Conference.objects.filter(pk=conference.pk).update(minutes="", location="")
    register(record_type="conference", reference=conference_reference(conference),
             municipality_id=conference.municipality_id, rule=rule,
             action=DeletionRecord.Action.ANONYMISED, run_id=run_id, actor=actor)


def hit_reference(hit) -> str:
    return f"TREFFER-{hit.pk}"


@transaction.atomic
def delete_hit(hit, *, run_id: str, rule: str, actor=None) -> None:
    hit.checks.all().delete()
    hit.dismissals.all().delete()
    municipality_id = hit.run.municipality_id
    reference = hit_reference(hit)
    hit.delete()
    register(record_type="scan_hit", reference=reference, municipality_id=municipality_id,
             rule=rule, action=DeletionRecord.Action.DELETED, run_id=run_id, actor=actor)


# --- one person (erasure request) ------------------------------------------------------------

REDACTED = "[verwijderd]"


def name_pattern(names: list[str]) -> re.Pattern[str] | None:
    """A case-insensitive pattern for the person's full names as written in free text."""
    variants = sorted({" ".join(name.split()) for name in names if len(name.strip()) >= 4},
                      key=len, reverse=True)
    if not variants:
        return None
    return re.compile("|".join(r"\b" + re.escape(v).replace(r"\ ", r"\s+") + r"\b"
                               for v in variants), re.IGNORECASE)


def redact(text: str, pattern: re.Pattern[str] | None) -> str:
    return pattern.sub(REDACTED, text) if pattern and text else text


@transaction.atomic
def scrub_subject(subject, pattern: re.Pattern[str] | None, *, run_id: str, rule: str,
                  actor=None) -> None:
    """Erase one person from one signal: blank the subject's identifying fields (keeping kind
    and role for the statistics), remove what the linking app derived from it, and replace the
    person's full name in the signal's texts and its case's texts by ``[verwijderd]``."""
    from schakel.cases.models import CaseEvent
    from schakel.exports.models import ConsentRecord
    from schakel.signals.models import Signal, SignalNote, SignalSubject

    signal = subject.signal
    remove_mentions(Mention.objects.filter(subject=subject))
    # the consent history stays (status and date are the accountability), its note about
    # the person does not
    ConsentRecord.objects.filter(subject=subject).update(explanation="")
    SignalSubject.objects.filter(pk=subject.pk).update(
        given_names="", surname_prefix="", surname="", estimated_age=None, birth_year=None,
        sex="", nationality="", description="", phone="", licence_plate="", name_hash="",
        full_name_hash="", phone_hash="", plate_hash="")
    if pattern is not None:
        Signal.objects.filter(pk=signal.pk).update(description=redact(signal.description,
                                                                      pattern))
        for note in SignalNote.objects.filter(signal=signal):
            SignalNote.objects.filter(pk=note.pk).update(text=redact(note.text, pattern))
        if signal.case_id:
            for event in CaseEvent.objects.filter(case_id=signal.case_id).exclude(text=""):
                CaseEvent.objects.filter(pk=event.pk).update(text=redact(event.text, pattern))
    search.index_signal(Signal.objects.get(pk=signal.pk))  # drop the erased words
    register(record_type="signal_subject", reference=f"{signal.reference}#{subject.pk}",
             municipality_id=signal.municipality_id, rule=rule,
             action=DeletionRecord.Action.ANONYMISED, run_id=run_id, actor=actor)


@transaction.atomic
def anonymise_request(subject_request, *, run_id: str, rule: str, actor=None) -> None:
    """Keep number, kind, dates, status and motivation; drop who asked and about whom."""
    from schakel.privacy.models import SubjectRequest

    SubjectRequest.objects.filter(pk=subject_request.pk).update(
        requester="", given_names="", surname="", birth_year=None, bsn="")
    register(record_type="subject_request", reference=subject_request.number,
             municipality_id=subject_request.municipality_id, rule=rule,
             action=DeletionRecord.Action.ANONYMISED, run_id=run_id, actor=actor)
