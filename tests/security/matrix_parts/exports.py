# SPDX-License-Identifier: EUPL-1.2
"""Access-matrix rows for exports: the HTCDS export page (coordinators and analysts; analysts
only get the de-identified variant), and per case the CoMensha page, the consent form and the
checklist PDF (only the coordinator who runs the case). Objects: in each municipality a case
whose signal names a possible victim. Everyone else: 403 on the export page (no function),
404 on the case-bound URLs (existence not revealed)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class ExportsWorld:
    case_alb: str
    case_pap: str
    victim_alb: int
    victim_pap: int


def build(world) -> ExportsWorld:
    from schakel.cases import services as cases
    from schakel.signals import services as signals

    def victim_case(user: str, code: str):
        data = signals.SignalInput(
            description="Jonge vrouw werkt in een woning (exporttest).", municipality_code=code,
            subjects=[signals.SubjectInput(kind="person", role="victim", given_names="Iryna",
                                           surname="Bondarenko", estimated_age=19,
                                           nationality="Oekraïens", sex="female")])
        signal = signals.register_signal(world.users[user], data)[0]
        case = cases.open_case(world.users[user], signal, title="Exportcasus")
        return case.reference, signal.subjects.get().pk

    case_alb, victim_alb = victim_case("coordinator", "0482")
    case_pap, victim_pap = victim_case("coordinator-papendrecht", "0590")
    return ExportsWorld(case_alb, case_pap, victim_alb, victim_pap)


def _case(attr: str):
    return lambda w: {"reference": getattr(w.extra["exports"], attr)}


def _victim(case: str, victim: str):
    return lambda w: {"reference": getattr(w.extra["exports"], case),
                      "pk": getattr(w.extra["exports"], victim)}


CASE = {"alb": _case("case_alb"), "pap": _case("case_pap")}
VICTIM = {"alb": _victim("case_alb", "victim_alb"), "pap": _victim("case_pap", "victim_pap"),
          # a person of the Papendrecht case on the URL of the Alblasserdam case
          "alb+pap": _victim("case_alb", "victim_pap")}
G, P, GP = ("GET",), ("POST",), ("GET", "POST")

ROUTES = {
    "exports:index": (None, GP),
    "exports:comensha": (CASE, G),
    "exports:consent": (VICTIM, GP),
    "exports:comensha_pdf": (VICTIM, G),
}

MATRIX = {
    # an empty POST re-renders the form with errors (200); no file is produced
    "GET exports:index": {"anon": 302, "coordinators": 200, "analyst": 200, "*": 403},
    "POST exports:index": {"anon": 302, "coordinators": 200, "analyst": 200, "*": 403},
    "GET exports:comensha[alb]": {"anon": 302, "coordinator": 200, "*": 404},
    "GET exports:comensha[pap]": {"anon": 302, "coordinator-papendrecht": 200, "*": 404},
    "GET exports:consent[alb]": {"anon": 302, "*": 405},
    "POST exports:consent[alb]": {"anon": 302, "coordinator": 200, "*": 404},
    "GET exports:consent[pap]": {"anon": 302, "*": 405},
    "POST exports:consent[pap]": {"anon": 302, "coordinator-papendrecht": 200, "*": 404},
    "GET exports:consent[alb+pap]": {"anon": 302, "*": 405},
    "POST exports:consent[alb+pap]": {"anon": 302, "*": 404},
    "GET exports:comensha_pdf[alb]": {"anon": 302, "coordinator": 200, "*": 404},
    "GET exports:comensha_pdf[pap]": {"anon": 302, "coordinator-papendrecht": 200, "*": 404},
    "GET exports:comensha_pdf[alb+pap]": {"anon": 302, "*": 404},
}
