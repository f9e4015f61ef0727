"""The learning network's activities in the synthetic region, with their known truth (ADR 0036).

`learning_activities` draws, per year from the programme's start to the region's `as_of`,
learning agendas, sessions of lerend evalueren (organisations, ervaringsdeskundigen by code,
forms of knowledge), trainings, conferences, publications, support of partners in a knowledge
line and procurements; and, per local experiment, what the programme team records about it
(the knowledge it builds on, who designed it, a text for residents). `write_learning` writes
them as `programma/leren.yaml`, the file the demo records through `learning`'s services, and
the indicators' true values per year as `truth/learning.json` (`learning_truth`), counted here
straight from the drawn activities, never through the monitor.
"""

from __future__ import annotations

import json
import random
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import yaml

from doorbraak.synth.days import from_ordinal
from doorbraak.synth.interventions import Experiment

START_YEAR = 2023
KNOWLEDGE_FORMS = ("onderzoek", "praktijk", "ervaring", "monitoring", "beleid")
EXPERTS = tuple(f"ed-{n:02d}" for n in range(1, 19))
PUBLICATION_KINDS = ("rapportage", "reflectierapport", "kennisproduct", "open_data")


def _day(rng: random.Random, year: int, as_of: date) -> date | None:
    """A day in the year, not after `as_of` (None: the year has not begun)."""
    first = date(year, 1, 1)
    last = min(date(year, 12, 31), as_of)
    if last < first:
        return None
    return first + timedelta(days=rng.randint(0, (last - first).days))


def _year(rng: random.Random, year: int, as_of: date, partners: list[str]) -> dict[str, list[Any]]:
    def days(low: int, high: int) -> list[date]:
        found = (_day(rng, year, as_of) for _n in range(rng.randint(low, high)))
        return sorted(d for d in found if d is not None)

    out: dict[str, list[Any]] = {}
    out["leeragendas"] = [{"titel": f"Leeragenda {year}-{n}", "datum": d}
                          for n, d in enumerate(days(1, 3), start=1)]  # fmt: skip
    out["sessies"] = [
        {
            "onderwerp": f"Lerend evalueren {year}-{n}",
            "datum": d,
            "partners": sorted(rng.sample(partners, rng.randint(3, 9))),
            "ervaringsdeskundigen": sorted(rng.sample(EXPERTS, rng.randint(0, 3))),
            "kennis": sorted(rng.sample(KNOWLEDGE_FORMS[:4], rng.randint(1, 3))),
            "professionals": rng.randint(3, 25),
            "inwoners": rng.randint(0, 8),
        }
        for n, d in enumerate(days(3, 7), start=1)
    ]
    out["trainingen"] = [
        {
            "titel": f"Training {year}-{n}",
            "datum": d,
            "bejegening": rng.random() < 0.8,
            "geschoold": {p: rng.randint(2, 12) for p in rng.sample(partners, rng.randint(1, 4))},
        }
        for n, d in enumerate(days(1, 3), start=1)
    ]
    out["conferenties"] = [{"titel": f"Conferentie {year}", "datum": d} for d in days(0, 1)]
    out["publicaties"] = [
        {"titel": f"Publicatie {year}-{n}", "soort": rng.choice(PUBLICATION_KINDS), "datum": d}
        for n, d in enumerate(days(2, 5), start=1)
    ]
    out["kennisontwikkellijnen"] = [
        {"partner": p, "datum": d}
        for d, p in zip(days(2, 5), rng.sample(partners, 5), strict=False)
    ]
    out["aanbestedingen"] = [
        {"titel": f"Aanbesteding {year}-{n}", "partner": rng.choice(partners), "datum": d,
         "armoede": rng.random() < 0.7}
        for n, d in enumerate(days(1, 4), start=1)
    ]  # fmt: skip
    return out


