# SPDX-License-Identifier: EUPL-1.2
"""Admin for a municipality's scan settings only.

The settings are edited as the same YAML text that ``schakel registers scan --config`` reads,
and checked by the same strict validation. Runs, hits and decisions are deliberately not in the
admin: the worklist holds addresses and is for the coordinator only.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from schakel.audit import services as audit
from schakel.scans.models import ScanSettings


class ScanSettingsForm(forms.ModelForm):
    settings_text = forms.CharField(
        label=_("Drempels en gewichten (YAML)"), required=False,
        widget=forms.Textarea(attrs={"rows": 30, "cols": 100, "class": "vLargeTextField",
                                     "spellcheck": "false"}),
        help_text=_("Zelfde vorm als registers/defaults.yaml (schakel registers config). Alleen "
                    "wat afwijkt van de standaard wordt bewaard; elke scan legt de volledige "
                    "instellingen vast. Zet SBI-codes tussen aanhalingstekens."),
    )

    class Meta:
        model = ScanSettings
        fields = ("municipality", "object_id_prefixes")

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["settings_text"].initial = self.instance.settings_text()

    def clean_object_id_prefixes(self) -> str:
        parts = [p.strip() for p in self.cleaned_data["object_id_prefixes"].split(",") if p.strip()]
        if any(not part.isdigit() or len(part) > 16 for part in parts):
            raise ValidationError(_("Alleen cijfers, gescheiden door komma's (bijv. 0482)."))
        return ", ".join(parts)

    def clean_settings_text(self) -> str:
        text = self.cleaned_data["settings_text"]
        self.instance.set_settings_text(text)
        return text


@admin.register(ScanSettings)
class ScanSettingsAdmin(admin.ModelAdmin):
    form = ScanSettingsForm
    list_display = ("municipality", "object_id_prefixes", "updated_at", "updated_by")
    readonly_fields = ("updated_at", "updated_by")
    fields = ("municipality", "object_id_prefixes", "settings_text", "updated_at", "updated_by")

    def save_model(self, request, obj: ScanSettings, form, change: bool) -> None:
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)
        audit.record(actor=request.user, action="update" if change else "create",
                     object_type="register_scan_settings",
                     object_refs=[obj.municipality.cbs_code], request=request,
                     purpose="register_scan")
