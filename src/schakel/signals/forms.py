# SPDX-License-Identifier: EUPL-1.2
"""Intake and inbox forms. Identifiers are validated with python-stdnum and phonenumbers (through
:mod:`schakel.analysis.identifiers`) and stored in their normalised form."""

from __future__ import annotations

import datetime as dt
import uuid
from collections import OrderedDict

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from schakel.accounts.models import Municipality, Organisation
from schakel.analysis.identifiers import (
    normalise_kvk,
    normalise_licence_plate,
    normalise_phone,
    normalise_postcode,
)
from schakel.catalog.models import Domain, Indicator, Reason
from schakel.signals.models import SignalStatus, SignalSubject
from schakel.signals.services import SignalInput, SubjectInput

MINOR_CHOICES = [("yes", _("Ja")), ("no", _("Nee")), ("unknown", _("Weet ik niet"))]
MINOR_VALUES = {"yes": True, "no": False, "unknown": None}


WIDGET_CLASSES = {
    forms.Textarea: "utrecht-textarea utrecht-textarea--html-textarea",
    forms.Select: "utrecht-select utrecht-select--html-select",
    forms.CheckboxInput: "utrecht-checkbox utrecht-checkbox--html-input",
    forms.TextInput: "utrecht-textbox utrecht-textbox--html-input",
    forms.NumberInput: "utrecht-textbox utrecht-textbox--html-input utrecht-textbox--numeric",
    forms.DateInput: "utrecht-textbox utrecht-textbox--html-input",
}


class DesignSystemForm(forms.Form):
    """Gives every widget the NL Design System class of its kind. Browser validation is off:
    errors come from the server, in Dutch, next to the field, with everything typed kept."""

    use_required_attribute = False

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            for widget_class, css in WIDGET_CLASSES.items():
                if isinstance(field.widget, widget_class):
                    field.widget.attrs.setdefault("class", css)
                    break


class IndicatorChoiceField(forms.ModelMultipleChoiceField):
    """Indicator checkboxes; the template groups them per domain with their help text."""

    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, obj: Indicator) -> str:
        return obj.label


def indicators_by_domain(field: forms.BoundField) -> list[tuple[Domain, list]]:
    """Group the checkbox widgets of ``field`` by domain, in catalogue order."""
    grouped: OrderedDict[int, tuple[Domain, list]] = OrderedDict()
    indicators = {str(i.pk): i for i in field.field.queryset.select_related("domain")}
    for checkbox in field:
        indicator = indicators[str(checkbox.data["value"])]
        grouped.setdefault(indicator.domain_id, (indicator.domain, []))[1].append(
            (checkbox, indicator)
        )
    return list(grouped.values())


