"""Interventions, local experiments, and who gets enrolled (selection into treatment).

Each intervention has a provider, a target group and **known true effects**: points on latent
capitals and percentage points on outcome chances. Enrolment favours needier households, so a
naive comparison of enrolled and not-enrolled persons is biased; the truth files hold the real
effects to check an evaluation against.
"""

from __future__ import annotations

import random
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from doorbraak.synth.days import DAYS_PER_YEAR, from_ordinal
from doorbraak.synth.draws import between, pick
from doorbraak.synth.facts import Enrolment, Plan
from doorbraak.synth.population import Household, Membership
from doorbraak.synth.world import World

RAMP_DAYS = 180  # an effect builds up linearly over this many days after the start


@dataclass(frozen=True)
class Intervention:
    code: str
    name: str
    provider: str
    target: str  # adult | parent | jobseeker | pupil | youth_or_adult
    months: tuple[int, int]
    base_chance: float
    capital_effects: dict[str, float]
    outcome_effects: dict[str, float]


INTERVENTIONS = (
    Intervention(
        "budgetcoaching",
        "Budgetcoaching",
        "geldzorg-veenkolonien",
        "adult",
        (4, 12),
        0.35,
        {"economisch": 0.6, "mentaal": 0.2},
        {"zelfvertrouwen": 0.05},
    ),
    Intervention(
        "opvoedondersteuning",
        "Opvoedondersteuning",
        "stichting-opvoedpunt-noord",
        "parent",
        (3, 9),
        0.3,
        {"pedagogisch": 0.7, "mentaal": 0.1},
        {},
    ),
    Intervention(
        "werkfit-traject",
        "Werkfit-traject",
        "werkbedrijf-veenkolonien",
        "jobseeker",
        (6, 12),
        0.35,
        {"economisch": 0.4, "mentaal": 0.3},
        {"passend_werk": 0.15, "zelfvertrouwen": 0.08},
    ),
    Intervention(
        "maatjesproject",
        "Maatjesproject",
        "maatjes-veenkolonien",
        "adult",
        (6, 18),
        0.2,
        {"sociaal": 0.6},
        {"informele_hulp": 0.2, "prettig_in_de_wijk": 0.1},
    ),
    Intervention(
        "huiswerkbegeleiding",
        "Huiswerkbegeleiding",
        "huiswerkhuis-veenkolonien",
        "pupil",
        (5, 10),
        0.35,
        {"cultureel": 0.5},
        {"startkwalificatie": 0.12},
    ),
    Intervention(
        "sterk-in-je-vel",
        "Sterk in je vel (mentale weerbaarheid)",
        "ggz-kanaalzicht",
        "youth_or_adult",
        (2, 4),
        0.15,
        {"mentaal": 0.5, "sociaal": 0.1},
        {"zelfvertrouwen": 0.15},
    ),
)
BY_CODE = {intervention.code: intervention for intervention in INTERVENTIONS}


@dataclass(frozen=True)
class Experiment:
    code: str
    name: str
    gemeente: str
    wijk: str
    start: int
    end: int
    cocktail: tuple[str, ...]


def plan_experiments(world: World) -> list[Experiment]:
    """One or two local experiments per gemeente, on a populous wijk, for 1-2.5 years."""
    rng = random.Random(f"experiments:{world.seed}")
    weights: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for buurt, weight in zip(world.region.buurten, world.region.weights, strict=True):
        weights[buurt.gemeente][buurt.wijk] += weight
    experiments = []
    for gemeente in sorted(weights):
        wijken = sorted(weights[gemeente].items(), key=lambda item: (-item[1], item[0]))[:4]
        for number in range(1, 2 + (rng.random() < 0.6)):
            wijk = wijken[min(number - 1, len(wijken) - 1)][0]
            experiments.append(_experiment(world, rng, gemeente, wijk, number))
    return experiments


def _experiment(
    world: World, rng: random.Random, gemeente: str, wijk: str, number: int
) -> Experiment:
    start = world.start_day + between(rng, 60, 900)
    end = start + int(rng.uniform(1.0, 2.5) * DAYS_PER_YEAR)
    cocktail = tuple(sorted(rng.sample([i.code for i in INTERVENTIONS], between(rng, 2, 4))))
    place = next(b.place for b in world.region.buurten if b.wijk == wijk)
    name = f"Kansrijk {place} {from_ordinal(start).year}-{number}"
    return Experiment(f"EXP-{gemeente[2:]}-{number}", name, gemeente, wijk, start, end, cocktail)


