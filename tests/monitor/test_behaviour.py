"""The compiled SQL, run on a tiny population whose answers are worked out by hand.

Three buurten: A1 and A2 in gemeente GM9901 (different wijken), B1 in GM9902, all in region
TESTREGIO (so the session's synthetic region never mixes in). Period 2025.

- H1 (A1, moves to A2 on 2025-06-01): P1 (born 1980-05), P2 (child, born 2015-03). Plan since
  2024-06; contact person CA1 until 2025-04-01, then CA2 (a change). P1 in parenting support
  (no experiment) since 2024-10. Readings of P1: mentaal 2 (2024-06), 3 (2025-02), 4
  (2025-11); economisch 1 (2024-06), 2 (2025-02).
- H2 (B1): P3 (born 1960-01), P4 (born 2002-08). Two active plans from 2025; contact person
  CA3 2025-02-15 until 2025-11-01. P4 in an experiment since 2025-01-10 (participating).
  P4 has a startkwalificatie, P3 suitable work (age 65). P3's informal help: yes in 2024, no
  in 2025. P3 mentaal 2 (2025-03).
- H3 (A1, moves to B1 on 2025-09-01): P5 (born 1990-01), P6 (born 2004-01). In an experiment
  2025-03-01 until 2025-10-01 (participating). P6 without startkwalificatie. P5's informal
  help: no, then yes (2025-10). P5 mentaal 5 (2025-08).
- Signals in 2025: S1 H1 2025-03-10 (attempt after 5 days, reached, closed 'vervolghulp'),
  S2 H1 2025-08-01 (attempt after 20 days, not reached, closed 'geen_contact'), S3 H2
  2025-02-01 (attempt after 10 days, reached); S4 H3 in 2024.
"""

import datetime as dt
from typing import Any

import pytest
from django.db import connection

from doorbraak.areas.models import Area, AreaLevel
from doorbraak.core.periods import period_parse
from doorbraak.intake.models import ImportBatch
from doorbraak.monitor.compiler import compile_indicator
from doorbraak.monitor.definitions import parse_definitions_file
from doorbraak.partners.models import Partner
from doorbraak.register import models as r

D = dt.date
DEFINITIONS = parse_definitions_file().definitions
REGION, GM1, GM2 = "TESTREGIO", "GM9901", "GM9902"
WK_A1, WK_A2, WK_B1 = "WK990101", "WK990102", "WK990201"
OURS = {REGION, GM1, GM2, WK_A1, WK_A2, WK_B1}
Row = tuple[Any, ...]


