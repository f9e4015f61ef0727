"""The ground truth (`truth/`) and the clean facts (`truth/facts/`) of a synthetic run.

The truth holds identities and what really happened: BSNs and names, true households, parent-
child links, which export row is which person, every injected fault and the true intervention
effects. It is for tests and benchmarks and must never be loaded into the register. The facts
hold the same events with pseudonymous ids only, for loading a demo register directly.

`Truth` renders one chunk's rows in memory; `output.OutputWriter` writes them, and the rows
that need file positions (records, faults), to disk.
"""

from __future__ import annotations

from doorbraak.synth import poverty
from doorbraak.synth.capitals import INSTRUMENT
from doorbraak.synth.chunk import ChunkResult
from doorbraak.synth.days import DayFormatter
from doorbraak.synth.facts import CAPITALS
from doorbraak.synth.interventions import BY_CODE, INTERVENTIONS, Experiment, experiment_rows
from doorbraak.synth.partners import Roles
from doorbraak.synth.population import Household, Person
from doorbraak.synth.tables import ChunkTable, ident
from doorbraak.synth.world import World

# Column lists, kept compact on purpose.
# fmt: off
TRUTH_TABLES = {
    "persons": ("person_id", "bsn", "given_name", "surname_prefix", "surname", "sex",
        "birth_date", "died_on", "employed_initially", "need"),
    "households": ("household_id", "need", "in_poverty", "formed_on", "formation_reason",
        "parent_household_id", "dissolved_on", "social_renter", "energy_client", "insured"),
    "memberships": ("person_id", "household_id", "role", "valid_from", "valid_to"),
    "parent_child": ("parent_person_id", "child_person_id", "parent_household_id",
        "child_household_id", "left_home_on"),
    "addresses": ("address_id", "street", "house_number", "house_number_suffix", "postcode",
        "city", "buurt_code"),
    "assessment_latent": ("assessment_id", "economisch", "sociaal", "cultureel", "pedagogisch",
        "mentaal"),
    "poverty_events": ("person_id", "year", "event"),
    "poverty_model": ("parameter", "value"),
}
FACT_TABLES = {
    "households": ("household_id", "formed_on", "dissolved_on", "formation_reason",
        "parent_household_id"),
    "residences": ("household_id", "address_id", "buurt_code", "valid_from", "valid_to"),
    "persons": ("person_id", "birth_year_month", "sex", "died_on"),
    "memberships": ("person_id", "household_id", "role", "valid_from", "valid_to"),
    "signals": ("signal_id", "person_id", "household_id", "buurt_code", "gemeente_code",
        "source_kind", "source_partner", "receiving_partner", "amount", "absence_hours",
        "arrears_since", "signal_date", "crisis", "first_attempt_date", "contact_method",
        "reached_date", "end_result", "end_date"),
    "plans": ("plan_id", "household_id", "applicant_person_id", "partner", "gemeente_code",
        "start", "end", "status", "route"),
    "plan_goals": ("plan_id", "goal_number", "capital", "goal_text", "status"),
    "contact_assignments": ("assignment_id", "plan_id", "household_id", "contact_person_id",
        "partner", "valid_from", "valid_to"),
    "interventions": ("intervention_code", "name", "provider_partner", "target_group", "capitals",
        "outcomes"),
    "experiments": ("experiment_code", "name", "gemeente_code", "area_code", "start", "end",
        "cocktail"),
    "enrolments": ("enrolment_id", "person_id", "household_id", "intervention_code",
        "experiment_code", "partner", "start", "end", "end_reason"),
    "assessments": ("assessment_id", "person_id", "household_id", "date", "capital", "level",
        "instrument", "instrument_version", "partner"),
    "outcomes": ("outcome_id", "person_id", "household_id", "outcome", "date", "value", "detail",
        "partner"),
    "poverty_statuses": ("person_id", "household_id", "gemeente_code", "partner", "year", "basis",
        "income_pct", "threshold_pct", "definition", "valid_from", "valid_to"),
}
POSITIONED_TABLES = {
    "records": ("partner", "file", "row", "dataset", "record_key", "person_id", "household_id"),
    "faults": ("partner", "file", "row", "kind", "field", "true_value", "written_value",
        "related_file", "related_row"),
    "effects": ("intervention", "target", "kind", "true_effect", "n_units", "mean_applied_effect"),
}
# fmt: on
OUTCOME_PARTNERS = {
    "passend_werk": "werkbedrijf-veenkolonien",
    "opvoedondersteuning_ontvangen": "stichting-opvoedpunt-noord",
}


