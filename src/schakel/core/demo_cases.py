# SPDX-License-Identifier: EUPL-1.2
"""Demo casework: cases in every status, referrals in every state, a past and an upcoming case
conference — all built with the casework services from signals already in the demo inbox —
and cases closed earlier in the year with the barrier phases they touched and which barriers
failed or were missing, so the barrier model of the policy cycle shows real counts."""

from __future__ import annotations

import datetime as dt
import random

from django.utils import timezone

from schakel.accounts.models import Organisation, User
from schakel.cases import services
from schakel.cases.models import Case
from schakel.catalog.models import Indicator
from schakel.signals import services as signal_services
from schakel.signals.models import Signal, SignalStatus

# status the case ends in, title, domain, partner it is referred to and what the partner did
CASES = [
    ("open", "Loverboysignalen rond het winkelcentrum", "sexual", None, None),
    ("analysis", "Overbewoning woning met arbeidsmigranten", "housing", "ozhz", "in_progress"),
    ("analysis", "Uitzendbureau houdt paspoorten in", "labour", "nla", "rejected"),
    ("conference", "Jongeren als drugskoerier ingezet", "criminal", "politie", "in_progress"),
    ("action", "Onvergunde thuisprostitutie", "sexual", "politie", "accepted"),
    ("action", "Schuur als woonruimte bij teeltbedrijf", "housing", "ozhz", "accepted"),
    ("aftercare", "Oudere afhankelijk van inwonende buurman", "dependency", "veilig-thuis",
     "done"),
    ("closed", "Bedelende kinderen bij de supermarkt", "criminal", "politie", "done"),
    ("closed", "Nagelsalon met onbetaalde medewerkers", "labour", "nla", "revoked"),
]
PATHS = {
    "open": [],
    "analysis": ["analysis"],
    "conference": ["analysis", "conference"],
    "action": ["analysis", "conference", "action"],
    "aftercare": ["analysis", "conference", "action", "aftercare"],
    "closed": ["analysis", "conference", "action", "closed"],
}
OUTCOMES = {"criminal": "overgedragen-politie-om", "labour": "bestuurlijke-maatregel"}

# Cases closed earlier this year (days ago closed, title, domain, barrier phases, findings as
# {(step, instrument): "failed" | "missing"} on the barrier model "mensenhandel"). Five of
# them touch housing and found the landlord licence missing, so the diagram shows a number
# that is not suppressed next to several "<5".
FINDINGS_MODEL = "mensenhandel"
CLOSED_EARLIER = [
    (150, "Arbeidsmigranten in een vakantiepark", "labour", ["housing", "work"],
     {("huisvesting", "verhuurvergunning"): "missing",
      ("werk", "integrale-controle"): "failed"}),
    (120, "Kamerverhuur zonder vergunning", "housing", ["housing"],
     {("huisvesting", "verhuurvergunning"): "missing",
      ("huisvesting", "omgevingsplan-handhaving"): "failed"}),
    (95, "Overbewoning boven een winkelpand", "housing", ["entry", "housing"],
     {("entree-identiteit", "brp-adresonderzoek"): "failed",
      ("huisvesting", "verhuurvergunning"): "missing"}),
    (70, "Uitzendkrachten slapen in een bedrijfshal", "labour", ["housing", "work"],
     {("huisvesting", "verhuurvergunning"): "missing", ("werk", "inkoop"): "missing"}),
    (50, "Woonboot als slaapplaats voor werknemers", "housing", ["housing"],
     {("huisvesting", "verhuurvergunning"): "missing",
      ("huisvesting", "omgevingsplan-handhaving"): "failed"}),
    (35, "Massagesalon zonder exploitatievergunning", "sexual", ["work", "finances"],
     {("werk", "apv-seksbedrijf"): "failed"}),
    (20, "Schijninschrijvingen op één adres", "criminal", ["identity", "finances"],
     {("entree-identiteit", "brp-adresonderzoek"): "failed",
      ("financien", "uitkeringen"): "failed"}),
]


def build_cases(users: dict[str, User], rng: random.Random) -> None:
    coordinator = users["coordinator"]
    cases = [_case(coordinator, spec, rng) for spec in CASES]
    _conferences(coordinator, users, [c for c in cases if c is not None])
    _closed_earlier(users)


def _candidate(domain: str) -> Signal | None:
    return (Signal.objects.filter(municipality__cbs_code="0482", domains__code=domain,
                                  status=SignalStatus.IN_TRIAGE, case__isnull=True)
            .order_by("received_at").first())


def _case(coordinator: User, spec: tuple, rng: random.Random) -> Case | None:
    final, title, domain, partner, referral_state = spec
    signal = _candidate(domain)
    if signal is None:
        return None
    opened = signal.received_at + dt.timedelta(days=1)
    case = services.triage_signal(signal, coordinator, services.TriageDecision(
        "open_case", title=title, priority=rng.choice(["normal", "normal", "high"]),
        reason="Meerdere signalen wijzen op uitbuiting.",
        assessment=services.AssessmentInput(act="indicated", means="indicated",
                                            purpose="indicated")))
    extra = _candidate(domain)
    if extra is not None and rng.random() < 0.7:
        services.add_signal_to_case(case, extra, coordinator)
    Case.objects.filter(pk=case.pk).update(opened_at=opened)
    for step in PATHS[final]:
        case = _move(case, coordinator, step, domain)
    if partner:
        _referral(case, coordinator, partner, referral_state)
    if final in {"action", "aftercare", "closed"}:
        _intervention(case, coordinator, domain, done=final != "action")
    return case


