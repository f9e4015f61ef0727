"""The scorer outside splink (`linkage.score`, ADR 0025) gives every pair the comparison
levels and match probability splink's own `predict` gives it, and its blocking finds the
pairs the older rules found on the synthetic records while its pairs grow with N."""

import random
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from doorbraak.core.encodings import encode_record
from doorbraak.linkage import model, score
from doorbraak.linkage.link import link
from tests.linkage.test_heavy import population  # noqa: F401 - the shared fixture
from tests.linkage.test_speed import KEY, people


def corrupted(persons: list[dict[str, str]]) -> list[dict[str, str]]:
    """Each person twice, the second copy with a typo, a move, a swap or a field missing."""
    rng = random.Random(3)
    found = []
    for number, person in enumerate(persons):
        copy = dict(person)
        roll = rng.random()
        if roll < 0.2:
            copy["surname"] = copy["surname"][:-1] + "x"
        elif roll < 0.3:
            copy["given_name"], copy["surname"] = copy["surname"], copy["given_name"]
        elif roll < 0.4:
            copy["given_name"] = copy["given_name"][0] + "."
        elif roll < 0.5:
            copy["date_of_birth"] = ""
        elif roll < 0.6:
            copy.update(street="Stationsweg", postcode="", city="Pekela")
        for side, fields in (("L", person), ("R", copy)):
            found.append(
                {
                    "id": f"{side}{number}",
                    **encode_record(KEY, **fields, version_1_names=number % 4 == 0),
                    "bsn": f"B{number}" if rng.random() < 0.3 else "",
                }
            )
    return found


@pytest.fixture(scope="module")
def predicted(population: list) -> tuple[pd.DataFrame, pd.DataFrame]:  # noqa: F811
    records = corrupted(population) + people(60)
    data = model.frame(records)
    linker = model.linker_build(data, link_only=False)
    model.linker_train(linker)
    theirs = linker.inference.predict().as_pandas_dataframe()
    mine = score.encoded(data)
    row = {identifier: number for number, identifier in enumerate(mine.ids)}
    left = theirs.unique_id_l.map(row).to_numpy(dtype=np.int64)
    right = theirs.unique_id_r.map(row).to_numpy(dtype=np.int64)
    ours = score.predict(score.weights(linker), mine, pairs=(left, right))
    return theirs, ours


def test_levels_and_probabilities_are_splinks(predicted: tuple) -> None:
    theirs, ours = predicted
    assert len(theirs) > 1_000
    assert list(ours.unique_id_l) == list(theirs.unique_id_l)
    for name in ("enc_given_name", "enc_surname", "enc_dob", "address", "bsn"):
        column = f"gamma_{name}"
        assert (ours[column].to_numpy() == theirs[column].to_numpy()).all(), name
        assert len(set(theirs[column])) >= 3, name  # several levels were exercised
    assert np.allclose(ours.match_probability, theirs.match_probability, rtol=1e-9, atol=1e-12)
    assert (theirs.match_probability > 0.99).sum() > 200


def test_blocking_finds_the_true_pairs_once_each(population: list) -> None:  # noqa: F811
    records = corrupted(population)
    encoded = score.encoded(model.frame(records))
    i, j = score.candidates(encoded)
    assert (i < j).all()
    assert len(set(zip(i.tolist(), j.tolist(), strict=True))) == len(i)
    found = {(encoded.ids[a], encoded.ids[b]) for a, b in zip(i, j, strict=True)}
    true = [(f"L{n}", f"R{n}") for n in range(len(population))]
    assert sum(pair in found for pair in true) == len(true)


def test_a_common_key_alone_does_not_pair_everyone() -> None:
    """2,000 people born on one day with different names: the date of birth alone would pair
    all million; the capped rule leaves that block out, and date of birth and place pair
    those in one of the 40 places."""
    rng = random.Random(9)
    letters = "abcdefghijklmnopqrstuvwxyz"
    records = [
        {
            "id": f"P{n}",
            **encode_record(
                KEY,
                given_name="".join(rng.choice(letters) for _ in range(7)),
                surname="".join(rng.choice(letters) for _ in range(9)),
                date_of_birth="1980-05-17",
                street="Hoofdstraat",
                house_number=str(n),
                postcode=f"{1000 + n}AB",
                city="Dorp" + letters[n % 40 % 26] + letters[n % 40 // 26],  # 40 places
                version_1_names=False,
            ),
        }
        for n in range(2_000)
    ]
    left = score.encoded(model.frame(records[:1_000]))
    right = score.encoded(model.frame(records[1_000:]))
    i, _ = score.candidates(left, right)
    assert len(i) <= 1_000 * 1_000 / 40 * 1.1  # not 1,000,000: only where the place is shared
    assert len(i) > 0


def test_the_csv_reader_decodes_what_duckdb_decodes(tmp_path: Path, population: list) -> None:  # noqa: F811
    records = corrupted(population)[:200]
    columns = ["id", *model.ENCODED_FIELDS, "birth_year", "bsn"]
    plain, quoted = tmp_path / "plain.csv", tmp_path / "quoted.csv"
    pd.DataFrame(records).reindex(columns=columns).to_csv(plain, index=False, lineterminator="\r\n")
    pd.DataFrame(records).reindex(columns=columns).to_csv(quoted, index=False, quoting=1)
    fast, slow = score.encoded_csv(plain), score.encoded_csv(quoted)  # quotes: DuckDB reads
    expected = score.encoded(model.frame(records))
    for found in (fast, slow):
        assert list(found.ids) == list(expected.ids)
        for column in (*model.ENCODED_FIELDS, "birth_year", "bsn"):
            assert np.array_equal(found.key[column], expected.key[column]), column
        for column in model.ENCODED_FIELDS:
            assert np.array_equal(found.known[column], expected.known[column]), column
            if expected.words[column] is not None:
                assert np.array_equal(found.words[column], expected.words[column]), column


def test_a_model_trained_on_a_sample_links_all_records(population: list, monkeypatch) -> None:  # noqa: F811
    """Above `model.TRAIN_SIZE` records, `link` trains on a uniform sample and scores all."""
    records = [{**r, "bsn": ""} for r in corrupted(population)]
    monkeypatch.setattr(model, "TRAIN_SIZE", 300)
    assert len(model.training_sample(model.frame(records))) == 300
    result = link(records)
    same = sum(result.person_of[f"L{n}"] == result.person_of[f"R{n}"] for n in range(400))
    assert same >= 0.9 * 400
    assert result.persons >= 0.9 * 400
