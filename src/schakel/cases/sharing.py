# SPDX-License-Identifier: EUPL-1.2
"""What a partner may see of a case: only the fields the coordinator chose to share."""

from __future__ import annotations

from schakel.cases.models import Case, Referral
from schakel.signals.models import SignalSubject


def shared_view(referral: Referral) -> dict:
    """The parts of the case that were shared with the receiving organisation, and nothing
    else. Used by the partner's referral page and the API alike."""
    case = referral.case
    builders = {
        "summary": _summary,
        "signals": _signal_texts,
        "addresses": _addresses,
        "persons": lambda c: _subjects(c, SignalSubject.Kind.PERSON),
        "organisations": lambda c: _subjects(c, SignalSubject.Kind.ORGANISATION),
        "vehicles": lambda c: _subjects(c, SignalSubject.Kind.VEHICLE),
        "phones": lambda c: _subjects(c, SignalSubject.Kind.PHONE),
        "assessment": _assessment,
    }
    return {field: builders[field](case) for field in referral.shared_fields if field in builders}


def _summary(case: Case) -> dict:
    return {"title": case.title, "status": case.status,
            "domains": list(case.domains.values_list("code", flat=True))}


def _signal_texts(case: Case) -> list[dict]:
    return [{"reference": s.reference, "description": s.description,
             "observed_on": s.observed_on.isoformat() if s.observed_on else None}
            for s in case.signals.order_by("received_at")]


def _addresses(case: Case) -> list[str]:
    labels = [s.address_label for s in case.signals.all() if s.address_label]
    return list(dict.fromkeys(labels))


def _subjects(case: Case, kind: str) -> list[dict]:
    subjects = SignalSubject.objects.filter(signal__case=case, kind=kind)
    return [{"role": s.role, "label": s.label, "estimated_age": s.estimated_age,
             "description": s.description} for s in subjects]


def _assessment(case: Case) -> dict | None:
    latest = case.assessments.order_by("-at", "-id").first()
    if latest is None:
        return None
    return {"act": latest.act, "means": latest.means, "purpose": latest.purpose,
            "minor_victim": latest.minor_victim}
