# SPDX-License-Identifier: EUPL-1.2
"""The access matrix: every URL pattern × every demo user, against an expected status code.

``MATRIX`` below is the specification; docs/security.md ("## Access matrix") shows the same
table and a test keeps the two equal. Every URL pattern of the project (web, API router, admin)
must have an entry, so a new URL fails here until someone decides who may open it.

Objects are real: a signal reported by the melder in Alblasserdam, one in Papendrecht, a case in
each municipality, referrals to the police, the labour inspectorate (NLA) and (from Papendrecht)
the police, a conference in each municipality (the police handler invited and confirmed, the
NLA inspector invited and not yet confirmed), interventions and register-scan hits and checks.
Variants in square brackets name which object was filled in: ``[alb]`` Alblasserdam,
``[pap]`` Papendrecht, ``[politie]``/``[nla]`` the referral's receiving organisation.
"""

from __future__ import annotations

import datetime as dt
import importlib
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

# --- who ---------------------------------------------------------------------------------------

USERS = ("anon", "melder", "boa", "wmo", "partner", "cjg", "welzijn", "coordinator",
         "coordinator-papendrecht", "handler", "inspecteur-nla", "toezicht-ozhz", "veilig-thuis",
         "analyst", "admin", "privacy")
SHORT = {"anon": "anon", "melder": "mel", "boa": "boa", "wmo": "wmo", "partner": "par",
         "cjg": "cjg", "welzijn": "wlz", "coordinator": "coo", "coordinator-papendrecht": "cooP",
         "handler": "pol", "inspecteur-nla": "nla", "toezicht-ozhz": "ozhz",
         "veilig-thuis": "vt", "analyst": "ana", "admin": "adm", "privacy": "prv"}
GROUPS = {
    "melders": ("melder", "boa", "wmo"),
    "partners": ("partner", "cjg", "welzijn"),
    "reporters": ("melder", "boa", "wmo", "partner", "cjg", "welzijn"),
    "coordinators": ("coordinator", "coordinator-papendrecht"),
    "handlers": ("handler", "inspecteur-nla", "toezicht-ozhz", "veilig-thuis"),
    "staff": ("admin", "privacy"),
    "users": tuple(u for u in USERS if u != "anon"),
}

SECRET_ALB = "MATRIXGEHEIM-ALB inbox-signaal"
SECRET_ALB_CASE = "MATRIXGEHEIM-ALBCASE casus-signaal"
SECRET_PAP = "MATRIXGEHEIM-PAP inbox-signaal"
SECRET_PAP_CASE = "MATRIXGEHEIM-PAPCASE casus-signaal"
# Who may ever see which description; every other response must not contain it.
SECRET_READERS = {
    SECRET_ALB: {"coordinator"},
    SECRET_ALB_CASE: {"coordinator", "handler", "inspecteur-nla"},
    SECRET_PAP: {"coordinator-papendrecht"},
    SECRET_PAP_CASE: {"coordinator-papendrecht", "handler"},
}
NO_CONTENT = ("anon", "melder", "boa", "wmo", "partner", "cjg", "welzijn", "analyst", "admin",
              "privacy", "toezicht-ozhz", "veilig-thuis")

# --- the matrix ----------------------------------------------------------------------------------
# key: "METHOD url-name[variant]"; value: {user or group or "*": expected status}.
# Most specific wins: a user name, then a group (in GROUPS order), then "*".