@pytest.fixture
def tiny(demo_world: None) -> Partner:
    """The tiny population; returns the partner that delivered two files in 2025. The rows
    below are the population of the module docstring, fact by fact."""
    a1, a2, b1 = _buurten()
    batch = r.FactBatch.objects.create(kind=r.FactBatch.Kind.SYNTHETIC, label="monitor-test")
    h1 = _household(
        "H1", [(a1, D(2023, 1, 1), D(2025, 6, 1)), (a2, D(2025, 6, 1), None)], batch=batch
    )
    h2 = _household("H2", [(b1, D(2023, 1, 1), None)], batch=batch)
    h3 = _household(
        "H3", [(a1, D(2023, 1, 1), D(2025, 9, 1)), (b1, D(2025, 9, 1), None)], batch=batch
    )
    p1 = _person("P1", h1, (1980, 5), "head", batch=batch)
    _person("P2", h1, (2015, 3), "child", batch=batch)
    p3 = _person("P3", h2, (1960, 1), "head", batch=batch)
    p4 = _person("P4", h2, (2002, 8), "child", batch=batch)
    p5 = _person("P5", h3, (1990, 1), "head", batch=batch)
    p6 = _person("P6", h3, (2004, 1), "child", batch=batch)

    _signals(
        [
            (h1, p1, "huur", D(2025, 3, 10), 5, 10, "vervolghulp", D(2025, 4, 1)),
            (h1, p1, "energie", D(2025, 8, 1), 20, None, "geen_contact", D(2025, 9, 1)),
            (h2, p3, "huur", D(2025, 2, 1), 10, 11, "", None),
            (h3, p5, "huur", D(2024, 5, 1), 1, 2, "", None),
        ],
        batch=batch,
    )

    plan = {"plan_ref": "x", "status": "actief", "batch": batch}
    r.SupportPlan.objects.create(household=h1, started_on=D(2024, 6, 1), **plan)
    r.SupportPlan.objects.create(household=h2, started_on=D(2025, 2, 15), **plan)
    r.SupportPlan.objects.create(household=h2, started_on=D(2025, 5, 1), **plan)
    _contact_persons(
        [
            (h1, D(2024, 6, 1), D(2025, 4, 1)),
            (h1, D(2025, 4, 1), None),
            (h2, D(2025, 2, 15), D(2025, 11, 1)),
        ],
        batch=batch,
    )

    experiment = r.Experiment.objects.create(
        code="monitor-test", name="Test", started_on=D(2024, 1, 1)
    )
    parenting, _ = r.Intervention.objects.get_or_create(
        code="opvoedondersteuning", defaults={"name": "O"}
    )
    buddy, _ = r.Intervention.objects.get_or_create(code="maatjesproject", defaults={"name": "M"})
    _enrolments(
        [
            (h1, p1, parenting, None, D(2024, 10, 1), None),
            (h2, p4, buddy, experiment, D(2025, 1, 10), None),
            (h3, p5, buddy, experiment, D(2025, 3, 1), D(2025, 10, 1)),
        ],
        batch=batch,
    )

    _readings(
        [
            (p1, h1, "mentaal", D(2024, 6, 1), 2),
            (p1, h1, "mentaal", D(2025, 2, 1), 3),
            (p1, h1, "mentaal", D(2025, 11, 1), 4),
            (p1, h1, "economisch", D(2024, 6, 1), 1),
            (p1, h1, "economisch", D(2025, 2, 1), 2),
            (p3, h2, "mentaal", D(2025, 3, 1), 2),
            (p5, h3, "mentaal", D(2025, 8, 1), 5),
        ],
        batch=batch,
    )
    _outcomes(
        [
            (p4, h2, "startkwalificatie", D(2025, 6, 30), True),
            (p6, h3, "startkwalificatie", D(2025, 7, 1), False),
            (p3, h2, "passend_werk", D(2025, 5, 1), True),
            (p3, h2, "informele_hulp", D(2024, 5, 1), True),
            (p3, h2, "informele_hulp", D(2025, 6, 1), False),
            (p5, h3, "informele_hulp", D(2025, 3, 1), False),
            (p5, h3, "informele_hulp", D(2025, 10, 1), True),
            (p1, h1, "informele_hulp", D(2025, 3, 1), True),
        ],
        batch=batch,
    )

    partner = Partner.objects.order_by("code").first()
    assert partner is not None
    _deliveries(partner, [("a", 10, 2, False), ("b", 30, 1, False), ("c", 100, 50, True)])
    return partner


def _buurten() -> tuple[Area, Area, Area]:
    """The region, its two gemeenten and three wijken, and one buurt per wijk: A1, A2, B1."""
    region = Area.objects.create(
        code=REGION, name="Testregio", level=AreaLevel.REGION, vintage=2099
    )
    buurten = {}
    for gm, wijken in ((GM1, (WK_A1, WK_A2)), (GM2, (WK_B1,))):
        gemeente = Area.objects.create(
            code=gm, name=gm, level=AreaLevel.GEMEENTE, vintage=2099, parent=region
        )
        for wk in wijken:
            wijk = Area.objects.create(
                code=wk, name=wk, level=AreaLevel.WIJK, vintage=2099, parent=gemeente
            )
            code = "BU" + wk[2:] + "01"
            buurten[wk] = Area.objects.create(
                code=code, name=code, level=AreaLevel.BUURT, vintage=2099, parent=wijk
            )
    return buurten[WK_A1], buurten[WK_A2], buurten[WK_B1]


def _household(
    name: str, homes: list[tuple[Area, dt.date, dt.date | None]], *, batch: r.FactBatch
) -> r.Household:
    h = r.Household.objects.create(pseudonym=f"monitor-{name}")
    for buurt, since, until in homes:
        r.Residence.objects.create(
            household=h,
            address_pseudonym=f"{name}-{buurt.code}",
            buurt=buurt,
            valid_from=since,
            valid_to=until,
            batch=batch,
        )
    return h


