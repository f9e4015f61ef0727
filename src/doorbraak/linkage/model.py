"""Fellegi-Sunter linkage with splink (EM, DuckDB) over Dice levels of the encodings.

Comparisons (one weight each, so correlated fields are not counted twice):
- given name, surname: Dice levels of the version 2 encodings where both records have them,
  else of version 1 (ADR 0016); crosswise when the two fields are swapped (`swapped_sql`); an
  exact level with term-frequency adjustment; initials that agree; one part of a double
  surname that agrees;
- date of birth: exact, typo or day/month swap, same birth year only, else;
- address: street + number and postcode agree, one of them agrees, only the city (exact, with
  term-frequency adjustment, or spelled differently), else.
  Street, postcode and city are one comparison because they move together: counted as three
  independent agreements they outweigh a different given name and date of birth, and every
  member of a household would be joined to every other (precision 0.60 before this);
- BSN pseudonym: agree / disagree with fixed m and u (not estimated, see `BSN_LEVELS`): it is
  one strong comparison inside the model, so a mistyped BSN neither splits one person (the
  other fields outweigh it) nor joins two (a shared wrong BSN cannot outweigh a different
  name, date of birth and address).

Training never depends on a BSN (ADR 0016): u by random sampling, m by EM within pairs that
share a date of birth and within pairs that share both version 2 names.

Speed (ADR 0021): the Dice of two encodings and the name score are DuckDB macros (`MACROS`,
created on the linker's connection), so splink parses short conditions; splink's parsing is
memoised (`linkage.parse_cache`); encodings reach DuckDB as base64 text and become BIT there.
splink trains the model; the candidate pairs are blocked and scored with the trained m and u
by `linkage.score` (ADR 0025), not by splink's `predict`.
"""

import time
from collections.abc import Sequence
from typing import Any

import duckdb
import pandas as pd
from splink import DuckDBAPI, Linker, SettingsCreator, block_on

from doorbraak.core.encodings import (
    ENCODED_FIELDS,
    HASHES_PER_TOKEN,
    NAMES_V1,
    NAMES_V2,
)
from doorbraak.linkage.parse_cache import memoise_splink_parsing
from doorbraak.sources.writers import NEUTRALISER

NAME_LEVELS = {0.95: "gelijk", 0.85: "bijna gelijk", 0.7: "lijkt erop"}  # Dice -> Dutch
# the rules splink's own `predict` blocks on (the splink baseline of benchmarks/linkage_accuracy.py
# and `tests/linkage/test_score.py`); linkage itself blocks with `score.BLOCKING` (ADR 0025)
BLOCKING = (
    ("enc_dob",),
    ("enc_surname_v2", "birth_year"),
    ("enc_given_name_v2", "enc_surname_v2"),
    ("enc_given_name_v2", "birth_year"),
    ("enc_surname", "birth_year"),
    ("enc_given_name", "enc_surname"),
    ("enc_given_name", "birth_year"),
    ("enc_address", "enc_postcode"),
    ("enc_given_name_v2", "enc_postcode"),
    ("enc_surname_v2", "enc_postcode"),
    ("bsn",),
)
# share of true pairs that agree exactly on both names and the date of birth (for the prior)
LAMBDA_RECALL = 0.6
U_PAIRS = 5e4
# records a side the model is trained on (ADR 0025): m and u need not every record; a uniform
# sample keeps the share of true pairs among all pairs (both shrink by the sample fraction
# squared), so the prior needs no correction
TRAIN_SIZE = 50_000
TIMES: dict[str, float] = {}  # seconds of the last training steps (for benchmarks)
TERM_FREQUENCIES = True  # term-frequency adjustment of exact name and place agreement
# m and u of the BSN comparison, fixed: about 3% of a person's records carry a mistyped BSN;
# two different people share a BSN pseudonym only through such a typo (about 1 in 10 million).
MEMORY_LIMIT = "2GB"  # DuckDB spills to disk beyond this
BSN_LEVELS = {"agree": (0.97, 1e-7), "disagree": (0.03, 1.0 - 1e-7)}


