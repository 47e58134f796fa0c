# SPDX-License-Identifier: EUPL-1.2
"""The one place that decides what a user may see.

Every view and API endpoint asks this module; nothing else filters records by user. A record
outside a user's scope is answered with 404 (not 403), so its existence is not revealed.

Permissions are read from the user's groups and own permissions only, never from the superuser
flag: a technical superuser has no business reading case content (design.md: no case content for
administrators).
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from schakel.accounts.models import Municipality, User
from schakel.signals.models import Signal

REPORT_SIGNAL = "signals.report_signal"
VIEW_SCOPE_SIGNALS = "signals.view_scope_signals"
TRIAGE_SIGNAL = "signals.triage_signal"


def role_permissions(user: User) -> frozenset[str]:
    """Permissions granted through groups and directly, ignoring ``is_superuser``."""
    if not user.is_authenticated or not user.is_active:
        return frozenset()
    cached = getattr(user, "_schakel_role_perms", None)
    if cached is None:
        from django.contrib.auth.models import Permission
        from django.db.models import Q

        rows = (
            Permission.objects.filter(Q(group__user=user) | Q(user=user))
            .values_list("content_type__app_label", "codename")
            .distinct()
        )
        cached = frozenset(f"{app}.{code}" for app, code in rows)
        user._schakel_role_perms = cached
    return cached


def has(user: User, permission: str) -> bool:
    return permission in role_permissions(user)


def municipalities_in_scope(user: User) -> QuerySet[Municipality]:
    """The user's own municipality, or every municipality of the region for a regional
    organisation. Users without an organisation have none."""
    organisation = getattr(user, "organisation", None)
    if organisation is None:
        return Municipality.objects.none()
    if organisation.municipality_id is not None:
        return Municipality.objects.filter(pk=organisation.municipality_id)
    if organisation.region:
        return Municipality.objects.filter(region=organisation.region)
    return Municipality.objects.none()


def _municipality_ids(user: User) -> list[int]:
    return list(municipalities_in_scope(user).values_list("pk", flat=True))


def can_report(user: User) -> bool:
    return has(user, REPORT_SIGNAL)


def can_work_inbox(user: User) -> bool:
    return has(user, VIEW_SCOPE_SIGNALS)


def visible_signals(user: User) -> QuerySet[Signal]:
    """Signals the user may see at all: the whole municipality (region) for a coordinator,
    only their own reports for a melder, nothing for anyone else."""
    if has(user, VIEW_SCOPE_SIGNALS):
        return Signal.objects.filter(municipality__in=_municipality_ids(user))
    if has(user, REPORT_SIGNAL):
        return Signal.objects.filter(reporter=user)
    return Signal.objects.none()


def inbox_signals(user: User) -> QuerySet[Signal]:
    """Signals in the coordinator's inbox (the full picture, not just own reports)."""
    if not has(user, VIEW_SCOPE_SIGNALS):
        return Signal.objects.none()
    # A literal id list (not a subquery) lets PostgreSQL use the composite indexes.
    return Signal.objects.filter(municipality__in=_municipality_ids(user))


def own_signals(user: User) -> QuerySet[Signal]:
    return Signal.objects.filter(reporter=user) if user.is_authenticated else Signal.objects.none()


def access_signal(user: User, reference: str) -> Signal:
    """The signal with ``reference`` if the user may see it; otherwise 404."""
    try:
        return visible_signals(user).get(reference=reference)
    except Signal.DoesNotExist:
        raise Http404("signal not found") from None


def sees_full_signal(user: User, signal: Signal) -> bool:
    """A coordinator sees everything that was reported; a melder sees the status only
    (their report may have been joined with information they must not see)."""
    return has(user, VIEW_SCOPE_SIGNALS) and signal.municipality_id in set(
        municipalities_in_scope(user).values_list("pk", flat=True)
    )


def can_triage(user: User, signal: Signal) -> bool:
    return has(user, TRIAGE_SIGNAL) and sees_full_signal(user, signal)


def assignable_users(user: User) -> QuerySet[User]:
    """People a signal may be assigned to: active coordinators of the same municipalities."""
    from django.db.models import Q

    municipalities = municipalities_in_scope(user)
    return (
        User.objects.filter(is_active=True, groups__permissions__codename="triage_signal")
        .filter(
            Q(organisation__municipality__in=municipalities)
            | Q(organisation__municipality__isnull=True,
                organisation__region__in=municipalities.values("region"))
        )
        .distinct()
        .order_by("first_name", "last_name", "username")
    )


