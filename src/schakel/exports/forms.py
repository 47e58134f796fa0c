# SPDX-License-Identifier: EUPL-1.2
"""Forms of the exports app. They collect the choices; the rules (which purpose fits which
variant, the age rule for consent) live in :mod:`schakel.exports.services`."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from schakel.cases.models import Case
from schakel.exports import services
from schakel.exports.models import ConsentRecord, ExportLog
from schakel.signals.forms import DesignSystemForm


class CaseChoiceField(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, obj: Case) -> str:
        return f"{obj.reference} — {obj.title} ({obj.get_status_display()})"


class ExportForm(DesignSystemForm):
    """The export choices. A user who may only have de-identified data (an analyst) gets no
    case list and no record-level variant: the service exports their whole fixed set."""

    all_cases = forms.BooleanField(label=_("Alle casussen die ik beheer"), required=False)
    cases = CaseChoiceField(label=_("Of kies casussen"), queryset=Case.objects.none(),
                            required=False)
    variant = forms.ChoiceField(
        label=_("Soort export"), widget=forms.RadioSelect,
        choices=[(ExportLog.Kind.DEIDENTIFIED, _("Geanonimiseerd (k-anoniem, zonder "
                                                 "persoonsgegevens)")),
                 (ExportLog.Kind.RECORD, _("Op persoonsniveau (alleen met doel en "
                                           "grondslag)"))],
        initial=ExportLog.Kind.DEIDENTIFIED)
    purpose = forms.ChoiceField(
        label=_("Doel"), required=False,
        choices=[("", _("— kies een doel —")),
                 (_("Op persoonsniveau"), list(services.RECORD_PURPOSES)),
                 (_("Geanonimiseerd"), list(services.DEIDENTIFIED_PURPOSES))])
    legal_basis = forms.ChoiceField(label=_("Grondslag (bij persoonsniveau)"), required=False)
    file_format = forms.ChoiceField(label=_("Bestandsformaat"), widget=forms.RadioSelect,
                                    choices=[("csv", "CSV"), ("json", "JSON")], initial="csv")
    k = forms.IntegerField(
        label=_("k (geanonimiseerd)"), min_value=services.MIN_K, max_value=services.MAX_K,
        initial=services.MIN_K, required=False,
        help_text=_("Elke combinatie van leeftijd, geslacht, nationaliteit, gemeente, jaar en "
                    "vorm van uitbuiting komt minstens k keer voor. Minimaal 11, zoals CTDC."))

    def __init__(self, *args, case_queryset=None, record_allowed: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.record_allowed = record_allowed
        if case_queryset is not None:
            self.fields["cases"].queryset = case_queryset
        else:
            del self.fields["cases"]
            del self.fields["all_cases"]
        bases = services.processing_bases()
        self.fields["legal_basis"].choices = [("", _("— kies een grondslag —"))] + [
            (b.code, f"{b.title} ({b.citation})") for b in bases]
        if not record_allowed:
            self.fields["variant"].choices = self.fields["variant"].choices[:1]
            self.fields["purpose"].choices = [("", _("— kies een doel —")),
                                              *services.DEIDENTIFIED_PURPOSES]
            del self.fields["legal_basis"]

    def clean_k(self):
        return self.cleaned_data.get("k") or services.MIN_K

    def selected_cases(self) -> list[Case]:
        """The chosen cases: all of the list, the ticked ones, or (without a list) none here;
        the view then exports the user's fixed de-identified set."""
        if "cases" not in self.fields:
            return []
        if self.cleaned_data.get("all_cases"):
            return list(self.fields["cases"].queryset)
        return list(self.cleaned_data.get("cases") or [])


class ConsentForm(DesignSystemForm):
    status = forms.ChoiceField(label=_("Toestemming"), choices=ConsentRecord.Status.choices,
                               widget=forms.RadioSelect)
    signatory = forms.ChoiceField(
        label=_("Ondertekend door"), required=False,
        choices=[("", _("— niet van toepassing —")), *ConsentRecord.Signatory.choices],
        help_text=_("Alleen bij gegeven toestemming: vanaf 16 jaar de persoon zelf, jonger "
                    "een ouder met gezag of de voogd."))
    decided_on = forms.DateField(label=_("Datum toestemming"), required=False,
                                 widget=forms.DateInput(attrs={"type": "date"},
                                                        format="%Y-%m-%d"))
    explanation = forms.CharField(
        label=_("Toelichting (zonder namen)"), required=False, max_length=300,
        help_text=_("Bijvoorbeeld: toestemming gevraagd in gesprek met de jeugdhulpverlener."))
