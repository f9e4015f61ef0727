from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from doorbraak.partners.models import Partner, User


@admin.register(Partner)
class PartnerAdmin(admin.ModelAdmin[Partner]):
    list_display = ["name", "sector", "gemeente_code", "signal_source", "is_fictitious"]
    list_filter = ["sector", "is_fictitious"]
    search_fields = ["name", "code"]


@admin.register(User)
class DoorbraakUserAdmin(UserAdmin):
    list_display = ["username", "role", "partner", "is_active", "last_login"]
    list_filter = ["role", "partner__sector", "is_active"]
    fieldsets = (
        *(UserAdmin.fieldsets or ()),
        ("Doorbraak", {"fields": ("role", "partner")}),
    )