class SignalForm(DesignSystemForm):
    acute = forms.BooleanField(required=False, widget=forms.HiddenInput)
    submission_key = forms.CharField(widget=forms.HiddenInput, max_length=64)
    description = forms.CharField(
        label=_("Wat heeft u gezien of gehoord?"),
        help_text=_("Beschrijf in uw eigen woorden wat u opviel. Feiten zijn genoeg; u hoeft "
                    "niet te weten of het mensenhandel is."),
        widget=forms.Textarea(attrs={"rows": 6}),
        min_length=10,
        error_messages={"required": _("Beschrijf kort wat u heeft gezien."),
                        "min_length": _("Beschrijf iets uitgebreider wat u heeft gezien "
                                        "(minstens %(limit_value)d tekens).")},
    )
    observed_on = forms.DateField(
        label=_("Wanneer was dit?"), required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Laat leeg als u het niet precies weet."),
        error_messages={"invalid": _("Vul een geldige datum in, bijvoorbeeld 14-03-2026.")},
    )
    observed_period = forms.CharField(
        label=_("Tijdstip of periode"), required=False, max_length=200,
        help_text=_("Bijvoorbeeld 's avonds, elk weekend, al maanden."),
    )
    postcode = forms.CharField(label=_("Postcode"), required=False, max_length=7,
                               widget=forms.TextInput(attrs={"autocomplete": "off",
                                                             "inputmode": "text"}))
    house_number = forms.IntegerField(
        label=_("Huisnummer"), required=False, min_value=1, max_value=99999,
        error_messages={"invalid": _("Een huisnummer bestaat uit cijfers."),
                        "min_value": _("Een huisnummer is 1 of hoger.")},
    )
    house_number_suffix = forms.CharField(label=_("Toevoeging"), required=False, max_length=10)
    location_description = forms.CharField(
        label=_("Of beschrijf de plek"), required=False, max_length=300,
        help_text=_("Als er geen adres is: bijvoorbeeld 'parkeerplaats bij het station'."),
    )
    minor_involved = forms.ChoiceField(
        label=_("Is er mogelijk een minderjarige (jonger dan 18) bij betrokken?"),
        choices=MINOR_CHOICES, widget=forms.RadioSelect, initial="unknown",
    )
    indicators = IndicatorChoiceField(
        label=_("Welke signalen vielen u op?"), required=False, queryset=Indicator.objects.none(),
        help_text=_("Vink aan wat u zag. Eén signaal is geen bewijs; een combinatie zegt meer."),
    )
    municipality = forms.ModelChoiceField(
        label=_("Gemeente"), queryset=Municipality.objects.none(), required=False,
        help_text=_("Uw organisatie werkt voor meerdere gemeenten: kies waar het om gaat."),
    )

    def __init__(self, *args, municipalities=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["indicators"].queryset = (
            Indicator.objects.filter(active=True, domain__active=True, domain__is_exploitation=True)
            .select_related("domain").order_by("domain__order", "order", "code")
        )
        if municipalities is not None and municipalities.count() > 1:
            self.fields["municipality"].queryset = municipalities
            self.fields["municipality"].required = True
        else:
            del self.fields["municipality"]
        if not self.is_bound:
            self.initial.setdefault("submission_key", uuid.uuid4().hex)

    def clean_observed_on(self) -> dt.date | None:
        value = self.cleaned_data.get("observed_on")
        if value and value > timezone.localdate():
            raise forms.ValidationError(_("Deze datum ligt in de toekomst."))
        return value

    def clean_postcode(self) -> str:
        raw = self.cleaned_data.get("postcode", "").strip()
        if not raw:
            return ""
        value = normalise_postcode(raw)
        if value is None:
            raise forms.ValidationError(_("Dit is geen geldige postcode. Gebruik vier cijfers en "
                                          "twee letters, bijvoorbeeld 2951 AB."))
        return value

    def clean_house_number_suffix(self) -> str:
        return self.cleaned_data.get("house_number_suffix", "").strip().upper()

    def clean(self) -> dict:
        cleaned = super().clean()
        if cleaned.get("postcode") and not cleaned.get("house_number"):
            self.add_error("house_number", _("Vul ook het huisnummer in."))
        if cleaned.get("house_number") and not cleaned.get("postcode"):
            self.add_error("postcode", _("Vul ook de postcode in."))
        return cleaned

    def to_input(self, subjects: list[SubjectInput]) -> SignalInput:
        data = self.cleaned_data
        municipality = data.get("municipality")
        return SignalInput(
            description=data["description"],
            observed_on=data.get("observed_on"),
            observed_period=data.get("observed_period", ""),
            acute=bool(data.get("acute")),
            minor_involved=MINOR_VALUES[data["minor_involved"]],
            postcode=data.get("postcode", ""),
            house_number=data.get("house_number"),
            house_number_suffix=data.get("house_number_suffix", ""),
            location_description=data.get("location_description", ""),
            indicator_codes=[i.code for i in data.get("indicators", [])],
            subjects=subjects,
            municipality_code=municipality.cbs_code if municipality else "",
        )


ROLE_CHOICES = [("", _("Rol (optioneel)"))] + list(SignalSubject.Role.choices)


class SubjectForm(DesignSystemForm):
    """Base for the subject rows; an empty row is skipped."""

    kind: str = ""
    role = forms.ChoiceField(label=_("Rol"), choices=ROLE_CHOICES, required=False)

    def is_blank(self) -> bool:
        data = getattr(self, "cleaned_data", {})
        return not any(v for k, v in data.items() if k not in {"role", "DELETE"})

    def to_input(self) -> SubjectInput:
        values = {k: v for k, v in self.cleaned_data.items() if k != "DELETE"}
        values["role"] = values.get("role") or SignalSubject.Role.OTHER
        return SubjectInput(kind=self.kind, **{k: v for k, v in values.items() if v is not None})


class PersonForm(SubjectForm):
    kind = SignalSubject.Kind.PERSON
    given_names = forms.CharField(label=_("Voornaam"), required=False, max_length=100)
    surname_prefix = forms.CharField(label=_("Tussenvoegsel"), required=False, max_length=20)
    surname = forms.CharField(label=_("Achternaam"), required=False, max_length=100)
    estimated_age = forms.IntegerField(
        label=_("Geschatte leeftijd"), required=False, min_value=0, max_value=120,
        error_messages={"invalid": _("Vul een leeftijd in cijfers in.")},
    )
    sex = forms.ChoiceField(label=_("Geslacht"), required=False,
                            choices=[("", "—")] + list(SignalSubject.Sex.choices))
    nationality = forms.CharField(label=_("Nationaliteit (als bekend)"), required=False,
                                  max_length=60)
    description = forms.CharField(label=_("Uiterlijk of andere kenmerken"), required=False,
                                  max_length=500)


class OrganisationSubjectForm(SubjectForm):
    kind = SignalSubject.Kind.ORGANISATION
    name = forms.CharField(label=_("Naam bedrijf of organisatie"), required=False, max_length=150)
    kvk_number = forms.CharField(label=_("KvK-nummer (optioneel)"), required=False, max_length=12)
    description = forms.CharField(label=_("Wat doet het bedrijf, waar zit het?"), required=False,
                                  max_length=500)

    def clean_kvk_number(self) -> str:
        raw = self.cleaned_data.get("kvk_number", "").strip()
        if not raw:
            return ""
        value = normalise_kvk(raw)
        if value is None:
            raise forms.ValidationError(_("Een KvK-nummer bestaat uit acht cijfers."))
        return value

    def clean(self) -> dict:
        cleaned = super().clean()
        if cleaned.get("kvk_number") and not cleaned.get("name"):
            self.add_error("name", _("Vul ook de naam van het bedrijf in."))
        return cleaned


class VehicleForm(SubjectForm):
    kind = SignalSubject.Kind.VEHICLE
    licence_plate = forms.CharField(label=_("Kenteken"), required=False, max_length=10)
    description = forms.CharField(label=_("Merk, kleur, type"), required=False, max_length=500)

    def clean_licence_plate(self) -> str:
        raw = self.cleaned_data.get("licence_plate", "").strip()
        if not raw:
            return ""
        value = normalise_licence_plate(raw)
        if value is None:
            raise forms.ValidationError(_("Dit is geen geldig Nederlands kenteken, bijvoorbeeld "
                                          "HJ-418-T. Een buitenlands kenteken kunt u bij 'merk, "
                                          "kleur, type' noemen."))
        return value


class PhoneForm(SubjectForm):
    kind = SignalSubject.Kind.PHONE
    phone = forms.CharField(label=_("Telefoonnummer"), required=False, max_length=30)
    description = forms.CharField(label=_("Van wie is dit nummer?"), required=False,
                                  max_length=500)

    def clean_phone(self) -> str:
        raw = self.cleaned_data.get("phone", "").strip()
        if not raw:
            return ""
        value = normalise_phone(raw)
        if value is None:
            raise forms.ValidationError(_("Dit telefoonnummer klopt niet. Voorbeeld: 06-12345678 "
                                          "of +48 601 234 567."))
        return value


SUBJECT_FORMSETS = {
    "persons": (PersonForm, 2),
    "organisations": (OrganisationSubjectForm, 1),
    "vehicles": (VehicleForm, 1),
    "phones": (PhoneForm, 2),
}


def subject_formsets(data=None) -> dict[str, forms.BaseFormSet]:
    """One formset per subject kind, with a few empty rows each (max 20 rows)."""
    result = {}
    for prefix, (form_class, extra) in SUBJECT_FORMSETS.items():
        formset_class = forms.formset_factory(form_class, extra=extra, max_num=20,
                                              validate_max=True)
        result[prefix] = formset_class(data, prefix=prefix)
    return result


def subjects_from(formsets: dict[str, forms.BaseFormSet]) -> list[SubjectInput]:
    return [
        form.to_input()
        for formset in formsets.values()
        for form in formset
        if form.has_changed() and not form.is_blank()
    ]


# --- inbox ------------------------------------------------------------------------------------

SORT_CHOICES = [
    ("-received_at", _("Nieuwste eerst")),
    ("received_at", _("Oudste eerst")),
    ("triage_due", _("Termijn: eerst verlopen")),
    ("reference", _("Kenmerk")),
]
YES_NO = [("", _("Alle")), ("yes", _("Ja")), ("no", _("Nee"))]
ASSIGNED_CHOICES = [("", _("Iedereen")), ("me", _("Aan mij")), ("none", _("Niet toegewezen"))]


class InboxFilterForm(DesignSystemForm):
    q = forms.CharField(label=_("Zoeken op kenmerk of tekst"), required=False, max_length=100)
    status = forms.ChoiceField(label=_("Status"), required=False,
                               choices=[("", _("Open (ontvangen of in beoordeling)")),
                                        ("all", _("Alle"))] + list(SignalStatus.choices))
    domain = forms.ModelChoiceField(label=_("Domein"), required=False,
                                    queryset=Domain.objects.filter(active=True),
                                    to_field_name="code", empty_label=_("Alle"))
    acute = forms.ChoiceField(label=_("Acuut"), required=False, choices=YES_NO)
    minor = forms.ChoiceField(label=_("Minderjarige"), required=False, choices=YES_NO)
    source = forms.ModelChoiceField(label=_("Organisatie melder"), required=False,
                                    queryset=Organisation.objects.none(), to_field_name="slug",
                                    empty_label=_("Alle"))
    assigned = forms.ChoiceField(label=_("Toegewezen"), required=False, choices=ASSIGNED_CHOICES)
    overdue = forms.BooleanField(label=_("Alleen termijn verlopen"), required=False)
    sort = forms.ChoiceField(label=_("Sorteren"), required=False, choices=SORT_CHOICES)

    def __init__(self, *args, sources=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if sources is not None:
            self.fields["source"].queryset = sources


class AssignForm(DesignSystemForm):
    assignee = forms.ModelChoiceField(label=_("Toewijzen aan"), queryset=None, required=False,
                                      empty_label=_("Niemand (vrijgeven)"))

    def __init__(self, *args, assignees=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = assignees


class NoteForm(DesignSystemForm):
    text = forms.CharField(label=_("Notitie toevoegen"), widget=forms.Textarea(attrs={"rows": 3}),
                           error_messages={"required": _("Schrijf eerst een notitie.")})


class StatusForm(DesignSystemForm):
    to_status = forms.ChoiceField(label=_("Nieuwe status"), choices=SignalStatus.choices)
    reason = forms.ModelChoiceField(
        label=_("Reden (bij geen vervolg)"), required=False, to_field_name="code",
        queryset=Reason.objects.filter(kind=Reason.Kind.NO_FOLLOW_UP, active=True),
        empty_label=_("Kies een reden"),
    )
    forwarded_to = forms.ModelChoiceField(
        label=_("Doorgezet naar (bij direct doorzetten)"), required=False, to_field_name="slug",
        queryset=Organisation.objects.filter(kind=Organisation.Kind.PARTNER, is_active=True),
        empty_label=_("Kies een organisatie"),
    )
    explanation = forms.CharField(label=_("Toelichting"), required=False,
                                  widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, allowed=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        labels = dict(SignalStatus.choices)
        self.fields["to_status"].choices = [(s, labels[s]) for s in allowed]