def _person(
    name: str, h: r.Household, born: tuple[int, int], role: str, *, batch: r.FactBatch
) -> r.Person:
    p = r.Person.objects.create(
        pseudonym=f"monitor-{name}", birth_year=born[0], birth_month=born[1]
    )
    r.Membership.objects.create(
        household=h, person=p, role=role, valid_from=D(2023, 1, 1), batch=batch
    )
    return p


def _signals(
    rows: list[tuple[r.Household, r.Person, str, dt.date, int, int | None, str, dt.date | None]],
    *,
    batch: r.FactBatch,
) -> None:
    """Signals (household, person, kind, day, days to the first attempt, days until the
    resident was reached (None: not reached), end result, closed on)."""
    for h, p, kind, day, attempt, reached, result, closed in rows:
        r.Signal.objects.create(
            household=h,
            person=p,
            source_kind=kind,
            signal_date=day,
            first_attempt_on=day + dt.timedelta(attempt),
            reached_on=None if reached is None else day + dt.timedelta(reached),
            end_result=result,
            closed_on=closed,
            batch=batch,
        )


def _contact_persons(
    rows: list[tuple[r.Household, dt.date, dt.date | None]], *, batch: r.FactBatch
) -> None:
    for h, since, until in rows:
        r.ContactAssignment.objects.create(
            household=h, worker_ref="w", valid_from=since, valid_to=until, batch=batch
        )


def _enrolments(
    rows: list[
        tuple[r.Household, r.Person, r.Intervention, r.Experiment | None, dt.date, dt.date | None]
    ],
    *,
    batch: r.FactBatch,
) -> None:
    for h, p, intervention, exp, since, until in rows:
        r.Enrolment.objects.create(
            household=h,
            person=p,
            intervention=intervention,
            experiment=exp,
            started_on=since,
            ended_on=until,
            batch=batch,
        )


def _readings(
    rows: list[tuple[r.Person, r.Household, str, dt.date, int]], *, batch: r.FactBatch
) -> None:
    """Capital assessments (person, household, capital, day, level) with one instrument."""
    instrument = r.Instrument.objects.create(code="monitor-test", version="1", name="T", levels={})
    for p, h, capital, day, level in rows:
        r.CapitalAssessment.objects.create(
            person=p,
            household=h,
            capital=capital,
            assessed_on=day,
            level=level,
            instrument=instrument,
            batch=batch,
        )


def _outcomes(
    rows: list[tuple[r.Person, r.Household, str, dt.date, bool]], *, batch: r.FactBatch
) -> None:
    for p, h, kind, day, value in rows:
        r.Outcome.objects.create(
            person=p, household=h, kind=kind, observed_on=day, value=value, batch=batch
        )


def _deliveries(partner: Partner, rows: list[tuple[str, int, int, bool]]) -> None:
    """Finished deliveries (file name, rows read, rows rejected, dry run) on 2025-03-01."""
    for name, read, rejected, dry_run in rows:
        delivery = ImportBatch.objects.create(
            partner=partner,
            file_name=name,
            file_sha256=name,
            dry_run=dry_run,
            status=ImportBatch.Status.DONE,
            read=read,
            rejected=rejected,
        )
        ImportBatch.objects.filter(pk=delivery.pk).update(
            started_at=dt.datetime(2025, 3, 1, 12, tzinfo=dt.UTC)
        )


def run(code: str, level: str = "region", breakdown: str | None = None) -> list[Row]:
    """Our areas' rows, values rounded to 4 decimals."""
    assert DEFINITIONS is not None
    indicator = DEFINITIONS.get(code)
    assert indicator is not None
    sql = compile_indicator(
        indicator,
        definitions=DEFINITIONS,
        period=period_parse("2025"),
        level=level,
        breakdown=breakdown,
        dialect=connection.vendor,
    )
    with connection.cursor() as cursor:
        cursor.execute(sql)
        rows = cursor.fetchall()
    return [
        (area, group, _round(num), _round(den), _round(value))
        for _level, area, _breakdown, group, num, den, value in rows
        if area in OURS
    ]


def _round(value: Any) -> Any:
    return None if value is None else round(float(value), 4)


def pct(numerator: int, denominator: int) -> float:
    return round(100 * numerator / denominator, 4)