@dataclass
class EnrolmentRules:
    experiments: list[Experiment]
    by_wijk: dict[str, list[Experiment]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for experiment in self.experiments:
            self.by_wijk.setdefault(experiment.wijk, []).append(experiment)


def eligible(target: str, member: Membership, present: list[Membership], day: int) -> bool:
    age = (day - member.person.birth) / DAYS_PER_YEAR
    if target == "pupil":
        return member.role == "child" and 10 <= age < 18
    if member.role == "child" or age < 18:
        return target == "youth_or_adult" and age >= 12
    if target == "parent":
        return any(
            m.role == "child" and (day - m.person.birth) < 18 * DAYS_PER_YEAR for m in present
        )
    if target == "jobseeker":
        return age < 67 and not member.person.employed
    return True


def enrol(
    world: World, rng: random.Random, rules: EnrolmentRules, household: Household, plan: Plan
) -> list[Enrolment]:
    """Enrolments for one plan: more likely in an experiment, and the needier, the likelier."""
    found = []
    address = household.residence_on(plan.start).address
    wijk = world.region.buurten[address.buurt].wijk
    last = plan.end if plan.end is not None else world.end_day
    for intervention in INTERVENTIONS:
        experiment = _experiment_for(rules, wijk, intervention.code, plan.start, last)
        boost = 2.2 if experiment else 1.0
        chance = min(0.95, intervention.base_chance * boost * (0.1 + 1.6 * household.need**2))
        if rng.random() >= chance:
            continue
        window_start = max(plan.start, experiment.start) if experiment else plan.start
        window_end = min(last, experiment.end) if experiment else last
        if window_end - window_start < 14:
            continue
        start = window_start + between(rng, 0, min(90, window_end - window_start - 1))
        present = household.members_on(start)
        candidates = [m for m in present if eligible(intervention.target, m, present, start)]
        if not candidates:
            continue
        member = pick(rng, candidates)
        found.append(_enrolment(world, rng, household, intervention, experiment, member, start))
    return found


def _experiment_for(
    rules: EnrolmentRules, wijk: str, code: str, start: int, end: int
) -> Experiment | None:
    for experiment in rules.by_wijk.get(wijk, ()):
        if code in experiment.cocktail and experiment.start < end and start < experiment.end:
            return experiment
    return None


def _enrolment(
    world: World,
    rng: random.Random,
    household: Household,
    intervention: Intervention,
    experiment: Experiment | None,
    member: Membership,
    start: int,
) -> Enrolment:
    months = rng.uniform(*intervention.months)
    end: int | None = start + int(months * 30.44)
    reason = "afgerond" if rng.random() < 0.8 else "voortijdig_gestopt"
    if end is not None and end >= world.end_day:
        end, reason = None, ""
    address = household.residence_on(start).address
    gemeente = address.gemeente
    return Enrolment(
        world.counters.next("enrolment"),
        member.person,
        household,
        intervention.code,
        experiment.code if experiment else None,
        gemeente,
        address,
        start,
        end,
        reason,
    )


def ramp(start: int, day: int) -> float:
    """Share of an intervention's full effect reached on `day` (0 before the start)."""
    if day <= start:
        return 0.0
    return min(1.0, (day - start) / RAMP_DAYS)


def experiment_rows(experiments: list[Experiment]) -> list[dict[str, str]]:
    return [
        {
            "experiment_code": e.code,
            "name": e.name,
            "gemeente_code": e.gemeente,
            "area_code": e.wijk,
            "start": from_ordinal(e.start).isoformat(),
            "end": from_ordinal(e.end).isoformat(),
            "cocktail": " ".join(e.cocktail),
        }
        for e in experiments
    ]


def write_programme_reference(folder: Path, experiments: list[Experiment]) -> Path:
    """`programma/referentie.yaml`: the programme's own record of its interventions and local
    experiments (docs/register.md describes the format), as the programme team keeps it; the
    demo loads it from here, never from the ground truth."""
    document = {
        "versie": 1,
        "interventies": [{"code": i.code, "naam": i.name} for i in INTERVENTIONS],
        "experimenten": [
            {
                "code": e.code,
                "naam": e.name,
                "gebied": e.wijk or e.gemeente,
                "start": from_ordinal(e.start).isoformat(),
                "einde": from_ordinal(e.end).isoformat(),
                "cocktail": list(e.cocktail),
            }
            for e in experiments
        ],
    }
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "referentie.yaml"
    header = "# Referentiegegevens van het programma: interventies en lokale experimenten.\n"
    path.write_text(header + yaml.safe_dump(document, allow_unicode=True, sort_keys=False))
    return path
