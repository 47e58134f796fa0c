# SPDX-License-Identifier: EUPL-1.2
"""Forms of the attachments block and the privacy officer's pages."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from stdnum.nl import bsn as bsn_number

from schakel.privacy.models import SubjectRequest
from schakel.signals.forms import DesignSystemForm


class AttachmentForm(DesignSystemForm):
    file = forms.FileField(label=_("Bestand"), allow_empty_file=True,
                           help_text=_("Foto (JPEG, PNG, HEIC) of document (PDF, .docx, .odt)."))
    description = forms.CharField(label=_("Omschrijving (optioneel, zonder namen)"),
                                  required=False, max_length=200)


class RemoveAttachmentForm(DesignSystemForm):
    reason = forms.CharField(label=_("Reden van verwijderen"), max_length=300)


class SubjectRequestForm(DesignSystemForm):
    kind = forms.ChoiceField(label=_("Soort verzoek"), choices=SubjectRequest.Kind.choices)
    municipality = forms.ModelChoiceField(label=_("Gemeente"), queryset=None)
    received_on = forms.DateField(label=_("Ontvangen op"),
                                  widget=forms.DateInput(attrs={"type": "date"},
                                                         format="%Y-%m-%d"))
    requester = forms.CharField(label=_("Verzoeker"), max_length=150)
    given_names = forms.CharField(label=_("Voornamen van de betrokkene"), max_length=100)
    surname = forms.CharField(label=_("Achternaam (met tussenvoegsel)"), max_length=120)
    birth_year = forms.IntegerField(label=_("Geboortejaar (optioneel)"), required=False,
                                    min_value=1900, max_value=2100)
    bsn = forms.CharField(label=_("BSN (optioneel)"), required=False, max_length=11)

    def __init__(self, *args, municipalities=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = municipalities

    def clean_bsn(self) -> str:
        value = self.cleaned_data["bsn"].strip()
        if value and not bsn_number.is_valid(value):
            raise ValidationError(_("Dit is geen geldig BSN."))
        return value

    def clean_received_on(self):
        day = self.cleaned_data["received_on"]
        if day > timezone.localdate():
            raise ValidationError(_("De ontvangstdatum ligt in de toekomst."))
        return day


class DecisionForm(DesignSystemForm):
    decision = forms.ChoiceField(label=_("Besluit"), choices=[
        ("answered", _("Inzage verstrekt")), ("erase", _("Verwijderen uitvoeren")),
        ("refuse", _("Afwijzen"))])
    reason = forms.CharField(label=_("Motivering (in de antwoordbrief)"), required=False,
                             widget=forms.Textarea(attrs={"rows": 4}), max_length=2000)


class ConfirmErasureForm(DesignSystemForm):
    checked = forms.BooleanField(
        label=_("Ik heb nagegaan dat geen lopend traject (zorg, handhaving, strafrecht) binnen of "
                "buiten Schakel deze gegevens nog nodig heeft."))
    note = forms.CharField(label=_("Toelichting (optioneel)"), required=False, max_length=1000,
                           widget=forms.Textarea(attrs={"rows": 3}))
