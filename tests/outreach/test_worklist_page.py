"""The worklist as the worker sees it: her team's open cases in order, with priority, age and
what is overdue under the norm setting (DOORBRAAK_OUTREACH_FIRST_ATTEMPT_DAYS)."""

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse

from doorbraak.outreach import selectors, services
from doorbraak.partners.models import User

from .conftest import BSN_B, TODAY, signal


@pytest.fixture(autouse=True)
def _today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: TODAY)


def _ago(days: int) -> dt.date:
    return TODAY - dt.timedelta(days=days)


def test_the_worklist_orders_and_judges_the_norm(worker: User, settings: Any) -> None:
    services.signal_receive(actor=worker, signal=signal("oud", signal_date=_ago(10), amount=100))
    services.signal_receive(
        actor=worker,
        signal=signal("groot", bsn=BSN_B, house_number="14", signal_date=_ago(2), amount=4000),
    )
    services.signal_receive(
        actor=worker,
        signal=signal("crisis", bsn="", house_number="16", signal_date=_ago(1), crisis=True),
    )
    rows = selectors.worklist_rows(worker, today=TODAY)
    assert [r.case.signals.get().record_key for r in rows] == ["crisis", "groot", "oud"]
    assert [r.priority for r in rows] == ["hoog", "middel", "laag"]
    assert [r.age_days for r in rows] == [1, 2, 10]
    assert not any(r.overdue for r in rows)  # the norm is 14 days
    settings.OUTREACH_FIRST_ATTEMPT_DAYS = 7
    rows = selectors.worklist_rows(worker, today=TODAY)
    assert [r.case.signals.get().record_key for r in rows] == ["crisis", "oud", "groot"]
    assert [r.overdue for r in rows] == [False, True, False]
    assert rows[1].due == _ago(3)


def test_closed_cases_leave_the_worklist(worker: User) -> None:
    case = services.signal_receive(actor=worker, signal=signal("h")).zaak
    services.case_close(actor=worker, case=case, result="Niet opgepakt: onterecht signaal")
    assert selectors.worklist_rows(worker, today=TODAY) == []


def test_the_worklist_names_her_gemeente_not_its_code(worker: User, client: Any) -> None:
    client.force_login(worker)
    text = client.get(reverse("outreach:worklist")).content.decode()
    assert "van de gemeente Veendam," in text  # GM0047 in the demo region
    assert "GM0047" not in text