@pytest.fixture
def continuity(demo_world: None) -> None:
    """Two households with contact persons only, for P4's reading (INDICATORS.md, ADR 0017):

    - H4 (A1): CA-a 2024-06-01 until 2025-03-01, CA-b from 2025-03-01 (takes over: a change),
      CA-c 2025-06-01 until 2025-08-01 (a second, concurrent one; CA-a left 92 days before:
      no change). In 2025 the household has a contact person every day: 365 household-days.
    - H5 (B1): CA-d 2025-02-01 until 2025-07-01, CA-e 2025-04-01 until 2025-10-01 (concurrent:
      no change), CA-f from 2025-10-01 (takes over from CA-e: a change). 334 household-days.
    - H6 (B1): CA-g 2023-01-01 until 2023-06-01, CA-h from 2025-05-01: a new start after
      almost two years, no change (more than 60 days, ADR 0017). 245 household-days.
    """
    a1, _a2, b1 = _buurten()
    batch = r.FactBatch.objects.create(kind=r.FactBatch.Kind.SYNTHETIC, label="continuity")
    h4 = _household("H4", [(a1, D(2023, 1, 1), None)], batch=batch)
    h5 = _household("H5", [(b1, D(2023, 1, 1), None)], batch=batch)
    h6 = _household("H6", [(b1, D(2023, 1, 1), None)], batch=batch)
    _contact_persons(
        [
            (h4, D(2024, 6, 1), D(2025, 3, 1)),
            (h4, D(2025, 3, 1), None),
            (h4, D(2025, 6, 1), D(2025, 8, 1)),
            (h5, D(2025, 2, 1), D(2025, 7, 1)),
            (h5, D(2025, 4, 1), D(2025, 10, 1)),
            (h5, D(2025, 10, 1), None),
            (h6, D(2023, 1, 1), D(2023, 6, 1)),
            (h6, D(2025, 5, 1), None),
        ],
        batch=batch,
    )


@pytest.mark.django_db
def test_p4_counts_takeovers_and_merges_overlapping_contact_persons(continuity: None) -> None:
    """A change is a contact person taking over (no earlier one still running); the
    denominator counts every household-day with a contact person once. The former SQL
    counted 2 changes in H4 and H5 and one in H6, and 457 + 432 + 245 assignment-days."""
    gm1, gm2 = 365 / 365.25, (334 + 245) / 365.25
    assert run("P4", "gemeente") == [
        (GM1, None, 1, round(gm1, 4), round(1 / gm1, 4)),
        (GM2, None, 1, round(gm2, 4), round(1 / gm2, 4)),
    ]
    assert run("P4") == [(REGION, None, 2, round(gm1 + gm2, 4), round(2 / (gm1 + gm2), 4))]


