"""Casework reaches the monitor honestly (issue 14, ADR 0028): the work zone writes its regie,
contact moments, plans and capital readings as pseudonymised deliveries, the intake takes them
like any partner's files, linkage places them, the register receives them, and the monitor's
own compiled SQL for W2, P4, P5, P6 and P7 agrees with what the casework holds.

The households are people of the session's synthetic region (fictitious names, BSNs and
addresses from its truth files), registered here as a professional would. The register is
emptied first (the session's synthetic facts superseded); beside the casework two partners
deliver arrears signals (linkage trains its model on a whole region, never on a dozen rows),
which support no household and assign no contact person, so every assignment, change and
supported household counted comes from the casework delivery."""

import csv
import datetime as dt
import io
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from doorbraak.casework import plans, services
from doorbraak.casework.delivery import DATASETS, MAPPING_FILE, PARTNER_CODE
from doorbraak.casework.models import (
    CapitalReading,
    CaseHousehold,
    CaseRole,
    ContactMoment,
    HouseholdPlan,
    LegalGround,
)
from doorbraak.casework.models import PlanGoal as CasePlanGoal
from doorbraak.casework.selectors import ground_current
from doorbraak.core.errors import UserError
from doorbraak.core.periods import period_parse
from doorbraak.intake.mappings import mappings_load
from doorbraak.intake.services import import_batch_run
from doorbraak.linkage.facts import register_from_linkage
from doorbraak.linkage.services import linkage_run
from doorbraak.monitor.compiler import compile_indicator
from doorbraak.monitor.definitions import parse_definitions_file
from doorbraak.partners.models import Partner
from doorbraak.register import models as r
from doorbraak.register.services import batches_supersede
from tests.conftest import TEST_KEY
from tests.intake.conftest import mappings  # noqa: F401 (a fixture used here)
from tests.linkage.conftest import pseudonymised_exports

from .conftest import ProfessionalOf

D = dt.date
YEAR = period_parse("2025")
YEAR_START, YEAR_END = D(2025, 1, 1), D(2025, 12, 31)
HOUSEHOLDS = 12
SIGNALLERS = ("woonstichting-veenhorst", "noorderlicht-energie")  # arrears only


def _truth_people(synth_dir: Path, n: int) -> list[dict[str, str]]:
    """Heads of `n` synthetic households still at their address, at distinct addresses."""
    truth = synth_dir / "truth"

    def read(name: str) -> list[dict[str, str]]:
        with (truth / name).open(encoding="utf-8", newline="") as handle:
            return list(csv.DictReader(handle))

    persons = {p["person_id"]: p for p in read("persons.csv")}
    addresses = {a["address_id"]: a for a in read("addresses.csv")}
    home = {
        x["household_id"]: addresses[x["address_id"]]
        for x in read("facts/residences.csv")
        if not x["valid_to"] and x["buurt_code"]
    }
    found, seen = [], set()
    for x in read("memberships.csv"):
        person = persons[x["person_id"]]
        address = home.get(x["household_id"])
        if x["role"] != "head" or x["valid_to"] or person["died_on"] or not address:
            continue
        if not person["bsn"] or address["address_id"] in seen:
            continue
        seen.add(address["address_id"])
        found.append({**person, **address})
        if len(found) == n:
            return found
    raise AssertionError("the synthetic region has too few households for this test")


def _register(person: dict[str, str], actor: Any, started: D) -> CaseHousehold:
    name = " ".join(
        p for p in (person["given_name"], person["surname_prefix"], person["surname"]) if p
    )
    household = services.household_register(
        actor=actor,
        members=[
            services.MemberInput(
                name=name, birth_date=D.fromisoformat(person["birth_date"]), bsn=person["bsn"]
            )
        ],
        address=services.AddressInput(
            street=person["street"],
            house_number=f"{person['house_number']}{person['house_number_suffix']}",
            postcode=person["postcode"],
            city=person["city"],
        ),
        ground=services.GroundInput(
            kind=LegalGround.Kind.CONSENT, given_on=D(2024, 1, 2), scope="samen een plan maken"
        ),
    )
    household.roles.update(started_on=started)  # registered then, as the caseload began
    return household


