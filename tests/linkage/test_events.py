"""One event, one fact (docs/adr/0017): the records several partners deliver about the same
arrears or the same enrolment become one register fact that keeps every source; different
events stay apart. Hand-made linked records, so the answer is known."""

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from doorbraak.linkage.facts import Linked, _Builder
from doorbraak.register import models as r
from doorbraak.register.services import Provenance

PERSON, HOUSEHOLD = ("p" * 64, "h" * 64)
INSURER, GEMEENTE, DEBT_HELP = (
    "zorgverzekeraar-noordkroon",
    "gemeente-veendam",
    "geldzorg-veenkolonien",
)
ENERGY = "noorderlicht-energie"
SENDS = {INSURER: "zorgverzekering", ENERGY: "energie"}
NAMES = {"zorgverzekeraar noordkroon": INSURER, "noorderlicht energie": ENERGY}


def linked(pk: int, partner: str, kind: str, **values: Any) -> Linked:
    provenance = Provenance(partner=partner, row=pk, delivery=1, mapping_version=f"{kind}-v1")
    return Linked(pk, partner, kind, values, (PERSON, HOUSEHOLD), provenance)


def insurer(pk: int, day: str, amount: str = "701.45") -> Linked:
    """The premium arrears file names no kind: the partner list says what it reports."""
    return linked(
        pk, INSURER, "arrears", amount=amount, arrears_since="2024-05-10", signal_date=day
    )


def outreach(pk: int, day: str, kind: str = "zorgverzekering", **more: Any) -> Linked:
    values = {"creditor": "Zorgverzekeraar Noordkroon", "amount": "701.00"} | more
    return linked(
        pk, GEMEENTE, "outreach", signal_kind=kind, signal_date=day,
        first_attempt_date="2024-07-03", contact_method="brief", end_result="geen_contact",
        end_date="2024-08-27", **values,
    )  # fmt: skip


def signals(records: list[Linked]) -> list[dict[str, Any]]:
    builder = _Builder(records, bytes(32))
    builder.signals(NAMES, SENDS)
    return [values for values, _provenance in builder.facts.rows["signals"]]


@pytest.mark.django_db
def test_three_sources_of_one_arrears_are_one_signal() -> None:
    passed_on = linked(
        3,
        DEBT_HELP,
        "arrears",
        signal_kind="zorgverzekering",
        amount="700",
        signal_date="2024-06-27",
    )
    [signal] = signals([insurer(1, "2024-06-27"), outreach(2, "2024-06-27"), passed_on])
    assert signal["reported_by"].split() == sorted([DEBT_HELP, GEMEENTE, INSURER])
    assert signal["source_kind"] == "zorgverzekering"
    assert signal["creditor"] == INSURER  # the creditor itself, not who passed it on
    assert signal["amount"] == Decimal("701.45")  # the creditor's own figure
    assert signal["origin_date"] == dt.date(2024, 5, 10)
    assert signal["first_attempt_on"] == dt.date(2024, 7, 3)  # the gemeente's follow-up
    assert signal["end_result"] == "geen_contact"


@pytest.mark.django_db
def test_the_insurers_record_alone_is_a_signal_of_its_kind() -> None:
    [signal] = signals([insurer(1, "2024-06-27")])
    assert signal["source_kind"] == "zorgverzekering"
    assert signal["reported_by"] == INSURER
    assert signal["first_attempt_on"] is None  # no gemeente followed it up (yet)


@pytest.mark.django_db
def test_two_different_arrears_stay_two() -> None:
    energy = linked(
        5, ENERGY, "arrears", signal_kind="energie", amount="300", signal_date="2024-06-27"
    )
    found = signals(
        [
            insurer(1, "2024-06-27"), outreach(2, "2024-06-27"),  # one event
            insurer(3, "2024-11-02", amount="420"),  # the same kind later: a second event
            energy,  # another kind on the same day: a third
            insurer(4, "2024-11-02", amount="90"),  # the insurer's second record that day: a fourth
        ]
    )  # fmt: skip
    assert sorted((s["source_kind"], s["signal_date"].isoformat(), s["amount"]) for s in found) == [
        ("energie", "2024-06-27", Decimal("300")),
        ("zorgverzekering", "2024-06-27", Decimal("701.45")),
        ("zorgverzekering", "2024-11-02", Decimal("90")),
        ("zorgverzekering", "2024-11-02", Decimal("420")),
    ]
    reporters = sorted(s["reported_by"] for s in found)
    assert reporters == sorted([f"{GEMEENTE} {INSURER}", ENERGY, INSURER, INSURER])


@pytest.mark.django_db
def test_a_creditor_no_partner_is_named_by_nobody() -> None:
    """A gemeente's record naming a creditor outside the alliance has no creditor partner
    (before, the gemeente itself was stored as the creditor)."""
    [signal] = signals([outreach(2, "2024-06-27", creditor="Particuliere verhuurder", kind="huur")])
    assert signal["creditor"] is None
    assert signal["reported_by"] == GEMEENTE


@pytest.mark.django_db
def test_an_enrolment_registered_by_provider_and_gemeente_is_stored_once() -> None:
    intervention = r.Intervention.objects.create(code="budgetcoach", name="Budgetcoach")
    experiment = r.Experiment.objects.create(
        code="proeftuin-veendam", name="Proeftuin", started_on=dt.date(2024, 1, 1)
    )
    start = {"intervention": intervention.code, "enrol_start": "2024-03-01"}
    provider = linked(1, DEBT_HELP, "enrolment", **start, experiment=experiment.code)
    gemeente = linked(
        2, GEMEENTE, "enrolment", **start, experiment=experiment.code, enrol_end="2024-09-01",
        end_reason="afgerond",
    )  # fmt: skip
    other = linked(
        3, DEBT_HELP, "enrolment", intervention=intervention.code, enrol_start="2025-01-10"
    )
    builder = _Builder([provider, gemeente, other], bytes(32))
    builder.support()
    found = sorted(
        (values for values, _p in builder.facts.rows["enrolments"]), key=lambda e: e["started_on"]
    )
    assert [e["started_on"] for e in found] == [dt.date(2024, 3, 1), dt.date(2025, 1, 10)]
    assert found[0]["experiment"] == experiment.code
    assert found[0]["ended_on"] == dt.date(2024, 9, 1)
    assert found[0]["end_reason"] == "afgerond"
    assert found[1]["experiment"] is None