MATRIX: dict[str, dict[str, int]] = {
    # The admin (one group: index plus every changelist; all other admin:* URLs are covered by
    # the same rule): staff with the model permission 200, staff without 403, others 302 to the
    # admin login.
    "GET admin:accounts_municipality_changelist":
        {"anon": 302, "admin": 200, "privacy": 403, "*": 302},
    "GET admin:accounts_organisation_changelist":
        {"anon": 302, "admin": 200, "privacy": 403, "*": 302},
    "GET admin:accounts_user_changelist": {"anon": 302, "admin": 200, "privacy": 403, "*": 302},
    "GET admin:audit_accessevent_changelist": {"anon": 302, "admin": 403, "privacy": 200, "*": 302},
    "GET admin:auth_group_changelist": {"anon": 302, "staff": 403, "*": 302},
    "GET admin:authtoken_tokenproxy_changelist": {"anon": 302, "staff": 403, "*": 302},
    "GET admin:axes_accessattempt_changelist": {"anon": 302, "staff": 403, "*": 302},
    "GET admin:axes_accessfailurelog_changelist": {"anon": 302, "staff": 403, "*": 302},
    "GET admin:axes_accesslog_changelist": {"anon": 302, "staff": 403, "*": 302},
    "GET admin:catalog_catalogload_changelist": {"anon": 302, "staff": 403, "*": 302},
    "GET admin:catalog_domain_changelist": {"anon": 302, "admin": 200, "privacy": 403, "*": 302},
    "GET admin:catalog_indicator_changelist": {"anon": 302, "admin": 200, "privacy": 403, "*": 302},
    "GET admin:catalog_interventiontype_changelist":
        {"anon": 302, "admin": 200, "privacy": 403, "*": 302},
    "GET admin:catalog_legalreference_changelist":
        {"anon": 302, "admin": 200, "privacy": 403, "*": 302},
    "GET admin:catalog_partner_changelist": {"anon": 302, "admin": 200, "privacy": 403, "*": 302},
    "GET admin:catalog_reason_changelist": {"anon": 302, "admin": 200, "privacy": 403, "*": 302},
    "GET admin:catalog_subform_changelist": {"anon": 302, "admin": 200, "privacy": 403, "*": 302},
    "GET admin:index": {"anon": 302, "staff": 200, "*": 302},
    "GET admin:policy_barrierassessment_changelist": {"anon": 302, "staff": 403, "*": 302},
    "GET admin:policy_barriermodel_changelist":
        {"anon": 302, "admin": 200, "privacy": 403, "*": 302},
    "GET admin:policy_barriermodelrevision_changelist": {"anon": 302, "staff": 403, "*": 302},
    "GET admin:policy_barrierstep_changelist":
        {"anon": 302, "admin": 200, "privacy": 403, "*": 302},
    "GET admin:policy_bbaassessment_changelist": {"anon": 302, "staff": 403, "*": 302},
    "GET admin:policy_bbaitem_changelist": {"anon": 302, "admin": 200, "privacy": 403, "*": 302},
    "GET admin:policy_instrument_changelist": {"anon": 302, "admin": 200, "privacy": 403, "*": 302},
    "GET admin:policy_staffcount_changelist": {"anon": 302, "staff": 403, "*": 302},
    "GET admin:policy_trainingsession_changelist": {"anon": 302, "staff": 403, "*": 302},
    "GET admin:scans_scansettings_changelist":
        {"anon": 302, "admin": 200, "privacy": 403, "*": 302},
    "GET api-not-found": {"anon": 404, "*": 404},
    "GET audit:export": {"anon": 302, "privacy": 200, "*": 403},
    "GET audit:logbook": {"anon": 302, "privacy": 200, "*": 403},
    "GET audit:person": {"anon": 302, "privacy": 200, "*": 403},
    "POST audit:person": {"anon": 302, "privacy": 200, "*": 403},
    # Schema and docs need a signed-in user or a token, like every other API call.
    "GET api-docs": {"anon": 401, "*": 200},
    "GET api-root": {"anon": 401, "*": 200},
    "GET api-schema": {"anon": 401, "*": 200},
    "GET case-detail[alb]": {"anon": 401, "coordinator": 200, "*": 404},
    "GET case-detail[pap]": {"anon": 401, "coordinator-papendrecht": 200, "*": 404},
    "GET case-interventions[alb]": {"anon": 401, "coordinator": 200, "*": 404},
    "POST case-interventions[alb]": {"anon": 401, "coordinator": 400, "*": 404},
    "GET case-interventions[pap]": {"anon": 401, "coordinator-papendrecht": 200, "*": 404},
    "POST case-interventions[pap]": {"anon": 401, "coordinator-papendrecht": 400, "*": 404},
    # API lists answer 403 for roles without the function, like the web pages.
    "GET case-list": {"anon": 401, "coordinators": 200, "*": 403},
    "POST case-notes[alb]": {"anon": 401, "coordinator": 400, "*": 404},
    "POST case-notes[pap]": {"anon": 401, "coordinator-papendrecht": 400, "*": 404},
    "GET case-referrals[alb]": {"anon": 401, "coordinator": 200, "*": 404},
    "POST case-referrals[alb]": {"anon": 401, "coordinator": 400, "*": 404},
    "GET case-referrals[pap]": {"anon": 401, "coordinator-papendrecht": 200, "*": 404},
    "POST case-referrals[pap]": {"anon": 401, "coordinator-papendrecht": 400, "*": 404},
    "GET case-timeline[alb]": {"anon": 401, "coordinator": 200, "*": 404},
    "GET case-timeline[pap]": {"anon": 401, "coordinator-papendrecht": 200, "*": 404},
    "POST case-transitions[alb]": {"anon": 401, "coordinator": 400, "*": 404},
    "POST case-transitions[pap]": {"anon": 401, "coordinator-papendrecht": 400, "*": 404},
    "GET cases:agenda_case[alb+pap]": {"anon": 302, "*": 404},
    "GET cases:agenda_case[alb]": {"anon": 302, "coordinator": 200, "handler": 200, "*": 404},
    "GET cases:agenda_case[pap]": {"anon": 302, "coordinator-papendrecht": 200, "*": 404},
    "GET cases:agenda_decision[alb+pap]": {"anon": 302, "*": 405},
    "POST cases:agenda_decision[alb+pap]": {"anon": 302, "*": 404},
    "GET cases:agenda_decision[alb]": {"anon": 302, "*": 405},
    "POST cases:agenda_decision[alb]": {"anon": 302, "coordinator": 200, "*": 404},
    "GET cases:agenda_decision[pap]": {"anon": 302, "*": 405},
    "POST cases:agenda_decision[pap]": {"anon": 302, "coordinator-papendrecht": 200, "*": 404},
    "GET cases:conference[alb]":
        {"anon": 302, "coordinator": 200, "handler": 200, "inspecteur-nla": 200, "*": 404},
    "GET cases:conference[pap]": {"anon": 302, "coordinator-papendrecht": 200, "*": 404},
    "GET cases:conference_confirm[alb]": {"anon": 302, "*": 405},
    "POST cases:conference_confirm[alb]":
        {"anon": 302, "coordinator": 302, "handler": 302, "inspecteur-nla": 302, "*": 404},
    "GET cases:conference_confirm[pap]": {"anon": 302, "*": 405},
    "POST cases:conference_confirm[pap]": {"anon": 302, "coordinator-papendrecht": 302, "*": 404},
    "GET cases:conference_minutes[alb]":
        {"anon": 302, "coordinator": 200, "handler": 200, "*": 404},
    "GET cases:conference_minutes[pap]": {"anon": 302, "coordinator-papendrecht": 200, "*": 404},
    "GET cases:conference_new": {"anon": 302, "coordinators": 200, "*": 403},
    "POST cases:conference_new": {"anon": 302, "coordinators": 200, "*": 403},
    "GET cases:conferences":
        {"anon": 302, "coordinators": 200, "handler": 200, "inspecteur-nla": 200, "*": 403},
    "GET cases:dashboard": {"anon": 302, "coordinators": 200, "*": 403},
    "GET cases:detail[alb]": {"anon": 302, "coordinator": 200, "handler": 302, "*": 404},
    "GET cases:detail[pap]": {"anon": 302, "coordinator-papendrecht": 200, "*": 404},
    "GET cases:edit[alb]": {"anon": 302, "*": 405},
    "POST cases:edit[alb]": {"anon": 302, "coordinator": 200, "*": 404},
    "GET cases:edit[pap]": {"anon": 302, "*": 405},
    "POST cases:edit[pap]": {"anon": 302, "coordinator-papendrecht": 200, "*": 404},
    "GET cases:intervention[alb]": {"anon": 302, "*": 405},
    "POST cases:intervention[alb]": {"anon": 302, "coordinator": 200, "*": 404},
    "GET cases:intervention[pap]": {"anon": 302, "*": 405},
    "POST cases:intervention[pap]": {"anon": 302, "coordinator-papendrecht": 200, "*": 404},
    "GET cases:intervention_update[alb]": {"anon": 302, "*": 405},
    "POST cases:intervention_update[alb]": {"anon": 302, "coordinator": 200, "*": 404},
    "GET cases:intervention_update[pap]": {"anon": 302, "*": 405},
    "POST cases:intervention_update[pap]": {"anon": 302, "coordinator-papendrecht": 200, "*": 404},
    "GET cases:list": {"anon": 302, "coordinators": 200, "*": 403},
    "GET cases:note[alb]": {"anon": 302, "*": 405},
    "POST cases:note[alb]": {"anon": 302, "coordinator": 200, "*": 404},
    "GET cases:note[pap]": {"anon": 302, "*": 405},
    "POST cases:note[pap]": {"anon": 302, "coordinator-papendrecht": 200, "*": 404},
    "GET cases:refer[alb]": {"anon": 302, "*": 405},
    "POST cases:refer[alb]": {"anon": 302, "coordinator": 200, "*": 404},
    "GET cases:refer[pap]": {"anon": 302, "*": 405},
    "POST cases:refer[pap]": {"anon": 302, "coordinator-papendrecht": 200, "*": 404},
    "GET cases:referral[nla]": {"anon": 302, "coordinator": 200, "inspecteur-nla": 200, "*": 404},
    "GET cases:referral[pap]":
        {"anon": 302, "coordinator-papendrecht": 200, "handler": 200, "*": 404},
    "GET cases:referral[politie]": {"anon": 302, "coordinator": 200, "handler": 200, "*": 404},
    "GET cases:referral_respond[nla]": {"anon": 302, "*": 405},
    "POST cases:referral_respond[nla]": {"anon": 302, "inspecteur-nla": 200, "*": 404},
    "GET cases:referral_respond[pap]": {"anon": 302, "*": 405},
    "POST cases:referral_respond[pap]": {"anon": 302, "handler": 200, "*": 404},
    "GET cases:referral_respond[politie]": {"anon": 302, "*": 405},
    "POST cases:referral_respond[politie]": {"anon": 302, "handler": 200, "*": 404},
    "GET cases:referral_revoke[nla]": {"anon": 302, "*": 405},
    "POST cases:referral_revoke[nla]": {"anon": 302, "coordinator": 302, "*": 404},
    "GET cases:referral_revoke[pap]": {"anon": 302, "*": 405},
    "POST cases:referral_revoke[pap]": {"anon": 302, "coordinator-papendrecht": 302, "*": 404},
    "GET cases:referral_revoke[politie]": {"anon": 302, "*": 405},
    "POST cases:referral_revoke[politie]": {"anon": 302, "coordinator": 302, "*": 404},
    "GET cases:referrals": {"anon": 302, "coordinators": 200, "handlers": 200, "*": 403},
    "GET cases:status[alb]": {"anon": 302, "*": 405},
    "POST cases:status[alb]": {"anon": 302, "coordinator": 200, "*": 404},
    "GET cases:status[pap]": {"anon": 302, "*": 405},
    "POST cases:status[pap]": {"anon": 302, "coordinator-papendrecht": 200, "*": 404},
    "GET cases:triage[alb]": {"anon": 302, "*": 405},
    "POST cases:triage[alb]": {"anon": 302, "coordinator": 200, "*": 404},
    "GET cases:triage[pap]": {"anon": 302, "*": 405},
    "POST cases:triage[pap]": {"anon": 302, "coordinator-papendrecht": 200, "*": 404},
    "POST conference-confirm[alb]":
        {"anon": 401, "coordinator": 200, "handler": 200, "inspecteur-nla": 200, "*": 404},
    "POST conference-confirm[pap]": {"anon": 401, "coordinator-papendrecht": 200, "*": 404},
    "POST conference-decisions[alb]": {"anon": 401, "coordinator": 400, "*": 404},
    "POST conference-decisions[pap]": {"anon": 401, "coordinator-papendrecht": 400, "*": 404},
    "GET conference-detail[alb]":
        {"anon": 401, "coordinator": 200, "handler": 200, "inspecteur-nla": 200, "*": 404},
    "GET conference-detail[pap]": {"anon": 401, "coordinator-papendrecht": 200, "*": 404},
    "GET conference-list":
        {"anon": 401, "coordinators": 200, "handler": 200, "inspecteur-nla": 200, "*": 403},
    "GET domain-detail": {"anon": 401, "*": 200},
    "GET domain-list": {"anon": 401, "*": 200},
    "GET health": {"anon": 200, "*": 200},
    "GET home": {"anon": 302, "staff": 200, "*": 302},
    "GET indicator-detail": {"anon": 401, "*": 200},
    "GET indicator-list": {"anon": 401, "*": 200},
    "GET intervention-detail[alb]": {"anon": 401, "coordinator": 200, "*": 404},
    "GET intervention-detail[pap]": {"anon": 401, "coordinator-papendrecht": 200, "*": 404},
    "GET legal-basis-detail": {"anon": 401, "*": 200},
    "GET legal-basis-list": {"anon": 401, "*": 200},
    "GET login": {"anon": 200, "*": 302},
    "GET logout": {"anon": 405, "*": 405},
    "POST logout": {"anon": 302, "*": 302},
    "GET no-follow-up-reason-detail": {"anon": 401, "*": 200},
    "GET no-follow-up-reason-list": {"anon": 401, "*": 200},
    "GET organisation-detail": {"anon": 401, "*": 200},
    "GET organisation-list": {"anon": 401, "*": 200},
    "GET outcome-detail": {"anon": 401, "*": 200},
    "GET outcome-list": {"anon": 401, "*": 200},
    "GET policy-barrier-assessment-list":
        {"anon": 401, "coordinators": 200, "analyst": 200, "*": 403},
    "POST policy-barrier-assessment-list":
        {"anon": 401, "coordinators": 400, "analyst": 400, "*": 403},
    "GET policy-barrier-model-detail": {"anon": 401, "coordinators": 200, "analyst": 200, "*": 403},
    "GET policy-barrier-model-list": {"anon": 401, "coordinators": 200, "analyst": 200, "*": 403},
    "GET policy-bba-list": {"anon": 401, "coordinators": 200, "analyst": 200, "*": 403},
    "GET policy:barrier": {"anon": 302, "coordinators": 200, "analyst": 200, "*": 403},
    "POST policy:barrier": {"anon": 302, "coordinators": 200, "analyst": 200, "*": 403},
    "GET policy:bba": {"anon": 302, "coordinators": 200, "analyst": 200, "*": 403},
    "GET policy:bba_item": {"anon": 302, "coordinators": 200, "analyst": 200, "*": 403},
    "POST policy:bba_item": {"anon": 302, "coordinators": 200, "analyst": 200, "*": 403},
    "GET policy:bba_pdf": {"anon": 302, "coordinators": 200, "analyst": 200, "*": 403},
    "GET policy:index": {"anon": 302, "coordinators": 200, "analyst": 200, "*": 403},
    "GET policy:index[gemeente=pap]":
        {"anon": 302, "coordinator": 404, "coordinator-papendrecht": 200, "analyst": 404, "*": 403},
    "GET policy:model": {"anon": 302, "coordinators": 200, "analyst": 200, "*": 403},
    "GET policy:model_history": {"anon": 302, "coordinators": 200, "analyst": 200, "*": 403},
    "GET policy:model_pdf": {"anon": 302, "coordinators": 200, "analyst": 200, "*": 403},
    "GET policy:model_svg": {"anon": 302, "coordinators": 200, "analyst": 200, "*": 403},
    "GET policy:signal_card": {"anon": 302, "*": 200},
    "GET policy:signal_card_pdf": {"anon": 302, "*": 200},
    "GET policy:staff_counts": {"anon": 302, "coordinators": 405, "analyst": 405, "*": 403},
    "POST policy:staff_counts": {"anon": 302, "coordinators": 302, "analyst": 302, "*": 403},
    "GET policy:training": {"anon": 302, "coordinators": 200, "analyst": 200, "*": 403},
    "GET policy:training[gemeente=pap]":
        {"anon": 302, "coordinator": 404, "coordinator-papendrecht": 200, "analyst": 404, "*": 403},
    "GET referral-detail[nla]": {"anon": 401, "coordinator": 200, "inspecteur-nla": 200, "*": 404},
    "GET referral-detail[pap]":
        {"anon": 401, "coordinator-papendrecht": 200, "handler": 200, "*": 404},
    "GET referral-detail[politie]": {"anon": 401, "coordinator": 200, "handler": 200, "*": 404},
    "GET referral-list": {"anon": 401, "coordinators": 200, "handlers": 200, "*": 403},
    "GET scans:create_signal[alb]": {"anon": 302, "*": 405},
    "POST scans:create_signal[alb]":
        {"anon": 302, "coordinator": 302, "coordinator-papendrecht": 404, "*": 403},
    "GET scans:create_signal[pap]": {"anon": 302, "*": 405},
    "POST scans:create_signal[pap]":
        {"anon": 302, "coordinator": 404, "coordinator-papendrecht": 302, "*": 403},
    "GET scans:dismiss[alb]": {"anon": 302, "*": 405},
    "POST scans:dismiss[alb]":
        {"anon": 302, "coordinator": 302, "coordinator-papendrecht": 404, "*": 403},
    "GET scans:dismiss[pap]": {"anon": 302, "*": 405},
    "POST scans:dismiss[pap]":
        {"anon": 302, "coordinator": 404, "coordinator-papendrecht": 302, "*": 403},
    "GET scans:outcome[alb]": {"anon": 302, "*": 405},
    "POST scans:outcome[alb]":
        {"anon": 302, "coordinator": 302, "coordinator-papendrecht": 404, "*": 403},
    "GET scans:outcome[pap]": {"anon": 302, "*": 405},
    "POST scans:outcome[pap]":
        {"anon": 302, "coordinator": 404, "coordinator-papendrecht": 302, "*": 403},
    "GET scans:plan_check[alb]": {"anon": 302, "*": 405},
    "POST scans:plan_check[alb]":
        {"anon": 302, "coordinator": 302, "coordinator-papendrecht": 404, "*": 403},
    "GET scans:plan_check[pap]": {"anon": 302, "*": 405},
    "POST scans:plan_check[pap]":
        {"anon": 302, "coordinator": 404, "coordinator-papendrecht": 302, "*": 403},
    "GET scans:run": {"anon": 302, "*": 405},
    "POST scans:run": {"anon": 302, "coordinators": 302, "*": 403},
    "GET scans:worklist": {"anon": 302, "coordinators": 200, "*": 403},
    "POST signal-assign[alb]": {"anon": 401, "coordinator": 400, "*": 404},
    "POST signal-assign[pap]": {"anon": 401, "coordinator-papendrecht": 400, "*": 404},
    "GET signal-detail[alb]": {"anon": 401, "melder": 200, "coordinator": 200, "*": 404},
    "GET signal-detail[pap]": {"anon": 401, "coordinator-papendrecht": 200, "*": 404},
    "GET signal-history[alb]": {"anon": 401, "coordinator": 200, "*": 404},
    "GET signal-history[pap]": {"anon": 401, "coordinator-papendrecht": 200, "*": 404},
    "GET signal-list": {"anon": 401, "reporters": 200, "coordinators": 200, "*": 403},
    "POST signal-list": {"anon": 401, "handlers": 403, "staff": 403, "analyst": 403, "*": 400},
    "POST signal-notes[alb]": {"anon": 401, "coordinator": 400, "*": 404},
    "POST signal-notes[pap]": {"anon": 401, "coordinator-papendrecht": 400, "*": 404},
    "POST signal-status[alb]": {"anon": 401, "coordinator": 400, "*": 404},
    "POST signal-status[pap]": {"anon": 401, "coordinator-papendrecht": 400, "*": 404},
    "POST signal-triage[alb]": {"anon": 401, "coordinator": 400, "*": 404},
    "POST signal-triage[pap]": {"anon": 401, "coordinator-papendrecht": 400, "*": 404},
    "GET signals:assign[alb]": {"anon": 302, "*": 405},
    "POST signals:assign[alb]": {"anon": 302, "coordinator": 302, "*": 404},
    "GET signals:assign[pap]": {"anon": 302, "*": 405},
    "POST signals:assign[pap]": {"anon": 302, "coordinator-papendrecht": 302, "*": 404},
    "GET signals:detail[alb]": {"anon": 302, "melder": 302, "coordinator": 200, "*": 404},
    "GET signals:detail[pap]": {"anon": 302, "coordinator-papendrecht": 200, "*": 404},
    "GET signals:detect": {"anon": 302, "*": 405},
    "POST signals:detect": {"anon": 302, "handlers": 403, "staff": 403, "analyst": 403, "*": 200},
    "GET signals:inbox": {"anon": 302, "coordinators": 200, "*": 403},
    "GET signals:mine": {"anon": 302, "handlers": 403, "staff": 403, "analyst": 403, "*": 200},
    "GET signals:note[alb]": {"anon": 302, "*": 405},
    "POST signals:note[alb]": {"anon": 302, "coordinator": 302, "*": 404},
    "GET signals:note[pap]": {"anon": 302, "*": 405},
    "POST signals:note[pap]": {"anon": 302, "coordinator-papendrecht": 302, "*": 404},
    "GET signals:quality": {"anon": 302, "coordinators": 200, "*": 403},
    "GET signals:receipt[alb]": {"anon": 302, "melder": 200, "*": 404},
    "GET signals:receipt[pap]": {"anon": 302, "coordinator-papendrecht": 200, "*": 404},
    "GET signals:report": {"anon": 302, "handlers": 403, "staff": 403, "analyst": 403, "*": 200},
    "GET signals:report_form":
        {"anon": 302, "handlers": 403, "staff": 403, "analyst": 403, "*": 200},
    "POST signals:report_form":
        {"anon": 302, "handlers": 403, "staff": 403, "analyst": 403, "*": 200},
    "GET signals:status[alb]": {"anon": 302, "*": 405},
    "POST signals:status[alb]": {"anon": 302, "coordinator": 302, "*": 404},
    "GET signals:status[pap]": {"anon": 302, "*": 405},
    "POST signals:status[pap]": {"anon": 302, "coordinator-papendrecht": 302, "*": 404},
}

