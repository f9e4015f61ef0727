import random
import re

from doorbraak.synth.region import GEMEENTEN, build_region


def test_region_scale_uses_the_real_buurten_of_the_ten_municipalities() -> None:
    region = build_region(1, 30_000)
    codes = {buurt.code for buurt in region.buurten}
    assert len(codes) == 512
    assert {"GM" + code[2:6] for code in codes} == set(GEMEENTEN)
    assert "BU00470000" in codes  # Veendam-Centrum


def test_a_national_scale_adds_synthetic_buurten_with_valid_unique_codes() -> None:
    region = build_region(1, 2_000_000)
    codes = [buurt.code for buurt in region.buurten]
    assert len(codes) == len(set(codes)) > 5_000
    assert all(re.fullmatch(r"BU\d{8}", code) for code in codes)


def test_every_buurt_belongs_to_one_chunk_and_chunks_get_similar_weight() -> None:
    region = build_region(1, 30_000)
    region.partition(15)
    owned = [index for chunk in region.owners for index in chunk]
    assert sorted(owned) == list(range(len(region.buurten)))
    totals = [sum(region.weights[i] for i in chunk) for chunk in region.owners]
    assert max(totals) < 1.1 * min(totals)


def test_addresses_in_a_buurt_are_never_handed_out_twice() -> None:
    region = build_region(1, 30_000)
    region.partition(1)
    area = region.area(0, 1)
    rng = random.Random(1)
    addresses = [area.new_address(area.pick_buurt(rng)) for _ in range(20_000)]
    places = {(a.buurt, a.street, a.number, a.suffix) for a in addresses}
    assert len(places) == len(addresses)
    assert all(re.fullmatch(r"\d{4} [A-Z]{2}", a.postcode) for a in addresses)
