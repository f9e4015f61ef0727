"""Receiving, bundling, taking up, attempts and closing; identified fields stored encrypted."""

import datetime as dt

import pytest
from django.db import connection

from doorbraak.core.errors import ProblemsError, UserError
from doorbraak.core.models import AuditEvent
from doorbraak.outreach import services
from doorbraak.outreach.models import Vroegsignaal, Vroegsignaalzaak
from doorbraak.partners.models import User

from .conftest import BSN_A, BSN_B, NAME_A, TODAY, signal


@pytest.fixture(autouse=True)
def _today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: TODAY)


def test_a_household_s_signals_are_bundled_by_bsn_or_address(worker: User) -> None:
    first = services.signal_receive(actor=worker, signal=signal("huur-1"))
    by_bsn = services.signal_receive(
        actor=worker,
        signal=signal("energie-1", partner_type="Energie", postcode="", house_number=""),
    )
    by_address = services.signal_receive(
        actor=worker, signal=signal("water-1", partner_type="Water", bsn="", postcode="9641ab")
    )
    other = services.signal_receive(
        actor=worker, signal=signal("huur-2", bsn=BSN_B, house_number="14")
    )
    assert first.zaak_id == by_bsn.zaak_id == by_address.zaak_id
    assert other.zaak_id != first.zaak_id
    assert Vroegsignaalzaak.objects.count() == 2


def test_another_gemeente_or_a_closed_case_starts_a_new_case(worker: User) -> None:
    first = services.signal_receive(actor=worker, signal=signal("huur-1"))
    elsewhere = services.signal_receive(
        actor=worker, signal=signal("huur-x", gemeente_code="GM0765")
    )
    assert elsewhere.zaak_id != first.zaak_id
    services.case_close(actor=worker, case=first.zaak, result="Niet opgepakt: herhaalde melding")
    later = services.signal_receive(actor=worker, signal=signal("huur-3"))
    assert later.zaak_id != first.zaak_id


def test_the_same_partner_record_twice_is_refused(worker: User) -> None:
    services.signal_receive(actor=worker, signal=signal("huur-1"))
    with pytest.raises(UserError) as error:
        services.signal_receive(actor=worker, signal=signal("huur-1"))
    assert error.value.code == "signaal-al-ontvangen"


def test_every_problem_with_a_signal_at_once(worker: User) -> None:
    bad = signal(" ", bsn="123456789", partner_type="Gas", signal_date=TODAY + dt.timedelta(days=1))
    with pytest.raises(ProblemsError) as error:
        services.signal_receive(actor=worker, signal=bad)
    assert len(error.value.problems) == 4
    assert Vroegsignaal.objects.count() == 0


def test_identified_fields_are_ciphertext_in_the_database(worker: User) -> None:
    stored = services.signal_receive(actor=worker, signal=signal("huur-1"))
    with connection.cursor() as cursor:
        cursor.execute("SELECT bsn, name, postcode FROM outreach_vroegsignaal")
        raw = cursor.fetchone()
    assert all(value.startswith("v1.") for value in raw)
    assert BSN_A not in " ".join(raw)
    assert "Sanne" not in " ".join(raw)
    again = Vroegsignaal.objects.get(pk=stored.pk)
    assert (again.bsn, again.name, again.postcode) == (BSN_A, NAME_A, "9641AB")


def test_attempts_come_after_taking_up_and_follow_the_ggm(worker: User) -> None:
    case = services.signal_receive(actor=worker, signal=signal("huur-1")).zaak
    with pytest.raises(ProblemsError):
        services.attempt_record(actor=worker, case=case, kind="Brief", on=TODAY, reached=False)
    services.case_take_up(actor=worker, case=case, on=TODAY - dt.timedelta(days=2))
    with pytest.raises(ProblemsError) as error:
        services.attempt_record(
            actor=worker, case=case, kind="Duif", on=TODAY, reached=False, part_of_day="Nacht"
        )
    assert len(error.value.problems) == 2
    services.attempt_record(
        actor=worker, case=case, kind="Huisbezoek", on=TODAY, reached=True, part_of_day="Avond"
    )
    assert case.attempts.get().reached


def test_closing_checks_the_result_against_what_happened(worker: User) -> None:
    case = services.signal_receive(actor=worker, signal=signal("huur-1")).zaak
    with pytest.raises(ProblemsError):  # not taken up: only a 'niet opgepakt' result
        services.case_close(actor=worker, case=case, result="Vervolghulp en/of verwijzing")
    with pytest.raises(ProblemsError):  # 'andere reden' needs the internal reason
        services.case_close(actor=worker, case=case, result="Niet opgepakt: andere reden")
    services.case_take_up(actor=worker, case=case)
    with pytest.raises(ProblemsError):  # follow-up help needs someone reached
        services.case_close(actor=worker, case=case, result="Vervolghulp en/of verwijzing")
    with pytest.raises(ProblemsError):  # taken up: 'niet opgepakt' no longer fits
        services.case_close(actor=worker, case=case, result="Niet opgepakt: onterecht signaal")
    services.case_close(actor=worker, case=case, result="Definitief geen contact kunnen krijgen")
    with pytest.raises(UserError) as error:
        services.case_close(actor=worker, case=case, result="Inwoner is overleden")
    assert error.value.code == "zaak-al-afgesloten"
    case.refresh_from_db()
    assert (case.closed_on, case.result) == (TODAY, "Definitief geen contact kunnen krijgen")


def test_taking_up_lies_between_the_first_signal_and_today(worker: User) -> None:
    case = services.signal_receive(actor=worker, signal=signal("huur-1")).zaak
    for wrong in (TODAY - dt.timedelta(days=4), TODAY + dt.timedelta(days=1)):
        with pytest.raises(UserError) as error:
            services.case_take_up(actor=worker, case=case, on=wrong)
        assert error.value.code == "opgepakt-datum-onjuist"
    services.case_take_up(actor=worker, case=case, on=TODAY - dt.timedelta(days=3))
    with pytest.raises(UserError):
        services.case_take_up(actor=worker, case=case)


def test_every_write_is_audited_by_the_case_s_id_only(worker: User) -> None:
    before = AuditEvent.objects.count()
    case = services.signal_receive(actor=worker, signal=signal("huur-1")).zaak
    services.case_take_up(actor=worker, case=case, on=TODAY - dt.timedelta(days=1))
    services.attempt_record(actor=worker, case=case, kind="Telefoon", on=TODAY, reached=True)
    services.case_close(actor=worker, case=case, result="(Budget)advies en/of quick fix")
    lines = list(AuditEvent.objects.order_by("pk")[before:])
    assert [line.action for line in lines] == [
        "outreach.signal.receive",
        "outreach.case.take_up",
        "outreach.attempt.record",
        "outreach.case.close",
    ]
    assert {line.object_id for line in lines} == {str(case.pk)}
    assert all(BSN_A not in f"{line.object_id}{line.reason}" for line in lines)