class Truth:
    """Renders a chunk's truth and fact rows in memory."""

    def __init__(self, world: World, roles: Roles) -> None:
        self.world, self.roles = world, roles
        self.days = DayFormatter()
        self.truth = {name: ChunkTable() for name in TRUTH_TABLES if name != "memberships"}
        self.facts = {name: ChunkTable() for name in FACT_TABLES if name not in STATIC_FACTS}

    def day(self, value: int | None) -> str:
        return "" if value is None else self.days.iso(value)

    def take(self) -> dict[str, str]:
        """The chunk's rows per table, keyed `truth/<name>` and `facts/<name>`."""
        texts = {f"truth/{name}": table.take() for name, table in self.truth.items()}
        texts.update({f"facts/{name}": table.take() for name, table in self.facts.items()})
        texts["truth/memberships"] = texts["facts/memberships"]  # the same rows in both
        return texts

    # --- per chunk -----------------------------------------------------------------------
    def write_chunk(self, result: ChunkResult) -> None:
        for person in result.persons:
            self._person(person)
        for household in result.population.households:
            self._household(household)
        for link in result.population.links:
            self.truth["parent_child"].add(
                (
                    link.parent.key,
                    link.child.key,
                    ident("H", link.parent_household),
                    ident("H", link.child_household),
                    self.day(link.left_home),
                )
            )
        self._signals(result)
        self._plans(result)
        self._enrolments(result)
        self._assessments(result)
        self._outcomes(result)
        self._poverty(result)

    def _person(self, person: Person) -> None:
        day = self.day
        self.truth["persons"].add(
            (
                person.key,
                person.bsn,
                person.given,
                person.prefix,
                person.surname,
                person.sex,
                day(person.birth),
                day(person.died),
                int(person.employed),
                f"{person.need:.3f}",
            )
        )
        self.facts["persons"].add(
            (person.key, self.days.year_month(person.birth), person.sex, day(person.died))
        )

    def _household(self, household: Household) -> None:
        day, hid = self.day, household.key
        parent = ident("H", household.parent_hid)
        self.truth["households"].add(
            (
                hid,
                f"{household.need:.3f}",
                int(household.in_poverty),
                day(household.formed),
                household.reason,
                parent,
                day(household.dissolved),
                int(household.social_renter),
                int(household.energy_client),
                int(household.insured),
            )
        )
        self.facts["households"].add(
            (hid, day(household.formed), day(household.dissolved), household.reason, parent)
        )
        for member in household.members:
            self.facts["memberships"].add(
                (member.person.key, hid, member.role, day(member.start), day(member.end))
            )
        buurten = self.world.region.buurten
        for residence in household.residences:
            address = residence.address
            buurt = buurten[address.buurt].code
            self.truth["addresses"].add(
                (
                    ident("A", address.address_id),
                    address.street,
                    address.number,
                    address.suffix,
                    address.postcode,
                    address.city,
                    buurt,
                )
            )
            self.facts["residences"].add(
                (
                    hid,
                    ident("A", address.address_id),
                    buurt,
                    day(residence.start),
                    day(residence.end),
                )
            )

    def _signals(self, result: ChunkResult) -> None:
        day, buurten = self.day, self.world.region.buurten
        for s in result.facts.signals:
            amount = "" if s.amount is None else f"{s.amount:.2f}"
            self.facts["signals"].add(
                (
                    ident("S", s.sid),
                    s.person.key,
                    s.household.key,
                    buurten[s.address.buurt].code,
                    s.gemeente,
                    s.kind,
                    s.creditor or "",
                    self.roles.municipality[s.gemeente],
                    amount,
                    s.hours or "",
                    day(s.origin),
                    day(s.day),
                    int(s.crisis),
                    day(s.first_attempt),
                    s.method or "",
                    day(s.reached),
                    s.result,
                    day(s.end),
                )
            )

    def _plans(self, result: ChunkResult) -> None:
        day = self.day
        for plan in result.facts.plans:
            plan_id, hid = ident("PL", plan.plan_id), plan.household.key
            partner = self.roles.municipality[plan.gemeente]
            self.facts["plans"].add(
                (
                    plan_id,
                    hid,
                    plan.applicant.key,
                    partner,
                    plan.gemeente,
                    day(plan.start),
                    day(plan.end),
                    plan.status,
                    plan.route,
                )
            )
            for number, goal in enumerate(plan.goals, start=1):
                self.facts["plan_goals"].add(
                    (plan_id, number, goal.capital, goal.text, goal.status)
                )
            for a in plan.assignments:
                self.facts["contact_assignments"].add(
                    (ident("CA", a.aid), plan_id, hid, a.contact, partner, day(a.start), day(a.end))
                )

    def _enrolments(self, result: ChunkResult) -> None:
        day = self.day
        for e in result.facts.enrolments:
            self.facts["enrolments"].add(
                (
                    ident("EN", e.eid),
                    e.person.key,
                    e.household.key,
                    e.intervention,
                    e.experiment or "",
                    BY_CODE[e.intervention].provider,
                    day(e.start),
                    day(e.end),
                    e.end_reason,
                )
            )

    def _assessments(self, result: ChunkResult) -> None:
        for a in result.facts.assessments:
            aid, pid, hid = ident("AS", a.aid), a.person.key, a.household.key
            partner, when = self.roles.assessor[a.gemeente], self.day(a.day)
            for capital, level in zip(CAPITALS, a.levels, strict=True):
                self.facts["assessments"].add(
                    (aid, pid, hid, when, capital, level, INSTRUMENT, a.version, partner)
                )
            self.truth["assessment_latent"].add((aid, *(f"{v:.3f}" for v in a.latent)))

    def _outcomes(self, result: ChunkResult) -> None:
        for o in result.facts.outcomes:
            if o.kind == "startkwalificatie":
                partner = (
                    "roc-veenstreek" if o.detail.startswith("MBO") else "scholengemeenschap-veendal"
                )
            else:
                partner = OUTCOME_PARTNERS.get(o.kind) or self.roles.assessor[o.gemeente]
            self.facts["outcomes"].add(
                (
                    ident("OU", o.oid),
                    o.person.key,
                    o.household.key,
                    o.kind,
                    self.day(o.day),
                    o.value,
                    o.detail,
                    partner,
                )
            )

    def _poverty(self, result: ChunkResult) -> None:
        day = self.day
        for row in result.poverty.rows:
            self.facts["poverty_statuses"].add(
                (
                    row.person.key,
                    row.household.key,
                    row.gemeente,
                    self.roles.municipality[row.gemeente],
                    row.year,
                    row.basis,
                    f"{row.income_pct:.1f}",
                    row.threshold,
                    poverty.DEFINITION,
                    day(row.start),
                    day(row.end),
                )
            )
        for event in result.poverty.events:
            self.truth["poverty_events"].add(event)


