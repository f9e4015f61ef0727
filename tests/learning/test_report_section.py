"""The learning network's section of the reflection report (ADR 0038, ADR 0036): the counts
equal the records entered for the year (other years left out), counts of persons pass the gate
as E2.3 and E8 do (a small one is None, and a partner next to it when the total would give it
away), experiments show their place, period, status and cocktail; and on the synthetic
region's learning network the counts equal the truth `synth.learning` drew."""

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from doorbraak.areas.models import Area, AreaLevel
from doorbraak.learning import models as m
from doorbraak.learning import services
from doorbraak.learning.records_file import learning_file_load
from doorbraak.learning.report_section import learning_section
from doorbraak.partners.models import Partner

pytestmark = pytest.mark.django_db
YEAR = 2025


class Year:
    def __init__(self, year: int = YEAR) -> None:
        self.year = year


def _table(section: dict[str, Any], caption: str) -> list[list[Any]]:
    """The rows of the table with that caption; none when the section says there are none."""
    for block in section["blocks"]:
        if block.get("caption", "").startswith(caption):
            return list(block["rows"])
        if block["kind"] == "paragraph" and block["text"].startswith(caption):
            assert block["text"].endswith(": geen.")
            return []
    raise AssertionError(caption)


def _record(*records: Any) -> None:
    for record in records:
        services.activity_record(actor=None, record=record)


@pytest.fixture
def partners(demo_world: None) -> list[Partner]:
    return list(Partner.objects.order_by("code")[:3])


@pytest.fixture
def year_recorded(partners: list[Partner]) -> None:
    one, two, three = partners
    _record(
        m.LearningAgenda(title="Leren over schulden", adopted_on=dt.date(YEAR, 2, 1)),
        m.LearningAgenda(title="Leren over wonen", adopted_on=dt.date(YEAR, 9, 1)),
        m.LearningAgenda(title="Vorig jaar", adopted_on=dt.date(YEAR - 1, 9, 1)),
        m.Conference(title="Armoedecongres", held_on=dt.date(YEAR, 5, 3), participants=150),
        m.Conference(title="Klein overleg", held_on=dt.date(YEAR, 6, 3), participants=4),
        m.Publication(title="Jaarrapport", kind="rapportage", published_on=dt.date(YEAR, 3, 1)),
        m.Procurement(title="Schuldhulp", partner=one, awarded_on=dt.date(YEAR, 4, 1)),
    )
    for n, (people, residents, experts) in enumerate([(8, 2, ["ed-1", "ed-2"]), (7, 3, ["ed-2"])]):
        services.session_record(
            actor=None,
            session=m.Session(
                title=f"Sessie {n}",
                held_on=dt.date(YEAR, 3 + n, 10),
                professionals=people,
                residents=residents,
            ),
            partners=[one, two] if n == 0 else [two, three],
            experts=experts,
            forms=["onderzoek", "ervaring"],
        )
    services.training_record(
        actor=None,
        training=m.Training(title="Bejegening", completed_on=dt.date(YEAR, 10, 1)),
        trained={one: 20, two: 12, three: 2},
    )
    services.training_record(
        actor=None,
        training=m.Training(title="Eerder", completed_on=dt.date(YEAR - 1, 10, 1)),
        trained={one: 30},
    )


def test_the_counts_equal_the_records_of_the_year(
    year_recorded: None, partners: list[Partner]
) -> None:
    section = learning_section(Year())
    assert section["title"] == "Het lerend netwerk"
    assert _table(section, "Leeragenda's") == [
        ["Leren over schulden", "1-2-2025"],
        ["Leren over wonen", "1-9-2025"],
    ]
    who = dict(tuple(row) for row in _table(section, "Wie meedeed"))  # type: ignore[misc]
    assert who["Sessies"] == 2
    assert who["Verschillende organisaties"] == 3
    assert who["Professionals (opgeteld over de sessies)"] == 15  # 8 + 7
    assert who["Inwoners (opgeteld over de sessies)"] is None  # 5 residents: below the threshold
    assert who["Verschillende ervaringsdeskundigen"] is None  # 2 persons
    assert who["Verschillende vormen van kennis"] == 2
    assert _table(section, "De sessies") == [
        ["Sessie 0", "10-3-2025", 2],
        ["Sessie 1", "10-4-2025", 2],
    ]
    assert _table(section, "Conferenties") == [
        ["Armoedecongres", "3-5-2025", 150],
        ["Klein overleg", "3-6-2025", None],
    ]
    assert _table(section, "Wat we publiceerden")[0][0] == "Jaarrapport"
    assert _table(section, "Aanbestedingen")[0][:3] == ["Schuldhulp", partners[0].name, "1-4-2025"]


