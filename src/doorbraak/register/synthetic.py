"""The synthetic region's clean facts (`truth/facts/*.csv`) as register facts: an adapter for
the tests' world and benchmarks only, never for the demo's data path (which goes raw export →
pseudonymise → intake → link → register).

Ids from the files become keyed pseudonyms here, free text (goals in the household's words)
is dropped, and everything goes through the one write path (`register.services`).
"""

import csv
import datetime as dt
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path

from doorbraak.core.errors import UserError
from doorbraak.core.pseudonyms import keyed_pseudonym
from doorbraak.register import models as r
from doorbraak.register.services import (
    AppendResult,
    FactSet,
    Provenance,
    facts_append,
    reference_load,
)

FILES = (
    "households", "residences", "persons", "memberships", "signals", "plans", "plan_goals",
    "contact_assignments", "interventions", "experiments", "enrolments", "assessments",
    "outcomes", "poverty_statuses",
)  # fmt: skip
TRUE = ("1", "true", "True", "ja")


def _rows(facts_dir: Path, name: str) -> Iterator[tuple[int, dict[str, str]]]:
    with (facts_dir / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
        yield from enumerate(csv.DictReader(handle), start=2)


def _date(text: str) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def _reference_load(facts_dir: Path) -> tuple[int, int]:
    """The synthetic programme's interventions and experiments (its reference files)."""
    return reference_load(
        interventions=[(row["intervention_code"], row["name"]) for _n, row in
                       _rows(facts_dir, "interventions")],
        experiments=[
            {
                "code": row["experiment_code"],
                "name": row["name"],
                "start": _date(row["start"]),
                "end": _date(row["end"]),
                "areas": [row["area_code"] or row["gemeente_code"]],
                "interventions": row["cocktail"].split(),
            }
            for _n, row in _rows(facts_dir, "experiments")
        ],
    )  # fmt: skip


def synthetic_facts_load(
    *,
    facts_dir: Path,
    key: bytes,
    as_of: dt.date,
    progress: Callable[[str], None] = lambda message: None,
) -> AppendResult:
    """Load the clean facts as one synthetic batch; the same files again change nothing."""
    missing = [name for name in FILES if not (facts_dir / f"{name}.csv").exists()]
    if missing:
        raise UserError(
            "feiten-ontbreken",
            f"In {facts_dir} ontbreken de bestanden: {', '.join(n + '.csv' for n in missing)}.",
        )
    _reference_load(facts_dir)
    facts = _Reader(facts_dir, key).read()
    return facts_append(
        facts=facts,
        kind=r.FactBatch.Kind.SYNTHETIC,
        label="synthetische regio",
        as_of=as_of,
        progress=progress,
    )


class _Reader:
    def __init__(self, facts_dir: Path, key: bytes) -> None:
        self.dir, self.key, self.facts = facts_dir, key, FactSet()
        self._pseudonyms: dict[tuple[str, str], str] = {}

    def pseudonym(self, domain: str, value: str) -> str:
        """Memoised: each id recurs in many fact rows."""
        found = self._pseudonyms.get((domain, value))
        if found is None:
            found = self._pseudonyms[(domain, value)] = keyed_pseudonym(self.key, domain, value)
        return found

    def hh(self, value: str) -> str:
        return self.pseudonym("huishouden", value)

    def person(self, value: str) -> str | None:
        return self.pseudonym("persoon", value) if value else None

    def at(self, n: int, partner: str = "") -> Provenance:
        return Provenance(partner=partner, row=n, origin="synthetische regio")

    def read(self) -> FactSet:
        for _n, row in _rows(self.dir, "households"):
            self.facts.household(self.hh(row["household_id"]))
        for _n, row in _rows(self.dir, "persons"):
            born = row["birth_year_month"]
            self.facts.person(
                self.pseudonym("persoon", row["person_id"]),
                birth_year=int(born[:4]) if born else None,
                birth_month=int(born[5:7]) if len(born) >= 7 else None,
                sex=row["sex"],
            )
        self._household_facts()
        self._signals()
        self._support()
        self._assessments_and_outcomes()
        self._poverty()
        return self.facts

    def _household_facts(self) -> None:
        for n, row in _rows(self.dir, "memberships"):
            self.facts.add(
                "memberships", self.at(n), household=self.hh(row["household_id"]),
                person=self.person(row["person_id"]), role=row["role"],
                valid_from=_date(row["valid_from"]), valid_to=_date(row["valid_to"]),
            )  # fmt: skip
        for n, row in _rows(self.dir, "residences"):
            self.facts.add(
                "residences", self.at(n), household=self.hh(row["household_id"]),
                address_pseudonym=self.pseudonym("adres", row["address_id"]),
                buurt=row["buurt_code"], valid_from=_date(row["valid_from"]),
                valid_to=_date(row["valid_to"]),
            )  # fmt: skip

    def _signals(self) -> None:
        for n, row in _rows(self.dir, "signals"):
            reporters = {row["receiving_partner"], row["source_partner"]} - {""}
            self.facts.add(
                "signals", self.at(n, row["receiving_partner"]),
                household=self.hh(row["household_id"]), person=self.person(row["person_id"]),
                source_kind=row["source_kind"], creditor=row["source_partner"] or None,
                reported_by=" ".join(sorted(reporters)),
                amount=Decimal(row["amount"]) if row["amount"] else None,
                origin_date=_date(row["arrears_since"]), signal_date=_date(row["signal_date"]),
                crisis=row["crisis"] in TRUE, first_attempt_on=_date(row["first_attempt_date"]),
                attempt_method=row["contact_method"], reached_on=_date(row["reached_date"]),
                end_result=row["end_result"], closed_on=_date(row["end_date"]),
            )  # fmt: skip

    def _support(self) -> None:
        for n, row in _rows(self.dir, "plans"):
            self.facts.add(
                "plans", self.at(n, row["partner"]), household=self.hh(row["household_id"]),
                plan_ref=row["plan_id"], started_on=_date(row["start"]),
                ended_on=_date(row["end"]), status=row["status"], route=row["route"],
            )  # fmt: skip
        for n, row in _rows(self.dir, "plan_goals"):
            self.facts.add(
                "plan_goals", self.at(n), plan=row["plan_id"], capital=row["capital"],
                status=row["status"],
            )  # fmt: skip
        for n, row in _rows(self.dir, "contact_assignments"):
            self.facts.add(
                "contact_assignments", self.at(n, row["partner"]),
                household=self.hh(row["household_id"]), partner=row["partner"] or None,
                worker_ref=self.pseudonym("medewerker", row["contact_person_id"]),
                valid_from=_date(row["valid_from"]), valid_to=_date(row["valid_to"]),
            )  # fmt: skip
        for n, row in _rows(self.dir, "enrolments"):
            self.facts.add(
                "enrolments", self.at(n, row["partner"]),
                household=self.hh(row["household_id"]), person=self.person(row["person_id"]),
                intervention=row["intervention_code"], experiment=row["experiment_code"] or None,
                started_on=_date(row["start"]), ended_on=_date(row["end"]),
                end_reason=row["end_reason"],
            )  # fmt: skip

    def _assessments_and_outcomes(self) -> None:
        for n, row in _rows(self.dir, "assessments"):
            self.facts.add(
                "assessments", self.at(n, row["partner"]), person=self.person(row["person_id"]),
                household=self.hh(row["household_id"]), capital=row["capital"],
                assessed_on=_date(row["date"]), level=int(row["level"]),
                instrument=(row["instrument"], row["instrument_version"]),
            )  # fmt: skip
        for n, row in _rows(self.dir, "outcomes"):
            self.facts.add(
                "outcomes", self.at(n, row["partner"]), person=self.person(row["person_id"]),
                household=self.hh(row["household_id"]), kind=row["outcome"],
                observed_on=_date(row["date"]), value=row["value"] in TRUE,
            )  # fmt: skip

    def _poverty(self) -> None:
        """Years in poverty by the gemeente's reading (from 2015: `synth.poverty`)."""
        for n, row in _rows(self.dir, "poverty_statuses"):
            household = self.hh(row["household_id"])
            self.facts.add(
                "poverty_statuses", self.at(n, row["partner"]), household=household,
                person=self.person(row["person_id"]), year=int(row["year"]), basis=row["basis"],
                income_pct=Decimal(row["income_pct"]) if row["income_pct"] else None,
                threshold_pct=int(row["threshold_pct"]) if row["threshold_pct"] else None,
                definition=row["definition"], valid_from=_date(row["valid_from"]),
                valid_to=_date(row["valid_to"]),
            )  # fmt: skip