# The admin is one group: every admin:* URL is covered by these rows.
ADMIN_GROUP = "admin:*"

# --- objects -------------------------------------------------------------------------------------


@dataclass
class World:
    users: dict
    sig_alb: object
    sig_pap: object
    case_alb: object
    case_pap: object
    ref_politie: object
    ref_nla: object
    ref_pap: object
    conf_alb: object
    conf_pap: object
    int_alb: object
    int_pap: object
    hit_alb: object
    hit_pap: object
    check_alb: object
    check_pap: object
    model_code: str
    barrier_pk: int
    bba_code: str
    domain_code: str
    indicator_code: str
    org_slug: str
    legal_code: str
    outcome_code: str
    nfu_code: str
    # objects built by the matrix parts (tests/security/matrix_parts/), by part name
    extra: dict = field(default_factory=dict)


def build_world() -> World:
    from schakel.accounts.models import Municipality, Organisation, User
    from schakel.cases import services as cases
    from schakel.cases.models import Referral
    from schakel.catalog.models import (
        Domain,
        Indicator,
        InterventionType,
        LegalReference,
        Reason,
    )
    from schakel.core.demo import build_demo
    from schakel.policy.models import Barrier, BarrierModel, BbaItem
    from schakel.scans.models import Hit, HitCheck, ScanRun
    from schakel.signals import services as signals

    build_demo(seed=1, signal_count=0)
    users = {u.username: u for u in User.objects.all()}
    alb = Municipality.objects.get(cbs_code="0482")
    pap = Municipality.objects.get(cbs_code="0590")
    org = {o.slug: o for o in Organisation.objects.all()}

    def signal(reporter: str, text: str, code: str):
        data = signals.SignalInput(description=text, municipality_code=code)
        return signals.register_signal(users[reporter], data)[0]

    sig_alb = signal("melder", SECRET_ALB, "0482")
    sig_alb_case = signal("boa", SECRET_ALB_CASE, "0482")
    sig_pap = signal("coordinator-papendrecht", SECRET_PAP, "0590")
    sig_pap_case = signal("coordinator-papendrecht", SECRET_PAP_CASE, "0590")
    coo, coo_p = users["coordinator"], users["coordinator-papendrecht"]
    case_alb = cases.open_case(coo, sig_alb_case, title="Matrixcasus Alblasserdam")
    case_pap = cases.open_case(coo_p, sig_pap_case, title="Matrixcasus Papendrecht")
    due = timezone.localdate() + dt.timedelta(days=14)

    def refer(case, actor, slug):
        return cases.refer(case, actor, cases.ReferralInput(
            organisation=org[slug], reason="Onderzoek graag.", due_on=due,
            consent=Referral.Consent.GIVEN))

    ref_politie = refer(case_alb, coo, "politie")
    ref_nla = refer(case_alb, coo, "nla")
    ref_pap = refer(case_pap, coo_p, "politie")
    kind = InterventionType.objects.filter(active=True).first().code
    int_alb = cases.add_intervention(case_alb, coo, type_code=kind,
                                     organisation=org["alblasserdam-oov"], due_on=due)
    int_pap = cases.add_intervention(case_pap, coo_p, type_code=kind,
                                     organisation=org["papendrecht-oov"], due_on=due)
    when = timezone.now() + dt.timedelta(days=1)
    conf_alb = cases.schedule_conference(
        coo, title="Matrixoverleg", scheduled_at=when, location="Stadhuis", cases=[case_alb],
        organisations=[org["politie"], org["nla"]],
        participants=[users["handler"], users["inspecteur-nla"]])
    cases.confirm_confidentiality(conf_alb, users["handler"])
    conf_pap = cases.schedule_conference(
        coo_p, title="Matrixoverleg P", scheduled_at=when, location="Raadhuis", cases=[case_pap],
        organisations=[org["politie"]], participants=[])

    def scan(municipality, user, prefix):
        run = ScanRun.objects.create(municipality=municipality, started_by=user,
                                     peildatum=timezone.localdate(), config={})
        hit = Hit.objects.create(run=run, rank=1, object_id=f"{prefix}010000000001",
                                 postcode="2951AA", house_number=1, score=1.0, fingerprint="f")
        check = HitCheck.objects.create(hit=hit, kind=HitCheck.Kind.BRP_ADDRESS,
                                        due_date=timezone.localdate(), planned_by=user)
        return hit, check

    hit_alb, check_alb = scan(alb, coo, "0482")
    hit_pap, check_pap = scan(pap, coo_p, "0590")
    model = BarrierModel.objects.filter(active=True).first()
    return World(
        users=users, sig_alb=sig_alb, sig_pap=sig_pap, case_alb=case_alb, case_pap=case_pap,
        ref_politie=ref_politie, ref_nla=ref_nla, ref_pap=ref_pap, conf_alb=conf_alb,
        conf_pap=conf_pap, int_alb=int_alb, int_pap=int_pap, hit_alb=hit_alb, hit_pap=hit_pap,
        check_alb=check_alb, check_pap=check_pap, model_code=model.code,
        barrier_pk=Barrier.objects.filter(active=True, step__model=model).first().pk,
        bba_code=BbaItem.objects.first().code, domain_code=Domain.objects.first().code,
        indicator_code=Indicator.objects.first().code, org_slug="politie",
        legal_code=LegalReference.objects.filter(active=True).first().code,
        outcome_code=Reason.objects.filter(kind=Reason.Kind.CASE_OUTCOME).first().code,
        nfu_code=Reason.objects.filter(kind=Reason.Kind.NO_FOLLOW_UP).first().code,
    )


