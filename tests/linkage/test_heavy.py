"""Linkage under heavy corruption (issue 13): swapped names, Dutch surname forms, initials,
and `doorbraak link --drempel` with its review band."""

import csv
import random
from pathlib import Path

import pytest

from doorbraak.core.encodings import NAMES_V2, dice, encode_record
from doorbraak.linkage.cli import main, review_path
from doorbraak.synth.names import GIVEN_FEMALE, GIVEN_MALE, SURNAMES
from tests.linkage.test_cli import write

KEY = b"k" * 32


def encoded(given: str, surname: str) -> dict[str, str]:
    return encode_record(
        KEY,
        given_name=given,
        surname=surname,
        date_of_birth="1980-01-02",
        street="Hoofdstraat",
        house_number="1",
        postcode="9641AB",
        city="Veendam",
    )


@pytest.mark.parametrize("variant", ["Berg, van der", "v.d. Berg", "Berg", "V/D Berg"])
def test_tussenvoegsel_forms_encode_alike(variant: str) -> None:
    surname = NAMES_V2[1]
    assert dice(encoded("Jan", "van der Berg")[surname], encoded("Jan", variant)[surname]) == 1.0


def test_initials_keep_only_the_initial() -> None:
    given = NAMES_V2[0]
    assert encoded("J.", "Berg")[given] == encoded("J", "Berg")[given]
    assert dice(encoded("J.", "Berg")[given], encoded("Jan", "Berg")[given]) < 0.5


def moved(row: dict[str, str], number: int) -> dict[str, str]:
    """Another address: only the names and the date of birth can link this record."""
    return {**row, "street": "Stationsweg", "house_number": str(900 + number), "postcode": "7811XX"}


def run(tmp_path: Path, left: list, right: list, *extra: str) -> tuple[int, set, set]:
    out = tmp_path / "pairs.csv"
    code = main(
        [
            "--left",
            str(write(tmp_path / "a.csv", left)),
            "--right",
            str(write(tmp_path / "b.csv", right)),
            "--out",
            str(out),
            *extra,
        ]
    )
    if code:
        return code, set(), set()
    found = {(r["left_id"], r["right_id"]) for r in csv.DictReader(out.open(encoding="utf-8"))}
    review = review_path(out)
    doubtful = {
        (r["left_id"], r["right_id"]) for r in csv.DictReader(review.open(encoding="utf-8"))
    }
    return code, found, doubtful


@pytest.fixture(scope="module")
def population() -> list[dict[str, str]]:
    """400 people with the synthetic region's Dutch names (without tussenvoegsel)."""
    rng = random.Random(5)
    family = [name for prefix, name in SURNAMES if not prefix]
    return [
        {
            "given_name": rng.choice(GIVEN_MALE + GIVEN_FEMALE),
            "surname": rng.choice(family),
            "date_of_birth": f"{rng.randint(1940, 2015)}-{rng.randint(1, 12):02d}-"
            f"{rng.randint(1, 28):02d}",
            "street": rng.choice(["Hoofdstraat", "Kerkweg", "Dorpsstraat", "Molenlaan"]),
            "house_number": str(rng.randint(1, 200)),
            "postcode": f"96{rng.randint(10, 99)}AB",
            "city": rng.choice(["Veendam", "Wildervank", "Pekela"]),
        }
        for _ in range(400)
    ]


def test_swapped_names_link(tmp_path: Path, population: list) -> None:
    left = [{"id": f"L{i}", **p} for i, p in enumerate(population)]
    right = [{"id": f"R{i}", **p} for i, p in enumerate(population) if i % 2 == 0]
    swapped = {f"R{i}" for i in range(0, 400, 20)}
    for row in right:
        if row["id"] in swapped:
            number = int(row["id"][1:])
            row.update(street="Stationsweg", house_number=str(900 + number))  # same postcode
            row["given_name"], row["surname"] = row["surname"], row["given_name"]
    code, found, _ = run(tmp_path, left, right)
    assert code == 0
    linked = {right_id for left_id, right_id in found if left_id[1:] == right_id[1:]}
    assert swapped <= linked


def test_dutch_surname_variants_link(tmp_path: Path, population: list) -> None:
    left = [
        {"id": f"L{i}", **p, "surname": f"van der {p['surname']}"} for i, p in enumerate(population)
    ]
    forms = ("{s}, van der", "v.d. {s}", "{s}")
    right = [
        {"id": f"R{i}", **moved(p, i), "surname": forms[i % 3].format(s=p["surname"])}
        for i, p in enumerate(population)
        if i % 4 == 0
    ]
    code, found, _ = run(tmp_path, left, right)
    assert code == 0
    linked = {right_id for left_id, right_id in found if left_id[1:] == right_id[1:]}
    assert linked == {row["id"] for row in right}


def test_threshold_moves_pairs_to_the_review_band(tmp_path: Path, population: list) -> None:
    left = [{"id": f"L{i}", **p} for i, p in enumerate(population)]
    right = [
        {"id": f"R{i}", **(moved(p, i) if i % 3 == 0 else p)}
        for i, p in enumerate(population)
        if i % 2 == 0
    ]
    _, default, default_review = run(tmp_path, left, right)
    _, strict, strict_review = run(tmp_path, left, right, "--drempel", "0,999999")
    assert strict < default
    assert default - strict <= strict_review
    assert default_review <= strict_review
    assert default | default_review == strict | strict_review


def test_a_threshold_outside_zero_and_one_is_refused_in_dutch(
    tmp_path: Path, population: list, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = [{"id": f"L{i}", **p} for i, p in enumerate(population[:5])]
    with pytest.raises(SystemExit) as stopped:
        run(tmp_path, rows, rows, "--drempel", "1,5")
    assert stopped.value.code == 2
    assert "geef een kans tussen 0 en 1" in capsys.readouterr().err


def test_a_delivery_from_before_version_2_still_links(population: list) -> None:
    """An older delivery has only the version 1 name columns: compared on those."""
    from doorbraak.linkage.link import link

    records = []
    for number, person in enumerate(population[:200]):
        new = encode_record(KEY, **person)
        old = {**new, "enc_given_name_v2": "", "enc_surname_v2": ""}
        records += [
            {"id": f"new{number}", "partner": "a", "bsn_pseudonym": "", **new},
            {"id": f"old{number}", "partner": "b", "bsn_pseudonym": "", **old},
        ]
    result = link(records)
    linked = sum(result.person_of[f"new{n}"] == result.person_of[f"old{n}"] for n in range(200))
    assert linked == 200
