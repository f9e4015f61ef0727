"""API tokens in the admin: which exist, for whom, until when; never the token itself (only
`doorbraak api token` shows it, once). Tokens are issued on the command line only."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from doorbraak.api.models import ApiToken


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin[ApiToken]):
    list_display = ["prefix", "user", "role", "created_at", "expires_at", "revoked_at"]
    list_filter = ["role"]
    fields = readonly_fields = ("prefix", "user", "role", "created_at", "expires_at", "revoked_at")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
