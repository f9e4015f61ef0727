"""Households from the BRP against the synthetic truth, the whole way (ADR 0019).

A region of its own, on seed 11: the rule and rates were tuned on seed 7 (the session's
region), so this seed was never looked at while tuning. Every identifying export goes the way a
partner's file goes (pseudonymise, import, link) and becomes register facts
(`linkage.facts.facts_build`); the households, their members and D2 (persons in reached
households) are computed the same way on the facts and on the truth
(`tests/linkage/household_truth.py`). The figures are printed (`pytest -s`) and written in
docs/benchmarks.md.

Where a gemeente delivers the BRP, D2 and the members per reached household must be within 2%
of the truth in every year; the gemeente without a BRP extract (Pekela) keeps the households
of linkage, and its D2 stays far below the truth (measured, shown, not held).
"""

import datetime as dt
import os
from pathlib import Path

import pytest

from doorbraak.intake.mappings import mappings_load
from doorbraak.linkage.facts import facts_build
from doorbraak.linkage.services import linkage_run
from doorbraak.partners.models import Partner
from doorbraak.register.services import FactSet
from doorbraak.synth.generator import generate
from tests.linkage.conftest import deliver
from tests.linkage.household_truth import (
    YEARS,
    Side,
    households_on,
    intervals,
    register_side,
    truth,
    truth_side,
)

pytestmark = [pytest.mark.slow, pytest.mark.django_db]
# not tuned on: the rule and rates were tuned on seed 7 (DOORBRAAK_BRP_SEED=7 shows it)
SEED = int(os.environ.get("DOORBRAAK_BRP_SEED", "11"))
HOUSEHOLDS = 1500
TOLERANCE = 0.02  # relative: D2, reached households, members per reached household
COUNT_TOLERANCE = 0.02  # relative: BRP households on 31 December
NOT_DELIVERING = "GM0765"  # Pekela: `brp: false` in the partner list


@pytest.fixture(scope="module")
def region(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("synth-brp")
    generate(seed=SEED, out_dir=out, scale=HOUSEHOLDS)
    return out


@pytest.fixture
def facts(demo_world: None, region: Path, tmp_path: Path) -> FactSet:
    mappings_load(path=region / "exports" / "mappings.yaml")
    partners = tuple(sorted(p.name for p in (region / "exports").iterdir() if p.is_dir()))
    deliver(region, tmp_path, partners)
    built, _latest = facts_build(linkage_run())
    return built


def _rows(facts: FactSet, name: str) -> list[dict]:
    return [values for values, _provenance in facts.rows[name]]


def _delivering(gemeente: str) -> bool:
    return gemeente != NOT_DELIVERING


def test_households_and_d2_follow_the_truth_where_the_brp_is_delivered(
    facts: FactSet, region: Path
) -> None:
    gemeente_of = dict(
        Partner.objects.filter(sector="gemeente").values_list("code", "gemeente_code")
    )
    mine = register_side(lambda name: _rows(facts, name), gemeente_of)
    theirs = truth_side(region)
    print(f"\nseed {SEED}, {HOUSEHOLDS} huishoudens; per jaar: register / waarheid")
    for year in YEARS:
        _compare(year, mine, theirs)
    _households_per_year(facts, region)
    sources = {facts.household_sources.get(h, "") for h in facts.households}
    assert sources == {"brp", "koppeling"}


def _compare(year: int, mine: Side, theirs: Side) -> None:
    found, expected = mine.reading(year, _delivering), theirs.reading(year, _delivering)
    rest = mine.reading(year, lambda g: not _delivering(g))
    rest_true = theirs.reading(year, lambda g: not _delivering(g))
    print(
        f"{year}: D2 {found.d2}/{expected.d2} ({found.d2 / expected.d2 - 1:+.1%}), "
        f"bereikte huishoudens {found.households}/{expected.households}, "
        f"leden per huishouden {found.per_household:.2f}/{expected.per_household:.2f}; "
        f"zonder BRP (Pekela): D2 {rest.d2}/{rest_true.d2}"
    )
    assert abs(found.d2 - expected.d2) <= TOLERANCE * expected.d2, year
    assert abs(found.households - expected.households) <= TOLERANCE * expected.households, year
    ratio = found.per_household / expected.per_household
    assert abs(ratio - 1) <= TOLERANCE, year


def _households_per_year(facts: FactSet, region: Path) -> None:
    """Households with a member on 31 December (the as-of day in 2026): the BRP's against
    the truth's in the gemeenten that deliver it."""
    brp = {h for h, source in facts.household_sources.items() if source == "brp"}
    mine = intervals(_rows(facts, "memberships"), "household", "person", "valid_from", "valid_to")
    members = intervals(
        truth(region, "memberships"), "household_id", "person_id", "valid_from", "valid_to"
    )
    gemeenten = intervals(
        [r | {"gemeente": "GM" + r["buurt_code"][2:6]} for r in truth(region, "residences")],
        "household_id", "gemeente", "valid_from", "valid_to",
    )  # fmt: skip
    for day in (*(dt.date(year, 12, 31) for year in YEARS[:-1]), dt.date(2026, 6, 29)):
        found, found_members = households_on(mine, day, lambda h: h in brp)
        delivering = {h for h in members.by_key if any(map(_delivering, gemeenten.on(h, day)))}
        expected, expected_members = households_on(members, day, delivering.__contains__)
        print(
            f"{day}: BRP-huishoudens {found}/{expected}, leden {found_members}/{expected_members}"
        )
        assert abs(found - expected) <= COUNT_TOLERANCE * expected, day
        assert abs(found_members - expected_members) <= COUNT_TOLERANCE * expected_members, day
