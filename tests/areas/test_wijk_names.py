"""Wijken are named after a place people recognise (CBS gives no more than "Wijk 07"): the
place of the wijk's first buurt, or the place most of its buurten lie in; never a code."""

import re
from collections import Counter, defaultdict

import yaml

from doorbraak.areas import cbs

REGION = cbs.DATA_DIR / "regions" / "veenkolonien.yaml"


def _names() -> dict[str, tuple[str, str]]:
    config = yaml.safe_load(REGION.read_text(encoding="utf-8"))
    gemeenten = {
        g.code: g.name for g in cbs.read_gemeenten(cbs.DATA_DIR / config["gemeenten_file"])
    }
    wijken: dict[str, list[cbs.CbsBuurt]] = defaultdict(list)
    for buurt in cbs.read_buurten(cbs.DATA_DIR / config["buurten_file"]):
        if buurt.gemeente_code in set(config["gemeenten"]):
            wijken[buurt.wijk_code].append(buurt)
    return {
        code: (gemeenten[b[0].gemeente_code], cbs.wijk_name(gemeenten[b[0].gemeente_code], code, b))
        for code, b in wijken.items()
    }


def test_every_wijk_of_the_region_has_a_place_name_unique_in_its_gemeente() -> None:
    names = _names()
    assert len(names) > 100
    for code, (gemeente, name) in names.items():
        assert not re.search(r"wijk \d|\b(BU|WK|GM)\d", name, re.IGNORECASE), (code, name)
        assert name != gemeente, (code, name)  # not mistaken for the gemeente itself
        assert not name.startswith(("Verspreide huizen", "Verspr.h.")), (code, name)
    twice = [k for k, n in Counter(names.values()).items() if n > 1]
    assert not twice, twice


def test_known_wijken() -> None:
    names = {code: name for code, (_g, name) in _names().items()}
    assert names["WK003702"] == "Musselkanaal"  # 'Musselkanaal Centrum', '... Zuid', ...
    assert names["WK168101"] == "Valthermond"  # first buurt 'Kavelingen', 3x Valthermond
    assert names["WK011440"] == "Emmen-Centrum"  # the gemeente's own town keeps its buurt
    assert names["WK010913"] == "Weijerswold"  # scattered houses only
    assert names["WK004701"] == "Borgercompagnie"  # '(gedeeltelijk)' dropped


def test_without_buurten_the_old_name() -> None:
    assert cbs.wijk_name("Emmen", "WK011407") == "Emmen wijk 07"
