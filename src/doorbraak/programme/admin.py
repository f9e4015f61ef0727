"""Admin for the programme team: targets and milestones are editable, every change is kept.

The plan's structure is read-only here: it changes by loading a new plan file.
"""

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from doorbraak.programme import models as m
from doorbraak.programme.services import target_change_record, target_snapshot


class MilestoneInline(admin.TabularInline[m.Milestone, m.Target]):
    model = m.Milestone
    extra = 1


class TargetChangeInline(admin.TabularInline[m.TargetChange, m.Target]):
    model = m.TargetChange
    fields = ("changed_at", "changed_by", "before", "after")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(m.Target)
class TargetAdmin(admin.ModelAdmin[m.Target]):
    list_display = ["indicator_code", "indicator_name", "area_code", "value", "horizon", "version"]
    list_filter = ["indicator__plan_version", "indicator__kind"]
    search_fields = ["indicator__code", "indicator__name"]
    fields = ["indicator", "area_code", "value", "horizon", "baseline", "baseline_year", "note"]
    readonly_fields = ["indicator", "area_code"]
    inlines = [MilestoneInline, TargetChangeInline]

    def get_queryset(self, request: HttpRequest) -> QuerySet[m.Target]:
        return super().get_queryset(request).select_related("indicator__plan_version__programme")

    @admin.display(description="code", ordering="indicator__position")
    def indicator_code(self, obj: m.Target) -> str:
        return obj.indicator.code

    @admin.display(description="indicator")
    def indicator_name(self, obj: m.Target) -> str:
        return obj.indicator.name

    @admin.display(description="planversie")
    def version(self, obj: m.Target) -> str:
        return str(obj.indicator.plan_version)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def save_model(self, request: HttpRequest, obj: m.Target, form: Any, change: bool) -> None:
        stored = m.Target.objects.get(pk=obj.pk)
        request._target_before = target_snapshot(stored)  # type: ignore[attr-defined]
        super().save_model(request, obj, form, change)

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        before = getattr(request, "_target_before", None)
        if before is not None:
            target_change_record(target=form.instance, before=before, user=request.user)


@admin.register(m.TargetChange)
class TargetChangeAdmin(admin.ModelAdmin[m.TargetChange]):
    list_display = ["target", "changed_at", "changed_by"]
    readonly_fields = ["target", "changed_at", "changed_by", "before", "after"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(m.PlanVersion)
class PlanVersionAdmin(admin.ModelAdmin[m.PlanVersion]):
    list_display = ["programme", "number", "source_name", "loaded_at", "loaded_by"]
    readonly_fields = [f.name for f in m.PlanVersion._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
