# SPDX-License-Identifier: EUPL-1.2
"""Demo policy data for Alblasserdam: a barrier assessment with a mix of statuses (and some
history), the BBA checklist in various states over the past year, staff counts and a few
training sessions. Written by the demo analyst through the services, like real use."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from schakel.accounts.models import Municipality, Organisation, User
from schakel.policy import services
from schakel.policy.models import Barrier, BbaItem

MUNICIPALITY = "0482"
MODEL = "mensenhandel"

# (step, instrument, status, owner, next step or "", days until the next step)
BARRIERS = [
    ("entree-identiteit", "brp-inschrijving", "in_place", "Publiekszaken", "", 0),
    ("entree-identiteit", "brp-adresonderzoek", "partly", "Publiekszaken",
     "Vaste werkwijze voor huisbezoeken bij veel inschrijvingen op één adres.", 60),
    ("entree-identiteit", "reisdocumenten", "in_place", "Publiekszaken", "", 0),
    ("huisvesting", "verhuurvergunning", "absent", "Wonen (RMO)",
     "Voorstel verhuurvergunning voor huisvesting van arbeidsmigranten aan het college.", 120),
    ("huisvesting", "omgevingsplan-handhaving", "partly", "OZHZ / Ruimte", "", 0),
    ("huisvesting", "vastgoed-afspraken", "not_applicable", "OOV", "", 0),
    ("werk", "apv-seksbedrijf", "in_place", "OOV", "", 0),
    ("werk", "bibob", "partly", "OOV / Juridische zaken",
     "Bibob-beleid uitbreiden naar exploitatievergunningen horeca.", 90),
    ("werk", "integrale-controle", "in_place", "OOV", "", 0),
    ("werk", "inkoop", "absent", "Inkoop",
     "Eis over eerlijk werk opnemen in de inkoopvoorwaarden.", 180),
    ("financien", "uitkeringen", "partly", "Sociale dienst", "", 0),
    ("financien", "bibob", "partly", "OOV / Juridische zaken", "", 0),
]

# BBA item → statuses at three moments (days ago); None = not yet assessed then
BBA = {
    "A1": ("partly", "in_place", "in_place"), "A2": ("absent", "partly", "partly"),
    "A3": ("partly", "partly", "in_place"), "A4": ("partly", "partly", "partly"),
    "B1": ("in_place", "in_place", "in_place"), "B2": ("partly", "partly", "in_place"),
    "B3": ("partly", "in_place", "in_place"), "C1": ("absent", "absent", "partly"),
    "C2": ("absent", "partly", "in_place"), "C3": (None, "partly", "partly"),
    "D1": ("partly", "in_place", "in_place"), "D2": ("partly", "partly", "partly"),
    "E1": ("absent", "absent", "partly"), "E2": (None, "absent", "absent"),
}
BBA_MOMENTS = (330, 160, 20)

STAFF = {"front_desk": 14, "enforcement": 8, "inspection": 5, "social_domain": 26}
# (days ago, topic, trainer, department or partner slug, participants)
SESSIONS = [
    (400, "Signalen van mensenhandel aan de balie", "CoMensha", "front_desk", 9),
    (210, "Arbeidsuitbuiting en huisvesting herkennen", "Nederlandse Arbeidsinspectie",
     "enforcement", 6),
    (120, "Loverboys en criminele uitbuiting", "Zorgcoördinatie mensenhandel",
     "social_domain", 11),
    (45, "Signalen bij huisbezoek", "Aandachtsfunctionaris mensenhandel", "woonkracht10", 8),
]


def build_policy_demo() -> None:
    """Fill the policy cycle for the demo municipality (cheap; runs for every demo)."""
    municipality = Municipality.objects.filter(cbs_code=MUNICIPALITY).first()
    analyst = User.objects.filter(username="analyst").first()
    if municipality is None or analyst is None or not services.can_work_policy(analyst):
        return
    _barriers(analyst, municipality)
    _bba(analyst, municipality)
    _training(analyst, municipality)


def _barriers(analyst: User, municipality: Municipality) -> None:
    now = timezone.now()
    barriers = {(b.step.code, b.instrument.code): b for b in Barrier.objects.filter(
        step__model__code=MODEL, active=True).select_related("step", "instrument")}
    first = barriers.get(("entree-identiteit", "brp-adresonderzoek"))
    if first is not None:  # some history: the address investigation was missing half a year ago
        services.record_barrier_assessment(
            analyst, municipality, first, services.BarrierAssessmentInput(
                status="absent", owner="Publiekszaken",
                evidence="Nog geen toezichthouder BRP aangewezen."),
            at=now - dt.timedelta(days=180))
    for step, instrument, status, owner, next_step, days in BARRIERS:
        barrier = barriers.get((step, instrument))
        if barrier is None:
            continue
        services.record_barrier_assessment(analyst, municipality, barrier,
                                           services.BarrierAssessmentInput(
            status=status, owner=owner, evidence="Besproken in de werkgroep mensenhandel.",
            next_step=next_step,
            next_step_due=timezone.localdate() + dt.timedelta(days=days) if next_step else None,
            review_on=timezone.localdate() + dt.timedelta(days=365)),
            at=now - dt.timedelta(days=10))


def _bba(analyst: User, municipality: Municipality) -> None:
    items = {item.code: item for item in BbaItem.objects.filter(active=True)}
    today = timezone.localdate()
    for moment, days_ago in enumerate(BBA_MOMENTS):
        for code, statuses in BBA.items():
            status = statuses[moment]
            if status is None or code not in items:
                continue
            if moment and statuses[moment - 1] == status:
                continue  # unchanged: no new row
            services.record_bba_assessment(analyst, municipality, items[code], services.BbaInput(
                status=status, owner="Openbare Orde en Veiligheid",
                evidence="Zelfevaluatie in de werkgroep mensenhandel.",
                assessed_on=today - dt.timedelta(days=days_ago)))


def _training(analyst: User, municipality: Municipality) -> None:
    for department, staff in STAFF.items():
        services.set_staff_count(analyst, municipality, department, staff)
    today = timezone.localdate()
    for days_ago, topic, trainer, audience, participants in SESSIONS:
        partner = Organisation.objects.filter(slug=audience).first()
        services.add_training_session(analyst, municipality, services.TrainingInput(
            held_on=today - dt.timedelta(days=days_ago), topic=topic, trainer=trainer,
            participants=participants, department="" if partner else audience,
            partner=partner))