# --- URL parameters per variant ------------------------------------------------------------------

Kwargs = Callable[[World], dict]


def _sig(attr: str) -> Kwargs:
    return lambda w: {"reference": getattr(w, attr).reference}


def _pk(attr: str) -> Kwargs:
    return lambda w: {"pk": getattr(w, attr).pk}


SIGNAL = {"alb": _sig("sig_alb"), "pap": _sig("sig_pap")}
CASE = {"alb": _sig("case_alb"), "pap": _sig("case_pap")}
REFERRAL = {"politie": _pk("ref_politie"), "nla": _pk("ref_nla"), "pap": _pk("ref_pap")}
CONFERENCE = {"alb": _pk("conf_alb"), "pap": _pk("conf_pap")}
INTERVENTION = {"alb": _pk("int_alb"), "pap": _pk("int_pap")}
HIT = {"alb": _pk("hit_alb"), "pap": _pk("hit_pap")}
CHECK = {"alb": _pk("check_alb"), "pap": _pk("check_pap")}
AGENDA = {
    "alb": lambda w: {"pk": w.conf_alb.pk, "reference": w.case_alb.reference},
    "pap": lambda w: {"pk": w.conf_pap.pk, "reference": w.case_pap.reference},
    # a case smuggled onto another conference's URL
    "alb+pap": lambda w: {"pk": w.conf_alb.pk, "reference": w.case_pap.reference},
}
MODEL = {"": lambda w: {"code": w.model_code}}
# "?" adds a query string (here: policy pages of a municipality outside the user's scope);
# "!" gives a literal path (for a catch-all pattern that cannot be reversed)
IN_OR_OUT = {"": None, "gemeente=pap": lambda w: {"?": "gemeente=0590"}}

