from django.contrib import admin

from doorbraak.areas.models import Area, AreaGroup


@admin.register(Area)
class AreaAdmin(admin.ModelAdmin[Area]):
    list_display = ["code", "name", "level", "vintage", "parent"]
    list_filter = ["level", "vintage"]
    search_fields = ["code", "name"]

    def has_add_permission(self, request: object) -> bool:
        return False  # areas come from CBS lists via `doorbraak areas load`


@admin.register(AreaGroup)
class AreaGroupAdmin(admin.ModelAdmin[AreaGroup]):
    list_display = ["name", "kind", "gemeente"]
    list_filter = ["kind"]
    filter_horizontal = ["members"]
