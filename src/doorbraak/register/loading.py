"""Load a directory of fact files into the register: the synthetic region's clean
`truth/facts/*.csv` (the tests' world) or the linked deliveries written by `linkage.facts`
(the demo). Ids from the files are turned into keyed pseudonyms here, free text (plan goals
in the household's words) is dropped, and everything lands in one FactBatch inside one
transaction, so a crash leaves nothing behind and loading the same files again changes
nothing.
"""

import csv
import datetime as dt
import hashlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.db import connection, transaction
from django.db.models import Model

from doorbraak.areas.models import Area, AreaLevel
from doorbraak.core.errors import UserError
from doorbraak.core.pseudonyms import keyed_pseudonym
from doorbraak.partners.models import Partner
from doorbraak.register import models as r
from doorbraak.register.instruments import instrument_ensure

Progress = Callable[[str], None]
CHUNK = 5_000
TABLES = (
    "households", "residences", "persons", "memberships", "signals", "plans", "plan_goals",
    "contact_assignments", "interventions", "experiments", "enrolments", "assessments",
    "outcomes",
)  # fmt: skip


@dataclass(frozen=True)
class LoadResult:
    batch: r.FactBatch
    created: bool
    counts: dict[str, int]


def _rows(facts_dir: Path, table: str) -> Iterator[dict[str, str]]:
    with (facts_dir / f"{table}.csv").open(encoding="utf-8", newline="") as handle:
        yield from csv.DictReader(handle)


def _date(text: str) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def _day(text: str) -> dt.date:
    """A date the fact cannot do without."""
    if not text:
        raise UserError("datum-ontbreekt", "Een verplichte datum ontbreekt in de feitenbestanden.")
    return dt.date.fromisoformat(text)


def facts_fingerprint(facts_dir: Path) -> str:
    digest = hashlib.sha256()
    for table in TABLES:
        digest.update((facts_dir / f"{table}.csv").read_bytes())
    return digest.hexdigest()


def register_load_facts(
    *,
    facts_dir: Path,
    key: bytes,
    as_of: dt.date,
    progress: Progress = lambda m: None,
    kind: str = r.FactBatch.Kind.SYNTHETIC,
    label: str = "synthetische regio",
) -> LoadResult:
    missing = [t for t in TABLES if not (facts_dir / f"{t}.csv").exists()]
    if missing:
        raise UserError(
            "feiten-ontbreken",
            f"In {facts_dir} ontbreken de bestanden: {', '.join(t + '.csv' for t in missing)}.",
        )
    label = f"{label} {facts_fingerprint(facts_dir)[:16]}"
    existing = r.FactBatch.objects.filter(kind=kind, label=label).first()
    if existing is not None:
        return LoadResult(existing, created=False, counts={})
    with transaction.atomic():
        batch = r.FactBatch.objects.create(
            kind=kind, label=label, as_of=as_of, mapping_version="synth-1"
        )
        counts = _Loader(facts_dir, key, batch, progress).load()
    return LoadResult(batch, created=True, counts=counts)


def _bulk_create_ignoring_known(model: type[Model], objects: list[Any]) -> None:
    model._default_manager.bulk_create(objects, ignore_conflicts=True)


def _insert_many(model: type[Model], objects: list[Any]) -> None:
    """One prepared INSERT run for many rows: several times faster than bulk_create (whose
    statements SQLite caps at 999 parameters, each value converted field by field). The values
    here are plain ints, dates, decimals, booleans and strings that both database drivers
    adapt themselves; the table and column names come from the model, never from input."""
    if not objects:
        return
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    quote = connection.ops.quote_name
    columns = ", ".join(quote(f.column) for f in fields)
    placeholders = ", ".join(["%s"] * len(fields))
    table = quote(model._meta.db_table)
    sql = f"INSERT INTO {table} ({columns}) VALUES ({placeholders})"  # noqa: S608 - names from the model
    names = [f.attname for f in fields]
    rows = [[getattr(obj, name) for name in names] for obj in objects]
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


