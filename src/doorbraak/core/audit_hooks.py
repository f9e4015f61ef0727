"""Audit lines for what Django itself does: failed logins and every action in the admin.

Connected in `CoreConfig.ready`. A failed login is recorded against the account it named (by
id) or as 'onbekend', never with the name typed, which may be a person's name or a BSN. Admin
actions come from Django's own admin log (`LogEntry`), so every admin page is covered, also
ones added later; the bulk delete action writes its log entries in one statement without a
signal, so the admin's `delete_selected` is replaced by one that records each deleted object.
Only field names reach the audit line, never values or an object's name.
"""

import json
from contextvars import ContextVar
from functools import update_wrapper
from typing import Any

from django.contrib import admin
from django.contrib.admin.actions import delete_selected
from django.contrib.admin.models import ADDITION, CHANGE, DELETION, LogEntry
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db.models import QuerySet
from django.http import HttpRequest
from django.template.response import TemplateResponse

from doorbraak.core.audit import audit_record
from doorbraak.core.client_address import client_address
from doorbraak.core.models import AuditAction

ADMIN_ACTIONS = {
    ADDITION: AuditAction.ADMIN_OBJECT_ADD,
    CHANGE: AuditAction.ADMIN_OBJECT_CHANGE,
    DELETION: AuditAction.ADMIN_OBJECT_DELETE,
}
ORIGIN_ADMIN = "beheer"
# True while the bulk delete runs: it records its deletions itself (the one log entry Django
# saves singly when a single object is selected would otherwise be recorded twice)
_bulk_delete: ContextVar[bool] = ContextVar("audit_bulk_delete", default=False)


def login_failed_record(
    sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any
) -> None:
    """Receiver of `user_login_failed`."""
    user_model = get_user_model()
    typed = str(credentials.get(user_model.USERNAME_FIELD) or credentials.get("username") or "")
    named = user_model._default_manager.filter(**{user_model.USERNAME_FIELD: typed}).first()
    audit_record(
        actor=None,
        action=AuditAction.AUTH_LOGIN_FAIL,
        object_type="gebruiker",
        object_id=str(named.pk) if named else "onbekend",
        result="mislukt",
        origin=client_address(request) if request is not None else "",
    )


def admin_entry_record(sender: Any, instance: LogEntry, created: bool, **kwargs: Any) -> None:
    """Receiver of `post_save` for the admin's `LogEntry`."""
    if not created or instance.action_flag not in ADMIN_ACTIONS:
        return
    if instance.action_flag == DELETION and _bulk_delete.get():
        return
    kind = ""
    if instance.content_type_id is not None:
        content_type = ContentType.objects.get_for_id(instance.content_type_id)  # cached
        kind = f"{content_type.app_label}.{content_type.model}"
    audit_record(
        actor=instance.user,
        action=ADMIN_ACTIONS[instance.action_flag],
        object_type=kind,
        object_id=str(instance.object_id or ""),
        result="ok",
        origin=ORIGIN_ADMIN,
        reason=_fields_changed(instance.change_message),
    )


def _fields_changed(change_message: str) -> str:
    """'gewijzigd: <field labels>' from the admin's change message; inline objects by their
    kind only (the message also holds their names, which stay out)."""
    try:
        parts = json.loads(change_message or "[]")
    except ValueError:
        return ""
    said = []
    for part in parts if isinstance(parts, list) else []:
        for verb, detail in part.items() if isinstance(part, dict) else []:
            if verb == "changed":
                said.append("gewijzigd: " + ", ".join(map(str, detail.get("fields", []))))
            elif isinstance(detail, dict):
                said.append(f"{verb}: {detail.get('name', '')}")
    return "; ".join(said)[:200]


def delete_selected_audited(
    modeladmin: admin.ModelAdmin[Any], request: HttpRequest, queryset: QuerySet[Any]
) -> TemplateResponse | None:
    """Django's bulk delete, with one audit line per object it deleted."""
    targets = list(queryset.values_list("pk", flat=True))
    running = _bulk_delete.set(True)
    try:
        response = delete_selected(modeladmin, request, queryset)
    finally:
        _bulk_delete.reset(running)
    if response is None:  # deleted (otherwise: the confirmation page, nothing deleted yet)
        meta = modeladmin.model._meta
        for pk in targets:
            audit_record(
                actor=request.user,
                action=AuditAction.ADMIN_OBJECT_DELETE,
                object_type=f"{meta.app_label}.{meta.model_name}",
                object_id=str(pk),
                result="ok",
                origin=ORIGIN_ADMIN,
            )
    return response


# Django's description and required permission ("delete") go with it
update_wrapper(delete_selected_audited, delete_selected, assigned=(), updated=("__dict__",))
