"""Loading the region from the CBS lists: counts, hierarchy, dorpen, idempotence, errors."""

import pytest

from doorbraak.areas import cbs
from doorbraak.areas.models import Area, AreaGroup, AreaLevel
from doorbraak.areas.services import region_load
from doorbraak.core.errors import UserError

VEENKOLONIEN = {
    "GM0047",
    "GM0765",
    "GM0037",
    "GM1950",
    "GM1952",
    "GM1895",
    "GM0114",
    "GM1681",
    "GM1680",
    "GM0109",
}


def test_region_has_its_ten_gemeenten_with_vintage(demo_world: None) -> None:
    gemeenten = Area.objects.filter(level=AreaLevel.GEMEENTE)
    assert {g.code for g in gemeenten} == VEENKOLONIEN
    assert {g.vintage for g in gemeenten} == {2025}
    assert Area.objects.get(code="GM1952").name == "Midden-Groningen"


def test_every_buurt_of_the_region_hangs_under_its_wijk_and_gemeente(demo_world: None) -> None:
    buurten = Area.objects.filter(level=AreaLevel.BUURT).select_related("parent__parent")
    assert buurten.count() == 512
    for buurt in buurten:
        assert buurt.parent.code == "WK" + buurt.code[2:8]
        assert buurt.parent.parent.code == "GM" + buurt.code[2:6]
        assert buurt.vintage == 2024


def test_dorp_groups_a_village_with_its_scattered_houses(demo_world: None) -> None:
    annen = AreaGroup.objects.get(code="dorp-gm1680-annen")
    assert sorted(b.name for b in annen.members.all()) == ["Annen", "Verspreide huizen Annen"]


def test_loading_twice_changes_nothing(demo_world: None) -> None:
    before = (Area.objects.count(), AreaGroup.objects.count())
    region_load(name="veenkolonien")
    assert (Area.objects.count(), AreaGroup.objects.count()) == before


def test_unknown_region_is_a_dutch_error(db: None) -> None:
    with pytest.raises(UserError) as error:
        region_load(name="atlantis")
    assert "veenkolonien" in error.value.message


def test_misencoded_source_name_is_repaired() -> None:
    names = {b.code: b.name for b in cbs.read_buurten(cbs.DATA_DIR / "cbs/buurten-85984NED.csv")}
    assert names["BU00341807"] == "Lumièrepark"
