"""A tiny synthetic region's clean facts with a known effect, written in the synth's layout."""

from __future__ import annotations

import csv
import random
from datetime import date, timedelta
from pathlib import Path

WIJKEN = [f"WK0037{n:02d}" for n in range(1, 15)]
EXPERIMENT_WIJKEN = {
    "WK003701": date(2024, 7, 1),
    "WK003702": date(2024, 7, 1),
    "WK003703": date(2025, 1, 1),
    "WK003704": date(2025, 1, 1),
}


def _write(folder: Path, name: str, rows: list[dict[str, object]]) -> None:
    with (folder / f"{name}.csv").open("w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


def facts_write(root: Path, *, effect: float, seed: int = 1) -> Path:
    """Each wijk 30 persons read every half-year 2023-2026; experiment wijken are needier (lower
    level) and their persons gain `effect` points on economisch from the experiment's start."""
    rng = random.Random(seed)
    folder = root / "truth" / "facts"
    folder.mkdir(parents=True)
    residences, assessments, outcomes, enrolments = [], [], [], []
    for w, wijk in enumerate(WIJKEN):
        start = EXPERIMENT_WIJKEN.get(wijk)
        base = 2.2 if start else 3.0
        shock = [rng.gauss(0, 0.05) for _ in range(8)]
        for p in range(30):
            person, household = f"P{w}-{p}", f"H{w}-{p}"
            residences.append(
                {
                    "household_id": household,
                    "address_id": "A1",
                    "buurt_code": "BU" + wijk[2:] + "01",
                    "valid_from": "2023-01-01",
                    "valid_to": "",
                }
            )
            level = base + rng.gauss(0, 0.4)
            if start and p < 10:
                enrolments.append(
                    {
                        "enrolment_id": f"E{w}-{p}",
                        "person_id": person,
                        "household_id": household,
                        "intervention_code": "budgetcoaching",
                        "experiment_code": "EXP-TEST",
                        "partner": "x",
                        "start": start.isoformat(),
                        "end": "",
                        "end_reason": "",
                    }
                )
            for half in range(8):
                day = date(2023 + half // 2, 1 + 6 * (half % 2), 1) + timedelta(
                    days=rng.randint(0, 150)
                )
                dose = effect if start and day >= start else 0.0
                value = level + 0.05 * half + shock[half] + dose + rng.gauss(0, 0.55)
                assessments.append(
                    {
                        "assessment_id": f"AS{w}-{p}-{half}",
                        "person_id": person,
                        "household_id": household,
                        "date": day.isoformat(),
                        "capital": "economisch",
                        "level": f"{value:.4f}",
                        "instrument": "vijf-kapitalen",
                        "instrument_version": "1.0",
                        "partner": "x",
                    }
                )
                if rng.random() < 0.1 + (0.1 if dose else 0.0):
                    outcomes.append(
                        {
                            "outcome_id": f"O{w}-{p}-{half}",
                            "person_id": person,
                            "household_id": household,
                            "outcome": "passend_werk",
                            "date": day.isoformat(),
                            "value": 1,
                            "detail": "vast",
                            "partner": "x",
                        }
                    )
    experiments = [
        {
            "experiment_code": f"EXP-T{i}",
            "name": "Test",
            "gemeente_code": "GM0037",
            "area_code": wijk,
            "start": start.isoformat(),
            "end": "2026-12-31",
            "cocktail": "budgetcoaching",
        }
        for i, (wijk, start) in enumerate(EXPERIMENT_WIJKEN.items())
    ]
    for name, rows in (
        ("residences", residences),
        ("assessments", assessments),
        ("outcomes", outcomes),
        ("experiments", experiments),
        ("enrolments", enrolments),
    ):
        _write(folder, name, rows)
    return root