@pytest.fixture
def casework(settings: Any, synth_dir: Path, professional: ProfessionalOf) -> list[CaseHousehold]:
    """Twelve households: every third handed over in 2025 (a change of contact person), one
    started in the middle of 2025, one whose ground was withdrawn (nothing shared), one whose
    regisseur stopped before the end of 2025 without a successor (it keeps its plan); a plan
    (two goals, made in 2025) for every household but the last four; two contact moments
    each; capital readings of the member (a first one in 2024, one or two in 2025, levels
    varying by household; the last three households have no 2024 reading)."""
    settings.WORK_ZONE_PARTNER_KEY = TEST_KEY.hex()  # the partners' key of the test world
    veendam = Partner.objects.get(code="gemeente-veendam")
    fatima = professional("fatima", partner=veendam)
    sanne = professional("sanne", partner=veendam)
    made = []
    for i, person in enumerate(_truth_people(synth_dir, HOUSEHOLDS)):
        started = D(2025, 7, 1) if i == 1 else D(2024, 3, 1) + dt.timedelta(days=9 * i)
        household = _register(person, fatima, started)
        if i % 3 == 0:
            services.handover(
                actor=fatima, household=household, to=sanne, on=D(2025, 2, 1) + dt.timedelta(i)
            )
        if i < HOUSEHOLDS - 4:
            _plan(household, fatima, D(2025, 3, 1) + dt.timedelta(days=7 * i), i)
        for day, reached in ((D(2025, 4, 2), False), (D(2025, 4, 9 + i), True)):
            plans.contact_record(
                actor=fatima, household=household, on=day, kind="huisbezoek", reached=reached
            )
        _readings(household, fatima, i)
        made.append(household)
    made[4].grounds.update(withdrawn_on=D(2026, 1, 5))
    made[5].roles.filter(ended_on__isnull=True).update(ended_on=D(2025, 10, 1))
    return made


def _readings(household: CaseHousehold, actor: Any, i: int) -> None:
    member = household.members.get()
    days = [
        (D(2024, 10, 1 + i), {"economisch": 2, "sociaal": 3, "mentaal": 1 + i % 5}),
        (D(2025, 5, 1 + i), {"economisch": 2 + i % 3, "sociaal": 3 - i % 2}),
    ]
    if i % 4 == 0:
        days.append((D(2025, 9, 1), {"economisch": 4, "mentaal": 3}))
    for day, levels in days[1:] if i >= HOUSEHOLDS - 3 else days:
        plans.readings_record(
            actor=actor, household=household, member=member, on=day, levels=levels
        )


def _plan(household: CaseHousehold, actor: Any, made_on: D, i: int) -> None:
    """Two goals; the money goal reached in every third household, the social one stopped in
    every fourth."""
    goals = [
        plans.GoalInput(
            "economisch",
            "Elke maand de vaste lasten op tijd betalen",
            "behaald" if i % 3 == 1 else "lopend",
        ),
        plans.GoalInput(
            "sociaal",
            "Een keer per week naar de inloop in de wijk",
            "gestopt" if i % 4 == 2 else "lopend",
        ),
    ]
    plan = plans.plan_save(actor=actor, household=household, plan=plans.PlanInput(goals=goals))
    at = timezone.make_aware(dt.datetime.combine(made_on, dt.time(10)))
    HouseholdPlan.objects.filter(pk=plan.pk).update(made_at=at)  # written then


def _deliver(tmp_path: Path, synth_dir: Path) -> Path:
    out = tmp_path / "werkzone"
    text = io.StringIO()
    adressen = str(synth_dir / "exports" / "adressen.csv")
    call_command("casework", "aanleveren", "--uit", str(out), "--adressen", adressen, stdout=text)
    assert f"doorbraak import {PARTNER_CODE}" in text.getvalue()
    return out


def _indicator(code: str) -> tuple[Any, Any, Any] | None:
    definitions = parse_definitions_file().definitions
    assert definitions is not None
    indicator = definitions.get(code)
    assert indicator is not None
    sql = compile_indicator(
        indicator,
        definitions=definitions,
        period=YEAR,
        level="region",
        breakdown=None,
        dialect=connection.vendor,
    )
    with connection.cursor() as cursor:
        cursor.execute(sql)
        rows = cursor.fetchall()
    if not rows:
        return None  # a count with nothing to count has no row
    assert len(rows) == 1, rows
    _level, _area, _breakdown, _group, num, den, value = rows[0]
    return num, den, value


def _active(role: CaseRole, day: D) -> bool:
    return role.started_on <= day and (role.ended_on is None or role.ended_on > day)


def _days_in_year(roles: list[CaseRole]) -> int:
    covered = set()
    for role in roles:
        end = min(role.ended_on or D(2026, 1, 1), D(2026, 1, 1))
        day = max(role.started_on, YEAR_START)
        while day < end:
            covered.add(day)
            day += dt.timedelta(days=1)
    return len(covered)