def ones(column: str) -> str:
    """The column holding an encoding's number of set bits, counted once per record."""
    return f"{column}_ones"


def equal(column: str) -> str:
    """The column holding a 64-bit hash of an encoding, for equality: DuckDB compares two BIT
    values some 30 times slower than two integers (ADR 0021). Exact levels, their
    term-frequency tables and the prediction blocking use it; EM training blocks on the
    encodings themselves, so that splink keeps leaving the blocked comparison untrained. Two
    different encodings share a hash with odds of about 1 in 10 ** 19 a pair."""
    return f"{column}_eq"


# DuckDB macros for the pairwise SQL, created on the linker's connection (`duckdb_tables`).
# splink parses every level's condition with sqlglot many times per training step; written out
# in full (the swap test inside every name level) the conditions cost more to parse than DuckDB
# needs to run them (ADR 0021). DuckDB expands a macro in place: the same SQL runs.
MACROS = (
    "dice(a, b, ones_a, ones_b) AS 2.0 * bit_count(a & b) / (ones_a + ones_b)",
    # x, y: the two version 2 names of the left (_l) and right (_r) record; o*: their set bits
    "swapped(x_l, x_r, y_l, y_r, ox_l, ox_r, oy_l, oy_r) AS"
    " x_l IS NOT NULL AND x_r IS NOT NULL AND y_l IS NOT NULL AND y_r IS NOT NULL"
    " AND dice(x_l, y_r, ox_l, oy_r) + dice(y_l, x_r, oy_l, ox_r)"
    " > dice(x_l, x_r, ox_l, ox_r) + dice(y_l, y_r, oy_l, oy_r) + 0.3",
    # the Dice of name x: crosswise when swapped, version 2 where both have it, else version 1
    "name_score(x_l, x_r, y_l, y_r, ox_l, ox_r, oy_l, oy_r, v_l, v_r, ov_l, ov_r) AS CASE"
    " WHEN swapped(x_l, x_r, y_l, y_r, ox_l, ox_r, oy_l, oy_r) THEN dice(x_l, y_r, ox_l, oy_r)"
    " WHEN x_l IS NOT NULL AND x_r IS NOT NULL THEN dice(x_l, x_r, ox_l, ox_r)"
    " ELSE dice(v_l, v_r, ov_l, ov_r) END",
)


def dice_sql(column: str) -> str:
    return _cross_dice(column, column)


def _missing(column: str) -> str:
    return f"({column}_l IS NULL OR {column}_r IS NULL)"


def _both(column: str) -> str:
    return f"({column}_l IS NOT NULL AND {column}_r IS NOT NULL)"


def _cross_dice(a: str, b: str) -> str:
    """Dice of `a` on the left and `b` on the right (same key: the version 2 names)."""
    return f"dice({a}_l, {b}_r, {ones(a)}_l, {ones(b)}_r)"


def swapped_sql() -> str:
    """Given name and surname are in each other's field on one side (version 2 only): pairing
    them crosswise agrees clearly better than pairing them straight (one of the two may be
    corrupted too: "Thomas Matthews" against "Butt Thomas")."""
    given, surname = NAMES_V2
    return f"swapped({given}_l, {given}_r, {surname}_l, {surname}_r, {_ones_sides(*NAMES_V2)})"


def _ones_sides(*columns: str) -> str:
    return ", ".join(f"{ones(c)}_{side}" for c in columns for side in "lr")


def name_score_sql(column: str) -> str:
    """The Dice of a name field: version 2 where both records have it (crosswise when the
    fields are swapped), else version 1."""
    v2 = f"{column}_v2"
    other = NAMES_V2[1] if v2 == NAMES_V2[0] else NAMES_V2[0]
    values = ", ".join(f"{c}_{side}" for c in (v2, other) for side in "lr")
    v1 = f"{column}_l, {column}_r, {ones(column)}_l, {ones(column)}_r"
    return f"name_score({values}, {_ones_sides(v2, other)}, {v1})"


def _name_missing(column: str) -> str:
    """Neither version can be compared (a swap needs both version 2 names on both sides)."""
    return f"(NOT {_both(column)} AND NOT {_both(column + '_v2')})"


