"""Fellegi-Sunter linkage with splink (EM, DuckDB) over Dice levels of the encodings."""

from collections.abc import Sequence
from typing import Any

import duckdb
import pandas as pd
from splink import DuckDBAPI, Linker, SettingsCreator, block_on

from doorbraak.linkage.encoding import ENCODED_FIELDS, encoding_bits

DICE_LEVELS = (0.95, 0.85, 0.7)
BLOCKING = (
    ("enc_dob",),
    ("enc_surname", "birth_year"),
    ("enc_given_name", "enc_surname"),
    ("enc_address", "enc_postcode"),
)


def _bitstring(encoding: str) -> str:
    return format(encoding_bits(encoding), "01000b") if encoding else ""


def _dice_sql(column: str) -> str:
    left, right = f"{column}_l::BIT", f"{column}_r::BIT"
    return f"(2.0 * bit_count({left} & {right}) / (bit_count({left}) + bit_count({right})))"


def _comparison(column: str) -> dict[str, Any]:
    levels: list[dict[str, Any]] = [
        {
            "sql_condition": f"{column}_l = '' OR {column}_r = ''",
            "is_null_level": True,
            "label_for_charts": "missing",
        },
    ]
    levels += [
        {"sql_condition": f"{_dice_sql(column)} >= {cut}", "label_for_charts": f">={cut}"}
        for cut in DICE_LEVELS
    ]
    levels.append({"sql_condition": "ELSE", "label_for_charts": "else"})
    return {"output_column_name": column, "comparison_levels": levels}


def _bsn_comparison() -> dict[str, Any]:
    return {
        "output_column_name": "bsn",
        "comparison_levels": [
            {"sql_condition": "bsn_l = '' OR bsn_r = ''", "is_null_level": True},
            {"sql_condition": "bsn_l = bsn_r", "label_for_charts": "agree"},
            {"sql_condition": "ELSE", "label_for_charts": "disagree"},
        ],
    }


def frame(records: Sequence[dict[str, str]]) -> pd.DataFrame:
    """Records (id, encodings, optional bsn) as splink input with bit-string encodings."""
    data = pd.DataFrame(list(records)).fillna("")
    for column in ENCODED_FIELDS:
        data[column] = [_bitstring(value) for value in data[column]]
    if "bsn" not in data:
        data["bsn"] = ""
    data["unique_id"] = data["id"].astype(str)
    return data


def linker_build(data: pd.DataFrame | list[pd.DataFrame], *, link_only: bool) -> Linker:
    comparisons: list[Any] = [_comparison(column) for column in ENCODED_FIELDS] + [
        _bsn_comparison()
    ]
    settings = SettingsCreator(
        link_type="link_only" if link_only else "dedupe_only",
        comparisons=comparisons,
        blocking_rules_to_generate_predictions=[block_on(*rule) for rule in BLOCKING],
        retain_intermediate_calculation_columns=False,
    )
    return Linker(data, settings, db_api=DuckDBAPI(connection=duckdb.connect()))


def linker_train(linker: Linker) -> None:
    linker.training.estimate_probability_two_random_records_match(
        [block_on("enc_dob", "enc_surname")], recall=0.8
    )
    linker.training.estimate_u_using_random_sampling(max_pairs=2e5, seed=1)
    for rule in (("enc_dob",), ("enc_surname", "birth_year")):
        linker.training.estimate_parameters_using_expectation_maximisation(block_on(*rule))
