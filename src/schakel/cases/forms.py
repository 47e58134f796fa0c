# SPDX-License-Identifier: EUPL-1.2
"""Forms for casework: triage, case editing, status, referrals, interventions, conferences and
decisions. Each form validates what the user can fix on the page (in Dutch, next to the field);
the business rules themselves stay in :mod:`schakel.cases.services`.
"""

from __future__ import annotations

import datetime as dt

from django import forms
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from schakel import scope
from schakel.accounts.models import Organisation, User
from schakel.cases import workflow
from schakel.cases.models import (
    BARRIER_PHASES,
    Assessment,
    Case,
    CaseStatus,
    Intervention,
    Priority,
    Referral,
)
from schakel.cases.services import SHAREABLE_FIELDS, AssessmentInput
from schakel.catalog.models import Domain, InterventionType, LegalReference, Reason
from schakel.signals.forms import DesignSystemForm

DEFAULT_REFERRAL_DAYS = 14
ELEMENT_CHOICES = [(value, label) for value, label in Assessment.Element.choices
                   if value != workflow.NOT_REQUIRED]
DECISION_CHOICES = [
    ("open_case", _("Nieuwe casus openen")),
    ("add_to_case", _("Toevoegen aan een lopende casus")),
    ("forward", _("Direct doorzetten naar een partner")),
    ("no_follow_up", _("Geen vervolg")),
]
DATE_ERRORS = {"invalid": _("Vul een geldige datum in, bijvoorbeeld 14-03-2026."),
               "required": _("Vul een datum in.")}


def date_widget() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def in_days(days: int) -> dt.date:
    return timezone.localdate() + dt.timedelta(days=days)


def relevant_organisations(user: User) -> QuerySet[Organisation]:
    """Organisations a coordinator works with: those of the municipalities in scope and the
    regional partners of the same region."""
    municipalities = scope.municipalities_in_scope(user)
    return Organisation.objects.filter(is_active=True).filter(
        Q(municipality__in=municipalities)
        | Q(municipality__isnull=True, region__in=municipalities.values("region"))
    ).order_by("kind", "name")


