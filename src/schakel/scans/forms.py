# SPDX-License-Identifier: EUPL-1.2
"""Forms of the worklist. The action forms appear once per hit, so their ids carry the hit's
number (``auto_id``) while the field names stay the same for the view that receives them."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from schakel.registers.config import RULE_CODES
from schakel.scans import services
from schakel.scans.describe import rule_title
from schakel.scans.models import Dismissal, HitCheck
from schakel.signals.forms import DesignSystemForm

DEFAULT_CHECK_DAYS = 14
EARLIEST_PEILDATUM = dt.date(2000, 1, 1)

STATUS_LABELS = {
    services.CURRENT: _("Alles behalve afgewezen"),
    services.NEW: _("Nieuw (nog niets besloten)"),
    services.SIGNAL: _("Melding gemaakt"),
    services.CHECK: _("Controle gepland of gedaan"),
    services.DISMISSED: _("Afgewezen (cijfers ongewijzigd)"),
    services.ALL: _("Alle treffers"),
}


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None) -> None:
        super().__init__(attrs, format="%Y-%m-%d")


class RunScanForm(DesignSystemForm):
    municipality = forms.ModelChoiceField(label=_("Gemeente"), queryset=None, empty_label=None)
    peildatum = forms.DateField(
        label=_("Peildatum"), widget=DateInput,
        help_text=_("De scan kijkt naar de registers zoals ze op deze dag waren."),
    )

    def __init__(self, *args, municipalities, **kwargs) -> None:
        kwargs.setdefault("initial", {})
        kwargs["initial"].setdefault("peildatum", timezone.localdate())
        kwargs["initial"].setdefault("municipality", municipalities.first())
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = municipalities
        if municipalities.count() == 1:
            self.fields["municipality"].widget = forms.HiddenInput()

    def clean_peildatum(self) -> dt.date:
        value = self.cleaned_data["peildatum"]
        if value > timezone.localdate():
            raise forms.ValidationError(_("De peildatum kan niet in de toekomst liggen."))
        if value < EARLIEST_PEILDATUM:
            raise forms.ValidationError(_("Kies een peildatum na 1 januari 2000."))
        return value


class WorklistFilterForm(DesignSystemForm):
    regel = forms.ChoiceField(label=_("Regel"), required=False)
    status = forms.ChoiceField(label=_("Toon"), required=False,
                               choices=list(STATUS_LABELS.items()))

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["regel"].choices = [("", _("Alle regels"))] + [
            (code, rule_title(code)) for code in RULE_CODES]

    def filters(self) -> dict[str, str]:
        if not self.is_valid():
            return {"rule": "", "status": services.CURRENT}
        return {"rule": self.cleaned_data.get("regel") or "",
                "status": self.cleaned_data.get("status") or services.CURRENT}


class DismissForm(DesignSystemForm):
    reason = forms.ChoiceField(label=_("Reden"), choices=Dismissal.Reason.choices)
    explanation = forms.CharField(
        label=_("Toelichting"), required=False, max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Zonder namen. Verplicht bij 'Anders'."),
    )


class CheckForm(DesignSystemForm):
    kind = forms.ChoiceField(label=_("Soort controle"), choices=HitCheck.Kind.choices)
    due_date = forms.DateField(label=_("Uiterlijk op"), widget=DateInput)

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("initial", {})
        kwargs["initial"].setdefault(
            "due_date", timezone.localdate() + dt.timedelta(days=DEFAULT_CHECK_DAYS))
        super().__init__(*args, **kwargs)

    def clean_due_date(self) -> dt.date:
        value = self.cleaned_data["due_date"]
        if value < timezone.localdate():
            raise forms.ValidationError(_("De datum ligt in het verleden."))
        return value


class OutcomeForm(DesignSystemForm):
    outcome = forms.ChoiceField(label=_("Uitkomst"), choices=HitCheck.Outcome.choices)
    note = forms.CharField(label=_("Toelichting"), required=False, max_length=1000,
                           widget=forms.Textarea(attrs={"rows": 2}),
                           help_text=_("Zonder namen."))