def test_trained_professionals_per_partner_are_gated_as_e8(
    year_recorded: None, partners: list[Partner]
) -> None:
    rows = dict(tuple(r) for r in _table(learning_section(Year()), "Professionals"))  # type: ignore[misc]
    one, two, three = partners
    assert rows["Alle partners samen"] == 34  # this year's 20 + 12 + 2, not last year's 30
    assert rows[one.name] == 20
    assert rows[three.name] is None  # 2 professionals: hidden
    assert rows[two.name] is None  # else 34 - 20 - 12 gives the 2 away


def test_other_years_are_left_out(year_recorded: None) -> None:
    section = learning_section(Year(YEAR + 1))
    assert _table(section, "Wie meedeed")[0] == ["Sessies", 0]
    assert {"kind": "paragraph", "text": "Leeragenda's die we vaststelden: geen."} in (
        section["blocks"]
    )
    assert _table(section, "Professionals") == [["Alle partners samen", 0]]


def test_experiments_of_the_year_with_place_period_status_and_cocktail(demo_world: None) -> None:
    wijk = Area.objects.filter(level=AreaLevel.WIJK).order_by("code").first()
    assert wijk is not None
    cocktail = [
        m.Intervention.objects.create(code="budgetcoach", name="Budgetcoach"),
        m.Intervention.objects.create(code="maatje", name="Maatje"),
    ]
    for code, start, end, status in [
        ("EXP-A", dt.date(YEAR - 1, 1, 1), None, m.ExperimentStatus.RUNNING),
        ("EXP-B", dt.date(YEAR - 2, 1, 1), dt.date(YEAR - 1, 12, 31), m.ExperimentStatus.FINISHED),
        ("EXP-C", dt.date(YEAR, 3, 1), dt.date(YEAR, 11, 30), m.ExperimentStatus.STOPPED),
    ]:
        experiment = m.Experiment(
            code=code, name=f"Experiment {code}", area=wijk, started_on=start, ended_on=end,
            status=status,
        )  # fmt: skip
        services.experiment_record(actor=None, experiment=experiment, interventions=cocktail)
    rows = _table(learning_section(Year()), "Lokale experimenten")
    assert rows == [
        ["Experiment EXP-A", wijk.name, "1-1-2024", "loopt door", "loopt", "Budgetcoach, Maatje"],
        ["Experiment EXP-C", wijk.name, "1-3-2025", "30-11-2025", "gestopt", "Budgetcoach, Maatje"],
    ]


def test_on_the_synthetic_network_the_counts_equal_the_truth(
    demo_world: None, synth_dir: Path
) -> None:
    """The truth counts sessions, conferences and trainings since the start (cumulative): the
    sections' yearly counts add up to it; agendas are counted per year."""
    learning_file_load(path=synth_dir / "programma" / "leren.yaml")
    truth = json.loads((synth_dir / "truth" / "learning.json").read_text(encoding="utf-8"))
    sessions = conferences = 0
    trained: int | None = 0
    compared = 0
    for year in sorted(int(y) for y in truth):
        expected = truth[str(year)]
        section = learning_section(Year(year))
        who = dict(tuple(row) for row in _table(section, "Wie meedeed"))  # type: ignore[misc]
        sessions += who["Sessies"]
        conferences += len(_table(section, "Conferenties"))
        total = _table(section, "Professionals")[-1][1]
        trained = None if trained is None or total is None else trained + total
        assert sessions == expected["E2.1"], year
        assert conferences == expected["E4"], year
        assert len(_table(section, "Leeragenda's")) == expected["E1"], year
        if trained is not None:  # up to the first year whose total is hidden
            assert trained == expected["E8"], year
            compared += 1
    assert compared >= 2