def test_the_delivery_holds_no_name_bsn_birth_date_or_address(
    casework: list[CaseHousehold], tmp_path: Path, synth_dir: Path
) -> None:
    folder = _deliver(tmp_path, synth_dir)
    text = "\n".join((folder / d.file).read_text(encoding="utf-8") for d in DATASETS)
    cells = {cell for line in text.splitlines() for cell in line.split(";")}
    for household in casework:
        for member in household.members.all():
            for part in [*member.name.split(), member.bsn, member.birth_date]:
                assert part not in cells, part
            assert member.bsn not in text
            assert member.name not in text
        for part in (household.street, household.postcode, household.city):
            assert part not in cells, part
        assert household.postcode.replace(" ", "") not in text
    assert "vaste lasten" not in text  # a goal's own words stay in the work zone
    header = text.splitlines()[0].split(";")
    assert {"bsn_pseudonym", "address_pseudonym", "buurt_code", "Medewerker"} <= set(header)
    assert not {"BSN", "Voornaam", "Achternaam", "Geboortedatum", "Straat"} & set(header)


@pytest.mark.slow
@pytest.mark.django_db
def test_w2_and_p4_to_p7_from_casework_agree_with_what_the_casework_wrote(
    casework: list[CaseHousehold],
    tmp_path: Path,
    synth_dir: Path,
    mappings: Path,  # noqa: F811
) -> None:
    batches_supersede(batches=r.FactBatch.objects.filter(superseded_at__isnull=True))
    for code, export in pseudonymised_exports(synth_dir, tmp_path / "partners", SIGNALLERS):
        import_batch_run(partner=Partner.objects.get(code=code), path=export)
    folder = _deliver(tmp_path, synth_dir)
    mappings_load(path=MAPPING_FILE)
    for dataset in DATASETS:
        batch = import_batch_run(
            partner=Partner.objects.get(code=PARTNER_CODE), path=folder / dataset.file
        )
        assert (batch.rejected, batch.accepted) == (0, batch.read), dataset.name
        assert batch.read > 0
    register_from_linkage(linkage_run())

    shared = [h for h in casework if ground_current(h, dt.date.today())]
    assert len(shared) == HOUSEHOLDS - 1  # the withdrawn ground shares nothing
    roles = {h.pk: list(h.roles.filter(kind=CaseRole.Kind.COORDINATOR)) for h in shared}
    handovers = sum(
        h.handovers.filter(on__gte=YEAR_START, on__lte=YEAR_END).count() for h in shared
    )
    days = sum(_days_in_year(rs) for rs in roles.values())
    contact_at_end = {h for h, rs in roles.items() if any(_active(x, YEAR_END) for x in rs)}
    planned = {h.pk for h in shared if h.plans.filter(made_at__date__lte=YEAR_END).exists()}
    assert handovers == 4  # the world is as the fixture says
    assert len(contact_at_end) == HOUSEHOLDS - 2
    assert len(planned & contact_at_end) == HOUSEHOLDS - 6  # 8 plans, less 4 and 5
    assert len(planned - contact_at_end) == 1

    p4 = _indicator("P4")
    assert p4 is not None
    assert int(p4[0]) == handovers
    assert float(p4[1]) == pytest.approx(days / 365.25, abs=1e-3)
    w2 = _indicator("W2")
    assert w2 is not None
    assert (int(w2[0]), int(w2[1])) == (
        len(planned & contact_at_end),
        len(planned | contact_at_end),
    )
    p5 = _indicator("P5")
    assert p5 is not None
    assert int(p5[2]) == len(planned - contact_at_end)  # a plan, but no contact person
    assert r.ContactAssignment.objects.filter(superseded_at__isnull=True).count() == sum(
        len(rs) for rs in roles.values()
    )
    contacts = ContactMoment.objects.filter(household__in=shared).count()
    assert r.ContactMoment.objects.filter(superseded_at__isnull=True).count() == contacts
    _p6_and_p7_agree(shared)
    goals = CasePlanGoal.objects.filter(plan__household__in=shared)
    expected = {"lopend": 0, "behaald": 0, "niet_behaald": 0}
    for goal in goals:
        expected[{"gestopt": "niet_behaald"}.get(goal.status, goal.status)] += 1
    delivered = r.PlanGoal.objects.filter(superseded_at__isnull=True)
    assert {k: delivered.filter(status=k).count() for k in expected} == expected