# url name -> (variants, methods). Methods: GET always; POST for views that take a form.
G, P, GP = ("GET",), ("POST",), ("GET", "POST")
ROUTES: dict[str, tuple[dict[str, Kwargs] | None, tuple[str, ...]]] = {
    "home": (None, G),
    "health": (None, G),
    "login": (None, G),
    "logout": (None, GP),
    # signals
    "signals:report": (None, G),
    "signals:report_form": (None, GP),
    "signals:detect": (None, GP),
    "signals:receipt": (SIGNAL, G),
    "signals:mine": (None, G),
    "signals:inbox": (None, G),
    "signals:quality": (None, G),
    "signals:detail": (SIGNAL, G),
    "signals:assign": (SIGNAL, GP),
    "signals:note": (SIGNAL, GP),
    "signals:status": (SIGNAL, GP),
    # cases
    "cases:dashboard": (None, G),
    "cases:triage": (SIGNAL, GP),
    "cases:list": (None, G),
    "cases:detail": (CASE, G),
    "cases:edit": (CASE, GP),
    "cases:status": (CASE, GP),
    "cases:note": (CASE, GP),
    "cases:refer": (CASE, GP),
    "cases:intervention": (CASE, GP),
    "cases:intervention_update": (INTERVENTION, GP),
    "cases:referrals": (None, G),
    "cases:referral": (REFERRAL, G),
    "cases:referral_respond": (REFERRAL, GP),
    "cases:referral_revoke": (REFERRAL, GP),
    "cases:conferences": (None, G),
    "cases:conference_new": (None, GP),
    "cases:conference": (CONFERENCE, G),
    "cases:conference_confirm": (CONFERENCE, GP),
    "cases:conference_minutes": (CONFERENCE, G),
    "cases:agenda_case": (AGENDA, G),
    "cases:agenda_decision": (AGENDA, GP),
    # policy
    "policy:index": (IN_OR_OUT, G),
    "policy:model": (MODEL, G),
    "policy:model_svg": (MODEL, G),
    "policy:model_pdf": (MODEL, G),
    "policy:model_history": (MODEL, G),
    "policy:barrier": ({"": lambda w: {"pk": w.barrier_pk}}, GP),
    "policy:bba": (None, G),
    "policy:bba_pdf": (None, G),
    "policy:bba_item": ({"": lambda w: {"code": w.bba_code}}, GP),
    "policy:training": (IN_OR_OUT, G),
    "policy:staff_counts": (None, GP),
    "policy:signal_card": (None, G),
    "policy:signal_card_pdf": (None, G),
    # register scans
    "scans:worklist": (None, G),
    "scans:run": (None, GP),
    "scans:create_signal": (HIT, GP),
    "scans:dismiss": (HIT, GP),
    "scans:plan_check": (HIT, GP),
    "scans:outcome": (CHECK, GP),
    # access log (privacy officer)
    "audit:logbook": (None, G),
    "audit:export": (None, G),
    "audit:person": (None, GP),
    # API
    "api-root": (None, G),
    "api-not-found": ({"": lambda w: {"!": "/api/v1/bestaat-niet/"}}, G),
    "api-schema": (None, G),
    "api-docs": (None, G),
    "signal-list": (None, GP),
    "signal-detail": (SIGNAL, G),
    "signal-assign": (SIGNAL, P),
    "signal-history": (SIGNAL, G),
    "signal-notes": (SIGNAL, P),
    "signal-status": (SIGNAL, P),
    "signal-triage": (SIGNAL, P),
    "domain-list": (None, G),
    "domain-detail": ({"": lambda w: {"code": w.domain_code}}, G),
    "indicator-list": (None, G),
    "indicator-detail": ({"": lambda w: {"code": w.indicator_code}}, G),
    "organisation-list": (None, G),
    "organisation-detail": ({"": lambda w: {"slug": w.org_slug}}, G),
    "legal-basis-list": (None, G),
    "legal-basis-detail": ({"": lambda w: {"code": w.legal_code}}, G),
    "outcome-list": (None, G),
    "outcome-detail": ({"": lambda w: {"code": w.outcome_code}}, G),
    "no-follow-up-reason-list": (None, G),
    "no-follow-up-reason-detail": ({"": lambda w: {"code": w.nfu_code}}, G),
    "case-list": (None, G),
    "case-detail": (CASE, G),
    "case-interventions": (CASE, GP),
    "case-notes": (CASE, P),
    "case-referrals": (CASE, GP),
    "case-timeline": (CASE, G),
    "case-transitions": (CASE, P),
    "referral-list": (None, G),
    "referral-detail": (REFERRAL, G),
    "intervention-detail": (INTERVENTION, G),
    "conference-list": (None, G),
    "conference-detail": (CONFERENCE, G),
    "conference-confirm": (CONFERENCE, P),
    "conference-decisions": (CONFERENCE, P),
    "policy-barrier-model-list": (None, G),
    "policy-barrier-model-detail": (MODEL, G),
    "policy-barrier-assessment-list": (None, GP),
    "policy-bba-list": (None, G),
}
# Admin pages exercised for the admin group (index plus the changelist of every model).
ADMIN_NAMES = ("admin:index",)

