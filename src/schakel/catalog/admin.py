# SPDX-License-Identifier: EUPL-1.2
from django.contrib import admin

from schakel.catalog.models import (
    CatalogLoad,
    Domain,
    Indicator,
    InterventionType,
    LegalReference,
    Partner,
    Reason,
    SubForm,
)


@admin.register(Domain)
class DomainAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "is_exploitation", "triage_days", "active")
    list_editable = ("triage_days",)


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = ("code", "label", "domain", "subject", "active")
    list_filter = ("domain", "subject", "active")
    search_fields = ("code", "label")


@admin.register(SubForm)
class SubFormAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "domain", "active")
    list_filter = ("domain",)


@admin.register(Partner)
class PartnerAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "category", "active")
    list_filter = ("category",)


@admin.register(LegalReference)
class LegalReferenceAdmin(admin.ModelAdmin):
    list_display = ("code", "title", "citation", "is_processing_basis", "active")


@admin.register(Reason)
class ReasonAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "kind", "active")
    list_filter = ("kind",)


@admin.register(CatalogLoad)
class CatalogLoadAdmin(admin.ModelAdmin):
    list_display = ("version", "loaded_at")
    readonly_fields = ("version", "loaded_at", "summary")

    def has_add_permission(self, request):  # loads happen through `schakel catalog load` only
        return False


@admin.register(InterventionType)
class InterventionTypeAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "category", "default_partner", "active")
    list_filter = ("category",)
