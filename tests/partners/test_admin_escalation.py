"""The functional administrator keeps accounts but never reaches case content (issue 12, attack
4): ticking 'superuser' in the admin, setting a professional's password, or routing the reset
link to oneself all fail; every change is an audit line; superusers come only from
`doorbraak createsuperuser`, audited too."""

import re

import pytest
from django.contrib.auth.models import Permission
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from doorbraak.core.audit import audit_verify
from doorbraak.core.models import AuditAction, AuditEvent
from doorbraak.partners.models import Partner, Role, User
from tests.conftest import UserOf

PROFESSIONAL_EMAIL = "m.jansen@gemeente-veendam.example"


@pytest.fixture
def admin_client(user_of: UserOf) -> Client:
    client = Client()
    client.force_login(user_of(Role.ADMINISTRATOR))
    return client


@pytest.fixture
def professional(user_of: UserOf) -> User:
    user = user_of(Role.PROFESSIONAL)
    user.email = PROFESSIONAL_EMAIL
    user.save()
    return user


def _change(client: Client, user: User, **fields: object):  # type: ignore[no-untyped-def]
    data = {
        "first_name": user.first_name,
        "last_name": user.last_name,
        "role": user.role,
        "partner": user.partner_id or "",
        "is_active": "on" if user.is_active else "",
    } | fields
    return client.post(f"/beheer/partners/user/{user.pk}/change/", data)


def _events(action: AuditAction) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(action=action).order_by("pk"))


def test_ticking_superuser_staff_groups_or_permissions_changes_nothing(
    admin_client: Client, user_of: UserOf, professional: User
) -> None:
    administrator = user_of(Role.ADMINISTRATOR)
    every_permission = list(Permission.objects.values_list("pk", flat=True))
    forged = {
        "is_superuser": "on",
        "is_staff": "on",
        "groups": list(administrator.groups.values_list("pk", flat=True)),
        "user_permissions": every_permission,
    }
    form = admin_client.get(f"/beheer/partners/user/{administrator.pk}/change/").content.decode()
    for field in ("is_superuser", "is_staff", "user_permissions", "groups", "password"):
        assert f'name="{field}"' not in form, field
    for target in (administrator, professional):
        response = _change(admin_client, target, **forged)
        assert response.status_code == 302, response.content.decode()[:2000]
        target.refresh_from_db()
        assert not target.is_superuser
        assert not target.user_permissions.exists()
    assert not professional.is_staff  # staff follows the role: a professional never is
    assert list(professional.groups.values_list("name", flat=True)) == ["professional", "demo"]
    assert not User.objects.filter(is_superuser=True).exists()


def test_nobody_sets_another_users_password_in_the_admin(
    admin_client: Client, professional: User
) -> None:
    page = f"/beheer/partners/user/{professional.pk}/password/"
    assert admin_client.get(page).status_code == 403
    response = admin_client.post(page, {"password1": "Overgenomen-2026", "password2": "x"})
    assert response.status_code == 403
    root = User.objects.create_superuser(username="root", password="Lang-genoeg-2026")
    superuser = Client()
    superuser.force_login(root)
    assert superuser.get(page).status_code == 403  # superusers neither
    professional.refresh_from_db()
    assert professional.check_password("doorbraak-demo")


def test_the_reset_link_goes_to_the_user_never_to_the_administrator(
    admin_client: Client, user_of: UserOf, professional: User
) -> None:
    """The attack's detour: point the account at one's own address, then ask for a link."""
    administrator = user_of(Role.ADMINISTRATOR)
    _change(admin_client, professional, email="beheerder@example.org", username="overgenomen")
    professional.refresh_from_db()
    assert (professional.email, professional.username) == (PROFESSIONAL_EMAIL, "professional")
    response = admin_client.post(
        "/beheer/partners/user/",
        {"action": "reset_link_send", "_selected_action": [professional.pk]},
    )
    assert response.status_code == 302
    [message] = mail.outbox
    assert message.to == [PROFESSIONAL_EMAIL]
    assert "kies een wachtwoord" in message.subject
    assert re.search(r"/wachtwoord/nieuw/\S+/\S+/", message.body)
    [sent] = _events(AuditAction.AUTH_PASSWORD_RESET_SEND)
    assert (sent.actor, sent.object_id, sent.origin) == (
        administrator,
        str(professional.pk),
        "beheer",
    )
    professional.refresh_from_db()
    assert professional.check_password("doorbraak-demo")  # unchanged until the user chooses


def test_the_administrator_cannot_read_the_caseload(
    admin_client: Client, professional: User
) -> None:
    assert admin_client.get("/werk").status_code == 403
    assert admin_client.get("/beheer/register/").status_code == 404  # no case data in the admin
    page = admin_client.get(f"/beheer/partners/user/{professional.pk}/change/").content.decode()
    assert "worker_ref" not in page
    assert professional.worker_ref not in page or not professional.worker_ref