# --- casework -----------------------------------------------------------------------------------

MANAGE_CASE = "cases.manage_case"
HANDLE_REFERRAL = "signals.handle_referral"


def can_manage_cases(user: User) -> bool:
    return has(user, MANAGE_CASE)


def managed_cases(user: User):
    """Cases the user runs as coordinator: all cases of the municipalities in scope."""
    from schakel.cases.models import Case

    if not has(user, MANAGE_CASE):
        return Case.objects.none()
    return Case.objects.filter(municipality__in=municipalities_in_scope(user))


def conference_cases(user: User):
    """Cases on the agenda of a conference the user attends, once they confirmed
    confidentiality, until the access window after the meeting closes."""

    from schakel.cases.models import Case, Participant

    participations = Participant.objects.filter(
        user=user, confidentiality_confirmed_at__isnull=False
    ).select_related("conference")
    conference_ids = [p.conference_id for p in participations
                      if p.conference.access_ends_at >= timezone.now()]
    return Case.objects.filter(agenda_items__conference_id__in=conference_ids).distinct()


def visible_cases(user: User):
    """Every case the user may open: the coordinator's own, plus conference agenda cases."""
    from schakel.cases.models import Case

    if not user.is_authenticated:
        return Case.objects.none()
    ids = set(managed_cases(user).values_list("pk", flat=True))
    ids |= set(conference_cases(user).values_list("pk", flat=True))
    return Case.objects.filter(pk__in=ids)


def access_case(user: User, reference: str):
    from schakel.cases.models import Case

    try:
        return visible_cases(user).get(reference=reference)
    except Case.DoesNotExist:
        raise Http404("case not found") from None


def can_manage_case(user: User, case) -> bool:
    return managed_cases(user).filter(pk=case.pk).exists()


def visible_referrals(user: User):
    """A partner handler sees the referrals to their own organisation; a coordinator those of
    the cases they run."""
    from django.db.models import Q

    from schakel.cases.models import Referral

    query = Q(pk__in=[])
    if has(user, HANDLE_REFERRAL) and getattr(user, "organisation_id", None):
        query |= Q(organisation_id=user.organisation_id)
    if has(user, MANAGE_CASE):
        query |= Q(case__in=managed_cases(user))
    return Referral.objects.filter(query)


def access_referral(user: User, pk: int):
    from schakel.cases.models import Referral

    try:
        return visible_referrals(user).get(pk=pk)
    except (Referral.DoesNotExist, ValueError):
        raise Http404("referral not found") from None


def is_receiving_partner(user: User, referral) -> bool:
    return has(user, HANDLE_REFERRAL) and referral.organisation_id == user.organisation_id


def visible_conferences(user: User):
    from django.db.models import Q

    from schakel.cases.models import Conference

    query = Q(participants__user=user)
    if has(user, MANAGE_CASE):
        query |= Q(municipality__in=municipalities_in_scope(user))
    return Conference.objects.filter(query).distinct()


def access_conference(user: User, pk: int):
    from schakel.cases.models import Conference

    try:
        return visible_conferences(user).get(pk=pk)
    except (Conference.DoesNotExist, ValueError):
        raise Http404("conference not found") from None


def runs_conference(user: User, conference) -> bool:
    """The coordinators of the conference's municipality see and do everything in it."""
    return can_manage_cases(user) and municipalities_in_scope(user).filter(
        pk=conference.municipality_id).exists()


def participant_has_access(user: User, conference) -> bool:
    """A participant who confirmed confidentiality, while the access window after the meeting
    still runs."""
    from schakel.cases.models import Participant

    participant = Participant.objects.filter(conference=conference, user=user).first()
    return bool(participant and participant.confidentiality_confirmed_at
                and conference.access_ends_at >= timezone.now())


def may_read_minutes(user: User, conference) -> bool:
    return runs_conference(user, conference) or participant_has_access(user, conference)


# --- register-scan worklist -------------------------------------------------------------------

WORK_WORKLIST = "scans.work_worklist"


def can_work_worklist(user: User) -> bool:
    return has(user, WORK_WORKLIST)


def scan_municipalities(user: User) -> QuerySet[Municipality]:
    """The municipalities whose worklist the user works: none without the permission."""
    if not can_work_worklist(user):
        return Municipality.objects.none()
    return municipalities_in_scope(user)


