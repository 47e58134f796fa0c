# SPDX-License-Identifier: EUPL-1.2
from django.contrib import admin

from schakel.audit.models import AccessEvent


@admin.register(AccessEvent)
class AccessEventAdmin(admin.ModelAdmin):
    """Read-only view for the privacy officer; nobody can add, change or delete events."""

    list_display = ("sequence", "at", "actor_label", "organisation_label", "action", "object_type",
                    "result", "purpose", "origin")
    list_filter = ("action", "result", "object_type", "channel")
    search_fields = ("actor_label", "object_refs")
    date_hierarchy = "at"

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in self.model._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
