"""From linked source records to register facts.

The newest link run says which person and household each delivered record belongs to; this
module turns the records into the register's fact tables, in the same files-of-facts format
the register loader reads (`register.loading`), so there is one loader and one set of checks:

- persons (birth year only: the month never leaves the partner) and households; memberships
  from the first to the last date a person is seen in the household;
- residences from the address pseudonyms, with the buurt that `doorbraak pseudonymise
  --adressen` added; an address without a known buurt gives no residence;
- signals from the municipalities' outreach records, and from creditors' and schools' own
  records when no outreach record of the same person, kind and date exists (the same signal
  is delivered twice: by the creditor and by the municipality that followed it up);
- support plans with their goals (never the goal's text), contact-person assignments,
  enrolments, capital assessments and outcomes (work, qualifications, the assessment's
  yes/no questions).

Interventions and experiments are the programme's own declarations, not partner data: they
are copied from the programme's reference files.
"""

import csv
import datetime as dt
import shutil
from collections import Counter, defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from doorbraak.intake.models import SourceRecord
from doorbraak.linkage.households import DATE_OF_KIND
from doorbraak.linkage.models import LinkRun, RecordLink
from doorbraak.partners.models import Partner

STARTKWALIFICATIE = {"MBO-2", "MBO-3", "MBO-4", "HAVO", "VWO"}
YES_NO_OUTCOMES = {
    "informal_help": "informele_hulp",
    "self_confidence": "zelfvertrouwen",
    "at_home_in_neighbourhood": "prettig_in_de_wijk",
}
CAPITALS = ("economisch", "sociaal", "cultureel", "pedagogisch", "mentaal")
COLUMNS = {
    "persons": ("person_id", "birth_year_month", "sex", "died_on"),
    "households": (
        "household_id", "formed_on", "dissolved_on", "formation_reason", "parent_household_id",
    ),
    "memberships": ("person_id", "household_id", "role", "valid_from", "valid_to"),
    "residences": ("household_id", "address_id", "buurt_code", "valid_from", "valid_to"),
    "signals": (
        "signal_id", "person_id", "household_id", "buurt_code", "gemeente_code", "source_kind",
        "source_partner", "receiving_partner", "amount", "absence_hours", "arrears_since",
        "signal_date", "crisis", "first_attempt_date", "contact_method", "reached_date",
        "end_result", "end_date",
    ),
    "plans": (
        "plan_id", "household_id", "applicant_person_id", "partner", "gemeente_code", "start",
        "end", "status", "route",
    ),
    "plan_goals": ("plan_id", "goal_number", "capital", "goal_text", "status"),
    "contact_assignments": (
        "assignment_id", "plan_id", "household_id", "contact_person_id", "partner",
        "valid_from", "valid_to",
    ),
    "enrolments": (
        "enrolment_id", "person_id", "household_id", "intervention_code", "experiment_code",
        "partner", "start", "end", "end_reason",
    ),
    "assessments": (
        "assessment_id", "person_id", "household_id", "date", "capital", "level", "instrument",
        "instrument_version", "partner",
    ),
    "outcomes": (
        "outcome_id", "person_id", "household_id", "outcome", "date", "value", "detail",
        "partner",
    ),
}  # fmt: skip


class Linked:
    """One delivered record with its person, household, kind and partner."""

    __slots__ = ("household", "kind", "partner", "person", "pk", "values")

    def __init__(self, pk: int, partner: str, kind: str, values: dict[str, Any], link: tuple):
        self.pk, self.partner, self.kind, self.values = pk, partner, kind, values
        self.person, self.household = link

    def get(self, name: str) -> str:
        value = self.values.get(name)
        if value is None:
            return ""
        if isinstance(value, bool):
            return "1" if value else "0"
        return str(value)

    @property
    def date(self) -> str:
        return _iso(self.get(DATE_OF_KIND.get(self.kind, "")))


def _iso(text: str) -> str:
    text = text[:10]
    try:
        return dt.date.fromisoformat(text).isoformat()
    except ValueError:
        return ""


def linked_records(run: LinkRun, kinds: dict[tuple[str, str], str]) -> Iterator[Linked]:
    links = dict(
        (record, (person, household))
        for record, person, household in RecordLink.objects.filter(run=run).values_list(
            "record_id", "person_key", "household_key"
        )
    )
    rows = SourceRecord.objects.values_list("pk", "partner__code", "dataset", "payload")
    for pk, partner, dataset, payload in rows.iterator(5000):
        if pk in links:
            yield Linked(pk, partner, kinds.get((partner, dataset), ""), payload, links[pk])


