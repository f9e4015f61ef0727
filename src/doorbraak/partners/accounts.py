"""Accounts as the functional administrator keeps them (ADR 0014): without ever knowing or
choosing anyone's password, and without a way to raise an account above its role.

An account's admin rights follow from its role alone (`account_role_apply`: the role's group,
`is_staff` for the roles that use the admin, never `is_superuser`). A password is chosen only by
the account's own user, through a link sent to the address on the account
(`reset_link_send`), which is why the address cannot be changed in the admin.
Superusers come only from the command line (`createsuperuser`, audited).
"""

from collections.abc import Iterator
from typing import Any

from django.contrib.auth.forms import PasswordResetForm
from django.contrib.auth.models import Group
from django.http import HttpRequest

from doorbraak.core.audit import audit_record
from doorbraak.core.errors import UserError
from doorbraak.core.models import AuditAction
from doorbraak.partners import mfa
from doorbraak.partners.models import User
from doorbraak.partners.services import STAFF_ROLES

EMAIL_SUBJECT = "registration/reset_subject.txt"
EMAIL_BODY = "registration/reset_email.txt"


def account_role_apply(user: User) -> None:
    """Admin rights from the role and nothing else: its group, and the admin only for the
    roles that use it."""
    user.is_staff = user.role in STAFF_ROLES
    user.is_superuser = False
    user.save(update_fields=["is_staff", "is_superuser"])
    user.user_permissions.clear()
    groups = [Group.objects.get_or_create(name=user.role)[0]] if user.role else []
    kept = list(user.groups.filter(name=mfa.DEMO_GROUP))
    user.groups.set(groups + kept)


class _OneAccountResetForm(PasswordResetForm):
    """Django's reset e-mail for one chosen account (also one without a password yet)."""

    def __init__(self, user: User) -> None:
        super().__init__(data={"email": user.email})
        self.account = user

    def get_users(self, email: str) -> Iterator[Any]:
        yield self.account


def reset_link_send(*, user: User, request: HttpRequest, origin: str = "beheer") -> None:
    """E-mail `user` a link to choose a (new) password, valid once (PASSWORD_RESET_TIMEOUT).
    Audited; the current password, if any, stays until the user chooses a new one."""
    if not user.email or not user.is_active:
        raise UserError(
            "geen-adres",
            f"{user.get_username()} heeft geen e-mailadres of is niet actief: er is geen link "
            "verstuurd.",
        )
    form = _OneAccountResetForm(user)
    if not form.is_valid():
        raise UserError("geen-adres", f"Het e-mailadres van {user.get_username()} is ongeldig.")
    form.save(
        request=request,
        use_https=request.is_secure(),
        subject_template_name=EMAIL_SUBJECT,
        email_template_name=EMAIL_BODY,
    )
    audit_record(
        actor=request.user,
        action=AuditAction.AUTH_PASSWORD_RESET_SEND,
        object_type="gebruiker",
        object_id=str(user.pk),
        result="verstuurd",
        origin=origin,
    )


def second_step_reset(*, user: User, actor: Any, origin: str = "beheer") -> int:
    """A lost phone: the user sets up a new app at the next login (after their own
    password, which the administrator never knows). Audited."""
    removed = mfa.devices_reset(user)
    audit_record(
        actor=actor,
        action=AuditAction.AUTH_MFA_DEVICE_RESET,
        object_type="gebruiker",
        object_id=str(user.pk),
        result="opnieuw" if removed else "geen-app",
        origin=origin,
    )
    return removed


def superuser_created_record(*, user: Any) -> None:
    audit_record(
        actor=None,
        action=AuditAction.AUTH_SUPERUSER_CREATE,
        object_type="gebruiker",
        object_id=str(user.pk),
        result="aangemaakt",
        origin="doorbraak createsuperuser",
    )
