"""What the municipality does with a signal: contact attempts and the end result.

End results follow the Gemeentelijk Gegevensmodel (see DOMAIN.md). About 1 in 5 residents is
reached; a reached household may already be known to debt help, decline, pay or arrange, get
advice, or go on to follow-up help, which starts a support plan (see `support`).
"""

from __future__ import annotations

import itertools
import random

from doorbraak.synth.draws import between, weighted
from doorbraak.synth.facts import CONTACT_METHODS, Signal

REACH_CHANCE = 0.2
NOT_PICKED_UP = 0.06
REACHED_RESULTS = ("wil_geen_hulp", "betaald_regeling", "advies", "vervolghulp")
REACHED_WEIGHTS = tuple(itertools.accumulate((0.22, 0.24, 0.2, 0.34)))  # cumulative
METHOD_WEIGHTS = tuple(itertools.accumulate((0.35, 0.3, 0.2, 0.1, 0.05)))  # cumulative


def follow_up(rng: random.Random, signal: Signal, *, known: bool, end_day: int) -> None:
    """Fill in the outreach of `signal`; `known`: the household already has an active plan.

    A signal still open on the as-of day keeps an empty end result.
    """
    _attempt(rng, signal, known=known, end_day=end_day)
    if signal.end is None:
        signal.result = ""


def _attempt(rng: random.Random, signal: Signal, *, known: bool, end_day: int) -> None:
    if rng.random() < NOT_PICKED_UP:
        signal.result, signal.end = (
            "niet_opgepakt",
            _until(signal.day + between(rng, 5, 40), end_day),
        )
        return
    signal.first_attempt = signal.day + between(rng, 1, 21)
    if signal.first_attempt >= end_day:
        signal.first_attempt = None
        return
    signal.method = weighted(rng, CONTACT_METHODS, METHOD_WEIGHTS)
    if rng.random() >= REACH_CHANCE + (0.1 if known else 0.0):
        signal.result = "geen_contact"
        signal.end = _until(signal.first_attempt + between(rng, 14, 60), end_day)
        return
    signal.reached = _until(signal.first_attempt + between(rng, 0, 20), end_day)
    if known and rng.random() < 0.7:
        signal.result = "al_bekend_schuldhulp"
    else:
        signal.result = weighted(rng, REACHED_RESULTS, REACHED_WEIGHTS)
    signal.end = _until((signal.reached or signal.first_attempt) + between(rng, 0, 45), end_day)


def _until(day: int, end_day: int) -> int | None:
    """A day inside the simulated period, or None when it would fall after the as-of day."""
    return day if day < end_day else None
