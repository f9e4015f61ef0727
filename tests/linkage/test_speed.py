"""Linkage speed (issue 13 item 7): the DuckDB macros compute what the written-out SQL did,
and splink's parsing is memoised without changing what it answers."""

import random

import pytest
import sqlglot
from splink.internals import comparison_level, parse_sql

from doorbraak.core.encodings import NAMES_V2, dice, encode_record
from doorbraak.linkage import model
from doorbraak.linkage.parse_cache import memoise_splink_parsing
from doorbraak.sources.writers import NEUTRALISER
from tests.linkage.test_heavy import population  # noqa: F401 - the shared fixture

KEY = b"s" * 32
GIVEN = ["Jan", "Anna", "Mohammed", "J.", "Thomas", "Lotte", ""]
SURNAMES = ["Jansen", "Jansen-de Vries", "van der Berg", "Matthews", "Bakker", ""]


def people(count: int) -> list[dict[str, str]]:
    rng = random.Random(7)
    found = []
    for number in range(count):
        given, surname = rng.choice(GIVEN), rng.choice(SURNAMES)
        if number % 5 == 0:
            given, surname = surname, given  # swapped on purpose
        record = encode_record(
            KEY,
            given_name=given,
            surname=surname,
            date_of_birth=rng.choice(["1980-01-02", "1980-02-01", ""]),
            street="Hoofdstraat",
            house_number=str(rng.randint(1, 3)),
            postcode=rng.choice(["9641AB", ""]),
            city="Veendam",
            version_1_names=number % 3 != 0,
        )
        found.append({"id": f"P{number}", **record})
    return found


def swapped(left: dict[str, str], right: dict[str, str]) -> bool:
    given, surname = NAMES_V2
    if not all(side[c] for side in (left, right) for c in NAMES_V2):
        return False
    cross = dice(left[given], right[surname]) + dice(left[surname], right[given])
    return cross > dice(left[given], right[given]) + dice(left[surname], right[surname]) + 0.3


def name_score(left: dict[str, str], right: dict[str, str], column: str) -> float | None:
    """The name Dice of `model.name_score_sql`, in Python from `core.encodings.dice`."""
    given, surname = NAMES_V2
    v2, other = (given, surname) if column == "enc_given_name" else (surname, given)
    if swapped(left, right):
        return dice(left[v2], right[other])
    if left[v2] and right[v2]:
        return dice(left[v2], right[v2])
    if left[column] and right[column]:
        return dice(left[column], right[column])
    return None  # NULL in SQL


@pytest.mark.parametrize("column", ["enc_given_name", "enc_surname"])
def test_the_name_macro_computes_the_python_dice(column: str) -> None:
    records = people(40)
    by_id = {record["id"]: record for record in records}
    connection, (table,) = model.duckdb_tables(model.frame(records))
    names = [*model.ENCODED_FIELDS, *(model.ones(c) for c in model.ENCODED_FIELDS)]
    sides = ", ".join(f"{side}.{c} AS {c}_{side}" for c in names for side in "lr")
    rows = connection.execute(
        f"SELECT lid, rid, {model.name_score_sql(column)} FROM (SELECT l.id AS lid,"  # noqa: S608
        f" r.id AS rid, {sides} FROM {table} AS l CROSS JOIN {table} AS r)"
    ).fetchall()
    assert len(rows) == len(records) ** 2
    crosswise = 0
    for left_id, right_id, score in rows:
        left, right = by_id[left_id], by_id[right_id]
        expected = name_score(left, right, column)
        assert (score is None) == (expected is None)
        if expected is not None:
            assert score == pytest.approx(expected, abs=1e-9)
            crosswise += swapped(left, right)
    assert crosswise  # the swapped branch was exercised


def test_training_parses_each_sql_text_once(population: list, monkeypatch) -> None:  # noqa: F811
    """Without the memo splink parsed some 12,700 texts to train on FEBRL 4 (ADR 0021)."""
    records = [
        {"id": f"{side}{n}", **encode_record(KEY, **person, version_1_names=False)}
        for n, person in enumerate(population)
        for side in "LR"
    ]
    parses = []
    original = sqlglot.parse_one

    def counted(sql: str, *args: object, **kwargs: object) -> object:
        parses.append(sql)
        return original(sql, *args, **kwargs)

    monkeypatch.setattr(sqlglot, "parse_one", counted)
    linker = model.linker_build(model.frame(records), link_only=False)
    model.linker_train(linker)
    assert len(parses) < 2_000
    assert len(parses) > 0


def test_the_memo_answers_what_splink_answers() -> None:
    memoise_splink_parsing()
    memoise_splink_parsing()  # idempotent
    for comparison in model.comparisons():
        for level in comparison["comparison_levels"]:
            condition = level["sql_condition"]
            if condition == "ELSE":
                continue
            assert sorted(
                comparison_level.get_columns_used_from_sql(condition, "duckdb")
            ) == sorted(parse_sql.get_columns_used_from_sql(condition, "duckdb"))


def test_the_equality_hash_is_null_when_missing_and_equal_when_the_encodings_are() -> None:
    records = people(60)
    connection, (table,) = model.duckdb_tables(model.frame(records))
    column = "enc_postcode"
    rows = dict(connection.execute(f"SELECT id, {model.equal(column)} FROM {table}").fetchall())  # noqa: S608
    for left in records:
        assert (rows[left["id"]] is None) == (left[column] == "")
        for right in records:
            if left[column] and right[column]:
                same = left[column] == right[column]
                assert (rows[left["id"]] == rows[right["id"]]) == same


def test_an_encoding_a_spreadsheet_guard_prefixed_links_as_itself() -> None:
    """A base64 encoding starting with '+' arrives as `'+...` (sources.writers.cell_neutralise);
    DuckDB must see the same bits, and the same equality hash, as for the plain text."""
    plain = encode_record(
        KEY,
        given_name="Anna",
        surname="Jansen",
        date_of_birth="1980-01-02",
        street="Hoofdstraat",
        house_number="1",
        postcode="9641AA",
        city="Veendam",
    )
    unguarded = {f: "+" + plain[f][1:] for f in model.ENCODED_FIELDS}
    guarded = {f: NEUTRALISER + v for f, v in unguarded.items()}
    rows = [{"id": i, "birth_year": "1980", **e} for i, e in (("a", guarded), ("b", unguarded))]
    connection, (table,) = model.duckdb_tables(model.frame(rows))
    for column in model.ENCODED_FIELDS:
        first, second = connection.execute(
            f"SELECT {column}, {model.equal(column)} FROM {table} ORDER BY unique_id"  # noqa: S608
        ).fetchall()
        assert first == second
