"""The audit log is hash-chained: editing or removing a line is detected."""

from doorbraak.core.audit import audit_record, audit_verify
from doorbraak.core.models import AuditEvent
from doorbraak.partners.models import Role
from tests.conftest import UserOf


def _three(user_of: UserOf) -> list[AuditEvent]:
    actor = user_of(Role.PROFESSIONAL)
    return [
        audit_record(
            actor=actor,
            action="lezen",
            object_type="huishouden",
            object_id=str(n),
            result="getoond",
        )
        for n in range(3)
    ]


def test_an_untouched_chain_verifies(user_of: UserOf) -> None:
    _three(user_of)
    assert audit_verify() == []


def test_an_edited_line_breaks_the_chain(user_of: UserOf) -> None:
    events = _three(user_of)
    AuditEvent.objects.filter(pk=events[1].pk).update(result="geweigerd")
    assert audit_verify() == [events[1].pk]


def test_a_removed_line_breaks_the_chain(user_of: UserOf) -> None:
    events = _three(user_of)
    AuditEvent.objects.filter(pk=events[1].pk).delete()
    assert audit_verify() == [events[2].pk]