def _p6_and_p7_agree(shared: list[CaseHousehold]) -> None:
    """P6 (readings in the year, each capital one) and P7 (per person and capital, the last
    reading in the year less the first ever, for those with an earlier one) as the casework's
    own readings give them."""
    readings = CapitalReading.objects.filter(household__in=shared).order_by("assessed_on", "pk")
    in_year = [x for x in readings if YEAR_START <= x.assessed_on <= YEAR_END]
    assert len(in_year) > len(shared)  # the world is as the fixture says
    p6 = _indicator("P6")
    assert p6 is not None
    assert int(p6[2]) == len(in_year)
    first: dict[tuple[int, str], CapitalReading] = {}
    last: dict[tuple[int, str], CapitalReading] = {}
    for x in readings:
        first.setdefault((x.member_id, x.capital), x)
        if x.assessed_on <= YEAR_END:
            last[(x.member_id, x.capital)] = x
    changes = [
        last[k].level - first[k].level
        for k in last
        if last[k].assessed_on >= YEAR_START and first[k].assessed_on < last[k].assessed_on
    ]
    assert changes  # some change, and not all the same
    assert len(set(changes)) > 1
    p7 = _indicator("P7")
    assert p7 is not None
    assert (int(p7[0]), int(p7[1])) == (sum(changes), len(changes))
    assert r.CapitalAssessment.objects.filter(superseded_at__isnull=True).count() == len(readings)


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter=";"))


def test_only_households_with_a_ground_are_written(
    casework: list[CaseHousehold], tmp_path: Path, synth_dir: Path
) -> None:
    folder = _deliver(tmp_path, synth_dir)
    shared = [h for h in casework if ground_current(h, dt.date.today())]
    regie = _rows(folder / "werkzone-regie.csv")
    roles = CaseRole.objects.filter(household__in=shared, kind=CaseRole.Kind.COORDINATOR)
    assert sorted(r["Toewijzing"] for r in regie) == sorted(str(x.pk) for x in roles)
    withdrawn = CaseRole.objects.filter(household=casework[4]).values_list("pk", flat=True)
    assert not {str(pk) for pk in withdrawn} & {r["Toewijzing"] for r in regie}
    assert all(r["bsn_status"] == "geldig" and r["_probleem"] == "" for r in regie)
    contacts = _rows(folder / "werkzone-contacten.csv")
    assert len(contacts) == ContactMoment.objects.filter(household__in=shared).count()
    goals = _rows(folder / "werkzone-plannen.csv")
    assert {g["Kapitaalvorm"] for g in goals} == {"economisch", "sociaal"}
    statuses = sorted((g["Kapitaalvorm"], g["Status doel"]) for g in goals)
    current = [h.plans.order_by("-version").first() for h in shared]
    assert statuses == sorted((g.capital, g.status) for p in current if p for g in p.goals.all())
    assert {"behaald", "gestopt", "lopend"} == {s for _c, s in statuses}
    assert len({g["Plan"] for g in goals}) == sum(1 for h in shared if h.plans.exists())
    readings = CapitalReading.objects.filter(household__in=shared)
    delivered = {
        (m["Datum meting"], c, int(m[c.capitalize()]))
        for m in _rows(folder / "werkzone-metingen.csv")
        for c in ("economisch", "sociaal", "mentaal")
        if m[c.capitalize()]
    }
    assert delivered == {(x.assessed_on.isoformat(), x.capital, x.level) for x in readings}


def test_a_dataset_without_rows_gets_no_file(
    household: CaseHousehold, tmp_path: Path, settings: Any
) -> None:
    out = io.StringIO()
    folder = tmp_path / "werkzone"
    (folder).mkdir()
    (folder / "werkzone-plannen.csv").write_text("oud\n", encoding="utf-8")  # an earlier file
    call_command("casework", "aanleveren", "--uit", str(folder), stdout=out)
    assert (folder / "werkzone-regie.csv").exists()
    assert not (folder / "werkzone-plannen.csv").exists()
    assert "werkzone-plannen.csv: geen regels, dus geen bestand" in out.getvalue()


def test_a_missing_address_file_is_named_in_dutch(household: CaseHousehold, tmp_path: Path) -> None:
    with pytest.raises(UserError) as caught:
        call_command(
            "casework", "aanleveren", "--uit", str(tmp_path), "--adressen", str(tmp_path / "x")
        )
    assert caught.value.code == "adressen-niet-gevonden"