def test_nobody_changes_their_own_role(admin_client: Client, user_of: UserOf) -> None:
    administrator = user_of(Role.ADMINISTRATOR)
    veendam = Partner.objects.get(code="gemeente-veendam")
    _change(admin_client, administrator, role=Role.PROFESSIONAL, partner=veendam.pk, is_active="")
    administrator.refresh_from_db()
    assert (administrator.role, administrator.partner, administrator.is_active) == (
        Role.ADMINISTRATOR,
        None,
        True,
    )


def test_every_admin_change_is_an_audit_line(
    admin_client: Client, user_of: UserOf, professional: User
) -> None:
    administrator = user_of(Role.ADMINISTRATOR)
    _change(admin_client, professional, role=Role.RESEARCHER)
    [change] = _events(AuditAction.ADMIN_OBJECT_CHANGE)
    assert (change.actor, change.object_type, change.object_id) == (
        administrator,
        "partners.user",
        str(professional.pk),
    )
    assert "Rol" in change.reason or "rol" in change.reason
    professional.refresh_from_db()
    assert professional.role == Role.RESEARCHER
    assert list(professional.groups.values_list("name", flat=True)) == ["onderzoeker", "demo"]
    assert audit_verify() == []


def test_a_new_account_has_no_password_and_gets_a_link(
    admin_client: Client, user_of: UserOf
) -> None:
    veendam = Partner.objects.get(code="gemeente-veendam")
    response = admin_client.post(
        "/beheer/partners/user/add/",
        {
            "username": "a.devries",
            "email": "a.devries@gemeente-veendam.example",
            "first_name": "Anna",
            "last_name": "de Vries",
            "role": Role.PROFESSIONAL,
            "partner": veendam.pk,
            "password1": "Zelf-gekozen-2026",  # ignored: the form has no password
            "password2": "Zelf-gekozen-2026",
            "is_superuser": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    user = User.objects.get(username="a.devries")
    assert not user.has_usable_password()
    assert (user.is_staff, user.is_superuser) == (False, False)
    assert list(user.groups.values_list("name", flat=True)) == ["professional"]
    [message] = mail.outbox
    assert message.to == ["a.devries@gemeente-veendam.example"]
    [added] = _events(AuditAction.ADMIN_OBJECT_ADD)
    assert (added.object_type, added.object_id) == ("partners.user", str(user.pk))
    assert "Anna" not in added.reason
    assert "Vries" not in added.reason
    assert [e.object_id for e in _events(AuditAction.AUTH_PASSWORD_RESET_SEND)] == [str(user.pk)]


def test_a_lost_phone_is_reset_by_the_administrator_and_audited(
    admin_client: Client, professional: User
) -> None:
    TOTPDevice.objects.create(user=professional, name="app", confirmed=True)
    admin_client.post(
        "/beheer/partners/user/",
        {"action": "second_step_reset", "_selected_action": [professional.pk]},
    )
    assert not TOTPDevice.objects.filter(user=professional).exists()
    [reset] = _events(AuditAction.AUTH_MFA_DEVICE_RESET)
    assert (reset.object_id, reset.result) == (str(professional.pk), "opnieuw")


def test_the_device_list_never_shows_a_secret(professional: User) -> None:
    device = TOTPDevice.objects.create(user=professional, name="app", confirmed=True)
    root = Client()
    root.force_login(User.objects.create_superuser(username="root", password="Lang-2026-x"))
    listing = root.get("/beheer/otp_totp/totpdevice/").content.decode()
    detail = root.get(f"/beheer/otp_totp/totpdevice/{device.pk}/change/").content.decode()
    for page in (listing, detail):
        assert device.key not in page
        assert "qrcode" not in page


def test_superusers_come_only_from_the_command_line_and_are_audited(
    demo_world: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", "Lang-genoeg-2026")
    call_command(
        "createsuperuser", "--noinput", "--username", "noodbeheer", "--email", "n@example.org"
    )
    user = User.objects.get(username="noodbeheer")
    assert user.is_superuser
    [created] = _events(AuditAction.AUTH_SUPERUSER_CREATE)
    assert (created.object_id, created.origin) == (str(user.pk), "doorbraak createsuperuser")


def test_the_admin_login_page_is_the_site_login(demo_world: None, user_of: UserOf) -> None:
    response = Client().get("/beheer/login/?next=/beheer/")
    assert response.status_code == 302
    assert response["Location"].startswith("/inloggen?next=")
    researcher = Client()
    researcher.force_login(user_of(Role.RESEARCHER))
    assert researcher.get("/beheer/login/").status_code == 403  # no login loop
