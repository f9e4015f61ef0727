"""Support plans (maatwerkplannen) and the fixed contact person, with staff turnover.

A plan starts after outreach ends in follow-up help, or through a referral (wijkteam, school,
GP). Each plan has goals per capital in the household's own words and a contact person from the
municipality's staff; staff leave or change caseload, so the contact person changes now and then,
sometimes after a gap without anyone.
"""

from __future__ import annotations

import itertools
import random

from doorbraak.synth.draws import below, between, pick, weighted
from doorbraak.synth.facts import CAPITALS, Assignment, Goal, Plan, Signal
from doorbraak.synth.outreach import follow_up
from doorbraak.synth.population import Household
from doorbraak.synth.world import World

GOAL_TEXTS = {
    "economisch": (
        "Mijn schulden op een rij krijgen",
        "Rondkomen zonder te lenen",
        "Een baan vinden die bij me past",
        "Mijn post en rekeningen bijhouden",
    ),
    "sociaal": (
        "Meer mensen om op terug te vallen",
        "Weer contact met mijn familie",
        "Iets doen in de buurt",
    ),
    "cultureel": (
        "Mijn diploma halen",
        "Beter leren lezen en schrijven",
        "Dat de kinderen op school goed meekomen",
    ),
    "pedagogisch": (
        "Rust in huis met de kinderen",
        "Samen met mijn ex goede afspraken maken",
        "Weten hoe ik mijn puber help",
    ),
    "mentaal": (
        "Beter slapen en minder piekeren",
        "Weer zin in de toekomst",
        "Durven zeggen wat ik nodig heb",
    ),
}
CAPITAL_WEIGHTS = tuple(itertools.accumulate((0.9, 0.4, 0.3, 0.35, 0.45)))  # cumulative
MEAN_ASSIGNMENT_DAYS = 330
MEAN_PLAN_DAYS = 600


def household_support(
    world: World, rng: random.Random, household: Household, signals: list[Signal]
) -> list[Plan]:
    """Run outreach on the household's signals in order, and start plans where it leads."""
    plans: list[Plan] = []
    referral = _referral_day(world, rng, household)
    for signal in signals:
        if referral is not None and referral <= signal.day:
            _maybe_start(world, rng, household, plans, referral, "referral")
            referral = None
        known = _active(plans, signal.day)
        follow_up(rng, signal, known=known, end_day=world.end_day)
        if signal.result == "vervolghulp" and signal.end is not None and not known:
            _maybe_start(world, rng, household, plans, signal.end + between(rng, 0, 21), "signal")
    if referral is not None:
        _maybe_start(world, rng, household, plans, referral, "referral")
    if plans and rng.random() < 0.03:  # a second plan by another team: the W2 indicator's case
        _maybe_start(world, rng, household, plans, plans[0].start + between(rng, 20, 200), "dubbel")
    return plans


def _referral_day(world: World, rng: random.Random, household: Household) -> int | None:
    if rng.random() >= 0.22 * household.need:
        return None
    last = household.dissolved or world.end_day
    return between(rng, household.formed, max(household.formed, last - 1))


def _active(plans: list[Plan], day: int) -> bool:
    return any(p.start <= day and (p.end is None or p.end > day) for p in plans)


def _maybe_start(
    world: World,
    rng: random.Random,
    household: Household,
    plans: list[Plan],
    day: int,
    route: str,
) -> None:
    last = household.dissolved or world.end_day
    if day >= last or (route != "dubbel" and _active(plans, day)):
        return
    members = household.members_on(day)
    if not members:
        return
    gemeente = household.residence_on(day).address.gemeente
    end: int | None = day + 90 + int(rng.expovariate(1 / MEAN_PLAN_DAYS))
    status = "actief"
    if end is not None and end >= last:
        end, status = (None, "actief") if last == world.end_day else (last, "gestopt")
    elif end is not None:
        status = "afgerond" if rng.random() < 0.7 else "gestopt"
    plan = Plan(
        world.counters.next("plan"),
        household,
        household.head_on(day),
        gemeente,
        day,
        end,
        status,
        route,
    )
    plan.goals = _goals(rng, status)
    plan.assignments = _assignments(world, rng, gemeente, day, end)
    plans.append(plan)


def _goals(rng: random.Random, status: str) -> list[Goal]:
    count = 1 + int(rng.random() * 3)
    chosen: list[str] = []
    while len(chosen) < count:
        capital = weighted(rng, CAPITALS, CAPITAL_WEIGHTS)
        if capital not in chosen:
            chosen.append(capital)
    goals = []
    for capital in chosen:
        if status == "actief":
            goal_status = "lopend" if rng.random() < 0.8 else "behaald"
        else:
            achieved = 0.65 if status == "afgerond" else 0.25
            goal_status = "behaald" if rng.random() < achieved else "niet_behaald"
        goals.append(Goal(capital, pick(rng, GOAL_TEXTS[capital]), goal_status))
    return goals


def _assignments(
    world: World, rng: random.Random, gemeente: str, start: int, end: int | None
) -> list[Assignment]:
    """Contact persons from plan start to plan end, changing with staff turnover."""
    pool = world.staff.get(gemeente, 6)
    last = end if end is not None else world.end_day
    assignments: list[Assignment] = []
    day, staff = start, below(rng, pool)
    while day < last:
        change = day + 30 + int(rng.expovariate(1 / MEAN_ASSIGNMENT_DAYS))
        stop = change if change < last else end
        contact = f"CP-{gemeente[2:]}-{staff + 1:03d}"
        assignments.append(Assignment(world.counters.next("assignment"), contact, day, stop))
        if stop is None or stop >= last:
            break
        day = stop + (between(rng, 14, 60) if rng.random() < 0.06 else 0)
        staff = (staff + 1 + below(rng, pool - 1)) % pool
    return assignments
