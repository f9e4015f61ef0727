"""Writes for partners and users."""

from pathlib import Path
from typing import Any

import yaml
from django.contrib.auth.models import Group, Permission
from django.db import transaction

from doorbraak.core.errors import UserError
from doorbraak.partners.models import Partner, Role, Sector, User

# Django admin permissions per role. Only these two roles reach the admin at all.
TARGET_PERMISSIONS = [
    "programme.view_target",
    "programme.change_target",
    "programme.view_milestone",
    "programme.add_milestone",
    "programme.change_milestone",
    "programme.delete_milestone",
    "programme.view_targetchange",
]
ROLE_PERMISSIONS: dict[str, list[str]] = {
    Role.PROGRAMME_TEAM: TARGET_PERMISSIONS,
    Role.ADMINISTRATOR: [
        *TARGET_PERMISSIONS,
        "programme.view_planversion",
        "partners.view_partner",
        "partners.add_partner",
        "partners.change_partner",
        "partners.view_user",
        "partners.add_user",
        "partners.change_user",
        "areas.view_area",
        "areas.view_areagroup",
        "areas.add_areagroup",
        "areas.change_areagroup",
    ],
}
STAFF_ROLES = frozenset(ROLE_PERMISSIONS)


def role_groups_sync() -> None:
    """Create one auth group per role holding exactly the admin permissions of that role."""
    for role in Role:
        group, _ = Group.objects.get_or_create(name=role.value)
        wanted = ROLE_PERMISSIONS.get(role, [])
        permissions = [
            Permission.objects.get(content_type__app_label=app, codename=codename)
            for app, codename in (name.split(".") for name in wanted)
        ]
        group.permissions.set(permissions)


@transaction.atomic
def user_create(
    *, username: str, password: str, role: Role, partner: Partner | None = None
) -> User:
    if role in (Role.DATA_STEWARD, Role.PROFESSIONAL) and partner is None:
        raise UserError("partner-verplicht", f"Een {role.label} hoort bij een partner.")
    user = User.objects.create_user(
        username=username,
        password=password,
        role=role,
        partner=partner,
        is_staff=role in STAFF_ROLES,
    )
    user.groups.set([Group.objects.get_or_create(name=role.value)[0]])
    return user


def partner_load(*, path: Path) -> int:
    """Create or update partners from a YAML list; returns how many there are. Idempotent."""
    records: list[dict[str, Any]] = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    sectors = {choice.value for choice in Sector}
    with transaction.atomic():
        for record in records:
            if record["sector"] not in sectors:
                raise UserError(
                    "onbekende-sector",
                    f"Partner {record['code']}: onbekende sector '{record['sector']}'.",
                )
            Partner.objects.update_or_create(
                code=record["code"],
                defaults={
                    "name": record["name"],
                    "sector": record["sector"],
                    "gemeente_code": record.get("gemeente") or "",
                    "signal_source": record.get("signal_source") or "",
                    "is_fictitious": bool(record.get("fictitious", True)),
                },
            )
    return len(records)
