# SPDX-License-Identifier: EUPL-1.2
"""Admin for the policy reference data. Barrier models are edited here or in the YAML; every
save of a model or a step appends a revision to the model's history. Assessments are
append-only and therefore read-only here."""

from __future__ import annotations

from django.contrib import admin

from schakel.policy.loader import record_revision
from schakel.policy.models import (
    Barrier,
    BarrierAssessment,
    BarrierModel,
    BarrierModelRevision,
    BarrierStep,
    BbaAssessment,
    BbaItem,
    Instrument,
    StaffCount,
    TrainingSession,
)


class RevisionOnSave:
    """Append a revision of the barrier model after the object and its inlines are saved."""

    def barrier_model(self, obj) -> BarrierModel:
        raise NotImplementedError

    def save_related(self, request, form, formsets, change) -> None:
        super().save_related(request, form, formsets, change)
        changed = list(form.changed_data) + [
            f"{formset.prefix}" for formset in formsets if formset.has_changed()]
        if changed or not change:
            record_revision(self.barrier_model(form.instance),
                            BarrierModelRevision.Source.ADMIN,
                            {type(form.instance).__name__.lower(): changed or ["created"]},
                            user=request.user)


class StepInline(admin.TabularInline):
    model = BarrierStep
    fields = ("order", "code", "name", "case_phases", "verified", "active")
    extra = 0
    show_change_link = True


class BarrierInline(admin.TabularInline):
    model = Barrier
    fields = ("order", "instrument", "how", "active")
    extra = 0


@admin.register(BarrierModel)
class BarrierModelAdmin(RevisionOnSave, admin.ModelAdmin):
    list_display = ("code", "name", "version", "active", "updated_at")
    inlines = [StepInline]

    def barrier_model(self, obj) -> BarrierModel:
        return obj


@admin.register(BarrierStep)
class BarrierStepAdmin(RevisionOnSave, admin.ModelAdmin):
    list_display = ("name", "model", "order", "case_phases", "verified", "active")
    list_filter = ("model",)
    inlines = [BarrierInline]

    def barrier_model(self, obj) -> BarrierModel:
        return obj.model


@admin.register(Instrument)
class InstrumentAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "department", "active")
    search_fields = ("code", "name", "department")


@admin.register(BarrierModelRevision)
class BarrierModelRevisionAdmin(admin.ModelAdmin):
    list_display = ("model", "version", "source", "changed_by", "at")
    list_filter = ("model", "source")

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(BbaItem)
class BbaItemAdmin(admin.ModelAdmin):
    list_display = ("code", "title", "group", "derived", "shows_training_coverage", "active")
    list_filter = ("group",)


class ReadOnlyAdmin(admin.ModelAdmin):
    """Assessment rows are history: corrections are new rows, made in the application."""

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(BarrierAssessment)
class BarrierAssessmentAdmin(ReadOnlyAdmin):
    list_display = ("municipality", "barrier", "status", "recorded_by", "recorded_at")
    list_filter = ("municipality", "status")


@admin.register(BbaAssessment)
class BbaAssessmentAdmin(ReadOnlyAdmin):
    list_display = ("municipality", "item", "status", "assessed_on", "recorded_by")
    list_filter = ("municipality", "status")


@admin.register(TrainingSession)
class TrainingSessionAdmin(admin.ModelAdmin):
    list_display = ("municipality", "held_on", "topic", "department", "partner", "participants")
    list_filter = ("municipality", "department")
    exclude = ("recorded_by", "recorded_at")

    def save_model(self, request, obj, form, change) -> None:
        if not change:
            obj.recorded_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(StaffCount)
class StaffCountAdmin(admin.ModelAdmin):
    list_display = ("municipality", "department", "staff", "updated_at")
    exclude = ("updated_by",)

    def save_model(self, request, obj, form, change) -> None:
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)