def _move(case: Case, coordinator: User, step: str, domain: str) -> Case:
    if step == "closed":
        return services.move_case(
            case, coordinator, "closed", reason="Afgerond na interventies.",
            outcome_code=OUTCOMES.get(domain, "slachtoffer-in-zorg"),
            summary="Interventies uitgevoerd; geen nieuwe signalen.",
            barrier_phases=["housing", "work"] if domain == "labour" else ["entry"])
    reasons = {"analysis": "Beeld opbouwen met registers en partners.",
               "conference": "Bespreken in het casusoverleg.",
               "action": "Afspraken uit het casusoverleg uitvoeren.",
               "aftercare": "Nazorg voor het slachtoffer volgen."}
    return services.move_case(case, coordinator, step, reason=reasons[step])


def _referral(case: Case, coordinator: User, partner: str, state: str) -> None:
    organisation = Organisation.objects.get(slug=partner)
    handler = User.objects.get(organisation=organisation, groups__name="partner_handler")
    due = timezone.localdate() + dt.timedelta(days=14 if state == "in_progress" else -3)
    referral = services.refer(case, coordinator, services.ReferralInput(
        organisation=organisation, reason="Graag onderzoek en terugkoppeling.", due_on=due,
        legal_basis_code="wgs" if partner in {"politie", "riec"} else "avg-6-1-e",
        shared_fields=["summary", "addresses", "signals"]))
    if state in {"accepted", "done"}:
        services.respond_to_referral(referral, handler,
                                     "accepted")
    if state == "done":
        services.respond_to_referral(referral, handler, "done",
                                     "Onderzoek afgerond; bevindingen besproken.")
    if state == "rejected":
        services.respond_to_referral(referral, handler, "rejected",
                                     "Geen capaciteit; graag via het meldpunt.")
    if state == "revoked":
        services.respond_to_referral(referral, coordinator, "revoked",
                                     "Niet meer nodig na gesprek met de werkgever.")


def _intervention(case: Case, coordinator: User, domain: str, done: bool) -> None:
    code = {"housing": "woninginspectie-ozhz", "labour": "integrale-controle",
            "sexual": "controle-seksbedrijf", "criminal": "aangifte-politie",
            "dependency": "veilig-thuis"}[domain]
    partner = {"housing": "ozhz", "labour": "nla", "criminal": "politie",
               "dependency": "veilig-thuis"}.get(domain, "politie")
    intervention = services.add_intervention(
        case, coordinator, type_code=code, organisation=Organisation.objects.get(slug=partner),
        due_on=timezone.localdate() + dt.timedelta(days=-5 if done else 10),
        description="Afspraak uit het casusoverleg.")
    if done:
        services.update_intervention(intervention, coordinator, status="done",
                                     outcome="Uitgevoerd; bevindingen in het journaal.")


def _conferences(coordinator: User, users: dict[str, User], cases: list[Case]) -> None:
    on_agenda = [c for c in cases if c.status in {"conference", "action"}]
    if not on_agenda:
        return
    police = Organisation.objects.get(slug="politie")
    ozhz = Organisation.objects.get(slug="ozhz")
    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    past = services.schedule_conference(
        coordinator, title="Casusoverleg mensenhandel Alblasserdam",
        scheduled_at=now - dt.timedelta(days=10), location="Gemeentehuis, kamer 2.14",
        cases=on_agenda, organisations=[police, ozhz], participants=[users["handler"]],
        access_days_after=14)
    for case in on_agenda:
        services.record_decision(past, case, coordinator, services.DecisionInput(
            text="Politie en OZHZ stemmen een gezamenlijke controle af.", owner=police,
            due_on=timezone.localdate() + dt.timedelta(days=7)))
    services.schedule_conference(
        coordinator, title="Casusoverleg mensenhandel Alblasserdam",
        scheduled_at=now + dt.timedelta(days=6), location="Gemeentehuis, kamer 2.14",
        cases=[c for c in cases if c.status == "conference"] or on_agenda[:1],
        organisations=[police, ozhz], participants=[users["handler"]])


def _closed_earlier(users: dict[str, User]) -> None:
    """Cases of the past months, reported by the front desk and closed by the coordinator with
    barrier phases and findings, through the casework and policy services."""
    from schakel.policy import services as policy
    from schakel.policy.models import Barrier, BarrierModel

    model = BarrierModel.objects.filter(code=FINDINGS_MODEL, active=True).first()
    if model is None:
        return
    coordinator = users["coordinator"]
    barriers = {(b.step.code, b.instrument.code): b.pk for b in Barrier.objects.filter(
        step__model=model, active=True).select_related("step", "instrument")}
    now = timezone.now()
    for index, (days_ago, title, domain, phases, findings) in enumerate(CLOSED_EARLIER):
        closed_at = now - dt.timedelta(days=days_ago)
        opened_at = closed_at - dt.timedelta(days=40)
        indicator = Indicator.objects.filter(domain__code=domain, active=True) \
            .order_by("order", "code").values_list("code", flat=True).first()
        signal, _ = signal_services.register_signal(
            users["melder"], signal_services.SignalInput(
                description=f"Melding aan de balie: {title.lower()}.",
                indicator_codes=[indicator] if indicator else [], municipality_code="0482"),
            submission_key=f"demo-closed-{index}", received_at=opened_at - dt.timedelta(days=1))
        case = services.open_case(coordinator, signal, title=title, at=opened_at)
        case = services.move_case(
            case, coordinator, "closed", reason="Afgerond na interventies.",
            outcome_code=OUTCOMES.get(domain, "slachtoffer-in-zorg"),
            summary="Interventies uitgevoerd; geen nieuwe signalen.", barrier_phases=phases,
            at=closed_at)
        entries = {barriers[key]: (finding, "") for key, finding in findings.items()
                   if key in barriers}
        policy.record_case_findings(coordinator, case, model, entries, at=closed_at)
