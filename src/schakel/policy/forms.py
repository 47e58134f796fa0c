# SPDX-License-Identifier: EUPL-1.2
"""Forms of the policy pages. Each turns into the input of one service function."""

from __future__ import annotations

from django import forms
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

from schakel.accounts.models import Organisation
from schakel.policy import services
from schakel.policy.models import Department, Finding, Status

DATE = forms.DateInput(attrs={"type": "date", "class": "utrecht-textbox"}, format="%Y-%m-%d")
TEXTAREA = forms.Textarea(attrs={"rows": 3, "class": "utrecht-textarea"})
TEXTBOX = forms.TextInput(attrs={"class": "utrecht-textbox"})
NUMBER = forms.NumberInput(attrs={"class": "utrecht-textbox", "min": "0"})
SELECT = forms.Select(attrs={"class": "utrecht-select"})
RADIO = forms.RadioSelect


class BarrierAssessmentForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=Status.choices, widget=RADIO)
    evidence = forms.CharField(
        label=_("Onderbouwing"), required=False, widget=TEXTAREA,
        help_text=_("Waaruit blijkt dit? Bijvoorbeeld een werkinstructie, besluit of afspraak."))
    owner = forms.CharField(label=_("Eigenaar"), required=False, max_length=150,
                            widget=TEXTBOX, help_text=_("Afdeling of functie, geen naam."))
    next_step = forms.CharField(label=_("Volgende stap"), required=False, widget=TEXTAREA)
    next_step_due = forms.DateField(label=_("Volgende stap uiterlijk"), required=False,
                                    widget=DATE)
    review_on = forms.DateField(label=_("Opnieuw bekijken op"), required=False, widget=DATE)

    def to_input(self) -> services.BarrierAssessmentInput:
        return services.BarrierAssessmentInput(**self.cleaned_data)


class BbaAssessmentForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=Status.choices, widget=RADIO)
    evidence = forms.CharField(label=_("Onderbouwing"), required=False, widget=TEXTAREA)
    links = forms.CharField(
        label=_("Links naar stukken"), required=False, widget=TEXTAREA,
        help_text=_("Eén link per regel, bijvoorbeeld naar het besluit of het beleidsstuk."))
    owner = forms.CharField(label=_("Eigenaar"), required=False, max_length=150,
                            widget=TEXTBOX, help_text=_("Afdeling of functie, geen naam."))
    assessed_on = forms.DateField(label=_("Datum"), required=False, widget=DATE)

    def clean_links(self) -> list[str]:
        links = [line.strip() for line in self.cleaned_data["links"].splitlines()
                 if line.strip()]
        validate = URLValidator(schemes=["http", "https"])
        for link in links:
            try:
                validate(link)
            except forms.ValidationError:
                raise forms.ValidationError(
                    _("Geen geldige link: %(link)s"), params={"link": link}) from None
        return links

    def to_input(self) -> services.BbaInput:
        return services.BbaInput(**self.cleaned_data)


class TrainingForm(forms.Form):
    held_on = forms.DateField(label=_("Datum"), widget=DATE)
    topic = forms.CharField(label=_("Onderwerp"), max_length=200, widget=TEXTBOX)
    trainer = forms.CharField(label=_("Trainer"), max_length=150, widget=TEXTBOX,
                              help_text=_("Organisatie of functie van de trainer."))
    department = forms.ChoiceField(
        label=_("Afdeling"), required=False, widget=SELECT,
        choices=[("", _("— geen (training voor een partner) —")), *Department.choices])
    partner = forms.ModelChoiceField(
        label=_("Of: partnerorganisatie"), required=False, widget=SELECT,
        queryset=Organisation.objects.none(), empty_label=_("— geen —"))
    participants = forms.IntegerField(label=_("Aantal deelnemers"), min_value=1,
                                      widget=NUMBER)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["partner"].queryset = Organisation.objects.filter(
            kind=Organisation.Kind.PARTNER, is_active=True).order_by("name")

    def clean(self) -> dict:
        data = super().clean()
        if bool(data.get("department")) == bool(data.get("partner")):
            raise forms.ValidationError(
                _("Kies een afdeling of een partnerorganisatie (één van de twee)."))
        return data

    def to_input(self) -> services.TrainingInput:
        return services.TrainingInput(**self.cleaned_data)


class StaffCountForm(forms.Form):
    """One number per risk-facing department; empty fields are left unchanged."""

    def __init__(self, *args, current: dict[str, int] | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for code, label in Department.choices:
            self.fields[code] = forms.IntegerField(
                label=label, required=False, min_value=0, widget=NUMBER,
                initial=(current or {}).get(code))

    def counts(self) -> dict[str, int]:
        return {code: value for code, value in self.cleaned_data.items() if value is not None}


class CaseFindingsForm(forms.Form):
    """Per barrier of the steps a closed case touched: failed, missing or no finding, and a
    short note. Built from the barriers the service offers for the case."""

    def __init__(self, *args, groups: list[services.CaseStepBarriers],
                 current: dict[int, object], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.groups = groups
        for group in groups:
            for barrier in group.barriers:
                before = current.get(barrier.pk)
                self.fields[f"finding_{barrier.pk}"] = forms.ChoiceField(
                    label=_("%(barrier)s bij %(step)s") % {"barrier": barrier.name,
                                                          "step": group.step.name},
                    choices=[(Finding.NONE, Finding.NONE.label),
                             (Finding.FAILED, Finding.FAILED.label),
                             (Finding.MISSING, Finding.MISSING.label)],
                    initial=before.finding if before else Finding.NONE, widget=RADIO)
                self.fields[f"note_{barrier.pk}"] = forms.CharField(
                    label=_("Toelichting bij %(barrier)s") % {"barrier": barrier.name},
                    required=False, max_length=500, widget=TEXTBOX,
                    initial=before.note if before else "",
                    help_text=_("Kort en zonder namen: wat ging er mis?"))

    def rows(self) -> list[tuple[services.CaseStepBarriers, list[tuple]]]:
        """Bound fields per step, for the template: (group, [(barrier, finding, note)])."""
        return [(group, [(b, self[f"finding_{b.pk}"], self[f"note_{b.pk}"])
                         for b in group.barriers]) for group in self.groups]

    def entries(self) -> dict[int, tuple[str, str]]:
        return {barrier.pk: (self.cleaned_data[f"finding_{barrier.pk}"],
                             self.cleaned_data[f"note_{barrier.pk}"])
                for group in self.groups for barrier in group.barriers}