# --- parts -----------------------------------------------------------------------------------
# A feature area may keep its rows in tests/security/matrix_parts/<area>.py with ``MATRIX``
# and ``ROUTES`` dicts in the same form as above and an optional ``build(world) -> object``
# whose result is stored in ``world.extra["<area>"]`` for its URL parameters.

PARTS_DIR = Path(__file__).resolve().parent / "matrix_parts"
PARTS = [importlib.import_module(f"tests.security.matrix_parts.{path.stem}")
         for path in sorted(PARTS_DIR.glob("*.py")) if not path.stem.startswith("_")]
for _part in PARTS:
    assert not set(_part.MATRIX) & set(MATRIX), f"{_part.__name__} repeats matrix rows"
    MATRIX.update(_part.MATRIX)
    ROUTES.update(_part.ROUTES)


def build_parts(world: World) -> World:
    for part in PARTS:
        if hasattr(part, "build"):
            world.extra[part.__name__.rsplit(".", 1)[1]] = part.build(world)
    return world


def is_api(name: str) -> bool:
    return not (":" in name or name in {"home", "health", "login", "logout"})


# --- walking the URLconf -------------------------------------------------------------------------

def all_url_names() -> set[str]:
    names: set[str] = set()

    def walk(patterns, namespace: str = "") -> None:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                ns = namespace
                if pattern.namespace:
                    ns = f"{namespace}{pattern.namespace}:"
                walk(pattern.url_patterns, ns)
            elif isinstance(pattern, URLPattern):
                names.add(f"{namespace}{pattern.name}" if pattern.name else
                          f"{namespace}<unnamed {pattern.pattern}>")

    walk(get_resolver().url_patterns)
    return names


