# SPDX-License-Identifier: EUPL-1.2
"""Building the demo: the region Zuid-Holland Zuid around Alblasserdam, the organisations of the
startnota, one account per role (password ``demo``) and about 200 fictional signals.

Everything is created through the same service functions as real use, so the demo shows what
the product really does. The same seed gives the same demo.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

from schakel.accounts.models import Municipality, Organisation, User
from schakel.accounts.services import assign_role, seed_roles
from schakel.catalog.models import Indicator, Partner, Reason
from schakel.catalog.services import load_catalog
from schakel.core.models import DeploymentFlag
from schakel.signals import services
from schakel.signals.models import SignalStatus

if TYPE_CHECKING:
    from schakel.core.demo_content import DemoSignal

DEMO_PASSWORD = "demo"  # noqa: S105 - demo accounts only; the demo layer shows a banner
REGION = "Zuid-Holland Zuid"

MUNICIPALITIES = [
    ("0482", "Alblasserdam", "2951,2952,2953,2954"),
    ("0505", "Dordrecht", "3311,3312,3313,3314,3315,3316,3317,3318,3319,3328"),
    ("0531", "Hendrik-Ido-Ambacht", "3341,3342,3343,3344"),
    ("0590", "Papendrecht", "3351,3352,3353,3354,3355,3356"),
    ("0610", "Sliedrecht", "3361,3362,3363,3364"),
    ("0642", "Zwijndrecht", "3331,3332,3333,3334,3335,3336"),
    ("1978", "Molenlanden", "2964,2965,2967,2968,2969,2970,2971,2975,2977"),
]

# slug, name, kind, partner code, municipality (CBS) or None for regional
ORGANISATIONS = [
    ("alblasserdam-oov", "Gemeente Alblasserdam – Openbare Orde en Veiligheid", "department", "",
     "0482"),
    ("alblasserdam-publiekszaken", "Gemeente Alblasserdam – Publiekszaken (BRP-balie)",
     "department", "", "0482"),
    ("alblasserdam-handhaving", "Gemeente Alblasserdam – Handhaving (BOA's)", "department", "",
     "0482"),
    ("alblasserdam-rmo", "Gemeente Alblasserdam – RMO (Wmo, jeugd, wonen)", "department", "",
     "0482"),
    ("alblasserdam-beleid", "Gemeente Alblasserdam – Beleid veiligheid", "department", "",
     "0482"),
    ("alblasserdam-ict", "Gemeente Alblasserdam – Functioneel beheer", "department", "", "0482"),
    ("alblasserdam-privacy", "Gemeente Alblasserdam – Functionaris gegevensbescherming",
     "department", "", "0482"),
    ("woonkracht10", "Woonkracht10", "partner", "woningcorporatie", "0482"),
    ("cjg-alblasserdam", "CJG Alblasserdam", "partner", "cjg", "0482"),
    ("welzijn-alblasserdam", "Stichting Welzijn Alblasserdam", "partner", "welzijn", "0482"),
    ("papendrecht-oov", "Gemeente Papendrecht – Openbare Orde en Veiligheid", "department", "",
     "0590"),
    ("politie", "Politie eenheid Rotterdam (AVIM)", "partner", "politie", None),
    ("nla", "Nederlandse Arbeidsinspectie", "partner", "nla", None),
    ("ozhz", "Omgevingsdienst Zuid-Holland Zuid", "partner", "ozhz", None),
    ("comensha", "CoMensha", "partner", "comensha", None),
    ("veilig-thuis", "Veilig Thuis Zuid-Holland Zuid", "partner", "veilig-thuis", None),
    ("riec", "RIEC Rotterdam", "partner", "riec", None),
    ("zvh", "Zorg- en Veiligheidshuis Zuid-Holland Zuid", "partner", "zvh", None),
    ("zorgcoordinator", "Zorgcoördinatie mensenhandel Zuid-Holland Zuid", "partner",
     "zorgcoordinator", None),
    ("ggd", "GGD Zuid-Holland Zuid", "partner", "ggd", None),
]


@dataclass(frozen=True)
class DemoUser:
    username: str
    first_name: str
    last_name: str
    organisation: str
    role: str
    title: str
    staff: bool = False
    listed: bool = True  # shown in the README and printed by `schakel demo`


USERS = [
    DemoUser("melder", "Mila", "de Vries", "alblasserdam-publiekszaken", "melder",
             "Baliemedewerker burgerzaken"),
    DemoUser("partner", "Peter", "Jansen", "woonkracht10", "partner_melder",
             "Woonconsulent Woonkracht10"),
    DemoUser("coordinator", "Cora", "van den Berg", "alblasserdam-oov", "coordinator",
             "Aandachtsfunctionaris mensenhandel"),
    DemoUser("handler", "Hamid", "El Amrani", "politie", "partner_handler",
             "Wijkagent / contact AVIM"),
    DemoUser("analyst", "Anouk", "Bakker", "alblasserdam-beleid", "analyst",
             "Beleidsadviseur veiligheid"),
    DemoUser("admin", "Arjen", "Smit", "alblasserdam-ict", "functional_admin",
             "Functioneel beheerder", staff=True),
    DemoUser("privacy", "Fatima", "Yilmaz", "alblasserdam-privacy", "privacy_officer",
             "Functionaris gegevensbescherming", staff=True),
    DemoUser("boa", "Bram", "Visser", "alblasserdam-handhaving", "melder", "BOA", listed=False),
    DemoUser("wmo", "Wendy", "Kok", "alblasserdam-rmo", "melder", "Wmo-consulent", listed=False),
    DemoUser("cjg", "Chantal", "Mulder", "cjg-alblasserdam", "partner_melder",
             "Jeugdverpleegkundige", listed=False),
    DemoUser("welzijn", "Willem", "Hendriks", "welzijn-alblasserdam", "partner_melder",
             "Opbouwwerker", listed=False),
    DemoUser("inspecteur-nla", "Noor", "Bosman", "nla", "partner_handler",
             "Inspecteur Arbeidsinspectie", listed=False),
    DemoUser("toezicht-ozhz", "Olaf", "Dekker", "ozhz", "partner_handler",
             "Toezichthouder wonen OZHZ", listed=False),
    DemoUser("veilig-thuis", "Vera", "Peters", "veilig-thuis", "partner_handler",
             "Medewerker Veilig Thuis", listed=False),
    DemoUser("coordinator-papendrecht", "Pauline", "de Graaf", "papendrecht-oov", "coordinator",
             "Aandachtsfunctionaris mensenhandel Papendrecht", listed=False),
]

MUNICIPAL_REPORTERS = ("melder", "boa", "wmo")
PARTNER_REPORTERS = ("partner", "cjg", "welzijn")


def listed_users() -> list[DemoUser]:
    return [user for user in USERS if user.listed]


@transaction.atomic
def build_demo(seed: int = 2026, signal_count: int = 200) -> dict[str, int]:
    """Create the complete demo in an empty (or demo) database."""
    seed_roles()
    load_catalog()
    municipalities = _municipalities()
    organisations = _organisations(municipalities)
    users = _users(organisations)
    created = _signals(users, seed, signal_count)
    if signal_count:
        from schakel.core.demo_cases import build_cases

        build_cases(users, random.Random(seed + 1))
        from schakel.linking.demo import build_linking_demo

        build_linking_demo(users)
        from schakel.privacy.demo import build_privacy_demo

        build_privacy_demo(users)
    from schakel.policy.demo import build_policy_demo

    build_policy_demo()
    DeploymentFlag.objects.update_or_create(key="demo", defaults={"value": "1"})
    return {"municipalities": len(municipalities), "organisations": len(organisations),
            "users": len(users), "signals": created}


def _municipalities() -> dict[str, Municipality]:
    return {
        code: Municipality.objects.create(cbs_code=code, name=name, region=REGION,
                                          postcode_prefixes=prefixes)
        for code, name, prefixes in MUNICIPALITIES
    }


def _organisations(municipalities: dict[str, Municipality]) -> dict[str, Organisation]:
    known_partners = set(Partner.objects.values_list("code", flat=True))
    result = {}
    for slug, name, kind, partner_code, cbs in ORGANISATIONS:
        result[slug] = Organisation.objects.create(
            slug=slug, name=name, kind=kind,
            partner_code=partner_code if partner_code in known_partners else "",
            municipality=municipalities[cbs] if cbs else None, region=REGION,
        )
    return result


def _users(organisations: dict[str, Organisation]) -> dict[str, User]:
    result = {}
    for spec in USERS:
        user = User.objects.create_user(
            username=spec.username, password=DEMO_PASSWORD, first_name=spec.first_name,
            last_name=spec.last_name, organisation=organisations[spec.organisation],
            job_title=spec.title, is_staff=spec.staff,
            email=f"{spec.username}@demo.invalid",
        )
        assign_role(user, spec.role)
        result[spec.username] = user
    return result


def _signals(users: dict[str, User], seed: int, count: int) -> int:
    if count == 0:
        return 0
    from schakel.core.demo_content import generate_demo_signals

    rng = random.Random(seed)
    indicators = _indicators_by_domain()
    no_follow_up = list(Reason.objects.filter(kind=Reason.Kind.NO_FOLLOW_UP, active=True))
    partners = list(Organisation.objects.filter(kind=Organisation.Kind.PARTNER,
                                                municipality__isnull=True))
    now = timezone.now()
    content = sorted(generate_demo_signals(seed, count), key=lambda d: -d.observed_days_ago)
    for index, item in enumerate(content):
        reporter = users[rng.choice(PARTNER_REPORTERS if item.reporter_kind == "partner"
                                    else MUNICIPAL_REPORTERS)]
        received = now - dt.timedelta(days=max(item.observed_days_ago - rng.randint(0, 3), 0),
                                      hours=rng.randint(0, 9), minutes=rng.randint(0, 59))
        signal, _ = services.register_signal(
            reporter, _input(item, indicators, rng), submission_key=f"demo-{seed}-{index}",
            received_at=received,
        )
        _handle(signal, users["coordinator"], item, received, now, rng, no_follow_up, partners)
    return len(content)


def _indicators_by_domain() -> dict[str, list[str]]:
    result: dict[str, list[str]] = {}
    for code, domain in Indicator.objects.filter(active=True).values_list("code", "domain__code"):
        result.setdefault(domain, []).append(code)
    return result


def _input(item: DemoSignal, indicators: dict[str, list[str]],
           rng: random.Random) -> services.SignalInput:
    pool = indicators.get(item.domain, [])
    chosen = rng.sample(pool, k=min(len(pool), rng.randint(1, 4))) if pool else []
    location = item.location or {}
    return services.SignalInput(
        description=item.description,
        observed_on=(timezone.localdate() - dt.timedelta(days=item.observed_days_ago)),
        acute=item.acute,
        minor_involved=item.minor_involved,
        postcode=str(location.get("postcode", "")).replace(" ", "").upper(),
        house_number=location.get("house_number"),
        house_number_suffix=str(location.get("house_number_suffix", "") or ""),
        location_description=str(location.get("description", "") or ""),
        indicator_codes=chosen,
        subjects=[_subject(subject) for subject in item.subjects],
    )


def _subject(raw: dict) -> services.SubjectInput:
    from schakel.analysis.identifiers import normalise_licence_plate, normalise_phone

    values = dict(raw)
    if values.get("licence_plate"):
        values["licence_plate"] = normalise_licence_plate(values["licence_plate"]) or ""
    if values.get("number"):
        values["phone"] = normalise_phone(values.pop("number")) or ""
    allowed = services.SubjectInput.__dataclass_fields__
    return services.SubjectInput(**{k: v for k, v in values.items() if k in allowed and v
                                    is not None})


def _handle(signal, coordinator, item, received, now, rng, reasons, partners) -> None:
    """Move signals through triage the way a coordinator would: older signals are decided,
    the last few weeks are still being assessed, and a few have been left lying (overdue)."""
    age_days = (now - received).days
    step = min(received + dt.timedelta(hours=rng.randint(2, 30)), now)
    if item.acute:
        services.move_signal(signal, coordinator, SignalStatus.FORWARDED,
                             forwarded_to=rng.choice(partners), at=step,
                             explanation="Direct doorgezet vanwege acuut gevaar.")
        return
    roll = rng.random()
    if age_days < 3 or roll < 0.04:
        return  # new, or (rarely) overlooked: the inbox shows it as overdue
    services.move_signal(signal, coordinator, SignalStatus.IN_TRIAGE, at=step)
    if age_days < 12 or (age_days < 40 and roll < 0.3):
        return  # still being assessed
    later = min(step + dt.timedelta(days=rng.randint(1, 6)), now)
    if item.domain in {"none", "smuggling"} or roll < 0.75:
        reason = _reason_for(item.domain, reasons, rng)
        services.move_signal(signal, coordinator, SignalStatus.NO_FOLLOW_UP,
                             reason_code=reason.code, at=later)
    else:
        services.move_signal(signal, coordinator, SignalStatus.FORWARDED,
                             forwarded_to=rng.choice(partners), at=later,
                             explanation="Doorgezet na beoordeling.")


def _reason_for(domain: str, reasons: list[Reason], rng: random.Random) -> Reason:
    preferred = {"none": "geen-aanwijzing", "smuggling": "mensensmokkel-doorgezet"}.get(domain)
    for reason in reasons:
        if reason.code == preferred:
            return reason
    return rng.choice(reasons)