class FactsWriter:
    """Collects fact rows per table and writes them as the register loader's CSV files."""

    def __init__(self) -> None:
        self.rows: dict[str, list[tuple[str, ...]]] = defaultdict(list)

    def add(self, table: str, **values: object) -> None:
        self.rows[table].append(tuple(str(values.get(c, "") or "") for c in COLUMNS[table]))

    def write(self, out_dir: Path) -> dict[str, int]:
        out_dir.mkdir(parents=True, exist_ok=True)
        for table, columns in COLUMNS.items():
            with (out_dir / f"{table}.csv").open("w", encoding="utf-8", newline="") as handle:
                writer = csv.writer(handle, lineterminator="\n")
                writer.writerow(columns)
                writer.writerows(sorted(set(self.rows[table])))
        return {table: len(set(rows)) for table, rows in self.rows.items()}


def facts_build(
    run: LinkRun, kinds: dict[tuple[str, str], str], reference_dir: Path, out_dir: Path
) -> dict[str, int]:
    """Write the facts of `run` to `out_dir`; interventions/experiments from `reference_dir`."""
    records = list(linked_records(run, kinds))
    names = {name.lower(): code for code, name in Partner.objects.values_list("code", "name")}
    facts = FactsWriter()
    _people(records, facts)
    _signals(records, facts, names)
    _support(records, facts)
    _assessments_and_outcomes(records, facts)
    counts = facts.write(out_dir)
    for name in ("interventions", "experiments"):
        shutil.copyfile(reference_dir / f"{name}.csv", out_dir / f"{name}.csv")
    return counts


def _people(records: list[Linked], facts: FactsWriter) -> None:
    born: dict[str, Counter] = defaultdict(Counter)
    sex: dict[str, Counter] = defaultdict(Counter)
    seen: dict[tuple[str, str], list[str]] = defaultdict(list)
    household_seen: dict[str, list[str]] = defaultdict(list)
    at: dict[tuple[str, str], list[str]] = defaultdict(list)
    buurt_of: dict[str, Counter] = defaultdict(Counter)
    for record in records:
        if record.get("birth_year"):
            born[record.person][record.get("birth_year")] += 1
        if record.get("sex"):
            sex[record.person][record.get("sex")] += 1
        date = record.date
        if not date:
            continue
        seen[(record.person, record.household)].append(date)
        household_seen[record.household].append(date)
        address = record.get("address_pseudonym")
        if address:
            at[(record.household, address)].append(date)
            if record.get("buurt_code"):
                buurt_of[address][record.get("buurt_code")] += 1
    persons = {record.person for record in records}
    for person in persons:
        year = born[person].most_common(1)[0][0] if born[person] else ""
        facts.add(
            "persons",
            person_id=person,
            birth_year_month=year,
            sex=sex[person].most_common(1)[0][0] if sex[person] else "",
        )
    for household, dates in household_seen.items():
        facts.add(
            "households", household_id=household, formed_on=min(dates), formation_reason="gekoppeld"
        )
    for (person, household), dates in seen.items():
        facts.add(
            "memberships",
            person_id=person,
            household_id=household,
            role="overig",  # partners do not record the role in the household
            valid_from=min(dates),
        )
    by_household: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for (household, address), dates in at.items():
        by_household[household].append((min(dates), address))
    for household, moves in by_household.items():
        moves.sort()
        for number, (start, address) in enumerate(moves):
            if not buurt_of[address]:
                continue
            end = moves[number + 1][0] if number + 1 < len(moves) else ""
            facts.add(
                "residences",
                household_id=household,
                address_id=address,
                buurt_code=buurt_of[address].most_common(1)[0][0],
                valid_from=start,
                valid_to=end,
            )