def admin_changelists() -> list[str]:
    from django.contrib import admin

    return sorted(f"admin:{m._meta.app_label}_{m._meta.model_name}_changelist"
                  for m in admin.site._registry)


def rows() -> list[tuple[str, str, str, Kwargs | None]]:
    """(key, method, url name, kwargs) for every request the matrix makes."""
    result = []
    for name, (variants, methods) in ROUTES.items():
        for method in methods:
            for variant, kwargs in (variants or {"": None}).items():
                suffix = f"[{variant}]" if variant else ""
                result.append((f"{method} {name}{suffix}", method, name, kwargs))
    for name in (*ADMIN_NAMES, *admin_changelists()):
        result.append((f"GET {name}", "GET", name, None))
    return result


def expected(key: str, user: str) -> int | None:
    spec = MATRIX.get(key)
    if spec is None:
        return None
    if user in spec:
        return spec[user]
    for group, members in GROUPS.items():
        if group in spec and user in members:
            return spec[group]
    return spec.get("*")


# --- the tests -----------------------------------------------------------------------------------

def test_every_url_pattern_has_a_matrix_entry():
    covered = set(ROUTES) | {ADMIN_GROUP}
    missing = sorted(n for n in all_url_names()
                     if n not in covered and not n.startswith("admin:"))
    assert not missing, f"URL patterns without an entry in the access matrix: {missing}"
    stale = sorted(set(ROUTES) - all_url_names())
    assert not stale, f"matrix entries for URLs that no longer exist: {stale}"