def visible_runs(user: User):
    from schakel.scans.models import ScanRun

    return ScanRun.objects.filter(municipality__in=scan_municipalities(user))


def access_hit(user: User, pk: int):
    from schakel.scans.models import Hit

    try:
        return Hit.objects.select_related("run", "run__municipality", "signal").get(
            pk=pk, run__municipality__in=scan_municipalities(user))
    except Hit.DoesNotExist:
        raise Http404("hit not found") from None


def access_check(user: User, pk: int):
    from schakel.scans.models import HitCheck

    try:
        return HitCheck.objects.select_related("hit", "hit__run").get(
            pk=pk, hit__run__municipality__in=scan_municipalities(user))
    except HitCheck.DoesNotExist:
        raise Http404("check not found") from None


def known_address_signals(user: User, municipality: Municipality) -> QuerySet[Signal]:
    from schakel.cases.models import CaseStatus

    """Signals with an address that the scan may treat as "already known in Schakel".

    Signals the user sees in the inbox for this municipality, except those whose case is
    closed: a signal without a case, or linked to an open case, still matters.
    """
    return (
        inbox_signals(user)
        .filter(municipality=municipality).exclude(address_hash="")
        .filter(Q(case__isnull=True) | ~Q(case__status=CaseStatus.CLOSED))
    )


# --- linking (entities, links, network view) ---------------------------------------------------
# Entities carry no scope of their own: a user sees an entity, a mention, a proposal or a
# regional hit only through signals they may read in full (the coordinator's inbox, via
# visible_signals) and cases they run (via visible_cases). A melder sees the status of their
# own reports only, so nothing of linking.


def linking_signals(user: User) -> QuerySet[Signal]:
    """Signals whose mentions and links the user may see: those they read in full."""
    if not has(user, VIEW_SCOPE_SIGNALS):
        return Signal.objects.none()
    return visible_signals(user)


def linking_cases(user: User):
    """Cases shown in the network view: the cases the user may open and runs."""
    return visible_cases(user).filter(pk__in=managed_cases(user).values("pk"))


def visible_mentions(user: User):
    from schakel.linking.models import Mention

    return Mention.objects.filter(signal__in=linking_signals(user))


def visible_entities(user: User):
    """Entities mentioned in at least one signal the user may read in full."""
    from schakel.linking.models import Entity

    return Entity.objects.filter(
        pk__in=visible_mentions(user).values("entity_id"), merged_into__isnull=True)


def access_entity(user: User, pk: int):
    from schakel.linking.models import Entity

    try:
        return visible_entities(user).get(pk=pk)
    except (Entity.DoesNotExist, ValueError):
        raise Http404("entity not found") from None


def visible_proposals(user: User):
    """Proposals whose both sides the user may read."""
    from schakel.linking.models import Proposal

    signals = linking_signals(user)
    return Proposal.objects.filter(mention__signal__in=signals, candidate__signal__in=signals)


def access_proposal(user: User, pk: int):
    from schakel.linking.models import Proposal

    try:
        return visible_proposals(user).get(pk=pk)
    except (Proposal.DoesNotExist, ValueError):
        raise Http404("proposal not found") from None


def access_mention(user: User, pk: int):
    from schakel.linking.models import Mention

    try:
        return visible_mentions(user).get(pk=pk)
    except (Mention.DoesNotExist, ValueError):
        raise Http404("mention not found") from None


def visible_regional_hits(user: User):
    """Regional hits with one side in the user's signals (of the other side the user learns
    only the municipality and whom to contact)."""
    from schakel.linking.models import RegionalHit

    signals = linking_signals(user)
    return RegionalHit.objects.filter(Q(signal__in=signals) | Q(other_signal__in=signals))


# --- attachments and subject rights -------------------------------------------------------------

MANAGE_SUBJECT_REQUESTS = "privacy.manage_subject_requests"


def visible_attachments(user: User):
    """Attachments of the signals a user sees in full (the coordinator's inbox) and of the cases
    they run. Melders, partners and conference participants see none: a photo or document
    carries at least as much as the signal text they may not read."""
    from schakel.privacy.models import Attachment

    return Attachment.objects.filter(
        Q(signal__in=inbox_signals(user)) | Q(case__in=managed_cases(user)))


def access_attachment(user: User, public_id: str):
    """The attachment with ``public_id`` if the user may see it (and it was not removed)."""
    from django.core.exceptions import ValidationError

    from schakel.privacy.models import Attachment

    try:
        return visible_attachments(user).select_related("signal", "case").get(
            public_id=public_id, removed_at__isnull=True)
    except (Attachment.DoesNotExist, ValueError, ValidationError):
        raise Http404("attachment not found") from None


