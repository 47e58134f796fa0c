# SPDX-License-Identifier: EUPL-1.2
"""Demo data for linking: a second signal on a known address with a person who is probably
the same (a banner and an open proposal), and a van seen in Alblasserdam and in Papendrecht
(a regional hit for both coordinators). Everything goes through the normal intake, so the
links are made by the same resolution a live signal gets."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from schakel.accounts.models import User
from schakel.signals import services
from schakel.signals.services import SubjectInput

ADDRESS = {"postcode": "2952BK", "house_number": 3}


def build_linking_demo(users: dict[str, User]) -> dict[str, str]:
    """Three signals: two on one Alblasserdam address, one in Papendrecht with the same van."""
    now = timezone.now()

    def report(user: str, days_ago: int, text: str, subjects: list[SubjectInput],
               code: str = "0482", **address) -> services.Signal:
        data = services.SignalInput(
            description=text, municipality_code=code, subjects=subjects,
            observed_on=timezone.localdate() - dt.timedelta(days=days_ago), **address)
        signal, _ = services.register_signal(
            users[user], data, submission_key=f"demo-linking-{user}-{days_ago}",
            received_at=now - dt.timedelta(days=days_ago, hours=3))
        return signal

    first = report(
        "wmo", 41,
        "Bij een huisbezoek trof ik een jonge vrouw die geen Nederlands sprak en zei dat zij "
        "haar paspoort had afgegeven aan de 'baas'. Een witte bus haalt haar 's ochtends op.",
        [SubjectInput(kind="person", role="victim", given_names="Marta", surname="Kowalczyk",
                      estimated_age=27, sex="female", nationality="Pools"),
         SubjectInput(kind="vehicle", role="facilitator", licence_plate="VTP54H")],
        **ADDRESS)
    second = report(
        "boa", 6,
        "Op dit adres wonen volgens buren zeker acht mensen. Een vrouw, Martha, vertelde dat "
        "ze voor de huur en het vervoer inhoudingen op haar loon krijgt.",
        [SubjectInput(kind="person", role="victim", given_names="Martha", surname="Kowalczyk",
                      estimated_age=28, sex="female")],
        **ADDRESS)
    elsewhere = report(
        "coordinator-papendrecht", 12,
        "Bij de tuinbouwkassen stapten zes mensen uit een witte bus; zij leken niet te weten "
        "waar zij werkten.",
        [SubjectInput(kind="vehicle", role="facilitator", licence_plate="VTP54H")],
        code="0590")
    return {"first": first.reference, "second": second.reference,
            "elsewhere": elsewhere.reference}
