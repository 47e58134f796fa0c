# SPDX-License-Identifier: EUPL-1.2
"""Access-matrix rows for reporting: dashboard, charts, council letter, regional export and the
reporting API. Coordinators and the analyst may see reports (403 for everyone else); a
municipality outside the caller's scope (Papendrecht for Alblasserdam users) is 404."""

from __future__ import annotations

PAP = {"?": "gemeente=0590"}
ALLOWED = {"anon": 302, "coordinators": 200, "analyst": 200, "*": 403}
OUTSIDE = {"anon": 302, "coordinator": 404, "coordinator-papendrecht": 200, "analyst": 404,
           "*": 403}
API_ALLOWED = {"anon": 401, "coordinators": 200, "analyst": 200, "*": 403}
API_OUTSIDE = {"anon": 401, "coordinator": 404, "coordinator-papendrecht": 200, "analyst": 404,
               "*": 403}


def _with(kwargs: dict, query: str = ""):
    def build(_world):
        result = dict(kwargs)
        if query:
            result["?"] = query
        return result
    return build


IN_OR_OUT = {"": None, "gemeente=pap": lambda w: dict(PAP)}
CHART = {"": _with({"name": "signals_by_domain"}),
         "gemeente=pap": _with({"name": "signals_by_domain"}, "gemeente=0590")}
LETTER = {"": _with({"fmt": "docx"}), "gemeente=pap": _with({"fmt": "docx"}, "gemeente=0590")}
REGIONAL = {"": _with({"fmt": "csv"}), "gemeente=pap": _with({"fmt": "csv"}, "gemeente=0590")}
API_FIGURES = {"": None, "municipality=pap": lambda w: {"?": "municipality=0590"}}
API_LETTER = {"": lambda w: {"?": "format=docx"},
              "municipality=pap": lambda w: {"?": "format=docx&municipality=0590"}}

G, P = ("GET",), ("POST",)

ROUTES = {
    "reporting:dashboard": (IN_OR_OUT, G),
    "reporting:chart": (CHART, G),
    "reporting:letter": (IN_OR_OUT, G),
    "reporting:letter_introduction": (IN_OR_OUT, P),
    "reporting:letter_download": (LETTER, G),
    "reporting:regional_export": (REGIONAL, G),
    "api-report-figures": (API_FIGURES, G),
    "api-council-letter": (API_LETTER, G),
}

MATRIX = {
    "GET reporting:dashboard": ALLOWED,
    "GET reporting:dashboard[gemeente=pap]": OUTSIDE,
    "GET reporting:chart": ALLOWED,
    "GET reporting:chart[gemeente=pap]": OUTSIDE,
    "GET reporting:letter": ALLOWED,
    "GET reporting:letter[gemeente=pap]": OUTSIDE,
    # an empty introduction is refused (400) for those who may write the letter
    "POST reporting:letter_introduction":
        {"anon": 302, "coordinators": 400, "analyst": 400, "*": 403},
    "POST reporting:letter_introduction[gemeente=pap]":
        {"anon": 302, "coordinator": 404, "coordinator-papendrecht": 400, "analyst": 404,
         "*": 403},
    "GET reporting:letter_download": ALLOWED,
    "GET reporting:letter_download[gemeente=pap]": OUTSIDE,
    "GET reporting:regional_export": ALLOWED,
    "GET reporting:regional_export[gemeente=pap]": OUTSIDE,
    "GET api-report-figures": API_ALLOWED,
    "GET api-report-figures[municipality=pap]": API_OUTSIDE,
    "GET api-council-letter": API_ALLOWED,
    "GET api-council-letter[municipality=pap]": API_OUTSIDE,
}