def can_attach_to_signal(user: User, signal: Signal) -> bool:
    return can_triage(user, signal)


def can_attach_to_case(user: User, case) -> bool:
    return can_manage_case(user, case)


def can_handle_subject_requests(user: User) -> bool:
    return has(user, MANAGE_SUBJECT_REQUESTS)


def subject_request_municipalities(user: User) -> QuerySet[Municipality]:
    """The municipalities whose subject requests and deletion register the privacy officer
    (FG) handles: their own organisation's municipality (or region)."""
    if not can_handle_subject_requests(user):
        return Municipality.objects.none()
    return municipalities_in_scope(user)


def visible_subject_requests(user: User):
    from schakel.privacy.models import SubjectRequest

    return SubjectRequest.objects.filter(municipality__in=subject_request_municipalities(user))


def access_subject_request(user: User, number: str):
    from schakel.privacy.models import SubjectRequest

    try:
        return visible_subject_requests(user).get(number=number)
    except SubjectRequest.DoesNotExist:
        raise Http404("request not found") from None


def subject_request_signals(user: User, municipality: Municipality) -> QuerySet[Signal]:
    """The signals a privacy officer may search for a subject request: those of the request's
    municipality, only when that municipality is in the officer's scope."""
    if not subject_request_municipalities(user).filter(pk=municipality.pk).exists():
        return Signal.objects.none()
    return Signal.objects.filter(municipality=municipality)


CONFIRM_ERASURE = "privacy.confirm_erasure"


def erasure_requests_to_confirm(user: User):
    """Open erasure requests of the coordinator's municipalities (the second pair of eyes)."""
    from schakel.privacy.models import SubjectRequest

    if not has(user, CONFIRM_ERASURE):
        return SubjectRequest.objects.none()
    return SubjectRequest.objects.filter(
        kind=SubjectRequest.Kind.ERASURE, status=SubjectRequest.Status.REGISTERED,
        municipality__in=municipalities_in_scope(user))


def access_request_to_confirm(user: User, number: str):
    from schakel.privacy.models import SubjectRequest

    try:
        return erasure_requests_to_confirm(user).get(number=number)
    except SubjectRequest.DoesNotExist:
        raise Http404("request not found") from None


def visible_deletion_records(user: User):
    """Register lines of the officer's municipalities, plus deployment-wide lines (the access
    log, which has no municipality)."""
    from schakel.privacy.models import DeletionRecord

    if not can_handle_subject_requests(user):
        return DeletionRecord.objects.none()
    return DeletionRecord.objects.filter(
        Q(municipality__in=subject_request_municipalities(user)) | Q(municipality__isnull=True))


# --- exports (HTCDS case export, CoMensha checklist) --------------------------------------------
# Record-level exports and the CoMensha checklist: only the cases a coordinator runs. The
# de-identified (k-anonymous) export: a coordinator's own cases, or for a user with aggregates
# only (analyst) every case of the municipalities in scope opened in a completed calendar year.
# That set no longer grows, so two exports cannot be subtracted to single out a new case.
VIEW_AGGREGATES = "signals.view_aggregates"


def can_export_deidentified(user: User) -> bool:
    return has(user, MANAGE_CASE) or has(user, VIEW_AGGREGATES)


def deidentified_export_cases(user: User):
    from django.utils import timezone

    from schakel.cases.models import Case

    if has(user, MANAGE_CASE):
        return managed_cases(user)
    if has(user, VIEW_AGGREGATES):
        return Case.objects.filter(municipality__in=municipalities_in_scope(user),
                                   opened_at__year__lt=timezone.localdate().year)
    return Case.objects.none()


def access_possible_victim(user: User, reference: str, pk: int):
    """A person named as possible victim on a signal of a case the user runs, with the case;
    anything else (another case, another role, not a person) is 404."""
    from django.core.exceptions import ObjectDoesNotExist

    from schakel.signals.models import SignalSubject

    try:
        case = managed_cases(user).get(reference=reference)
        subject = SignalSubject.objects.select_related("signal").get(
            pk=pk, signal__case=case, kind=SignalSubject.Kind.PERSON,
            role=SignalSubject.Role.VICTIM)
    except (ObjectDoesNotExist, ValueError):
        raise Http404("possible victim not found") from None
    return case, subject