def _name_comparison(column: str) -> dict[str, Any]:
    """Dice levels of a name (see `name_score_sql`); the exact level carries term-frequency
    adjustment on the version 2 encoding (a frequent name agreeing says less); given names
    have a level for initials that agree; surnames one for a double surname of which one part
    agrees with the other record's surname."""
    score, v2 = name_score_sql(column), f"{column}_v2"
    levels: list[dict[str, Any]] = [
        {
            "sql_condition": _name_missing(column),
            "is_null_level": True,
            "label_for_charts": "onbekend",
        }
    ]
    if TERM_FREQUENCIES:  # splink adjusts on an exact-match level of the column
        levels.append(
            {
                "sql_condition": f"{equal(v2)}_l = {equal(v2)}_r",
                "label_for_charts": "precies gelijk",
                "tf_adjustment_column": equal(v2),
                "tf_adjustment_weight": 1.0,
            }
        )
    levels += [
        {"sql_condition": f"{score} >= {cut}", "label_for_charts": label}
        for cut, label in NAME_LEVELS.items()
    ]
    if column == "enc_given_name":
        levels.append(
            {"sql_condition": _initial_agrees(v2), "label_for_charts": "voorletter gelijk"}
        )
    else:
        levels.append({"sql_condition": _part_agrees(v2), "label_for_charts": "een deel gelijk"})
    levels.append({"sql_condition": "ELSE", "label_for_charts": "verschilt"})
    return {"output_column_name": column, "comparison_levels": levels}


def _initial_agrees(v2: str) -> str:
    """One side is initials only (the one initial token: at most HASHES_PER_TOKEN bits) and
    the other side holds all of them (a name with that initial)."""
    left, right = f"{v2}_l", f"{v2}_r"
    few = f"LEAST({ones(v2)}_l, {ones(v2)}_r)"
    return f"({_both(v2)} AND {few} <= {HASHES_PER_TOKEN} AND bit_count({left} & {right}) = {few})"


def _part_agrees(v2: str) -> str:
    """Nearly all bits of the shorter surname are in the longer one ('Jansen' in 'Jansen-de
    Vries'); the shorter has at least 40 bits (about four bigrams)."""
    left, right = f"{v2}_l", f"{v2}_r"
    few = f"LEAST({ones(v2)}_l, {ones(v2)}_r)"
    return f"({_both(v2)} AND {few} >= 40 AND bit_count({left} & {right}) >= 0.95 * {few})"


def _dob_comparison() -> dict[str, Any]:
    dob = dice_sql("enc_dob")
    return {
        "output_column_name": "enc_dob",
        "comparison_levels": [
            {
                "sql_condition": _missing("enc_dob"),
                "is_null_level": True,
                "label_for_charts": "onbekend",
            },
            {"sql_condition": f"{dob} >= 0.99", "label_for_charts": "gelijk"},
            {"sql_condition": f"{dob} >= 0.8", "label_for_charts": "tikfout of omgedraaid"},
            {"sql_condition": "birth_year_l = birth_year_r", "label_for_charts": "zelfde jaar"},
            {"sql_condition": "ELSE", "label_for_charts": "verschilt"},
        ],
    }


