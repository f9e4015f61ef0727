"""The GGM JSON: the export validates against the pinned schema and never carries the internal
reason; importing it gives the same cases and the same P2 as the workflow; reading a file twice
changes nothing; a bad file is refused with every problem and nothing stored."""

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command

from doorbraak.core.errors import ProblemsError, UserError
from doorbraak.outreach import exchange, selectors, services
from doorbraak.outreach.models import Contactpoging, Vroegsignaal, Vroegsignaalzaak
from doorbraak.partners.models import User

from .conftest import BSN_B, TODAY, signal

REASON = "inwoner staat op de uitsluitingslijst (agressie)"
START, END = TODAY - dt.timedelta(days=30), TODAY


@pytest.fixture(autouse=True)
def _today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: TODAY)


def _day(n: int) -> dt.date:
    return TODAY - dt.timedelta(days=n)


@pytest.fixture
def week(worker: User) -> list[Vroegsignaalzaak]:
    """Three closed cases: reached after three attempts, never reached, not taken up."""
    reached = services.signal_receive(
        actor=worker, signal=signal("huur-1", signal_date=_day(20))
    ).zaak
    services.signal_receive(
        actor=worker, signal=signal("energie-1", partner_type="Energie", signal_date=_day(15))
    )
    services.case_take_up(actor=worker, case=reached, on=_day(14))
    for days, kind, ok in ((14, "Brief", False), (12, "Telefoon", False), (9, "Huisbezoek", True)):
        services.attempt_record(actor=worker, case=reached, kind=kind, on=_day(days), reached=ok)
    services.case_close(actor=worker, case=reached, result="Vervolghulp en/of verwijzing")
    never = services.signal_receive(
        actor=worker,
        signal=signal(
            "water-1", partner_type="Water", bsn="", house_number="30", signal_date=_day(25)
        ),
    ).zaak
    services.case_take_up(actor=worker, case=never, on=_day(24))
    services.attempt_record(actor=worker, case=never, kind="Brief", on=_day(23), reached=False)
    services.case_close(actor=worker, case=never, result="Definitief geen contact kunnen krijgen")
    skipped = services.signal_receive(
        actor=worker, signal=signal("zorg-1", partner_type="Zorg", bsn=BSN_B, house_number="40")
    ).zaak
    services.case_close(
        actor=worker, case=skipped, result="Niet opgepakt: andere reden", reason=REASON
    )
    return [reached, never, skipped]


def test_the_export_validates_and_holds_every_closed_case(week: list[Vroegsignaalzaak]) -> None:
    document = exchange.export_document(start=START, end=END)
    assert exchange.schema_problems(document) == []
    (delivery,) = document["leveringen"]
    assert delivery["gemeentecode"] == "0047"
    assert sorted(c["resultaat"] for c in delivery["vroegsignaalzaken"]) == sorted(
        case.result for case in week
    )
    assert len(delivery["vroegsignalen"]) == 4
    water = next(s for s in delivery["vroegsignalen"] if s["ID"] == "water-1")
    assert water["client"] == {"postcode": "9641AB", "huisnummer": "30"}


def test_the_partner_never_learns_why_a_signal_was_not_taken_up(
    week: list[Vroegsignaalzaak],
) -> None:
    skipped = week[2]
    (signal_row,) = skipped.signals.all()
    assert selectors.signal_status(signal_row) == "Niet opgepakt: andere reden"
    text = json.dumps(exchange.export_document(start=START, end=END), ensure_ascii=False)
    assert "Niet opgepakt: andere reden" in text
    assert "uitsluitingslijst" not in text
    assert "agressie" not in text
    skipped.refresh_from_db()
    assert skipped.reason_internal == REASON  # kept, for the gemeente itself


def test_statuses_the_partner_sees(week: list[Vroegsignaalzaak], worker: User) -> None:
    open_one = services.signal_receive(actor=worker, signal=signal("huur-9", house_number="50"))
    assert selectors.signal_status(open_one) == "Nog niet opgepakt"
    services.case_take_up(actor=worker, case=open_one.zaak)
    assert selectors.signal_status(Vroegsignaal.objects.get(pk=open_one.pk)) == "Opgepakt"
    assert {selectors.signal_status(s) for s in week[0].signals.all()} == {"Opgepakt"}


