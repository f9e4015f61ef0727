"""A research extract cannot be joined back to the register and holds no rare combination."""

from __future__ import annotations

import pandas as pd

from doorbraak.evaluation.extracts import extract_build, fresh_pseudonyms, rare_combinations
from doorbraak.evaluation.panels import facts_load
from tests.evaluation.facts_builder import facts_write

THRESHOLD = 10


def _source(tmp_path):
    return facts_load(facts_write(tmp_path, effect=0.6))


def _attributes(persons: pd.Series) -> pd.DataFrame:
    """Birth years: most persons share a few, some are alone in theirs (rare)."""
    ids = sorted(persons.unique())
    years = [1980 + (i % 3) if i % 17 else 1900 + i for i in range(len(ids))]
    return pd.DataFrame({"person": ids, "geboortejaar": years})


def _build(source):
    return extract_build(
        source.readings,
        targets=["capital:economisch"],
        start=pd.Timestamp("2023-01-01"),
        end=pd.Timestamp("2026-12-31"),
        threshold=THRESHOLD,
        attributes=_attributes(source.readings["person"]),
    )


def test_the_extract_cannot_be_joined_to_the_register_pseudonyms(tmp_path) -> None:
    source = _source(tmp_path)
    extract = _build(source)
    register = set(source.readings["person"])
    assert not set(extract.readings["pseudoniem"]) & register
    again = _build(source)  # a second extract of the same persons: fresh key, other pseudonyms
    assert not set(extract.readings["pseudoniem"]) & set(again.readings["pseudoniem"])
    assert extract.readings["pseudoniem"].nunique() == extract.persons_kept


def test_no_combination_rarer_than_the_threshold_is_released(tmp_path) -> None:
    extract = _build(_source(tmp_path))
    persons = extract.readings.drop_duplicates("pseudoniem").rename(
        columns={"pseudoniem": "person"}
    )
    sizes = persons.groupby(["wijk", "geboortejaar"]).size()
    assert sizes.min() >= THRESHOLD
    assert extract.persons_dropped > 0  # the rare birth years were there and were left out


def test_only_the_asked_variables_leave(tmp_path) -> None:
    extract = _build(_source(tmp_path))
    assert set(extract.readings["target"]) == {"capital:economisch"}
    assert list(extract.readings.columns) == [
        "pseudoniem",
        "wijk",
        "geboortejaar",
        "datum",
        "target",
        "waarde",
    ]


def test_rare_combinations_and_pseudonyms_on_a_hand_made_case() -> None:
    persons = pd.DataFrame({"person": list("abcd"), "wijk": ["W1", "W1", "W1", "W2"]})
    assert list(rare_combinations(persons, 3)) == [False, False, False, True]
    one, two = fresh_pseudonyms(pd.Series(["a", "a"])), fresh_pseudonyms(pd.Series(["a"]))
    assert one.iloc[0] == one.iloc[1] != two.iloc[0]


def test_evaluate_reads_a_written_extract(tmp_path) -> None:
    from doorbraak.evaluation.extracts import extract_write
    from doorbraak.evaluation.run import Question, evaluate

    source = _source(tmp_path / "region")
    experiments = source.experiments.assign(start=source.experiments["start"].dt.date)
    folder = extract_write(
        _build(source), experiments.rename(columns={"area": "gebied"}), tmp_path / "x"
    )
    question = Question(outcome="capital:economisch", experiments=list(experiments["code"]))
    result = evaluate(folder, question)
    assert result.ci_low <= 0.6 <= result.ci_high
