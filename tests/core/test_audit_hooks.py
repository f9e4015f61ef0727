"""Failed logins and every admin action are in the audit chain, without a name or a BSN."""

from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.test import Client

from doorbraak.core.audit import audit_verify
from doorbraak.core.models import AuditAction, AuditEvent
from doorbraak.partners.models import Role, User
from tests.conftest import UserOf

BSN = "123456782"  # passes the elfproef: what a user might type as a user name


def _new(action: AuditAction, since: int) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(action=action, seq__gt=since).order_by("seq"))


def _last_seq() -> int:
    last = AuditEvent.objects.order_by("-seq").first()
    return last.seq if last else 0


def _texts(event: AuditEvent) -> str:
    return " ".join(
        str(getattr(event, f.attname)) for f in AuditEvent._meta.fields if f.name != "hash"
    )


def test_a_failed_login_is_recorded_against_the_account_by_id(user_of: UserOf) -> None:
    professional = user_of(Role.PROFESSIONAL)
    since = _last_seq()
    response = Client().post(
        "/inloggen", {"username": professional.username, "password": "fout"}, REMOTE_ADDR="10.1.2.3"
    )
    assert response.status_code == 200  # the form again, with its error
    [event] = _new(AuditAction.AUTH_LOGIN_FAIL, since)
    assert (event.object_type, event.object_id, event.result, event.origin) == (
        "gebruiker",
        str(professional.pk),
        "mislukt",
        "10.1.2.3",
    )
    assert event.actor is None
    assert professional.username not in _texts(event)
    assert audit_verify() == []


def test_a_failed_login_with_an_unknown_name_never_stores_what_was_typed(
    demo_world: None,
) -> None:
    since = _last_seq()
    Client().post("/inloggen", {"username": BSN, "password": "fout"})
    [event] = _new(AuditAction.AUTH_LOGIN_FAIL, since)
    assert event.object_id == "onbekend"
    assert BSN not in _texts(event)


def test_a_good_login_is_no_failure(user_of: UserOf) -> None:
    since = _last_seq()
    Client().post("/inloggen", {"username": "programma", "password": "doorbraak-demo"})
    assert _new(AuditAction.AUTH_LOGIN_FAIL, since) == []


def _admin(user_of: UserOf) -> tuple[Client, User]:
    admin = User.objects.create_superuser(username="supergebruiker", password="x")
    client = Client()
    client.force_login(admin)
    return client, admin


def test_admin_add_change_and_delete_are_each_in_the_chain(user_of: UserOf) -> None:
    client, admin = _admin(user_of)
    since = _last_seq()
    assert client.post("/beheer/auth/group/add/", {"name": "Jan Jansen"}).status_code == 302
    group = Group.objects.get(name="Jan Jansen")
    change = client.post(f"/beheer/auth/group/{group.pk}/change/", {"name": "Piet Pietersen"})
    assert change.status_code == 302
    gone = client.post(f"/beheer/auth/group/{group.pk}/delete/", {"post": "yes"})
    assert gone.status_code == 302
    events = AuditEvent.objects.filter(seq__gt=since).order_by("seq")
    assert [(e.action, e.object_type, e.object_id, e.actor) for e in events] == [
        (AuditAction.ADMIN_OBJECT_ADD, "auth.group", str(group.pk), admin),
        (AuditAction.ADMIN_OBJECT_CHANGE, "auth.group", str(group.pk), admin),
        (AuditAction.ADMIN_OBJECT_DELETE, "auth.group", str(group.pk), admin),
    ]
    assert events[1].reason == "gewijzigd: Name"  # the label as the admin log keeps it, not values
    for event in events:
        assert "Jansen" not in _texts(event)
        assert "Pietersen" not in _texts(event)
    assert audit_verify() == []


def test_admin_bulk_delete_records_every_object_once(user_of: UserOf) -> None:
    client, _admin_user = _admin(user_of)
    groups = [Group.objects.create(name=f"groep-{n}") for n in range(3)]
    for chosen in (groups[:2], groups[2:]):  # several at once (one statement), then one alone
        since = _last_seq()
        response = client.post(
            "/beheer/auth/group/",
            {
                "action": "delete_selected",
                "_selected_action": [g.pk for g in chosen],
                "post": "yes",
            },
        )
        assert response.status_code == 302
        deleted = _new(AuditAction.ADMIN_OBJECT_DELETE, since)
        assert sorted(e.object_id for e in deleted) == sorted(str(g.pk) for g in chosen)
    assert not Group.objects.filter(pk__in=[g.pk for g in groups]).exists()


def test_the_bulk_delete_confirmation_page_records_nothing(user_of: UserOf) -> None:
    client, _admin_user = _admin(user_of)
    group = Group.objects.create(name="blijft")
    since = _last_seq()
    page = client.post(
        "/beheer/auth/group/", {"action": "delete_selected", "_selected_action": [group.pk]}
    )
    assert page.status_code == 200
    assert _new(AuditAction.ADMIN_OBJECT_DELETE, since) == []


def test_an_admin_change_message_gives_field_names_and_never_object_names(
    user_of: UserOf,
) -> None:
    """Django's change message names inline objects by their text, e.g. a person's name."""
    professional = user_of(Role.PROFESSIONAL)
    since = _last_seq()
    LogEntry.objects.create(
        user=professional,
        content_type=ContentType.objects.get_for_model(User),
        object_id=str(professional.pk),
        object_repr="Jan Jansen",
        action_flag=CHANGE,
        change_message=(
            '[{"changed": {"fields": ["Supergebruikerstatus", "Groepen"]}},'
            ' {"added": {"name": "lidmaatschap", "object": "Jan Jansen"}}]'
        ),
    )
    [event] = _new(AuditAction.ADMIN_OBJECT_CHANGE, since)
    assert event.reason == "gewijzigd: Supergebruikerstatus, Groepen; added: lidmaatschap"
    assert "Jansen" not in _texts(event)
