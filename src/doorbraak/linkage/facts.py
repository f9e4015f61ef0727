"""From linked source records to register facts, written through the register's one write
path (`register.services`): no files in between.

The newest link run says which person and household each delivered record belongs to; every
fact keeps the delivery, the row number in the partner's file and the mapping version of the
record it came from (for a membership or a residence: the record that first showed it):

- persons (birth year only: the month never leaves the partner) and households, each with
  its source (`brp` or `koppeling`, docs/adr/0019): where a gemeente delivers the BRP
  extract, households, memberships (with the BRP's dates) and residences come from it
  (`linkage.composition`), with one `household_compositions` fact per registration, and a
  record whose person is registered on its date belongs to that household; elsewhere
  households come from linkage (`linkage.households`) and a membership starts on the first
  date a person is seen in the household;
- residences from the address pseudonyms, with the buurt that `doorbraak pseudonymise
  --adressen` added; an address without a known buurt gives no residence;
- signals, one per event (docs/adr/0017): the gemeente's outreach record, the creditor's or
  school's record and the health insurer's record of the same person, kind and signal date
  are one signal that lists every partner that reported it (`reported_by`);
- support plans with their goals (never the goal's text), contact-person assignments (in
  the household of the plan they were assigned for, where the record names it), contact
  moments (the work zone delivers them, docs/adr/0028), enrolments (one per person,
  intervention and start, though provider and gemeente both register it), capital
  assessments and outcomes (work, qualifications, the assessment's yes/no questions);
- years in poverty from the gemeenten' income support records (`linkage.poverty`).

Interventions and experiments are the programme's own reference data (`register.reference`):
an enrolment naming one the programme does not know is left out and counted.
"""

import datetime as dt
import hashlib
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.conf import settings

from doorbraak.core.pseudonyms import key_load, keyed_pseudonym
from doorbraak.intake.models import SourceMapping, SourceRecord
from doorbraak.linkage.composition import Composition, Registration, compose
from doorbraak.linkage.households import DATE_OF_KIND
from doorbraak.linkage.models import LinkRun, RecordLink
from doorbraak.linkage.poverty import poverty_years
from doorbraak.partners.models import Partner
from doorbraak.register import models as r
from doorbraak.register.services import AppendResult, FactSet, Provenance, facts_append

STARTKWALIFICATIE = {"MBO-2", "MBO-3", "MBO-4", "HAVO", "VWO"}
YES_NO_OUTCOMES = {
    "informal_help": "informele_hulp",
    "self_confidence": "zelfvertrouwen",
    "at_home_in_neighbourhood": "prettig_in_de_wijk",
}
CAPITALS = ("economisch", "sociaal", "cultureel", "pedagogisch", "mentaal")
TRUE = ("1", "true", "True", "ja")
Progress = Callable[[str], None]


class Linked:
    """One delivered record with its person and household (register pseudonyms), kind,
    partner, own date and provenance."""

    __slots__ = ("date", "household", "kind", "partner", "person", "pk", "provenance", "values")

    def __init__(
        self, pk: int, partner: str, kind: str, values: dict[str, Any], link: tuple[str, str],
        provenance: Provenance,
    ) -> None:  # fmt: skip
        self.pk, self.partner, self.kind, self.values = pk, partner, kind, values
        self.person, self.household = link
        self.provenance = provenance
        self.date = self.day(DATE_OF_KIND.get(kind, ""))

    def get(self, name: str) -> str:
        value = self.values.get(name)
        if value is None:
            return ""
        if isinstance(value, bool):
            return "1" if value else "0"
        return str(value)

    def day(self, name: str) -> dt.date | None:
        value = self.values.get(name)
        return _day(str(value)) if value else None


