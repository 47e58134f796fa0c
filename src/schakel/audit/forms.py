# SPDX-License-Identifier: EUPL-1.2
"""Filters of the privacy officer's log viewer and the subject-access report."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from schakel.audit.models import AccessEvent
from schakel.signals.forms import DesignSystemForm

ALL = [("", _("Alle"))]


class LogFilterForm(DesignSystemForm):
    user = forms.CharField(label=_("Gebruiker (gebruikersnaam)"), required=False, max_length=150)
    reference = forms.CharField(label=_("Kenmerk (bijv. SIG-2026-00042)"), required=False,
                                max_length=40)
    date_from = forms.DateField(label=_("Vanaf (datum)"), required=False,
                                widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(label=_("Tot en met (datum)"), required=False,
                              widget=forms.DateInput(attrs={"type": "date"}))
    action = forms.ChoiceField(label=_("Handeling"), required=False,
                               choices=ALL + list(AccessEvent.Action.choices))
    result = forms.ChoiceField(label=_("Resultaat"), required=False,
                               choices=ALL + list(AccessEvent.Result.choices))

    def clean_reference(self) -> str:
        return self.cleaned_data["reference"].strip().upper()


class PersonReportForm(DesignSystemForm):
    given_names = forms.CharField(label=_("Voornamen"), max_length=100)
    surname = forms.CharField(label=_("Achternaam (met tussenvoegsel)"), max_length=121)
    birth_year = forms.IntegerField(label=_("Geboortejaar (optioneel)"), required=False,
                                    min_value=1900, max_value=2100)