class DomainChoiceField(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def __init__(self, **kwargs) -> None:
        super().__init__(queryset=Domain.objects.filter(active=True), to_field_name="code",
                         required=False, **kwargs)


class FutureDateMixin:
    """A deadline in the past is almost always a typing error."""

    def clean_due_on(self) -> dt.date:
        value = self.cleaned_data["due_on"]
        if value < timezone.localdate():
            raise forms.ValidationError(_("Deze datum ligt in het verleden."))
        return value


# --- triage -------------------------------------------------------------------------------------

class TriageForm(DesignSystemForm):
    """The coordinator's assessment of a signal and the decision in one form."""

    domains = DomainChoiceField(label=_("Domeinen"),
                                help_text=_("Bevestig of verander de domeinen van het signaal."))
    act = forms.ChoiceField(label=_("Handeling (werven, vervoeren, huisvesten, …)"),
                            choices=ELEMENT_CHOICES, initial=workflow.UNKNOWN)
    act_note = forms.CharField(label=_("Toelichting handeling"), required=False,
                               widget=forms.Textarea(attrs={"rows": 2}))
    means = forms.ChoiceField(label=_("Middel (dwang, misleiding, misbruik kwetsbare positie, …)"),
                              choices=ELEMENT_CHOICES, initial=workflow.UNKNOWN)
    means_note = forms.CharField(label=_("Toelichting middel"), required=False,
                                 widget=forms.Textarea(attrs={"rows": 2}))
    purpose = forms.ChoiceField(label=_("Oogmerk van uitbuiting"), choices=ELEMENT_CHOICES,
                                initial=workflow.UNKNOWN)
    purpose_note = forms.CharField(label=_("Toelichting oogmerk"), required=False,
                                   widget=forms.Textarea(attrs={"rows": 2}))
    minor_victim = forms.BooleanField(
        label=_("Het mogelijke slachtoffer is minderjarig"), required=False,
        help_text=_("Bij een minderjarige is het middel niet nodig voor mensenhandel."))
    smuggling = forms.BooleanField(
        label=_("Het gaat om mensensmokkel, niet om mensenhandel"), required=False,
        help_text=_("Smokkel wordt geen casus: zet het door naar politie of KMar, of sluit af."))
    decision = forms.ChoiceField(label=_("Besluit"), choices=DECISION_CHOICES,
                                 widget=forms.RadioSelect,
                                 error_messages={"required": _("Kies een besluit.")})
    reason = forms.ModelChoiceField(
        label=_("Reden geen vervolg"), required=False, to_field_name="code",
        queryset=Reason.objects.filter(kind=Reason.Kind.NO_FOLLOW_UP, active=True),
        empty_label=_("Kies een reden"))
    forward_to = forms.ModelChoiceField(
        label=_("Doorzetten naar"), required=False, to_field_name="slug",
        queryset=Organisation.objects.filter(kind=Organisation.Kind.PARTNER, is_active=True),
        empty_label=_("Kies een organisatie"))
    explanation = forms.CharField(label=_("Toelichting bij het doorzetten"), required=False,
                                  widget=forms.Textarea(attrs={"rows": 2}))
    title = forms.CharField(
        label=_("Titel van de nieuwe casus"), required=False, max_length=120,
        help_text=_("Zonder namen of adressen, bijvoorbeeld 'Overbewoning bedrijfspand Oost'."))
    priority = forms.ChoiceField(label=_("Prioriteit"), choices=Priority.choices,
                                 initial=Priority.NORMAL)
    case = forms.ModelChoiceField(label=_("Lopende casus"), required=False,
                                  queryset=Case.objects.none(), to_field_name="reference",
                                  empty_label=_("Kies een casus"))

    REQUIRED_BY_DECISION = {
        "no_follow_up": ("reason", _("Kies een reden waarom er geen vervolg komt.")),
        "forward": ("forward_to", _("Kies naar welke organisatie het signaal gaat.")),
        "open_case": ("title", _("Geef de casus een titel zonder namen of adressen.")),
        "add_to_case": ("case", _("Kies de casus waaraan het signaal wordt toegevoegd.")),
    }

    def __init__(self, *args, cases: QuerySet[Case] | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if cases is not None:
            self.fields["case"].queryset = cases
        self.fields["case"].label_from_instance = lambda case: f"{case.reference} – {case.title}"

    def clean(self) -> dict:
        cleaned = super().clean()
        decision = cleaned.get("decision")
        if decision in self.REQUIRED_BY_DECISION:
            name, message = self.REQUIRED_BY_DECISION[decision]
            value = cleaned.get(name)
            if not (value.strip() if isinstance(value, str) else value):
                self.add_error(name, message)
        if cleaned.get("smuggling") and decision in {"open_case", "add_to_case"}:
            self.add_error("decision", _("Mensensmokkel is geen mensenhandel: zet het signaal "
                                         "door naar politie of KMar of kies geen vervolg."))
        return cleaned

    def assessment(self) -> AssessmentInput:
        data = self.cleaned_data
        return AssessmentInput(
            act=data["act"], act_note=data["act_note"], means=data["means"],
            means_note=data["means_note"], purpose=data["purpose"],
            purpose_note=data["purpose_note"], minor_victim=data["minor_victim"],
            smuggling=data["smuggling"])


def triage_initial(signal, assessment: Assessment | None) -> dict:
    """Start from what is known: the signal's domains and its latest assessment."""
    initial = {"domains": [d.code for d in signal.domains.all()],
               "minor_victim": bool(signal.minor_involved)}
    if assessment is not None:
        for name in ("act", "act_note", "means", "means_note", "purpose", "purpose_note",
                     "minor_victim", "smuggling"):
            initial[name] = getattr(assessment, name)
        if initial["means"] == workflow.NOT_REQUIRED:
            initial["means"] = workflow.UNKNOWN
    return initial


# --- cases --------------------------------------------------------------------------------------

MINE_CHOICES = [("mine", _("Mijn casussen")), ("all", _("Alle casussen in mijn gemeente(n)"))]


class CaseFilterForm(DesignSystemForm):
    show = forms.ChoiceField(label=_("Tonen"), choices=MINE_CHOICES, required=False)
    status = forms.ChoiceField(label=_("Status"), required=False,
                               choices=[("", _("Alle lopende")), ("all", _("Alle"))]
                               + list(CaseStatus.choices))
    priority = forms.ChoiceField(label=_("Prioriteit"), required=False,
                                 choices=[("", _("Alle"))] + list(Priority.choices))
    domain = forms.ModelChoiceField(label=_("Domein"), required=False, to_field_name="code",
                                    queryset=Domain.objects.filter(active=True),
                                    empty_label=_("Alle"))
    overdue = forms.BooleanField(label=_("Alleen met verlopen termijn"), required=False)


class CaseEditForm(DesignSystemForm):
    version = forms.IntegerField(widget=forms.HiddenInput)
    title = forms.CharField(label=_("Titel"), max_length=120,
                            help_text=_("Zonder namen of adressen."),
                            error_messages={"required": _("Geef de casus een titel.")})
    priority = forms.ChoiceField(label=_("Prioriteit"), choices=Priority.choices)
    domains = DomainChoiceField(label=_("Domeinen"))


class CaseStatusForm(DesignSystemForm):
    version = forms.IntegerField(widget=forms.HiddenInput)
    to_status = forms.ChoiceField(label=_("Nieuwe status"), choices=(),
                                  error_messages={"required": _("Kies een nieuwe status.")})
    reason = forms.CharField(label=_("Waarom deze stap?"), widget=forms.Textarea(attrs={"rows": 2}),
                             error_messages={"required": _("Geef een reden voor deze stap.")})
    outcome = forms.ModelChoiceField(
        label=_("Uitkomst (bij sluiten)"), required=False, to_field_name="code",
        queryset=Reason.objects.filter(kind=Reason.Kind.CASE_OUTCOME, active=True),
        empty_label=_("Kies een uitkomst"))
    closing_summary = forms.CharField(
        label=_("Samenvatting bij sluiten"), required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Wat is er gebeurd en wat is het resultaat? Zonder namen."))
    barrier_phases = forms.MultipleChoiceField(
        label=_("In welke fasen van het barrièremodel speelde iets?"), required=False,
        choices=BARRIER_PHASES, widget=forms.CheckboxSelectMultiple,
        help_text=_("Voor het beleid: waar had de gemeente een barrière kunnen opwerpen?"))

    def __init__(self, *args, current: str = workflow.OPEN, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        labels = dict(CaseStatus.choices)
        self.fields["to_status"].choices = [("", _("Kies een status"))] + [
            (s, labels[s]) for s in workflow.allowed_case_targets(current)]

    def clean(self) -> dict:
        cleaned = super().clean()
        if cleaned.get("to_status") == CaseStatus.CLOSED:
            if not cleaned.get("outcome"):
                self.add_error("outcome", _("Kies een uitkomst: hoe is de casus afgelopen?"))
            if not cleaned.get("closing_summary", "").strip():
                self.add_error("closing_summary", _("Schrijf een korte samenvatting."))
        return cleaned


class CaseNoteForm(DesignSystemForm):
    text = forms.CharField(label=_("Notitie"), widget=forms.Textarea(attrs={"rows": 3}),
                           error_messages={"required": _("Schrijf eerst een notitie.")})


class ConsentFieldsMixin(forms.Form):
    """Legal basis or consent, and which parts of the case are shared (data minimisation)."""

    legal_basis = forms.ModelChoiceField(
        label=_("Grondslag voor het delen"), required=False, to_field_name="code",
        queryset=LegalReference.objects.filter(is_processing_basis=True, active=True),
        empty_label=_("Geen grondslag: op basis van toestemming"))
    consent = forms.ChoiceField(label=_("Toestemming van de betrokkene"),
                                choices=Referral.Consent.choices, initial=Referral.Consent.UNKNOWN)
    shared_fields = forms.MultipleChoiceField(
        label=_("Welke gegevens deelt u?"), required=False, initial=["summary"],
        choices=list(SHAREABLE_FIELDS.items()), widget=forms.CheckboxSelectMultiple,
        help_text=_("Deel niet meer dan de partner nodig heeft. De partner ziet alleen wat u "
                    "hier aanvinkt."))

    def check_basis(self, cleaned: dict) -> None:
        if not cleaned.get("legal_basis") and cleaned.get("consent") not in {
                Referral.Consent.GIVEN, Referral.Consent.NOT_NEEDED}:
            self.add_error("legal_basis", _("Kies een grondslag, of leg vast dat toestemming is "
                                            "gegeven of niet nodig is."))


class ReferralForm(FutureDateMixin, ConsentFieldsMixin, DesignSystemForm):
    organisation = forms.ModelChoiceField(label=_("Doorverwijzen naar"), to_field_name="slug",
                                          queryset=Organisation.objects.none(),
                                          empty_label=_("Kies een organisatie"),
                                          error_messages={"required": _("Kies een organisatie.")})
    reason = forms.CharField(label=_("Waarom verwijst u door?"),
                             widget=forms.Textarea(attrs={"rows": 2}),
                             error_messages={"required": _("Schrijf waarom u doorverwijst.")})
    due_on = forms.DateField(label=_("Terugkoppeling vóór"), widget=date_widget(),
                             error_messages=DATE_ERRORS)
    field_order = ["organisation", "reason", "legal_basis", "consent", "shared_fields", "due_on"]

    def __init__(self, *args, organisations=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if organisations is not None:
            self.fields["organisation"].queryset = organisations
        self.initial.setdefault("due_on", in_days(DEFAULT_REFERRAL_DAYS))

    def clean(self) -> dict:
        cleaned = super().clean()
        self.check_basis(cleaned)
        return cleaned


class RevokeForm(DesignSystemForm):
    text = forms.CharField(label=_("Reden van intrekken"), widget=forms.Textarea(attrs={"rows": 2}),
                           error_messages={"required": _("Geef een reden.")})


def intervention_type_choices() -> list:
    """Intervention types grouped by category (enforcement, care, criminal, information)."""
    groups: dict[str, list[tuple[str, str]]] = {}
    for kind in InterventionType.objects.filter(active=True).order_by("order", "code"):
        groups.setdefault(kind.category, []).append((kind.code, kind.name))
    labels = dict(InterventionType.Category.choices)
    return [("", _("Kies een soort"))] + [
        (labels[code], groups[code]) for code in InterventionType.Category.values
        if code in groups]


def default_executor(type_code: str) -> Organisation | None:
    kind = InterventionType.objects.filter(code=type_code).first()
    if kind is None or not kind.default_partner:
        return None
    return Organisation.objects.filter(partner_code=kind.default_partner, is_active=True).first()


class InterventionForm(FutureDateMixin, DesignSystemForm):
    type = forms.ChoiceField(label=_("Soort interventie"), choices=(),
                             error_messages={"required": _("Kies een soort interventie.")})
    organisation = forms.ModelChoiceField(
        label=_("Uitvoerder"), required=False, to_field_name="slug",
        queryset=Organisation.objects.none(), empty_label=_("Vaste uitvoerder van deze soort"),
        help_text=_("Laat leeg om de organisatie te kiezen die deze soort meestal uitvoert."))
    due_on = forms.DateField(label=_("Uiterlijk klaar op"), widget=date_widget(),
                             error_messages=DATE_ERRORS)
    description = forms.CharField(label=_("Omschrijving"), required=False,
                                  widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, organisations=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["type"].choices = intervention_type_choices()
        if organisations is not None:
            self.fields["organisation"].queryset = organisations
        self.initial.setdefault("due_on", in_days(DEFAULT_REFERRAL_DAYS))

    def clean(self) -> dict:
        cleaned = super().clean()
        if cleaned.get("type") and not cleaned.get("organisation"):
            executor = default_executor(cleaned["type"])
            if executor is None:
                self.add_error("organisation", _("Voor deze soort is geen vaste uitvoerder "
                                                 "bekend: kies de organisatie."))
            cleaned["organisation"] = executor
        return cleaned


class InterventionUpdateForm(DesignSystemForm):
    status = forms.ChoiceField(label=_("Status"), choices=Intervention.Status.choices)
    outcome = forms.CharField(label=_("Resultaat"), required=False,
                              widget=forms.Textarea(attrs={"rows": 2}))

    def clean(self) -> dict:
        cleaned = super().clean()
        if cleaned.get("status") == Intervention.Status.DONE and not cleaned.get(
                "outcome", "").strip():
            self.add_error("outcome", _("Beschrijf het resultaat."))
        return cleaned


# --- referrals for partners ---------------------------------------------------------------------

RESPONSE_CHOICES = [
    (workflow.ACCEPTED, _("Accepteren")),
    (workflow.REJECTED, _("Afwijzen")),
    (workflow.DONE, _("Afgerond: terugkoppelen")),
]


class ReferralResponseForm(DesignSystemForm):
    to_status = forms.ChoiceField(choices=RESPONSE_CHOICES, widget=forms.HiddenInput)
    text = forms.CharField(label=_("Toelichting"), required=False,
                           widget=forms.Textarea(attrs={"rows": 3}))
    TEXT_LABELS = {
        workflow.ACCEPTED: (_("Opmerking"), ""),
        workflow.REJECTED: (_("Reden van afwijzen"),
                            _("Geef een reden waarom u de doorverwijzing afwijst.")),
        workflow.DONE: (_("Terugkoppeling: wat heeft u gedaan?"),
                        _("Schrijf kort wat u heeft gedaan en wat het resultaat is.")),
    }

    def __init__(self, *args, target: str = "", **kwargs) -> None:
        super().__init__(*args, **kwargs)
        label, required_message = self.TEXT_LABELS.get(target, (_("Toelichting"), ""))
        self.fields["text"].label = label
        if required_message:
            self.fields["text"].required = True
            self.fields["text"].error_messages["required"] = required_message


# --- conferences --------------------------------------------------------------------------------

class ConferenceForm(DesignSystemForm):
    title = forms.CharField(label=_("Titel"), max_length=120, initial=_("Casusoverleg"),
                            error_messages={"required": _("Geef het overleg een titel.")})
    scheduled_at = forms.DateTimeField(
        label=_("Datum en tijd"), input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M",
                                                  "%d-%m-%Y %H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local",
                                          "class": "utrecht-textbox utrecht-textbox--html-input"},
                                   format="%Y-%m-%dT%H:%M"),
        error_messages={"invalid": _("Vul een datum en tijd in, bijvoorbeeld 14-03-2026 10:00."),
                        "required": _("Vul een datum en tijd in.")})
    location = forms.CharField(label=_("Locatie"), required=False, max_length=200)
    cases = forms.ModelMultipleChoiceField(
        label=_("Casussen op de agenda"), queryset=Case.objects.none(), to_field_name="reference",
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Zet minstens één casus op de agenda.")})
    organisations = forms.ModelMultipleChoiceField(
        label=_("Uitgenodigde organisaties"), queryset=Organisation.objects.none(),
        to_field_name="slug", required=False, widget=forms.CheckboxSelectMultiple)
    participants = forms.ModelMultipleChoiceField(
        label=_("Uitgenodigde personen"), queryset=User.objects.none(), required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Deelnemers zien de agendacasussen pas na het bevestigen van de "
                    "geheimhoudingsverklaring, en tot kort na het overleg."))
    access_days_after = forms.IntegerField(
        label=_("Dagen toegang na het overleg"), min_value=0, max_value=30, initial=7)

    def __init__(self, *args, user: User | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if user is not None:
            organisations = relevant_organisations(user)
            self.fields["cases"].queryset = scope.managed_cases(user).exclude(
                status=CaseStatus.CLOSED).order_by("-opened_at")
            self.fields["organisations"].queryset = organisations
            self.fields["participants"].queryset = User.objects.filter(
                is_active=True, organisation__in=organisations).exclude(pk=user.pk).select_related(
                "organisation").order_by("organisation__name", "first_name", "last_name")
        self.fields["cases"].label_from_instance = lambda c: f"{c.reference} – {c.title}"
        self.fields["participants"].label_from_instance = (
            lambda u: f"{u.display_name} ({u.organisation.name if u.organisation else '—'})")


FOLLOW_UP_CHOICES = [
    ("", _("Alleen het besluit vastleggen")),
    ("referral", _("Ook een doorverwijzing maken naar de eigenaar")),
    ("intervention", _("Ook een interventie plannen, uit te voeren door de eigenaar")),
]


class DecisionForm(FutureDateMixin, ConsentFieldsMixin, DesignSystemForm):
    text = forms.CharField(label=_("Besluit"), widget=forms.Textarea(attrs={"rows": 3}),
                           help_text=_("Wat gaat er gebeuren? Zonder namen van betrokkenen."),
                           error_messages={"required": _("Beschrijf het besluit.")})
    owner = forms.ModelChoiceField(label=_("Eigenaar (organisatie)"), to_field_name="slug",
                                   queryset=Organisation.objects.none(),
                                   empty_label=_("Kies een organisatie"),
                                   error_messages={"required": _("Kies wie het besluit uitvoert.")})
    due_on = forms.DateField(label=_("Uiterlijk"), widget=date_widget(),
                             error_messages=DATE_ERRORS)
    follow_up = forms.ChoiceField(label=_("Vervolg"), choices=FOLLOW_UP_CHOICES, required=False,
                                  widget=forms.RadioSelect)
    intervention_type = forms.ChoiceField(label=_("Soort interventie"), required=False,
                                          choices=())
    field_order = ["text", "owner", "due_on", "follow_up", "legal_basis", "consent",
                   "shared_fields", "intervention_type"]

    def __init__(self, *args, organisations=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["intervention_type"].choices = intervention_type_choices()
        if organisations is not None:
            self.fields["owner"].queryset = organisations
        self.initial.setdefault("due_on", in_days(DEFAULT_REFERRAL_DAYS))
        self.initial.setdefault("follow_up", "")

    def clean(self) -> dict:
        cleaned = super().clean()
        if cleaned.get("follow_up") == "referral":
            self.check_basis(cleaned)
        if cleaned.get("follow_up") == "intervention" and not cleaned.get("intervention_type"):
            self.add_error("intervention_type", _("Kies de soort interventie."))
        return cleaned
