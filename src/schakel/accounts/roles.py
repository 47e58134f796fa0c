# SPDX-License-Identifier: EUPL-1.2
"""The roles of design.md as data: each role is a Django group with a set of permissions.

Code never asks for a role by name; it asks for a permission (``signals.triage_signal``) or asks
:mod:`schakel.scope`. This table seeds the groups; a functional administrator may change them.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class RoleDefinition:
    code: str
    name: str
    description: str
    permissions: tuple[str, ...]


ROLES: tuple[RoleDefinition, ...] = (
    RoleDefinition(
        "melder", _("Melder (gemeente)"),
        _("Medewerker die signalen meldt en de status van eigen meldingen ziet."),
        ("signals.report_signal",),
    ),
    RoleDefinition(
        "partner_melder", _("Melder (partner)"),
        _("Medewerker van een partnerorganisatie die signalen meldt."),
        ("signals.report_signal",),
    ),
    RoleDefinition(
        "coordinator", _("Aandachtsfunctionaris mensenhandel"),
        _("Beoordeelt signalen, koppelt ze en volgt ze op binnen de eigen gemeente of regio."),
        ("signals.report_signal", "signals.view_scope_signals", "signals.triage_signal",
         "cases.manage_case", "policy.work_policy", "scans.work_worklist",
         "privacy.confirm_erasure"),  # second pair of eyes on erasure requests
    ),
    RoleDefinition(
        "partner_handler", _("Behandelaar ketenpartner"),
        _("Handelt doorverwijzingen af die aan de eigen organisatie zijn toegewezen."),
        ("signals.handle_referral",),
    ),
    RoleDefinition(
        "analyst", _("Beleidsmedewerker / analist"),
        _("Werkt met geaggregeerde cijfers; ziet geen persoonsgegevens."),
        ("signals.view_aggregates", "policy.work_policy"),
    ),
    RoleDefinition(
        "functional_admin", _("Functioneel beheerder"),
        _("Beheert catalogus, gebruikers en organisaties; ziet geen casusinhoud."),
        (
            "catalog.add_domain", "catalog.change_domain", "catalog.view_domain",
            "catalog.add_indicator", "catalog.change_indicator", "catalog.view_indicator",
            "catalog.add_subform", "catalog.change_subform", "catalog.view_subform",
            "catalog.add_partner", "catalog.change_partner", "catalog.view_partner",
            "catalog.add_legalreference", "catalog.change_legalreference",
            "catalog.view_legalreference",
            "catalog.add_reason", "catalog.change_reason", "catalog.view_reason",
            "catalog.add_interventiontype", "catalog.change_interventiontype",
            "catalog.view_interventiontype",
            "accounts.add_user", "accounts.change_user", "accounts.view_user",
            "accounts.add_organisation", "accounts.change_organisation",
            "accounts.view_organisation",
            "accounts.add_municipality", "accounts.change_municipality",
            "accounts.view_municipality",
            "scans.add_scansettings", "scans.change_scansettings", "scans.view_scansettings",
            # reference data of the policy cycle (no assessments: those are the analyst's)
            "policy.add_instrument", "policy.change_instrument", "policy.view_instrument",
            "policy.add_barriermodel", "policy.change_barriermodel", "policy.view_barriermodel",
            "policy.add_barrierstep", "policy.change_barrierstep", "policy.view_barrierstep",
            "policy.add_barrier", "policy.change_barrier", "policy.view_barrier",
            "policy.add_bbaitem", "policy.change_bbaitem", "policy.view_bbaitem",
        ),
    ),
    RoleDefinition(
        "privacy_officer", _("Privacy officer (FG)"),
        _("Ziet het toegangslogboek; geen casusinhoud buiten het logboek."),
        ("audit.view_accessevent",
         # subject requests, deletion register, retention periods and legal holds
         "privacy.manage_subject_requests",
         "privacy.view_retentionpolicy", "privacy.add_retentionpolicy",
         "privacy.change_retentionpolicy",
         "privacy.view_legalhold", "privacy.add_legalhold", "privacy.change_legalhold"),
    ),
)

ROLE_BY_CODE = {role.code: role for role in ROLES}
