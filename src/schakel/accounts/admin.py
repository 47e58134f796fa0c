# SPDX-License-Identifier: EUPL-1.2
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from schakel.accounts.models import Municipality, Organisation, User


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    list_display = ("name", "cbs_code", "region")
    search_fields = ("name", "cbs_code")


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ("name", "slug", "kind", "partner_code", "municipality", "region", "is_active")
    list_filter = ("kind", "municipality", "is_active")
    search_fields = ("name", "slug")


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ("username", "first_name", "last_name", "organisation", "is_active")
    list_filter = ("organisation", "groups", "is_active")
    fieldsets = BaseUserAdmin.fieldsets + (
        (_("Schakel"), {"fields": ("organisation", "job_title")}),
    )
