"""The workflow's own delivery of the register's `outreach` dataset: one row per signal with
the register's codes; its mapping passes `doorbraak mappings check`, and the partner's own tool
pseudonymises the file (no BSN, name or address left), as any gemeente export."""

import csv
import datetime as dt
import io
from pathlib import Path

import pytest
from django.core.management import call_command

from doorbraak.core.errors import UserError
from doorbraak.core.models import AuditEvent
from doorbraak.outreach import delivery, services
from doorbraak.outreach.models import Vroegsignaalzaak
from doorbraak.partners.models import Partner, User
from doorbraak.pseudonymise.cli import main as pseudonymise
from doorbraak.register.schema import WORKFLOW_OUTREACH_DATASET

from .conftest import BSN_A, TODAY, signal


def _day(n: int) -> dt.date:
    return TODAY - dt.timedelta(days=n)


@pytest.fixture(autouse=True)
def _today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: TODAY)


@pytest.fixture
def worked(worker: User) -> Vroegsignaalzaak:
    case = services.signal_receive(actor=worker, signal=signal("huur-1", signal_date=_day(20))).zaak
    services.signal_receive(
        actor=worker, signal=signal("energie-1", partner_type="Energie", signal_date=_day(15))
    )
    services.case_take_up(actor=worker, case=case, on=_day(19))
    services.attempt_record(actor=worker, case=case, kind="Brief", on=_day(18), reached=False)
    services.attempt_record(actor=worker, case=case, kind="Huisbezoek", on=_day(12), reached=True)
    services.case_close(actor=worker, case=case, result="Vervolghulp en/of verwijzing financieel")
    return case


def _write(tmp_path: Path) -> Path:
    target = tmp_path / "vroegsignalering.csv"
    call_command(
        "vroegsignalering", "aanlevering", "--gemeente", "GM0047",
        "--van", str(_day(30)), "--tot", str(TODAY), "--uit", str(target), stdout=io.StringIO(),
    )  # fmt: skip
    return target


def test_one_row_per_signal_with_the_register_s_codes(worked: Vroegsignaalzaak, tmp_path: Path):
    before = AuditEvent.objects.filter(object_type="outreach.delivery").count()
    target = _write(tmp_path)
    rows = list(csv.DictReader(target.open(encoding="utf-8"), delimiter=";"))
    by_key = {row["Kenmerk"]: row for row in rows}
    assert set(by_key) == {"huur-1", "energie-1"}
    huur, energie = by_key["huur-1"], by_key["energie-1"]
    assert (huur["Soort signaal"], huur["Eerste contactpoging"], huur["Manier van contact"]) == (
        "huur", _day(18).isoformat(), "brief",
    )  # fmt: skip
    assert (energie["Eerste contactpoging"], energie["Manier van contact"]) == (
        _day(12).isoformat(), "huisbezoek",
    )  # fmt: skip
    assert {row["Eindresultaat"] for row in rows} == {"vervolghulp"}
    assert huur["Bereikt op"] == _day(12).isoformat()
    assert huur["BSN"] == BSN_A
    after = AuditEvent.objects.filter(object_type="outreach.delivery").count()
    assert after == before + 1


def test_the_mapping_passes_the_check_and_the_partner_tool_pseudonymises(
    worked: Vroegsignaalzaak, tmp_path: Path
) -> None:
    target = _write(tmp_path)
    declared = tmp_path / "vroegsignalering.mapping.yaml"
    out = io.StringIO()
    call_command("mappings", "check", str(declared), stdout=out)  # exits on a problem
    key = tmp_path / "sleutel.txt"
    key.write_text("ab" * 32, encoding="utf-8")
    done = tmp_path / "gepseudonimiseerd"
    code = pseudonymise([
        "--mapping", str(declared), "--partner", "gemeente-veendam", "--sleutel", str(key),
        "--uit", str(done), str(target),
    ])  # fmt: skip
    assert code == 0
    (written,) = done.glob("*.csv")
    text = written.read_text(encoding="utf-8-sig")
    for identifying in (BSN_A, "Sanne", "9641AB"):  # the postcode area (PC4) may stay
        assert identifying not in text
    for kept in ("huur-1", "vervolghulp", _day(18).isoformat()):
        assert kept in text


def test_an_unknown_gemeente_is_refused(demo_world: None, tmp_path: Path) -> None:
    with pytest.raises(UserError):
        call_command(
            "vroegsignalering", "aanlevering", "--gemeente", "GM9999", "--van", "2026-01-01",
            "--tot", "2026-12-31", "--uit", str(tmp_path / "x.csv"),
        )  # fmt: skip


def test_the_delivery_is_named_as_the_monitor_knows_the_workflow() -> None:
    """The monitor tells the workflow's figures from a gemeente's own system by this name
    (`monitor.outreach_sources`): the mapping written must carry it."""
    partner = Partner(code="gemeente-test", name="Gemeente Test")
    declared = delivery.mapping(partner, "vroegsignalering.csv")
    assert list(declared["partners"]["gemeente-test"]["datasets"]) == [WORKFLOW_OUTREACH_DATASET]
