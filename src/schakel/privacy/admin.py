# SPDX-License-Identifier: EUPL-1.2
"""Admin for what the privacy officer configures: retention periods and legal holds.

The deletion register, attachments and subject requests are not edited here: they have their
own pages and service functions (append-only history).
"""

from __future__ import annotations

from django.contrib import admin

from schakel.privacy.models import LegalHold, RetentionPolicy


@admin.register(RetentionPolicy)
class RetentionPolicyAdmin(admin.ModelAdmin):
    list_display = ("municipality", "rule", "months", "changed_at")
    list_filter = ("municipality", "rule")


@admin.register(LegalHold)
class LegalHoldAdmin(admin.ModelAdmin):
    list_display = ("reference", "municipality", "reason", "placed_by", "placed_at", "lifted_at")
    list_filter = ("municipality",)
    search_fields = ("reference",)
    readonly_fields = ("placed_by", "placed_at")

    def save_model(self, request, obj, form, change) -> None:
        if not change:
            obj.placed_by = request.user
        super().save_model(request, obj, form, change)

    def has_delete_permission(self, request, obj=None) -> bool:
        return False  # lift a hold (set 'opgeheven op'); the row stays as history