STATIC_FACTS = ("interventions", "experiments")


def poverty_model_rows() -> list[tuple[object, ...]]:
    """The known rates of the poverty trajectories (`synth.poverty`), for the tests."""
    return [
        ("history_start", poverty.HISTORY_START),
        ("rate_ratio", poverty.RATE_RATIO),
        ("young_base", poverty.YOUNG_BASE),
        ("young_stay", poverty.YOUNG_STAY),
        ("grew_up_ages", "-".join(map(str, poverty.GREW_UP_AGES))),
        ("young_ages", "-".join(map(str, poverty.YOUNG_AGES))),
        ("relapse_years", poverty.RELAPSE_YEARS),
        ("relapse", poverty.RELAPSE),
        *((f"threshold_{gm}", pct) for gm, pct in sorted(poverty.THRESHOLDS.items())),
    ]


def static_fact_rows(experiments: list[Experiment]) -> dict[str, list[tuple[object, ...]]]:
    """The fact tables that do not come from chunks: the intervention catalogue, experiments."""
    interventions: list[tuple[object, ...]] = [
        (
            i.code,
            i.name,
            i.provider,
            i.target,
            " ".join(i.capital_effects),
            " ".join(i.outcome_effects),
        )
        for i in INTERVENTIONS
    ]
    return {
        "interventions": interventions,
        "experiments": [tuple(row.values()) for row in experiment_rows(experiments)],
    }


def effect_rows(sums: dict[tuple[str, str], list[float]]) -> list[tuple[object, ...]]:
    """The true effect of every intervention on every target, and the mean effect applied."""
    rows: list[tuple[object, ...]] = []
    for intervention in INTERVENTIONS:
        targets = [
            (f"capital:{k}", "capital_points", v) for k, v in intervention.capital_effects.items()
        ]
        targets += [
            (f"outcome:{k}", "probability", v) for k, v in intervention.outcome_effects.items()
        ]
        for target, kind, value in targets:
            count, total = sums.get((intervention.code, target), [0.0, 0.0])
            mean = f"{total / count:.4f}" if count else ""
            rows.append((intervention.code, target, kind, value, int(count), mean))
    return rows