def _address_comparison() -> dict[str, Any]:
    street, postcode, city = (dice_sql(c) for c in ("enc_address", "enc_postcode", "enc_city"))
    street_known = "enc_address_l IS NOT NULL AND enc_address_r IS NOT NULL"
    postcode_known = "enc_postcode_l IS NOT NULL AND enc_postcode_r IS NOT NULL"
    city_known = "enc_city_l IS NOT NULL AND enc_city_r IS NOT NULL"
    return {
        "output_column_name": "address",
        "comparison_levels": [
            {
                "sql_condition": f"NOT ({street_known}) AND NOT ({postcode_known})"
                f" AND NOT ({city_known})",
                "is_null_level": True,
                "label_for_charts": "onbekend",
            },
            {
                "sql_condition": f"{street_known} AND {postcode_known}"
                f" AND {street} >= 0.85 AND {postcode} >= 0.95",
                "label_for_charts": "adres gelijk",
            },
            {
                "sql_condition": f"({street_known} AND {street} >= 0.85)"
                f" OR ({postcode_known} AND {postcode} >= 0.95)",
                "label_for_charts": "straat of postcode gelijk",
            },
            *(
                [
                    {
                        "sql_condition": f"{equal('enc_city')}_l = {equal('enc_city')}_r",
                        "label_for_charts": "zelfde plaats",
                        "tf_adjustment_column": equal("enc_city"),
                        "tf_adjustment_weight": 1.0,
                    }
                ]
                if TERM_FREQUENCIES
                else []
            ),
            {
                "sql_condition": f"{city_known} AND {city} >= 0.9",
                "label_for_charts": "zelfde plaats, spelling anders",
            },
            {"sql_condition": "ELSE", "label_for_charts": "verschilt"},
        ],
    }


def _bsn_comparison() -> dict[str, Any]:
    (m_agree, u_agree), (m_disagree, u_disagree) = BSN_LEVELS["agree"], BSN_LEVELS["disagree"]
    fixed = {"fix_m_probability": True, "fix_u_probability": True}
    return {
        "output_column_name": "bsn",
        "comparison_levels": [
            {
                "sql_condition": _missing("bsn"),
                "is_null_level": True,
                "label_for_charts": "onbekend",
            },
            {
                "sql_condition": "bsn_l = bsn_r",
                "label_for_charts": "gelijk",
                "m_probability": m_agree,
                "u_probability": u_agree,
                **fixed,
            },
            {
                "sql_condition": "ELSE",
                "label_for_charts": "verschilt",
                "m_probability": m_disagree,
                "u_probability": u_disagree,
                **fixed,
            },
        ],
    }


def frame(records: Sequence[dict[str, str]] | pd.DataFrame) -> pd.DataFrame:
    """Records (id, encodings, optional bsn) as splink input; the encodings stay base64 text
    until `duckdb_tables` turns them into BIT.

    A missing value is NULL, so that blocking never pairs two records on an empty field. An
    encoding that starts with '+' reaches us as the partner's file holds it, with the `'` that
    `sources.writers.cell_neutralise` puts before a cell a spreadsheet would execute; the
    prefix is dropped (Python's base64 decoder ignored it, DuckDB's refuses it).
    """
    given = records.copy() if isinstance(records, pd.DataFrame) else pd.DataFrame(list(records))
    data = given.fillna("")
    if "bsn" not in data:
        data["bsn"] = ""
    data["unique_id"] = data["id"].astype(str)
    for column in ENCODED_FIELDS:  # undo the spreadsheet guard on base64 starting with '+'
        data[column] = data[column].astype(str).str.removeprefix(NEUTRALISER)
    columns = [*ENCODED_FIELDS, "bsn", "birth_year"]
    data[columns] = data[columns].astype(object).where(data[columns] != "", None)
    return data


def training_sample(data: pd.DataFrame, size: int | None = None) -> pd.DataFrame:
    """The records to train on: all of them up to `TRAIN_SIZE`, else a uniform sample of that
    many (fixed seed, so a run can be repeated)."""
    size = TRAIN_SIZE if size is None else size
    return data if len(data) <= size else data.sample(n=size, random_state=1)


def comparisons() -> list[dict[str, Any]]:
    return [
        _name_comparison("enc_given_name"),
        _name_comparison("enc_surname"),
        _dob_comparison(),
        _address_comparison(),
        _bsn_comparison(),
    ]


def level_labels() -> dict[tuple[str, int], str]:
    """(comparison, comparison vector value) -> Dutch label of the level; -1 is missing."""
    labels = {}
    for comparison in comparisons():
        levels = [lv for lv in comparison["comparison_levels"] if not lv.get("is_null_level")]
        name = comparison["output_column_name"]
        labels[(name, -1)] = "onbekend"
        for value, level in zip(range(len(levels) - 1, -1, -1), levels, strict=True):
            labels[(name, value)] = level["label_for_charts"]
    return labels


