"""Writes for partners and users."""

import re
from pathlib import Path
from typing import Any

import yaml
from django.contrib.auth.models import Group, Permission
from django.contrib.auth.tokens import default_token_generator
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from doorbraak.core.audit import audit_record
from doorbraak.core.definitions.problems import did_you_mean
from doorbraak.core.errors import ProblemsError, UserError
from doorbraak.core.models import AuditAction
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
    *,
    username: str,
    password: str | None,
    role: Role,
    partner: Partner | None = None,
    email: str = "",
) -> User:
    """A user with one role; `password` None leaves it unusable until one is chosen."""
    if role in (Role.DATA_STEWARD, Role.PROFESSIONAL) and partner is None:
        raise UserError("partner-verplicht", f"Een {role.label} hoort bij een partner.")
    user = User.objects.create_user(
        username=username,
        email=email,
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


CODE_PATTERN = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
GEMEENTE_PATTERN = re.compile(r"GM\d{4}")


@transaction.atomic
def partner_add(
    *,
    code: str,
    name: str,
    sector: str,
    gemeente_code: str = "",
    actor: Any = None,
    origin: str = "",
) -> Partner:
    """Add a (real) partner organisation, audited; every problem with the input at once."""
    code, name, gemeente_code = code.strip(), name.strip(), gemeente_code.strip().upper()
    problems = _partner_problems(code, name, sector, gemeente_code)
    if problems:
        raise ProblemsError("partner-ongeldig", "\n".join(problems), problems)
    partner = Partner.objects.create(
        code=code, name=name, sector=sector, gemeente_code=gemeente_code, is_fictitious=False
    )
    audit_record(
        actor=actor,
        action=AuditAction.PARTNER_ADD,
        object_type="partner",
        object_id=code,
        result="toegevoegd",
        origin=origin,
    )
    return partner


def _partner_problems(code: str, name: str, sector: str, gemeente_code: str) -> list[str]:
    problems = []
    if not CODE_PATTERN.fullmatch(code) or len(code) > 80:
        problems.append(
            f"De code '{code}' kan niet: gebruik kleine letters, cijfers en streepjes "
            "(bijvoorbeeld 'woonstichting-de-veste'), hoogstens 80 tekens."
        )
    elif Partner.objects.filter(code=code).exists():
        problems.append(f"Er is al een partner met de code '{code}'; kies een andere code.")
    if not name or len(name) > 200:
        problems.append("Geef de naam van de organisatie (hoogstens 200 tekens).")
    sectors = [choice.value for choice in Sector]
    if sector not in sectors:
        problems.append(
            f"Sector '{sector}' bestaat niet; kies uit {', '.join(sectors)}."
            f"{did_you_mean(sector, sectors)}"
        )
    if gemeente_code and not GEMEENTE_PATTERN.fullmatch(gemeente_code):
        problems.append(
            f"Gemeentecode '{gemeente_code}' kan niet: GM en vier cijfers (bijvoorbeeld GM0047)."
        )
    return problems


STEWARDS_PER_PARTNER = 2  # ADR 0010: at most two named stewards per partner hold the key


@transaction.atomic
def steward_add(
    *, partner_code: str, username: str, email: str, actor: Any = None, origin: str = ""
) -> tuple[User, str]:
    """Give a partner a data steward account, without a password: returns the user and the
    one-time path on which the steward chooses it (valid for PASSWORD_RESET_TIMEOUT).
    Audited; every problem with the input at once."""
    username, email = username.strip(), email.strip()
    partner = Partner.objects.filter(code=partner_code.strip()).first()
    problems = _steward_problems(partner, partner_code, username, email)
    if problems or partner is None:
        raise ProblemsError("gegevensbeheerder-ongeldig", "\n".join(problems), problems)
    user = user_create(
        username=username, password=None, role=Role.DATA_STEWARD, partner=partner, email=email
    )
    audit_record(
        actor=actor,
        action=AuditAction.PARTNER_STEWARD_ADD,
        object_type="gebruiker",
        object_id=username,
        result="aangemaakt",
        origin=origin,
        reason=f"gegevensbeheerder van {partner.code}"[:200],
    )
    return user, password_set_path(user)


@transaction.atomic
def steward_link(*, username: str, actor: Any = None, origin: str = "") -> tuple[User, str]:
    """A new one-time link for a steward who lost his (or whose link expired); the
    password he has, if any, stays until he chooses a new one. Audited."""
    user = User.objects.filter(username=username.strip(), role=Role.DATA_STEWARD).first()
    if user is None:
        raise UserError(
            "gegevensbeheerder-onbekend",
            f"Er is geen gegevensbeheerder met de gebruikersnaam '{username.strip()}'.",
        )
    audit_record(
        actor=actor,
        action=AuditAction.PARTNER_STEWARD_LINK,
        object_type="gebruiker",
        object_id=user.username,
        result="uitgegeven",
        origin=origin,
    )
    return user, password_set_path(user)


def password_set_path(user: User) -> str:
    """The path of the page where `user` chooses a password once: Django's token, which
    stops working when the password changes, at login, or after PASSWORD_RESET_TIMEOUT."""
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    return reverse("partners:password_set", kwargs={"uidb64": uid, "token": token})


def _steward_problems(
    partner: Partner | None, partner_code: str, username: str, email: str
) -> list[str]:
    problems = []
    if partner is None:
        codes = list(Partner.objects.values_list("code", flat=True))
        problems.append(
            f"Partner '{partner_code}' bestaat niet; voeg hem eerst toe met "
            f"'doorbraak partners add'.{did_you_mean(partner_code, codes)}"
        )
    elif partner.users.filter(role=Role.DATA_STEWARD, is_active=True).count() >= (
        STEWARDS_PER_PARTNER
    ):
        problems.append(
            f"{partner.name} heeft al {STEWARDS_PER_PARTNER} gegevensbeheerders; meer houders "
            "van de sleutel zijn er niet (ADR 0010). Zet eerst een account op inactief."
        )
    problems += _username_problems(username)
    try:
        validate_email(email)
    except ValidationError:
        problems.append(f"'{email}' is geen e-mailadres; geef het werkadres van de beheerder.")
    return problems


def _username_problems(username: str) -> list[str]:
    try:
        UnicodeUsernameValidator()(username)
    except ValidationError:
        return [
            f"Gebruikersnaam '{username}' kan niet: gebruik letters, cijfers en . @ + - _ "
            "(hoogstens 150 tekens)."
        ]
    if not username or len(username) > 150:
        return ["Geef een gebruikersnaam van hoogstens 150 tekens."]
    if User.objects.filter(username__iexact=username).exists():
        return [f"Gebruikersnaam '{username}' bestaat al; kies een andere."]
    return []