class _Loader:
    def __init__(self, facts_dir: Path, key: bytes, batch: r.FactBatch, progress: Progress):
        self.dir, self.key, self.batch, self.progress = facts_dir, key, batch, progress
        self.partners = {p.code: p for p in Partner.objects.all()}
        self.buurten = dict(Area.objects.filter(level=AreaLevel.BUURT).values_list("code", "pk"))
        self.areas = dict(Area.objects.exclude(level=AreaLevel.BUURT).values_list("code", "pk"))
        self.counts: dict[str, int] = {}
        self._pseudonyms: dict[tuple[str, str], str] = {}

    def pseudonym(self, domain: str, value: str) -> str:
        """Memoised: each person or household id recurs in many fact rows."""
        found = self._pseudonyms.get((domain, value))
        if found is None:
            found = self._pseudonyms[(domain, value)] = keyed_pseudonym(self.key, domain, value)
        return found

    def fact(self, row_number: int, partner: str = "") -> dict[str, object]:
        return {
            "batch": self.batch,
            "source_row": row_number,
            "source_partner": self.partners.get(partner),
        }

    def bulk(self, table: str, objects: Iterator[Any], model: type[Model]) -> None:
        entity = model in (r.Household, r.Person)
        write = _bulk_create_ignoring_known if entity else _insert_many
        buffer: list[Any] = []
        total = 0
        for obj in objects:
            buffer.append(obj)
            if len(buffer) >= CHUNK:
                write(model, buffer)
                total += len(buffer)
                buffer = []
        write(model, buffer)
        self.counts[table] = total + len(buffer)
        self.progress(f"  {table}: {self.counts[table]}")

    def ids(self, model: type) -> dict[str, int]:
        """Map pseudonym → primary key of every stored entity of this kind."""
        return dict(model.objects.values_list("pseudonym", "pk"))  # type: ignore[attr-defined]

    def load(self) -> dict[str, int]:
        self._entities()
        self._household_facts()
        self._programme_facts()
        self._assessments_and_outcomes()
        return self.counts

    def _entities(self) -> None:
        self.bulk(
            "households",
            (  # entities are shared by batches: skip known pseudonyms
                r.Household(pseudonym=self.pseudonym("huishouden", row["household_id"]))
                for row in _rows(self.dir, "households")
            ),
            r.Household,
        )
        self.bulk(
            "persons",
            (
                r.Person(
                    pseudonym=self.pseudonym("persoon", row["person_id"]),
                    birth_year=int(row["birth_year_month"][:4])
                    if row["birth_year_month"]
                    else None,
                    birth_month=int(row["birth_year_month"][5:7])
                    if len(row["birth_year_month"]) >= 7  # linked records carry the year only
                    else None,
                    sex=row["sex"][:1],
                )
                for row in _rows(self.dir, "persons")
            ),
            r.Person,
        )
        self.household_pk = self.ids(r.Household)
        self.person_pk = self.ids(r.Person)

    def hh(self, source_id: str) -> int:
        return self.household_pk[self.pseudonym("huishouden", source_id)]

    def person(self, source_id: str) -> int | None:
        if not source_id:
            return None
        return self.person_pk[self.pseudonym("persoon", source_id)]

    def member(self, source_id: str) -> int:
        """A person a fact cannot do without."""
        person = self.person(source_id)
        if person is None:
            raise UserError("persoon-ontbreekt", "Een verplichte persoon ontbreekt in een feit.")
        return person

    def _household_facts(self) -> None:
        self.bulk(
            "memberships",
            (
                r.Membership(
                    household_id=self.hh(row["household_id"]),
                    person_id=self.member(row["person_id"]),
                    role=row["role"],
                    valid_from=_day(row["valid_from"]),
                    valid_to=_date(row["valid_to"]),
                    **self.fact(n),
                )
                for n, row in enumerate(_rows(self.dir, "memberships"), start=2)
            ),
            r.Membership,
        )
        self.bulk(
            "residences",
            (
                r.Residence(
                    household_id=self.hh(row["household_id"]),
                    address_pseudonym=self.pseudonym("adres", row["address_id"]),
                    buurt_id=self._buurt(row["buurt_code"]),
                    valid_from=_day(row["valid_from"]),
                    valid_to=_date(row["valid_to"]),
                    **self.fact(n),
                )
                for n, row in enumerate(_rows(self.dir, "residences"), start=2)
            ),
            r.Residence,
        )
        self.bulk(
            "signals",
            (self._signal(n, row) for n, row in enumerate(_rows(self.dir, "signals"), start=2)),
            r.Signal,
        )

    def _buurt(self, code: str) -> int:
        if code not in self.buurten:
            raise UserError(
                "onbekende-buurt",
                f"Buurt {code} staat niet in de gebiedsindeling; laad eerst de regio.",
            )
        return self.buurten[code]

    def _signal(self, n: int, row: dict[str, str]) -> r.Signal:
        return r.Signal(
            household_id=self.hh(row["household_id"]),
            person_id=self.person(row["person_id"]),
            source_kind=row["source_kind"],
            creditor=self.partners.get(row["source_partner"]),
            amount=Decimal(row["amount"]) if row["amount"] else None,
            origin_date=_date(row["arrears_since"]),
            signal_date=_day(row["signal_date"]),
            crisis=row["crisis"] in ("1", "true", "True", "ja"),
            first_attempt_on=_date(row["first_attempt_date"]),
            attempt_method=row["contact_method"],
            reached_on=_date(row["reached_date"]),
            end_result=row["end_result"],
            closed_on=_date(row["end_date"]),
            **self.fact(n, row["receiving_partner"]),
        )

    def _programme_facts(self) -> None:
        self.bulk(
            "plans",
            (
                r.SupportPlan(
                    household_id=self.hh(row["household_id"]),
                    plan_ref=row["plan_id"],
                    started_on=_day(row["start"]),
                    ended_on=_date(row["end"]),
                    status=row["status"],
                    route=row["route"],
                    **self.fact(n, row["partner"]),
                )
                for n, row in enumerate(_rows(self.dir, "plans"), start=2)
            ),
            r.SupportPlan,
        )
        plan_pk = dict(r.SupportPlan.objects.filter(batch=self.batch).values_list("plan_ref", "pk"))
        self.bulk(
            "plan_goals",
            (
                r.PlanGoal(
                    plan_id=plan_pk[row["plan_id"]],
                    capital=row["capital"],
                    status=row["status"],
                    **self.fact(n),
                )
                for n, row in enumerate(_rows(self.dir, "plan_goals"), start=2)
            ),
            r.PlanGoal,
        )
        self.bulk(
            "contact_assignments",
            (
                r.ContactAssignment(
                    household_id=self.hh(row["household_id"]),
                    partner=self.partners.get(row["partner"]),
                    worker_ref=self.pseudonym("medewerker", row["contact_person_id"]),
                    valid_from=_day(row["valid_from"]),
                    valid_to=_date(row["valid_to"]),
                    **self.fact(n, row["partner"]),
                )
                for n, row in enumerate(_rows(self.dir, "contact_assignments"), start=2)
            ),
            r.ContactAssignment,
        )
        self._interventions()
        self.bulk(
            "enrolments",
            (
                r.Enrolment(
                    household_id=self.hh(row["household_id"]),
                    person_id=self.person(row["person_id"]),
                    intervention_id=self.intervention_pk[row["intervention_code"]],
                    experiment_id=self.experiment_pk.get(row["experiment_code"]),
                    started_on=_day(row["start"]),
                    ended_on=_date(row["end"]),
                    end_reason=row["end_reason"],
                    **self.fact(n, row["partner"]),
                )
                for n, row in enumerate(_rows(self.dir, "enrolments"), start=2)
            ),
            r.Enrolment,
        )

    def _interventions(self) -> None:
        for row in _rows(self.dir, "interventions"):
            r.Intervention.objects.update_or_create(
                code=row["intervention_code"], defaults={"name": row["name"]}
            )
        self.intervention_pk = dict(r.Intervention.objects.values_list("code", "pk"))
        for row in _rows(self.dir, "experiments"):
            experiment, _ = r.Experiment.objects.update_or_create(
                code=row["experiment_code"],
                defaults={
                    "name": row["name"],
                    "started_on": _date(row["start"]),
                    "ended_on": _date(row["end"]),
                },
            )
            area = self.areas.get(row["area_code"]) or self.areas.get(row["gemeente_code"])
            experiment.areas.set([area] if area else [])
            experiment.interventions.set(
                [
                    self.intervention_pk[c]
                    for c in row["cocktail"].split()
                    if c in self.intervention_pk
                ]
            )
        self.experiment_pk = dict(r.Experiment.objects.values_list("code", "pk"))
        self.counts["experiments"] = len(self.experiment_pk)

    def _assessments_and_outcomes(self) -> None:
        instruments: dict[tuple[str, str], int] = {}

        def instrument(code: str, version: str) -> int:
            if (code, version) not in instruments:
                instruments[(code, version)] = instrument_ensure(code=code, version=version).pk
            return instruments[(code, version)]

        self.bulk(
            "assessments",
            (
                r.CapitalAssessment(
                    person_id=self.member(row["person_id"]),
                    household_id=self.hh(row["household_id"]),
                    capital=row["capital"],
                    assessed_on=_day(row["date"]),
                    level=int(row["level"]),
                    instrument_id=instrument(row["instrument"], row["instrument_version"]),
                    **self.fact(n, row["partner"]),
                )
                for n, row in enumerate(_rows(self.dir, "assessments"), start=2)
            ),
            r.CapitalAssessment,
        )
        self.bulk(
            "outcomes",
            (
                r.Outcome(
                    person_id=self.member(row["person_id"]),
                    household_id=self.hh(row["household_id"]),
                    kind=row["outcome"],
                    observed_on=_day(row["date"]),
                    value=row["value"] in ("1", "true", "True", "ja"),
                    **self.fact(n, row["partner"]),
                )
                for n, row in enumerate(_rows(self.dir, "outcomes"), start=2)
            ),
            r.Outcome,
        )