@pytest.mark.django_db
class TestTinyPopulation:
    def test_d1_participating_households_since_the_start(self, tiny: Partner) -> None:
        assert run("D1", "gemeente") == [(GM1, None, 1, None, 1), (GM2, None, 1, None, 1)]
        assert run("D1") == [(REGION, None, 2, None, 2)]

    def test_d2_persons_in_reached_households_by_age_group(self, tiny: Partner) -> None:
        assert run("D2", "gemeente") == [(GM1, None, 2, None, 2), (GM2, None, 2, None, 2)]
        assert run("D2", breakdown="age_group") == [
            (REGION, "jongere", 1, None, 1),
            (REGION, "kind", 1, None, 1),
            (REGION, "volwassene", 2, None, 2),
        ]

    def test_d3_young_people_with_a_startkwalificatie(self, tiny: Partner) -> None:
        # at the end of 2025 H2 and H3 both live in B1; P4 (23) has one, P6 (21) not
        assert run("D3", "gemeente") == [(GM2, None, 1, None, 1)]
        assert run("D3-AANDEEL", "gemeente") == [(GM2, None, 1, 2, pct(1, 2))]

    def test_d5_participating_households_with_suitable_work(self, tiny: Partner) -> None:
        assert run("D5") == [(REGION, None, 1, 2, pct(1, 2))]

    def test_d7_latest_informal_help_per_member(self, tiny: Partner) -> None:
        # H2's latest reading says no, H3's yes; H1 does not participate
        assert run("D7", "gemeente") == [(GM2, None, 1, 2, pct(1, 2))]

    def test_d8_parents_with_a_child_in_parenting_support(self, tiny: Partner) -> None:
        assert run("D8", "gemeente") == [(GM1, None, 1, None, 1)]

    def test_d9_latest_mental_reading_in_the_period(self, tiny: Partner) -> None:
        assert run("D9", "gemeente") == [(GM1, None, 2, 2, 100.0), (GM2, None, 0, 1, 0.0)]
        assert run("D9", breakdown="age_group") == [(REGION, "volwassene", 2, 3, pct(2, 3))]

    def test_w2_one_plan_and_one_contact_person_at_the_end(self, tiny: Partner) -> None:
        assert run("W2", "gemeente") == [(GM1, None, 1, 1, 100.0), (GM2, None, 0, 1, 0.0)]
        assert run("W2") == [(REGION, None, 1, 2, 50.0)]

    def test_p1_a_household_that_moved_counts_once_per_area(self, tiny: Partner) -> None:
        # H1 moved A1 -> A2 inside GM9901; H3 moved A1 -> B1 across gemeenten
        assert run("P1", "wijk") == [
            (WK_A1, None, 2, None, 2),
            (WK_A2, None, 1, None, 1),
            (WK_B1, None, 2, None, 2),
        ]
        assert run("P1", "gemeente") == [(GM1, None, 2, None, 2), (GM2, None, 2, None, 2)]
        assert run("P1") == [(REGION, None, 3, None, 3)]

    def test_p2_median_days_to_the_first_attempt(self, tiny: Partner) -> None:
        assert run("P2", "gemeente") == [(GM1, None, 2, None, 12.5), (GM2, None, 1, None, 10.0)]
        assert run("P2") == [(REGION, None, 3, None, 10.0)]
        assert run("P2-BEREIKT") == [(REGION, None, 2, None, 10.5)]
        assert run("P2-TIJDIG") == [(REGION, None, 2, 3, pct(2, 3))]

    def test_p3_closed_signals_by_end_result(self, tiny: Partner) -> None:
        assert run("P3", breakdown="category") == [
            (REGION, "geen_contact", 1, None, 1),
            (REGION, "vervolghulp", 1, None, 1),
        ]

    def test_p4_contact_person_changes_per_household_year(self, tiny: Partner) -> None:
        gm1_days = (D(2025, 4, 1) - D(2025, 1, 1)).days + 275  # CA1 in 2025, CA2 in A1 and A2
        gm2_days = (D(2025, 11, 1) - D(2025, 2, 15)).days
        gm1, gm2 = gm1_days / 365.25, gm2_days / 365.25
        assert run("P4", "gemeente") == [
            (GM1, None, 1, round(gm1, 4), round(1 / gm1, 4)),
            (GM2, None, 0, round(gm2, 4), 0.0),
        ]
        assert run("P4") == [(REGION, None, 1, round(gm1 + gm2, 4), round(1 / (gm1 + gm2), 4))]

    def test_p5_supported_without_a_contact_person(self, tiny: Partner) -> None:
        assert run("P5", "gemeente") == [(GM2, None, 1, None, 1)]

    def test_p6_assessments_and_repeated_readings(self, tiny: Partner) -> None:
        assert run("P6", "wijk") == [
            (WK_A1, None, 3, None, 3),
            (WK_A2, None, 1, None, 1),
            (WK_B1, None, 1, None, 1),
        ]
        assert run("P6", breakdown="capital") == [
            (REGION, "economisch", 1, None, 1),
            (REGION, "mentaal", 4, None, 4),
        ]
        assert run("P6-HERHAALD", "gemeente") == [(GM1, None, 1, 1, 100.0), (GM2, None, 0, 2, 0.0)]
        assert run("P6-HERHAALD", breakdown="capital") == [
            (REGION, "economisch", 1, 1, 100.0),
            (REGION, "mentaal", 1, 3, pct(1, 3)),
        ]

    def test_p7_change_since_the_first_reading(self, tiny: Partner) -> None:
        assert run("P7") == [(REGION, None, 3, 2, 1.5)]
        assert run("P7", breakdown="capital") == [
            (REGION, "economisch", 1, 1, 1.0),
            (REGION, "mentaal", 2, 1, 2.0),
        ]

    def test_p8_deliveries_per_partner(self, tiny: Partner) -> None:
        mine = [row for row in run("P8", breakdown="partner") if row[1] == tiny.code]
        assert mine == [(REGION, tiny.code, 2, None, 2)]
        mine = [row for row in run("P8-AFGEWEZEN", breakdown="partner") if row[1] == tiny.code]
        assert mine == [(REGION, tiny.code, 3, 40, pct(3, 40))]
