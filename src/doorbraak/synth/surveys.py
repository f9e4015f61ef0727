"""Synthetic survey rounds for the demo (ADR 0035): the professionals' survey on the six
preconditions per partner and the residents' survey per wijk, with known true shares (pure:
no Django).

Each respondent agrees (4 or 5) with a precondition with the probability in `TRUE_AGREE` for
that year, else answers 1-3; residents feel at home in their wijk with `TRUE_AT_HOME`. The
share the monitor must compute is the share actually drawn (`SyntheticRound.share_agree`), so
a test compares the indicator with the data it was computed from; the probabilities say what
the sample estimates. Partners and wijken are named by code; the caller (web.demo) loads the
rounds through `surveys.services`.
"""

import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Final

PROFESSIONALS: Final = "professionals_randvoorwaarden"
RESIDENTS: Final = "inwoners_wijk"
YEARS: Final = (2024, 2025)
PRECONDITIONS: Final = tuple(f"w1_{n}" for n in range(1, 7))
# the chance a professional agrees that a precondition holds in their work, per year
TRUE_AGREE: Final = {
    2024: dict(zip(PRECONDITIONS, (0.55, 0.40, 0.30, 0.25, 0.50, 0.60), strict=True)),
    2025: dict(zip(PRECONDITIONS, (0.60, 0.45, 0.38, 0.30, 0.55, 0.66), strict=True)),
}
TRUE_AT_HOME: Final = {2024: 0.64, 2025: 0.68}
PROFESSIONALS_INVITED: Final = (15, 45)  # per partner, drawn between
PROFESSIONALS_RESPONDING: Final = 0.6
RESIDENTS_INVITED: Final = 40  # per wijk
RESIDENTS_RESPONDING: Final = 0.35
OBSTACLES: Final = ("caseload", "regels", "financiering", "anders")


@dataclass(frozen=True)
class SyntheticResponse:
    group: str  # partner code (professionals) or wijk code (residents)
    answers: dict[str, str | list[str]]


@dataclass
class SyntheticRound:
    survey: str
    period: str
    invited: dict[str, int] = field(default_factory=dict)  # group -> invitations sent
    responses: list[SyntheticResponse] = field(default_factory=list)

    def share_agree(self, question: str) -> float | None:
        """The percentage answering 4 or 5: the truth the monitor's share must equal."""
        given = [r.answers[question] for r in self.responses if question in r.answers]
        if not given:
            return None
        return 100 * sum(1 for a in given if a in ("4", "5")) / len(given)


def survey_rounds(
    *, seed: int, partners: Sequence[str], wijken: Sequence[str], years: Sequence[int] = YEARS
) -> list[SyntheticRound]:
    rng = random.Random(f"surveys-{seed}")
    rounds = []
    for year in years:
        rounds.append(_professionals(rng, year, partners))
        rounds.append(_residents(rng, year, wijken))
    return rounds


def _likert(rng: random.Random, agree: float) -> str:
    if rng.random() < agree:
        return "5" if rng.random() < 0.4 else "4"
    return rng.choices(("1", "2", "3"), weights=(2, 3, 5))[0]


def _professionals(rng: random.Random, year: int, partners: Sequence[str]) -> SyntheticRound:
    found = SyntheticRound(PROFESSIONALS, str(year))
    for partner in partners:
        invited = rng.randint(*PROFESSIONALS_INVITED)
        found.invited[partner] = invited
        for _ in range(sum(rng.random() < PROFESSIONALS_RESPONDING for _ in range(invited))):
            answers: dict[str, str | list[str]] = {
                q: _likert(rng, TRUE_AGREE[year][q]) for q in PRECONDITIONS
            }
            if answers["w1_4"] in ("1", "2"):
                answers["belemmeringen"] = sorted(rng.sample(OBSTACLES, rng.randint(1, 2)))
            answers["uren_relaties"] = str(rng.randint(0, 16))
            found.responses.append(SyntheticResponse(partner, answers))
    return found


def _residents(rng: random.Random, year: int, wijken: Sequence[str]) -> SyntheticRound:
    found = SyntheticRound(RESIDENTS, str(year))
    for wijk in wijken:
        found.invited[wijk] = RESIDENTS_INVITED
        for _ in range(sum(rng.random() < RESIDENTS_RESPONDING for _ in range(RESIDENTS_INVITED))):
            answers: dict[str, str | list[str]] = {
                "d4": _likert(rng, TRUE_AT_HOME[year]),
                "leeftijdsgroep": rng.choices(("kind", "jongere", "volwassene"), (1, 2, 7))[0],
                "programma_bekend": "ja" if rng.random() < 0.3 else "nee",
            }
            if answers["programma_bekend"] == "ja":
                answers["aanpak_van_ons"] = _likert(rng, 0.35)
                answers["meebeslissen"] = _likert(rng, 0.25)
            found.responses.append(SyntheticResponse(wijk, answers))
    return found