def _day(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        return None


def dataset_kinds() -> dict[tuple[str, str], tuple[str, str]]:
    """(partner, dataset) -> (kind, mapping version label) of the newest declaration."""
    kinds: dict[tuple[str, str], tuple[str, str]] = {}
    for partner, dataset, version, spec in SourceMapping.objects.order_by("version").values_list(
        "partner__code", "dataset", "version", "spec"
    ):
        kinds[(partner, dataset)] = (spec.get("kind", ""), f"{dataset}-v{version}")
    return kinds


def linked_records(run: LinkRun) -> Iterator[Linked]:
    """The run's records in a stable order, persons and households as register pseudonyms."""
    kinds = dataset_kinds()
    pseudonyms: dict[tuple[str, str], str] = {}

    def entity(domain: str, key: str) -> str:
        found = pseudonyms.get((domain, key))
        if found is None:
            found = pseudonyms[(domain, key)] = _entity(domain, key)
        return found

    links = {
        record: (entity("persoon", person), entity("huishouden", household))
        for record, person, household in RecordLink.objects.filter(run=run).values_list(
            "record_id", "person_key", "household_key"
        )
    }
    rows = SourceRecord.objects.order_by("pk").values_list(
        "pk", "partner__code", "dataset", "payload", "batch_id", "row_number"
    )
    for pk, partner, dataset, payload, delivery, row in rows.iterator(5000):
        if pk in links:
            kind, version = kinds.get((partner, dataset), ("", ""))
            provenance = Provenance(
                partner=partner, row=row, delivery=delivery, mapping_version=version,
                origin=f"koppelrun {run.pk}",
            )  # fmt: skip
            yield Linked(pk, partner, kind, payload, links[pk], provenance)


def register_key() -> bytes:
    """The monitor zone's key for ids that arrive unkeyed (contact persons' codes), from the
    environment or a key file outside the data folder (docs/configuration.md)."""
    return key_load(
        text=settings.REGISTER_KEY,
        path=Path(settings.REGISTER_KEY_FILE),
        data_dir=Path(settings.DATA_DIR),
        variable="DOORBRAAK_REGISTER_KEY",
    )


def _entity(domain: str, key: str) -> str:
    """A register pseudonym for a linkage key (itself made of keyed pseudonyms)."""
    return hashlib.sha256(f"{domain}\x1f{key}".encode()).hexdigest()


def facts_build(
    run: LinkRun, *, progress: Progress = lambda message: None
) -> tuple[FactSet, dt.date | None]:
    """The register facts of `run`'s linked records, and the latest date they speak of."""
    records = list(linked_records(run))
    names = {name.lower(): code for code, name in Partner.objects.values_list("code", "name")}
    composition = brp_composition(records)
    moved = assignments_follow_their_plan(records)
    if moved:
        progress(f"  toewijzingen van een contactpersoon naar het huishouden van hun plan: {moved}")
    builder = _Builder(records, register_key())
    builder.people(composition)
    sends = dict(Partner.objects.exclude(signal_source="").values_list("code", "signal_source"))
    builder.signals(names, sends)
    builder.support()
    builder.contacts()
    builder.assessments_and_outcomes()
    latest = max((d for d in (record.date for record in records) if d), default=None)
    if latest is not None:
        for provenance, values in poverty_years(records, until=latest):
            builder.facts.add("poverty_statuses", provenance, **values)
    for reason, count in sorted(builder.left_out.items()):
        progress(f"  niet in het register: {count} {reason}")
    return builder.facts, latest


def register_from_linkage(
    run: LinkRun, *, as_of: dt.date | None = None, progress: Progress = lambda message: None
) -> AppendResult:
    """Append the run's facts as one linked batch that supersedes earlier linked batches.
    The data run to `as_of`; without it, to the latest date a linked record carries."""
    facts, latest = facts_build(run, progress=progress)
    progress(f"  feiten uit koppelrun {run.pk}: {facts.count()} rijen")
    earlier = r.FactBatch.objects.filter(kind=r.FactBatch.Kind.LINKED, superseded_at__isnull=True)
    return facts_append(
        facts=facts,
        kind=r.FactBatch.Kind.LINKED,
        label=f"gekoppelde aanleveringen, koppelrun {run.pk}",
        as_of=as_of or latest,
        supersede=list(earlier),
        progress=progress,
    )


def brp_composition(records: list[Linked]) -> Composition:
    """The households of the BRP extracts among `records` (`linkage.composition`), as
    register pseudonyms; every other record whose person is registered on its date is moved
    to that household (docs/adr/0019)."""
    registrations = [
        Registration(
            person=x.person,
            address=x.get("address_pseudonym"),
            start=start,
            end=x.day("registered_to"),
            role=x.get("role"),
            buurt=x.get("buurt_code"),
            origin=x.provenance,
        )
        for x in records
        if x.kind == "brp" and x.get("address_pseudonym") and (start := x.day("registered_from"))
    ]
    composition = compose(registrations)
    names = {key: _entity("huishouden", key) for key in composition.households}
    composition.rename(names)
    for record in records:
        if record.kind != "brp":
            found = composition.household_on(record.person, record.date)
            record.household = found or record.household
    return composition


def assignments_follow_their_plan(records: list[Linked]) -> int:
    """Move every contact assignment to the household of its plan (the plan's record, on the
    plan's start): the contact person is assigned for the plan, and by the assignment's own
    date the applicant may have left the household the plan was made for (a separation, a
    young adult leaving home), which `brp_composition` would follow. How many moved."""
    plans: dict[tuple[str, str], Linked] = {}
    for record in records:
        if record.kind == "plan_goal" and record.date:
            key = (record.partner, record.get("record_id"))
            if key not in plans or record.pk > plans[key].pk:
                plans[key] = record  # the newest delivery, as `_Builder.support` takes it
    moved = 0
    for record in records:
        if record.kind != "contact_assignment":
            continue
        plan = plans.get((record.partner, record.get("plan_id")))
        if plan is not None and plan.household != record.household:
            record.household = plan.household
            moved += 1
    return moved


class _Builder:
    def __init__(self, records: list[Linked], key: bytes) -> None:
        self.records, self.key = records, key
        self.facts = FactSet()
        self.left_out: Counter[str] = Counter()
        self.interventions = set(r.Intervention.objects.values_list("code", flat=True))
        self.experiments = set(r.Experiment.objects.values_list("code", flat=True))

    def person(self, record: Linked) -> str:
        return record.person

    def household(self, record: Linked) -> str:
        return record.household

    def worker(self, record: Linked) -> str:
        return keyed_pseudonym(self.key, "medewerker", record.get("contact_person"))

    def people(self, composition: Composition) -> None:
        """Persons; households with their source, memberships and residences: from the BRP
        where it speaks (`_brp`), else from the records linkage put in one household."""
        brp = composition.households
        born: dict[str, Counter[str]] = defaultdict(Counter)
        sex: dict[str, Counter[str]] = defaultdict(Counter)
        seen: dict[tuple[str, str], tuple[dt.date, Provenance]] = {}
        at: dict[tuple[str, str], tuple[dt.date, Provenance]] = {}
        buurt_of: dict[str, Counter[str]] = defaultdict(Counter)
        for record in self.records:
            if record.get("birth_year"):
                born[record.person][record.get("birth_year")] += 1
            if record.get("sex"):
                sex[record.person][record.get("sex")] += 1
            date = record.date
            if date is None or record.kind == "brp" or record.household in brp:
                continue
            _earliest(seen, (record.person, record.household), date, record.provenance)
            address = record.get("address_pseudonym")
            if address:
                _earliest(at, (record.household, address), date, record.provenance)
                if record.get("buurt_code"):
                    buurt_of[address][record.get("buurt_code")] += 1
        for person in {record.person for record in self.records}:
            year = born[person].most_common(1)[0][0] if born[person] else ""
            self.facts.person(
                person,
                birth_year=int(year) if year.isdigit() else None,
                sex=sex[person].most_common(1)[0][0] if sex[person] else "",
            )
        for (person, household), (date, provenance) in seen.items():
            self.facts.household(household, source="koppeling")
            self.facts.add(
                "memberships",
                provenance,
                household=household,
                person=person,
                role="overig",
                valid_from=date,
            )  # fmt: skip  (partners do not record the role in the household)
        self._residences(at, buurt_of)
        self._brp(composition)

    def _brp(self, composition: Composition) -> None:
        """The BRP's households: a composition fact per registration, memberships with the
        BRP's dates and residences per address (with the buurt pseudonymise added)."""
        for household in sorted(composition.households):
            self.facts.household(household, source="brp")
        for household, row in composition.registrations:
            self.facts.add(
                "household_compositions", row.origin, household=household, person=row.person,
                role=_role(row.role), source="brp", valid_from=row.start, valid_to=row.end,
            )  # fmt: skip
        for person, span in composition.memberships:
            self.facts.add(
                "memberships", span.first.origin, household=span.household, person=person,
                role=_role(span.first.role), valid_from=span.start, valid_to=span.end,
            )  # fmt: skip
        for address, span in composition.residences:
            if span.first.buurt:
                self.facts.add(
                    "residences", span.first.origin, household=span.household,
                    address_pseudonym=address, buurt=span.first.buurt, valid_from=span.start,
                    valid_to=span.end,
                )  # fmt: skip

    def _residences(
        self,
        at: dict[tuple[str, str], tuple[dt.date, Provenance]],
        buurt_of: dict[str, Counter[str]],
    ) -> None:
        by_household: dict[str, list[tuple[dt.date, str, Provenance]]] = defaultdict(list)
        for (household, address), (date, provenance) in at.items():
            by_household[household].append((date, address, provenance))
        for household, moves in by_household.items():
            moves.sort(key=lambda move: move[:2])
            for number, (start, address, provenance) in enumerate(moves):
                if not buurt_of[address]:
                    continue
                end = moves[number + 1][0] if number + 1 < len(moves) else None
                self.facts.add(
                    "residences", provenance, household=household,
                    address_pseudonym=address, buurt=buurt_of[address].most_common(1)[0][0],
                    valid_from=start, valid_to=end,
                )  # fmt: skip

    def signals(self, names: dict[str, str], sends: dict[str, str]) -> None:
        """One signal per event (docs/adr/0017): the records of one person's arrears of one
        kind (or absence) with one signal date, from the gemeente, the creditor or school and
        the health insurer, become one signal that names every partner that reported it."""
        for reports in signal_events(self.records, sends):
            self._signal(reports, names, sends)

    def _signal(self, reports: list[Linked], names: dict[str, str], sends: dict[str, str]) -> None:
        """The gemeente's record gives the follow-up and the provenance; the creditor's or
        school's own record the creditor, the amount and the date the arrears began."""
        outreach = next((x for x in reports if x.kind == "outreach"), None)
        others = [x for x in reports if x.kind != "outreach"]
        kind = signal_kind(outreach or reports[0], sends)
        # the creditor or school itself before another partner that passed the event on
        own = next((x for x in others if sends.get(x.partner) == kind), None)
        own = own or next(iter(others), None)
        record = outreach or own or reports[0]
        named = names.get(outreach.get("creditor").lower()) if outreach else None
        first = next((x for x in (own, outreach) if x is not None and x.get("amount")), None)
        since = next((x for x in (own, outreach) if x and x.day("arrears_since")), None)
        self.facts.add(
            "signals", record.provenance, household=self.household(record),
            person=self.person(record), source_kind=kind,
            creditor=own.partner if own else named,
            reported_by=" ".join(sorted({x.partner for x in reports})),
            amount=_decimal(first.get("amount")) if first else None,
            origin_date=since.day("arrears_since") if since else None,
            signal_date=record.date, crisis=any(x.get("crisis") in TRUE for x in reports),
            **_outreach(outreach),
        )  # fmt: skip

    def support(self) -> None:
        latest_of_plan: dict[str, Linked] = {}
        for record in self.records:
            if record.kind == "plan_goal" and record.date:
                plan = f"{record.partner}:{record.get('record_id')}"
                if plan not in latest_of_plan or record.pk > latest_of_plan[plan].pk:
                    latest_of_plan[plan] = record  # goals delivered later carry the newer plan
        for plan, record in latest_of_plan.items():
            self.facts.add(
                "plans", record.provenance, household=self.household(record), plan_ref=plan,
                started_on=record.date, ended_on=record.day("plan_end"),
                status=record.get("plan_status"),
            )  # fmt: skip
        for record in self.records:
            if record.date is None:
                continue
            if record.kind == "plan_goal":
                self.facts.add(
                    "plan_goals", record.provenance,
                    plan=f"{record.partner}:{record.get('record_id')}",
                    capital=record.get("capital"), status=record.get("goal_status"),
                )  # fmt: skip
            elif record.kind == "contact_assignment":
                self.facts.add(
                    "contact_assignments", record.provenance, household=self.household(record),
                    partner=record.partner, worker_ref=self.worker(record),
                    valid_from=record.date, valid_to=record.day("assign_end"),
                )  # fmt: skip
        for reports in enrolment_events(self.records):
            self._enrolment(reports)

    def contacts(self) -> None:
        """A professional's contact moments with a household (the work zone delivers them,
        ADR 0028): when, how, reached or not, and who (keyed like a contact person)."""
        for record in self.records:
            if record.kind == "contact_moment" and record.date:
                self.facts.add(
                    "contact_moments", record.provenance, household=self.household(record),
                    person=self.person(record), partner=record.partner,
                    worker_ref=self.worker(record), contact_on=record.date,
                    kind=record.get("contact_kind"), reached=record.get("reached") in TRUE,
                )  # fmt: skip

    def _enrolment(self, reports: list[Linked]) -> None:
        """One enrolment from the provider's record and the gemeente's (an experiment's
        enrolment is registered by both): the provider's record is the provenance, the
        experiment and the end come from whichever record has them."""
        record = reports[0]
        if record.get("intervention") not in self.interventions:
            self.left_out["deelnames aan een interventie die het programma niet kent"] += 1
            return
        experiment = next((x.get("experiment") for x in reports if x.get("experiment")), "")
        if experiment and experiment not in self.experiments:
            self.left_out["verwijzingen naar een onbekend experiment (deelname wel)"] += 1
            experiment = ""
        ended = next((x for x in reports if x.day("enrol_end")), None)
        self.facts.add(
            "enrolments", record.provenance, household=self.household(record),
            person=self.person(record), intervention=record.get("intervention"),
            experiment=experiment or None, started_on=record.date,
            ended_on=ended.day("enrol_end") if ended else None,
            end_reason=ended.get("end_reason") if ended else "",
        )  # fmt: skip

    def assessments_and_outcomes(self) -> None:
        for record in self.records:
            if record.date is None:
                continue
            common = {
                "person": self.person(record),
                "household": self.household(record),
            }
            if record.kind == "assessment":
                self._assessment(record, common)
            elif record.kind == "placement":
                self.facts.add(
                    "outcomes", record.provenance, kind="passend_werk", observed_on=record.date,
                    value=True, **common,
                )  # fmt: skip
            elif record.kind == "diploma":
                self.facts.add(
                    "outcomes", record.provenance, kind="startkwalificatie",
                    observed_on=record.date,
                    value=record.get("qualification") in STARTKWALIFICATIE, **common,
                )  # fmt: skip

    def _assessment(self, record: Linked, common: dict[str, str]) -> None:
        instrument = (record.get("instrument"), record.get("instrument_version"))
        for capital in CAPITALS:
            level = record.get(f"level_{capital}")
            if level:
                self.facts.add(
                    "assessments", record.provenance, capital=capital,
                    assessed_on=record.date, level=int(level), instrument=instrument, **common,
                )  # fmt: skip
        for name, outcome in YES_NO_OUTCOMES.items():
            if record.get(name):
                self.facts.add(
                    "outcomes", record.provenance, kind=outcome, observed_on=record.date,
                    value=record.get(name) in TRUE, **common,
                )  # fmt: skip


SIGNAL_DATASETS = ("outreach", "arrears", "absence")
OUTREACH_FIELDS = {
    "first_attempt_on": "first_attempt_date", "reached_on": "reached_date",
    "closed_on": "end_date",
}  # fmt: skip


def signal_kind(record: Linked, sends: dict[str, str]) -> str:
    """The signal kind of a record: absence is "school"; a record that names no kind (a
    health insurer's premium arrears file) has the kind its partner reports (`sends`: the
    partner list's `signal_source`)."""
    if record.kind == "absence":
        return "school"
    return record.get("signal_kind") or sends.get(record.partner, "")


def signal_events(records: list[Linked], sends: dict[str, str]) -> list[list[Linked]]:
    """The signal records grouped into events (docs/adr/0017): the same person, the same
    signal kind and the same signal date is one event, whoever reports it. Each partner's
    records stay distinct events (two arrears of one kind on one day at one partner are
    two): the n-th record of every partner in a group makes the n-th event."""
    return _events(
        (x for x in records if x.kind in SIGNAL_DATASETS and x.date),
        lambda x: (x.person, signal_kind(x, sends), x.date),
    )


def enrolment_events(records: list[Linked]) -> list[list[Linked]]:
    """The enrolment records grouped into enrolments: the same person, intervention and start
    is one enrolment, registered by the provider and (in an experiment) by the gemeente."""
    return _events(
        (x for x in records if x.kind == "enrolment" and x.date),
        lambda x: (x.person, x.get("intervention"), x.date),
    )


def _events(records: Iterable[Linked], key: Callable[[Linked], tuple]) -> list[list[Linked]]:
    groups: dict[tuple, dict[str, list[Linked]]] = defaultdict(lambda: defaultdict(list))
    for record in records:  # in delivery order, so events come out in a stable order
        groups[key(record)][record.partner].append(record)
    events: list[list[Linked]] = []
    for by_partner in groups.values():
        depth = max(len(found) for found in by_partner.values())
        for number in range(depth):
            events.append([found[number] for found in by_partner.values() if number < len(found)])
    return events


def _outreach(record: Linked | None) -> dict[str, Any]:
    """The gemeente's follow-up of a signal; empty when no gemeente reported it."""
    if record is None:
        return {"attempt_method": "", "end_result": ""} | dict.fromkeys(OUTREACH_FIELDS)
    found: dict[str, Any] = {name: record.day(column) for name, column in OUTREACH_FIELDS.items()}
    found["attempt_method"] = record.get("contact_method")
    found["end_result"] = record.get("end_result")
    return found


def _earliest(
    found: dict[tuple[str, str], tuple[dt.date, Provenance]],
    key: tuple[str, str],
    date: dt.date,
    provenance: Provenance,
) -> None:
    if key not in found or date < found[key][0]:
        found[key] = (date, provenance)


def _role(role: str) -> str:
    """The BRP's role in the household, or "overig" when the row names none."""
    return role or "overig"


def _decimal(text: str) -> Decimal | None:
    return Decimal(text) if text else None
