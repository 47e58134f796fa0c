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


@admin.action(description=_("Tweestapsverificatie opnieuw laten instellen"),
              permissions=["change"])
def reset_two_factor(modeladmin, request, queryset) -> None:
    """A lost or replaced phone: remove the app and recovery codes; at the next log-in the user
    enrols again. Every reset is on the access log (schakel.accounts.twofactor)."""
    from schakel.accounts import twofactor

    for user in queryset:
        twofactor.reset_devices(request.user, user, request)
    modeladmin.message_user(request, _("Tweestapsverificatie gewist voor %(count)d gebruiker(s). "
                                       "Zij stellen die opnieuw in bij de volgende inlog.")
                            % {"count": queryset.count()})


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ("username", "first_name", "last_name", "organisation", "is_active")
    actions = [reset_two_factor]
    list_filter = ("organisation", "groups", "is_active")
    fieldsets = BaseUserAdmin.fieldsets + (
        (_("Schakel"), {"fields": ("organisation", "job_title")}),
    )


# django-otp registers its device models; their pages would show TOTP secrets and recovery codes.
# Devices are managed through enrolment and the reset action above instead.
def _hide_otp_device_admin() -> None:
    from django_otp.plugins.otp_static.models import StaticDevice
    from django_otp.plugins.otp_totp.models import TOTPDevice

    for model in (TOTPDevice, StaticDevice):
        if admin.site.is_registered(model):
            admin.site.unregister(model)


_hide_otp_device_admin()