def parameters(linker: Linker) -> list[tuple[str, str, float, float]]:
    """The trained m and u per comparison level, for the linkage report."""
    found = []
    for comparison in linker._settings_obj.comparisons:
        for level in comparison.comparison_levels:
            if not level.is_null_level:
                found.append(
                    (
                        comparison.output_column_name,
                        level.label_for_charts,
                        float(level.m_probability or 0.0),
                        float(level.u_probability or 0.0),
                    )
                )
    return found


def duckdb_tables(data: pd.DataFrame | list[pd.DataFrame]) -> tuple[Any, list[str]]:
    """DuckDB tables of the frames whose encodings are stored as BIT (125 bytes, not 1000),
    decoded from base64 by DuckDB itself."""
    connection = duckdb.connect()
    connection.execute(f"SET memory_limit = '{MEMORY_LIMIT}'")
    for macro in MACROS:
        connection.execute(f"CREATE MACRO {macro}")
    bits = {column: f"from_base64({column})::BIT" for column in ENCODED_FIELDS}
    casts = ", ".join(f"{bit} AS {column}" for column, bit in bits.items())
    counts = ", ".join(f"bit_count({bit})::INTEGER AS {ones(c)}" for c, bit in bits.items())
    counts += "".join(  # of the base64 text: the same text is the same bits
        f", CASE WHEN {c} IS NOT NULL THEN hash({c}) END AS {equal(c)}" for c in bits
    )
    tables = []
    for number, table in enumerate(data if isinstance(data, list) else [data]):
        connection.register(f"input_{number}", table)
        connection.execute(  # only our own column names and numbers go into this SQL
            f"CREATE TABLE records_{number} AS SELECT * REPLACE ({casts}), {counts}"  # noqa: S608
            f" FROM input_{number}"
        )
        connection.unregister(f"input_{number}")
        tables.append(f"records_{number}")
    return connection, tables


def linker_build(
    data: pd.DataFrame | list[pd.DataFrame],
    *,
    link_only: bool,
    trained: dict[str, Any] | None = None,
) -> Linker:
    """A linker on the records; `trained` is a model another linker trained and saved
    (`linker.misc.save_model_to_json()`), to predict without training again."""
    memoise_splink_parsing()
    connection, tables = duckdb_tables(data)
    settings = trained or SettingsCreator(
        link_type="link_only" if link_only else "dedupe_only",
        comparisons=list(comparisons()),
        blocking_rules_to_generate_predictions=[
            block_on(*(equal(c) if c in ENCODED_FIELDS else c for c in rule)) for rule in BLOCKING
        ],
        retain_intermediate_calculation_columns=False,
        additional_columns_to_retain=["birth_year", *(ones(c) for c in ENCODED_FIELDS)],
    )
    return Linker(
        tables if len(tables) > 1 else tables[0], settings, db_api=DuckDBAPI(connection=connection)
    )


def linker_train(linker: Linker, names: tuple[str, str] = NAMES_V2) -> None:
    """u by random sampling; m by EM within pairs sharing a date of birth and within pairs
    sharing both names (`names`: the version 2 columns, or version 1 when no record has
    version 2, as in a register of deliveries made before it). Never on the BSN: a file
    without one trains the same model, and the BSN comparison has fixed m and u
    (`BSN_LEVELS`). The prior counts exact agreement on names and date of birth in either
    version."""
    training = linker.training
    exact: list[Any] = [  # splink wants list[str | BlockingRuleCreator]
        block_on(*version, "enc_dob") for version in (NAMES_V2, NAMES_V1)
    ]
    training.estimate_probability_two_random_records_match(exact, recall=LAMBDA_RECALL)
    started = time.perf_counter()
    training.estimate_u_using_random_sampling(max_pairs=U_PAIRS, seed=1)
    TIMES["u"] = time.perf_counter() - started
    for rule in (("enc_dob",), names):
        started = time.perf_counter()
        training.estimate_parameters_using_expectation_maximisation(block_on(*rule))
        TIMES["em " + rule[0]] = time.perf_counter() - started