def _wipe() -> None:
    Contactpoging.objects.all().delete()
    Vroegsignaal.objects.all().delete()
    Vroegsignaalzaak.objects.all().delete()


def test_an_import_of_the_export_gives_the_same_p2(week: list[Vroegsignaalzaak]) -> None:
    p2 = selectors.p2(Vroegsignaalzaak.objects.all())
    # huur-1: 20 days ago, first attempt 6 days later; energie-1 (same case): 15 days ago, 1
    # day; water-1: 25 days ago, 2 days; zorg-1: no attempt. The median of 6, 1, 2:
    assert p2 == 2
    document = exchange.export_document(start=START, end=END)
    _wipe()
    result = exchange.import_document(document)
    assert (result.cases, result.signals, result.attempts) == (3, 4, 4)
    assert selectors.p2(Vroegsignaalzaak.objects.all()) == p2
    imported = Vroegsignaalzaak.objects.get(signals__record_key="huur-1")
    assert imported.source == Vroegsignaalzaak.Source.IMPORT
    assert imported.result == "Vervolghulp en/of verwijzing"
    assert imported.signals.count() == 2
    assert exchange.import_document(document).skipped == 3  # twice: nothing changes
    assert Vroegsignaalzaak.objects.count() == 3


def test_a_bad_file_is_refused_whole(week: list[Vroegsignaalzaak]) -> None:
    document: dict[str, Any] = exchange.export_document(start=START, end=END)
    _wipe()
    delivery = document["leveringen"][0]
    delivery["vroegsignaalzaken"][0]["vroegsignalen"].append({"ID": "onbekend-1"})
    del delivery["vroegsignalen"][0]["signaaldatum"]
    with pytest.raises(ProblemsError) as error:
        exchange.import_document(document)
    assert len(error.value.problems) == 2
    assert Vroegsignaalzaak.objects.count() == 0


def test_every_problem_of_a_file_the_schema_lets_through(week: list[Vroegsignaalzaak]) -> None:
    """What the GGM's schema does not require but an import cannot do without."""
    document: dict[str, Any] = exchange.export_document(start=START, end=END)
    _wipe()
    delivery = document["leveringen"][0]
    delivery["gemeentecode"] = "47"
    cases = {c["vroegsignalen"][0]["ID"]: c for c in delivery["vroegsignaalzaken"]}
    del cases["zorg-1"]["vroegsignalen"]
    del cases["water-1"]["contactpogingen"][0]["datum"]
    cases["huur-1"]["vroegsignalen"].append({"ID": "water-1"})  # in two cases
    delivery["vroegsignalen"].append(dict(delivery["vroegsignalen"][0]))  # the same ID again
    with pytest.raises(ProblemsError) as error:
        exchange.import_document(document)
    assert len(error.value.problems) == 5, error.value.problems
    assert Vroegsignaalzaak.objects.count() == 0


def test_the_gemeentecode_may_carry_gm(week: list[Vroegsignaalzaak]) -> None:
    document: dict[str, Any] = exchange.export_document(start=START, end=END)
    _wipe()
    document["leveringen"][0]["gemeentecode"] = "GM0047"
    exchange.import_document(document)
    assert set(Vroegsignaalzaak.objects.values_list("gemeente_code", flat=True)) == {"GM0047"}


def test_the_command_writes_and_reads_the_file(
    week: list[Vroegsignaalzaak], tmp_path: Path
) -> None:
    target = tmp_path / "vroegsignalering.json"
    call_command(
        "vroegsignalering", "export", "--van", str(START), "--tot", str(END), "--uit", str(target)
    )
    assert exchange.schema_problems(json.loads(target.read_text(encoding="utf-8"))) == []
    _wipe()
    call_command("vroegsignalering", "import", str(target))
    assert Vroegsignaalzaak.objects.count() == 3
    with pytest.raises(UserError):
        call_command(
            "vroegsignalering",
            "export",
            "--van",
            str(END),
            "--tot",
            str(START),
            "--uit",
            str(target),
        )
    with pytest.raises(UserError):
        call_command(
            "vroegsignalering",
            "export",
            "--van",
            str(START),
            "--tot",
            str(END),
            "--uit",
            str(tmp_path / "geen-map" / "x.json"),
        )
    (tmp_path / "kapot.json").write_text("{", encoding="utf-8")
    with pytest.raises(ProblemsError):
        call_command("vroegsignalering", "import", str(tmp_path / "kapot.json"))