def test_every_request_has_an_expectation_for_every_user():
    keys = {key for key, *_ in rows()}
    missing = sorted(k for k in keys if k not in MATRIX)
    assert not missing, f"no matrix row for: {missing}"
    assert not sorted(set(MATRIX) - keys), "matrix rows that are never requested"
    for key in keys:
        for user in USERS:
            assert expected(key, user) is not None, (key, user)


def _client(world: World, user: str) -> Client:
    client = Client(HTTP_ACCEPT="text/html")
    if user != "anon":
        client.force_login(world.users[user])
    return client


def _request(client: Client, method: str, url: str, api: bool):
    if method == "GET":
        accept = "text/html" if not api or "/docs/" in url else "application/json"
        if "/schema/" in url:
            accept = "*/*"
        return client.get(url, HTTP_ACCEPT=accept)
    if api:
        return client.post(url, data={}, content_type="application/json",
                           HTTP_ACCEPT="application/json")
    return client.post(url, data={})


@pytest.mark.django_db
def test_access_matrix(settings):
    settings.AXES_ENABLED = False
    world = build_parts(build_world())
    clients = {user: _client(world, user) for user in USERS}
    observed: dict[str, dict[str, int]] = {}
    problems: list[str] = []
    plan = rows()
    # GETs first: an empty POST may change state (a confirmation, a status).
    plan.sort(key=lambda row: row[1] != "GET")
    for key, method, name, kwargs in plan:
        params = dict(kwargs(world)) if kwargs else {}
        query = params.pop("?", "")
        url = params.pop("!", None) or reverse(name, kwargs=params or None)
        url += f"?{query}" if query else ""
        api = is_api(name)
        for user in USERS:
            client = clients[user]
            if name == "logout" and method == "POST":
                client = _client(world, user)  # do not log the shared client out
            response = _request(client, method, url, api)
            code = response.status_code
            observed.setdefault(key, {})[user] = code
            want = expected(key, user)
            if want is not None and code != want:
                problems.append(f"{key} as {user}: {code}, expected {want}")
            if user == "anon" and code == 302 and name != "logout":
                login = "/beheer/login/" if name.startswith("admin:") else "/inloggen/"
                if not response["Location"].startswith(login):
                    problems.append(f"{key} as anon redirects to {response['Location']}")
            if code >= 500:
                problems.append(f"{key} as {user}: server error {code}")
            body = b"".join(response.streaming_content) if response.streaming else (
                response.content)
            text = body.decode("utf-8", "replace")
            for secret, readers in SECRET_READERS.items():
                if secret in text and user not in readers:
                    problems.append(f"{key} as {user} shows the description '{secret}'")
    if os.environ.get("SCHAKEL_MATRIX_DUMP"):
        Path(os.environ["SCHAKEL_MATRIX_DUMP"]).write_text(repr(observed))
    assert not problems, "\n".join(problems)


# --- the documentation ---------------------------------------------------------------------------

DOC = Path(__file__).resolve().parents[2] / "docs" / "security.md"


def render_table() -> str:
    head = "| request | " + " | ".join(SHORT[u] for u in USERS) + " |"
    rule = "|---|" + "---|" * len(USERS)
    lines = [head, rule]
    for key in sorted(MATRIX, key=lambda k: (k.split(" ", 1)[1], k.split(" ", 1)[0])):
        cells = " | ".join(str(expected(key, u)) for u in USERS)
        lines.append(f"| `{key}` | {cells} |")
    return "\n".join(lines)


def test_the_documented_matrix_is_the_tested_matrix():
    text = DOC.read_text(encoding="utf-8")
    section = re.search(r"^## Access matrix\n(.*?)(?=^## )", text, re.S | re.M)
    assert section, "docs/security.md has no '## Access matrix' section"
    assert render_table() in section.group(1), (
        "the table in docs/security.md differs from MATRIX; regenerate it with "
        "`python -c 'from tests.security.test_access_matrix import render_table; "
        "print(render_table())'`")
