"""`doorbraak link` end to end on two small CSV files."""

import csv
import random
from pathlib import Path

import pytest

from doorbraak.linkage.cli import COLUMNS, main

FIRST = ["jan", "piet", "klaas", "anna", "marie", "sanne", "eva", "tom", "daan", "lotte"]
LAST = ["jansen", "de vries", "bakker", "visser", "smit", "meijer", "bos", "mulder", "kok"]


def people(count: int) -> list[dict[str, str]]:
    rng = random.Random(3)
    return [
        {
            "given_name": rng.choice(FIRST),
            "surname": rng.choice(LAST),
            "date_of_birth": f"{rng.randint(1940, 2015)}-{rng.randint(1, 12):02d}-"
            f"{rng.randint(1, 28):02d}",
            "street": rng.choice(["hoofdstraat", "kerkweg", "dorpsstraat"]),
            "house_number": str(rng.randint(1, 200)),
            "postcode": f"96{rng.randint(10, 99)}AB",
            "city": "Veendam",
        }
        for _ in range(count)
    ]


def write(path: Path, rows: list[dict[str, str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    return path


def test_link_finds_the_shared_persons(tmp_path: Path) -> None:
    population = people(300)
    left = [{"id": f"L{i}", **p} for i, p in enumerate(population)]
    right = [
        {"id": f"R{i}", **p, "surname": p["surname"] + "s" if i % 6 == 0 else p["surname"]}
        for i, p in enumerate(population)
        if i % 2 == 0
    ]
    out = tmp_path / "pairs.csv"
    code = main(
        [
            "--left",
            str(write(tmp_path / "a.csv", left)),
            "--right",
            str(write(tmp_path / "b.csv", right)),
            "--out",
            str(out),
        ]
    )
    assert code == 0
    pairs = list(csv.DictReader(out.open(encoding="utf-8")))
    correct = sum(p["left_id"][1:] == p["right_id"][1:] for p in pairs)
    assert correct >= 0.97 * len(right)
    assert correct >= 0.97 * len(pairs)


def test_bad_input_gets_a_dutch_message(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "kapot.csv"
    bad.write_text("naam;adres\nx;y\n", encoding="utf-8")
    code = main(["--left", str(bad), "--right", str(bad), "--out", str(tmp_path / "o.csv")])
    assert code == 2
    assert "mist de kolommen" in capsys.readouterr().err
