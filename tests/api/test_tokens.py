"""API tokens (issue 12: stored in clear and never expiring): shown once, hashed at rest,
scoped to the role they were issued for, expiring, revocable; nothing in the database or the
admin gives the token back."""

import datetime as dt
import importlib
import io
import json
from types import SimpleNamespace

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.utils import timezone

from doorbraak.api.models import ApiToken
from doorbraak.api.tokens import token_issue
from doorbraak.core.errors import UserError
from doorbraak.core.models import AuditAction, AuditEvent
from doorbraak.partners.models import Role, User
from tests.conftest import UserOf

API = "/api/v1/indicators"


def _command(*args: str) -> str:
    out = io.StringIO()
    call_command("api", "token", *args, stdout=out)
    return out.getvalue()


def _key(printed: str) -> str:
    return printed.split(": ", 1)[1].split()[0]


def _tool(key: str) -> Client:
    return Client(HTTP_AUTHORIZATION=f"Token {key}")


def test_the_token_is_printed_once_and_stored_only_as_a_hash(user_of: UserOf) -> None:
    steward = user_of(Role.DATA_STEWARD)
    printed = _command(steward.username)
    key = _key(printed)
    assert "maar één keer getoond" in printed
    assert _tool(key).get(API).status_code == 200
    with connection.cursor() as cursor:  # every column of the table, as stored
        cursor.execute("SELECT * FROM api_apitoken")
        stored = " ".join(str(value) for row in cursor.fetchall() for value in row)
    assert key not in stored
    assert key[:8] in stored  # only its first characters, to recognise it by
    again = _command(steward.username)
    assert key not in again
    assert "niet meer te tonen" in again
    [issued] = AuditEvent.objects.filter(action=AuditAction.API_TOKEN_ISSUE)
    assert issued.object_id == str(steward.pk)
    assert key not in f"{issued.reason} {issued.object_id}"


def test_the_admin_never_shows_a_token(user_of: UserOf) -> None:
    issued = token_issue(user=user_of(Role.RESEARCHER))
    root = Client()
    root.force_login(User.objects.create_superuser(username="root", password="Lang-2026-x"))
    for page in ("/beheer/api/apitoken/", f"/beheer/api/apitoken/{issued.token.pk}/change/"):
        response = root.get(page)
        assert response.status_code == 200
        assert issued.key not in response.content.decode()
        assert issued.token.digest not in response.content.decode()
    assert root.get("/beheer/authtoken/").status_code == 404  # DRF's clear tokens are gone


def _refusal(response) -> str:  # type: ignore[no-untyped-def]
    assert response.status_code == 401
    body = json.loads(response.content)
    return str(body["detail"])


def test_an_expired_token_is_refused_in_dutch(user_of: UserOf) -> None:
    issued = token_issue(user=user_of(Role.BOARD), days=30)
    ApiToken.objects.update(expires_at=timezone.now() - dt.timedelta(minutes=1))
    assert "Het token is verlopen op" in _refusal(_tool(issued.key).get(API))


def test_a_token_is_scoped_to_the_role_it_was_issued_for(user_of: UserOf) -> None:
    professional = user_of(Role.PROFESSIONAL)
    issued = token_issue(user=professional)
    assert _tool(issued.key).get(API).status_code == 200
    professional.role = Role.RESEARCHER
    professional.save()
    assert "rol van de gebruiker is gewijzigd" in _refusal(_tool(issued.key).get(API))
    professional.role = Role.PROFESSIONAL
    professional.is_active = False
    professional.save()
    assert "niet actief" in _refusal(_tool(issued.key).get(API))


def test_renewing_or_revoking_ends_the_old_token(user_of: UserOf) -> None:
    programme = user_of(Role.PROGRAMME_TEAM)
    first = _key(_command(programme.username))
    second = _key(_command(programme.username, "--vernieuw", "--dagen", "7"))
    assert "onbekend of ingetrokken" in _refusal(_tool(first).get(API))
    assert _tool(second).get(API).status_code == 200
    token = ApiToken.objects.get(revoked_at__isnull=True)
    assert round((token.expires_at - token.created_at).total_seconds() / 86400) == 7
    assert "1 token(s) van programma ingetrokken" in _command(programme.username, "--intrekken")
    assert _tool(second).get(API).status_code == 401
    assert AuditEvent.objects.filter(action=AuditAction.API_TOKEN_REVOKE).count() == 2


def test_only_roles_that_may_read_the_api_get_a_token(user_of: UserOf) -> None:
    with pytest.raises(UserError) as refused:
        _command(user_of(Role.HOUSEHOLD).username)
    assert refused.value.code == "geen-api-toegang"
    with pytest.raises(UserError):
        token_issue(user=user_of(Role.BOARD), days=1000)
    assert not ApiToken.objects.exists()


def test_a_token_expires_after_the_configured_days(user_of: UserOf, settings) -> None:  # type: ignore[no-untyped-def]
    settings.API_TOKEN_DAYS = 90
    issued = token_issue(user=user_of(Role.BOARD))
    lifetime = issued.token.expires_at - issued.token.created_at
    assert dt.timedelta(days=89, hours=23) < lifetime <= dt.timedelta(days=90)


def test_the_migration_hashes_drfs_clear_tokens_and_deletes_them(user_of: UserOf) -> None:
    """What an existing database had: DRF's `authtoken_token`, keys in clear."""
    from django.apps import apps

    migration = importlib.import_module("doorbraak.api.migrations.0001_api_tokens")
    board = user_of(Role.BOARD)
    key = "9944b09199c62bcf9418ad846dd0e4bbdfc6ee4b"  # DRF's format: 40 hex digits
    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE authtoken_token (key varchar(40) PRIMARY KEY, user_id int)")
        cursor.execute("INSERT INTO authtoken_token VALUES (%s, %s)", [key, board.pk])
    migration.clear_tokens_hash(apps, SimpleNamespace(connection=connection))  # as migrate does
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM authtoken_token")
        assert cursor.fetchone() == (0,)
        cursor.execute("DROP TABLE authtoken_token")
    token = ApiToken.objects.get(user=board)
    assert (token.role, token.prefix) == (Role.BOARD, key[:8])
    assert _tool(key).get(API).status_code == 200  # the tool keeps working, for 90 days