def _experiment(rng: random.Random, experiment: Experiment) -> dict[str, Any]:
    knows = rng.random() < 0.6
    return {
        "code": experiment.code,
        "kennis": "Onderzoek naar werkzame elementen van schuldhulp; ervaringen van "
        "ervaringsdeskundigen uit de regio."
        if knows
        else "",
        "ontworpen_met": "Bewoners van de wijk en ervaringsdeskundigen, in drie avonden.",
        "samenvatting": "Gezinnen in de wijk krijgen samen hulp die bij hen past. Er is één "
        "vaste contactpersoon. Inwoners denken mee over wat nodig is.",
    }


def learning_activities(
    *, seed: int, as_of: date, partners: list[str], experiments: list[Experiment]
) -> dict[str, Any]:
    """Every activity of the learning network from 2023 to `as_of`, drawn from `seed`."""
    rng = random.Random(f"learning:{seed}")
    pool = sorted(partners)
    activities: dict[str, Any] = {"verbindingen": [
        {"partner": p, "datum": date(START_YEAR, 1, 1) + timedelta(days=rng.randint(0, 300))}
        for p in pool
    ]}  # fmt: skip
    for year in range(START_YEAR, as_of.year + 1):
        for key, rows in _year(rng, year, as_of, pool).items():
            activities.setdefault(key, []).extend(rows)
    activities["experimenten"] = [_experiment(rng, e) for e in experiments]
    return activities


def _cumulative(rows: list[dict[str, Any]], year: int) -> list[dict[str, Any]]:
    return [row for row in rows if row["datum"].year <= year]


def _in(rows: list[dict[str, Any]], year: int) -> list[dict[str, Any]]:
    return [row for row in rows if row["datum"].year == year]


def learning_truth(
    activities: dict[str, Any], experiments: list[Experiment], year: int
) -> dict[str, float | None]:
    """The true value of each learning indicator over calendar year `year` (region)."""
    sessions = _cumulative(activities["sessies"], year)
    publications = _cumulative(activities["publicaties"], year)
    last = date(year, 12, 31)
    running = [
        e for e in experiments
        if from_ordinal(e.start) <= last and from_ordinal(e.end) > last
    ]  # fmt: skip
    knows = {e["code"] for e in activities["experimenten"] if e["kennis"]}
    return {
        "W3": len([p for p in _cumulative(activities["aanbestedingen"], year) if p["armoede"]]),
        "E1": len(_in(activities["leeragendas"], year)),
        "E2.1": len(sessions),
        "E2.2": len({p for s in sessions for p in s["partners"]}),
        "E2.3": len({e for s in sessions for e in s["ervaringsdeskundigen"]}),
        "E2.4": len({k for s in sessions for k in s["kennis"]}),
        "E3": len([p for p in publications if p["soort"] in ("rapportage", "reflectierapport")]),
        "E4": len(_cumulative(activities["conferenties"], year)),
        "E6": 100.0 * len([e for e in running if e.code in knows]) / len(running)
        if running else None,
        "E7": len({s["partner"] for s in _in(activities["kennisontwikkellijnen"], year)}),
        "E8": sum(
            sum(t["geschoold"].values())
            for t in _cumulative(activities["trainingen"], year) if t["bejegening"]
        ),
        "E9": len([p for p in publications if p["soort"] in ("kennisproduct", "open_data")]),
    }  # fmt: skip


def write_learning(
    out_dir: Path, *, seed: int, as_of: date, partners: list[str], experiments: list[Experiment]
) -> list[Path]:
    """`programma/leren.yaml` (as the programme team would record it) and
    `truth/learning.json` (the indicators' true values per year)."""
    activities = learning_activities(
        seed=seed, as_of=as_of, partners=partners, experiments=experiments
    )
    path = out_dir / "programma" / "leren.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    header = "# Het lerend netwerk van de synthetische regio: activiteiten en experimenten.\n"
    path.write_text(header + yaml.safe_dump(activities, allow_unicode=True, sort_keys=False))
    truth = {
        str(year): learning_truth(activities, experiments, year)
        for year in range(START_YEAR, as_of.year + 1)
    }
    truth_path = out_dir / "truth" / "learning.json"
    truth_path.parent.mkdir(parents=True, exist_ok=True)
    truth_path.write_text(json.dumps(truth, indent=2) + "\n", encoding="utf-8")
    return [path, truth_path]