def _signals(records: list[Linked], facts: FactsWriter, names: dict[str, str]) -> None:
    followed = {(r.person, r.get("signal_kind"), r.date) for r in records if r.kind == "outreach"}
    for record in records:
        if record.kind not in ("outreach", "arrears", "absence") or not record.date:
            continue
        kind = "school" if record.kind == "absence" else record.get("signal_kind")
        if record.kind != "outreach" and (record.person, kind, record.date) in followed:
            continue
        buurt = record.get("buurt_code")
        source = names.get(record.get("creditor").lower(), "") or record.partner
        facts.add(
            "signals",
            signal_id=f"SR{record.pk}",
            person_id=record.person,
            household_id=record.household,
            buurt_code=buurt,
            gemeente_code=f"GM{buurt[2:6]}" if buurt else "",
            source_kind=kind,
            source_partner=source if record.kind == "outreach" else record.partner,
            receiving_partner=record.partner,  # who delivered it: the fact's provenance
            amount=record.get("amount"),
            absence_hours=record.get("absence_hours"),
            arrears_since=_iso(record.get("arrears_since")),
            signal_date=record.date,
            crisis=record.get("crisis"),
            first_attempt_date=_iso(record.get("first_attempt_date")),
            contact_method=record.get("contact_method"),
            reached_date=_iso(record.get("reached_date")),
            end_result=record.get("end_result"),
            end_date=_iso(record.get("end_date")),
        )


def _support(records: list[Linked], facts: FactsWriter) -> None:
    latest_of_plan: dict[str, Linked] = {}
    for record in records:
        if record.kind == "plan_goal" and record.date:
            plan = f"{record.partner}:{record.get('record_id')}"
            if plan not in latest_of_plan or record.pk > latest_of_plan[plan].pk:
                latest_of_plan[plan] = record  # goals delivered later carry the newer plan
    for plan, record in latest_of_plan.items():
        buurt = record.get("buurt_code")
        facts.add(
            "plans",
            plan_id=plan,
            household_id=record.household,
            applicant_person_id=record.person,
            partner=record.partner,
            gemeente_code=f"GM{buurt[2:6]}" if buurt else "",
            start=record.date,
            end=_iso(record.get("plan_end")),
            status=record.get("plan_status"),
        )
    for record in records:
        if not record.date:
            continue
        if record.kind == "plan_goal":
            facts.add(
                "plan_goals",
                plan_id=f"{record.partner}:{record.get('record_id')}",
                goal_number=record.get("goal_number"),
                capital=record.get("capital"),
                status=record.get("goal_status"),
            )
            continue
        if record.kind == "contact_assignment":
            facts.add(
                "contact_assignments",
                assignment_id=f"{record.partner}:{record.get('record_id')}",
                plan_id=f"{record.partner}:{record.get('plan_id')}",
                household_id=record.household,
                contact_person_id=record.get("contact_person"),
                partner=record.partner,
                valid_from=record.date,
                valid_to=_iso(record.get("assign_end")),
            )
        elif record.kind == "enrolment":
            facts.add(
                "enrolments",
                enrolment_id=f"{record.partner}:{record.get('record_id')}",
                person_id=record.person,
                household_id=record.household,
                intervention_code=record.get("intervention"),
                experiment_code=record.get("experiment"),
                partner=record.partner,
                start=record.date,
                end=_iso(record.get("enrol_end")),
                end_reason=record.get("end_reason"),
            )


def _assessments_and_outcomes(records: list[Linked], facts: FactsWriter) -> None:
    for record in records:
        if not record.date:
            continue
        common = {
            "person_id": record.person,
            "household_id": record.household,
            "date": record.date,
            "partner": record.partner,
        }
        key = f"{record.partner}:{record.get('record_id')}"
        if record.kind == "assessment":
            for capital in CAPITALS:
                if record.get(f"level_{capital}"):
                    facts.add(
                        "assessments",
                        assessment_id=f"{key}:{capital}",
                        capital=capital,
                        level=record.get(f"level_{capital}"),
                        instrument=record.get("instrument"),
                        instrument_version=record.get("instrument_version"),
                        **common,
                    )
            for field, outcome in YES_NO_OUTCOMES.items():
                if record.get(field):
                    facts.add(
                        "outcomes",
                        outcome_id=f"{key}:{outcome}",
                        outcome=outcome,
                        value=record.get(field),
                        **common,
                    )
        elif record.kind == "placement":
            facts.add(
                "outcomes",
                outcome_id=key,
                outcome="passend_werk",
                value="1",
                detail=record.get("contract_kind"),
                **common,
            )
        elif record.kind == "diploma":
            qualification = record.get("qualification")
            facts.add(
                "outcomes",
                outcome_id=key,
                outcome="startkwalificatie",
                value="1" if qualification in STARTKWALIFICATIE else "0",
                detail=qualification,
                **common,
            )
