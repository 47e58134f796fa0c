# SPDX-License-Identifier: EUPL-1.2
"""Access-matrix rows for attachments and the privacy officer's pages.

Objects: an attachment on the Alblasserdam inbox signal (``[alb]``), one on the Alblasserdam
case (``[albcase]``; the police handler attends its conference but gets no attachments) and one
on the Papendrecht signal (``[pap]``); a decided erasure request of Alblasserdam (``[alb]``) and
one of Papendrecht (``[pap]``, outside the Alblasserdam privacy officer's scope), and an open
erasure request in each municipality for the coordinator's confirmation (four eyes).

Attachments follow the full record: the coordinator who sees the signal or runs the case, and
nobody else (404, also for the melder who reported the signal). An empty upload is sent back
(302) with a message; an empty removal lacks its reason (400). The privacy officer's pages need
``privacy.manage_subject_requests`` (403 without it); a request of another municipality is 404.
The retention periods and legal holds are edited in the admin by the privacy officer only.
"""

from __future__ import annotations

from dataclasses import dataclass

G, P, GP = ("GET",), ("POST",), ("GET", "POST")


@dataclass
class PrivacyWorld:
    att_alb: str
    att_albcase: str
    att_pap: str
    req_alb: str
    req_pap: str
    open_alb: str
    open_pap: str


def build(world) -> PrivacyWorld:
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.utils import timezone

    from schakel.privacy import attachments, subjects

    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32

    def attach(actor, **owner):
        return str(attachments.add_attachment(
            world.users[actor], upload=SimpleUploadedFile("foto.png", png), **owner).public_id)

    def request(municipality, decided=True):
        item = subjects.register_request(
            world.users["privacy"], kind="erasure", municipality=municipality,
            received_on=timezone.localdate(), requester="Verzoeker", given_names="Iemand",
            surname="Onbekend")
        if decided:
            subjects.refuse(world.users["privacy"], item, "Matrix: afgewezen.")
        return item.number

    return PrivacyWorld(
        att_alb=attach("coordinator", signal=world.sig_alb),
        att_albcase=attach("coordinator", case=world.case_alb),
        att_pap=attach("coordinator-papendrecht", signal=world.sig_pap),
        req_alb=request(world.sig_alb.municipality),
        req_pap=request(world.sig_pap.municipality),
        open_alb=request(world.sig_alb.municipality, decided=False),
        open_pap=request(world.sig_pap.municipality, decided=False),
    )


def _extra(attr: str):
    return lambda w: {"public_id": getattr(w.extra["privacy"], attr)}


def _number(attr: str):
    return lambda w: {"number": getattr(w.extra["privacy"], attr)}


def _ref(attr: str):
    return lambda w: {"reference": getattr(w, attr).reference}


ATTACHMENT = {"alb": _extra("att_alb"), "albcase": _extra("att_albcase"),
              "pap": _extra("att_pap")}
REQUEST = {"alb": _number("req_alb"), "pap": _number("req_pap")}
OPEN_REQUEST = {"alb": _number("open_alb"), "pap": _number("open_pap")}

ROUTES = {
    "privacy:signal_upload": ({"alb": _ref("sig_alb"), "pap": _ref("sig_pap")}, GP),
    "privacy:case_upload": ({"alb": _ref("case_alb"), "pap": _ref("case_pap")}, GP),
    "privacy:download": (ATTACHMENT, G),
    "privacy:remove": (ATTACHMENT, GP),
    "privacy:overview": (None, G),
    "privacy:register": (None, G),
    "privacy:requests": (None, GP),
    "privacy:request": (REQUEST, G),
    "privacy:request_export": (REQUEST, G),
    "privacy:request_decide": (REQUEST, GP),
    "privacy:request_letter": (REQUEST, G),
    "privacy:confirmations": (None, G),
    "privacy:confirm": (OPEN_REQUEST, GP),
}

OFFICER = {"anon": 302, "privacy": 200, "*": 403}

MATRIX = {
    "GET privacy:signal_upload[alb]": {"anon": 302, "*": 405},
    "POST privacy:signal_upload[alb]": {"anon": 302, "coordinator": 302, "*": 404},
    "GET privacy:signal_upload[pap]": {"anon": 302, "*": 405},
    "POST privacy:signal_upload[pap]": {"anon": 302, "coordinator-papendrecht": 302, "*": 404},
    "GET privacy:case_upload[alb]": {"anon": 302, "*": 405},
    "POST privacy:case_upload[alb]": {"anon": 302, "coordinator": 302, "*": 404},
    "GET privacy:case_upload[pap]": {"anon": 302, "*": 405},
    "POST privacy:case_upload[pap]": {"anon": 302, "coordinator-papendrecht": 302, "*": 404},
    "GET privacy:download[alb]": {"anon": 302, "coordinator": 200, "*": 404},
    "GET privacy:download[albcase]": {"anon": 302, "coordinator": 200, "*": 404},
    "GET privacy:download[pap]": {"anon": 302, "coordinator-papendrecht": 200, "*": 404},
    "GET privacy:remove[alb]": {"anon": 302, "*": 405},
    "POST privacy:remove[alb]": {"anon": 302, "coordinator": 400, "*": 404},
    "GET privacy:remove[albcase]": {"anon": 302, "*": 405},
    "POST privacy:remove[albcase]": {"anon": 302, "coordinator": 400, "*": 404},
    "GET privacy:remove[pap]": {"anon": 302, "*": 405},
    "POST privacy:remove[pap]": {"anon": 302, "coordinator-papendrecht": 400, "*": 404},
    "GET privacy:overview": OFFICER,
    "GET privacy:register": OFFICER,
    "GET privacy:requests": OFFICER,
    "POST privacy:requests": OFFICER,
    "GET privacy:request[alb]": OFFICER,
    "GET privacy:request[pap]": {"anon": 302, "privacy": 404, "*": 403},
    "GET privacy:request_export[alb]": OFFICER,
    "GET privacy:request_export[pap]": {"anon": 302, "privacy": 404, "*": 403},
    "GET privacy:request_decide[alb]": {"anon": 302, "*": 405},
    "POST privacy:request_decide[alb]": {"anon": 302, "privacy": 400, "*": 403},
    "GET privacy:request_decide[pap]": {"anon": 302, "*": 405},
    "POST privacy:request_decide[pap]": {"anon": 302, "privacy": 404, "*": 403},
    "GET privacy:request_letter[alb]": OFFICER,
    "GET privacy:request_letter[pap]": {"anon": 302, "privacy": 404, "*": 403},
    # the coordinator's confirmation of an erasure request (four eyes); an empty POST shows
    # the form again (the check box is required)
    "GET privacy:confirmations": {"anon": 302, "coordinators": 200, "*": 403},
    "GET privacy:confirm[alb]": {"anon": 302, "coordinator": 200, "coordinator-papendrecht": 404,
                                 "*": 403},
    "POST privacy:confirm[alb]": {"anon": 302, "coordinator": 200,
                                  "coordinator-papendrecht": 404, "*": 403},
    "GET privacy:confirm[pap]": {"anon": 302, "coordinator": 404, "coordinator-papendrecht": 200,
                                 "*": 403},
    "POST privacy:confirm[pap]": {"anon": 302, "coordinator": 404,
                                  "coordinator-papendrecht": 200, "*": 403},
    "GET admin:privacy_legalhold_changelist":
        {"anon": 302, "admin": 403, "privacy": 200, "*": 302},
    "GET admin:privacy_retentionpolicy_changelist":
        {"anon": 302, "admin": 403, "privacy": 200, "*": 302},
}
