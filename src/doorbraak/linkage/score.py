"""Blocking and scoring of candidate pairs outside splink (pure: no Django; ADR 0025).

splink trains the model (`linkage.model`); this module finds the candidate pairs and scores
them with the trained m and u, the same Fellegi-Sunter sum splink's `predict` computes, at
about 1.5 µs of CPU a pair instead of 10-14 (docs/benchmarks.md):

- **Encodings as 16 64-bit words** (`Encoded`): the 1,000-bit Bloom filters are decoded once
  into a numpy array per field, and the Dice of two filters is `np.bitwise_count` over the
  words they share (DuckDB's BIT `&` cost about 0.6 µs a Dice, some 15 of them a pair).
- **Blocking whose pairs grow with N, not N squared** (`BLOCKING`): every rule joins on two
  or three keys that are rare together (date of birth with a name, a place or a postcode;
  both names with the birth year or the place; a name with birth year and place), on 64-bit
  hashes of the filters, in DuckDB. The rules of one common key used before (a date of
  birth alone, a name with the birth year, both names) hold only where their block is small
  (`CAPPED`, at most `BLOCK_CAP` pairs): at region scale nearly every block, so a pair whose
  names and address all differ is still compared; at a million a side (30 people a date of
  birth) almost none.
- **Scoring in chunks** (`predict`): the pairs are index pairs; their comparison levels, the
  Bayes factors and the term-frequency adjustment (u of the exact level over the larger
  frequency of the value, as splink's) are computed `CHUNK` pairs at a time and only pairs at
  or above the threshold are kept, so no table of all pairs' fields is ever built.
- **Reading a pseudonymised CSV** (`encoded_csv`) with numpy: cells split on the separators
  and base64 decoded two characters at a time, never a Python object per cell; a file with
  quoted or odd cells goes through DuckDB instead (the same arrays).

The comparison levels are those of `model.comparisons()`, in the same order; a test compares
levels and probabilities with splink's own `predict` on the same pairs
(`tests/linkage/test_score.py`).
"""

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
from splink import Linker

from doorbraak.core.encodings import ENCODED_FIELDS, FILTER_BITS, HASHES_PER_TOKEN, NAMES_V2
from doorbraak.linkage import model

WORDS = 16  # 64-bit words a filter takes (1,000 bits padded to 1,024)
BYTES = FILTER_BITS // 8
CHUNK = 65_536  # pairs scored at a time (their work arrays stay in the CPU's caches)
BLOCK_CAP = 20  # pairs a capped block may hold
GIVEN, SURNAME = NAMES_V2
# a rule: (left column, right column) pairs that must all agree; "birth_year" and "bsn" are
# plain values, the rest hashes of encodings. Crosswise pairs find swapped names.
Rule = tuple[tuple[str, str], ...]


def _same(*columns: str) -> Rule:
    return tuple((c, c) for c in columns)


DOB = ("enc_dob", "enc_dob")
SWAPPED = ((GIVEN, SURNAME), (SURNAME, GIVEN))
BLOCKING: tuple[Rule, ...] = (
    _same("enc_dob", GIVEN),
    _same("enc_dob", SURNAME),
    (DOB, (GIVEN, SURNAME)),  # names swapped on one side
    _same("enc_dob", "enc_given_name"),
    _same("enc_dob", "enc_surname"),
    _same("enc_dob", "enc_postcode"),
    _same("enc_dob", "enc_address"),
    _same("enc_dob", "enc_city"),
    _same(GIVEN, SURNAME, "birth_year"),
    _same("enc_given_name", "enc_surname", "birth_year"),
    (*SWAPPED, ("birth_year", "birth_year")),
    _same(GIVEN, SURNAME, "enc_city"),
    _same(GIVEN, SURNAME, "enc_postcode"),
    _same(GIVEN, "birth_year", "enc_city"),
    _same(SURNAME, "birth_year", "enc_city"),
    _same("enc_given_name", "birth_year", "enc_city"),
    _same("enc_surname", "birth_year", "enc_city"),
    _same("enc_address", "enc_postcode"),
    _same(GIVEN, "enc_postcode"),
    _same(SURNAME, "enc_postcode"),
    _same("bsn"),
)
# one common key: only blocks of at most BLOCK_CAP pairs (all of them at region scale, few or
# none at a million a side)
CAPPED: tuple[Rule, ...] = (
    _same("enc_dob"),
    _same(GIVEN, "birth_year"),
    _same(SURNAME, "birth_year"),
    _same("enc_given_name", "birth_year"),
    _same("enc_surname", "birth_year"),
    _same(GIVEN, SURNAME),
    _same("enc_given_name", "enc_surname"),
)


@dataclass
class Encoded:
    """One side's records as arrays: per field the filter words (or None when no record has
    the field), the set bits, whether it is known, and a 64-bit key for equality (0 when
    missing); birth year (0 when missing) and a key of the BSN pseudonym (0 when missing)."""

    ids: np.ndarray
    words: dict[str, np.ndarray | None] = field(default_factory=dict)
    ones: dict[str, np.ndarray] = field(default_factory=dict)
    known: dict[str, np.ndarray] = field(default_factory=dict)
    key: dict[str, np.ndarray] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.ids)


def encoded(data: pd.DataFrame) -> Encoded:
    """Arrays of a frame as `model.frame` makes it (base64 text, NULL where missing)."""
    connection = duckdb.connect()
    connection.register("records", data)
    return _encoded(connection)


def encoded_csv(path: Path) -> Encoded:
    """Arrays of a pseudonymised CSV (`id`, the encodings, `birth_year`, optionally `bsn`).

    A file as `doorbraak pseudonymise` and the partners write it (no quoted cells, every
    encoding 168 base64 characters or empty) is split and decoded by numpy, without a Python
    object per cell (`_split`, `_base64`): at a million records a side, fetching the decoded
    cells from DuckDB one object each took most of a minute. Any other file is read by DuckDB.
    """
    raw = np.fromfile(path, dtype=np.uint8)
    cells = _split(raw)
    if cells is None:
        return _encoded_duckdb(path)
    header, starts, ends = cells
    column = {name: number for number, name in enumerate(header)}
    width = {c: ends[:, column[c]] - starts[:, column[c]] for c in ENCODED_FIELDS if c in column}
    if "id" not in column or len(width) < len(ENCODED_FIELDS):
        return _encoded_duckdb(path)
    if any(((w != 0) & (w != ENCODED_CHARACTERS)).any() for w in width.values()):
        return _encoded_duckdb(path)  # an odd cell (a guard before it, spaces): DuckDB
    found = Encoded(ids=_text(raw, starts[:, column["id"]], ends[:, column["id"]]))
    size = len(found)
    for name in ENCODED_FIELDS:
        known = width[name] == ENCODED_CHARACTERS
        found.known[name] = known
        words = _base64(raw, starts[:, column[name]], known) if known.any() else None
        _field(found, name, words, known, size)
    years = _text(raw, starts[:, column["birth_year"]], ends[:, column["birth_year"]])
    found.key["birth_year"] = (
        pd.to_numeric(pd.Series(years), errors="coerce").fillna(0).to_numpy(dtype=np.int64)
    )
    found.key["bsn"] = np.zeros(size, dtype=np.int64)
    if "bsn" in column:
        found.key["bsn"] = _bsn_keys(_text(raw, starts[:, column["bsn"]], ends[:, column["bsn"]]))
    return found


def _bsn_keys(values: np.ndarray) -> np.ndarray:
    """A 64-bit key of each BSN pseudonym, 0 where there is none."""
    text = pd.Series(values, dtype=object).fillna("").astype(str)
    hashed = pd.util.hash_pandas_object(text, index=False).to_numpy().view(np.int64) | 1
    return np.where(text.to_numpy() != "", hashed, 0)


ENCODED_CHARACTERS = 4 * math.ceil(BYTES / 3)  # base64 of one filter: 168
_SPLIT_BLOCK = 1 << 26


def _split(raw: np.ndarray) -> tuple[list[str], np.ndarray, np.ndarray] | None:
    """The header and each cell's start and end offsets, or None for a file with quotes or
    rows of another length."""
    newline = int(np.argmax(raw == ord("\n"))) if len(raw) else 0
    if not len(raw) or raw[newline] != ord("\n"):
        return None
    header = raw[:newline].tobytes().decode("utf-8-sig").rstrip("\r").split(",")
    lines, commas = [], []
    for at in range(newline + 1, len(raw), _SPLIT_BLOCK):
        block = raw[at : at + _SPLIT_BLOCK]
        if (block == ord('"')).any():
            return None
        lines.append(np.flatnonzero(block == ord("\n")) + at)
        commas.append(np.flatnonzero(block == ord(",")) + at)
    line_ends = np.concatenate(lines) if lines else np.zeros(0, dtype=np.int64)
    if len(line_ends) == 0 or line_ends[-1] != len(raw) - 1:
        line_ends = np.append(line_ends, len(raw))  # no newline after the last row
    comma = np.concatenate(commas) if commas else np.zeros(0, dtype=np.int64)
    rows, separators = len(line_ends), len(header) - 1
    if len(comma) != rows * separators:
        return None
    line_starts = np.concatenate([[newline + 1], line_ends[:-1] + 1])
    comma = comma.reshape(rows, separators)
    if separators and ((comma[:, 0] < line_starts) | (comma[:, -1] > line_ends)).any():
        return None
    starts = np.column_stack([line_starts, comma + 1])
    ends = np.column_stack([comma, line_ends])
    ends[:, -1] -= (ends[:, -1] > starts[:, -1]) & (raw[ends[:, -1] - 1] == ord("\r"))  # \r\n
    return header, starts, ends


def _text(raw: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """The cells as an array of str."""
    width = max(int((ends - starts).max()), 1) if len(starts) else 1
    offsets = starts[:, None] + np.arange(width)
    inside = offsets < ends[:, None]
    chars = np.where(inside, raw[np.minimum(offsets, len(raw) - 1)], 0).astype(np.uint8)
    return chars.view(f"S{width}").ravel().astype(str)


_BASE64 = np.zeros(256, dtype=np.uint8)
_BASE64[
    np.frombuffer(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/", np.uint8)
] = np.arange(64, dtype=np.uint8)


_PAIR = np.arange(1 << 16)  # two base64 characters as one little-endian uint16 -> 12 bits
_BASE64_PAIRS = ((_BASE64[_PAIR & 255].astype(np.uint16) << 6) | _BASE64[_PAIR >> 8]).astype(
    np.uint16
)


def _base64(raw: np.ndarray, starts: np.ndarray, known: np.ndarray) -> np.ndarray:
    """The filters of the known cells as (N, WORDS) uint64, zeros where unknown. Two
    characters at a time through a table of 65,536 (12 bits each), two of those make three
    bytes; in blocks of rows so the work arrays stay small."""
    words = np.zeros((len(starts), WORDS), dtype=np.uint64)
    as_bytes = words.view(np.uint8)
    rows = np.flatnonzero(known)
    cells = np.lib.stride_tricks.sliding_window_view(raw, ENCODED_CHARACTERS)
    for at in range(0, len(rows), 65_536):
        block = rows[at : at + 65_536]
        pairs = _BASE64_PAIRS[cells[starts[block]].view(np.uint16)].reshape(len(block), -1, 2)
        groups = pairs[:, :, 0].astype(np.uint32) << 12
        groups |= pairs[:, :, 1]
        three = np.empty((*groups.shape, 3), dtype=np.uint8)
        three[:, :, 0], three[:, :, 1], three[:, :, 2] = groups >> 16, groups >> 8, groups
        as_bytes[block, :BYTES] = three.reshape(len(block), -1)[:, :BYTES]
    return words


def _field(
    found: Encoded, name: str, words: np.ndarray | None, known: np.ndarray, size: int
) -> None:
    if words is None:
        found.words[name] = None
        found.ones[name] = np.zeros(size, dtype=np.int32)
        found.key[name] = np.zeros(size, dtype=np.int64)
        return
    found.words[name] = words
    found.ones[name] = np.bitwise_count(words).sum(axis=1, dtype=np.int32)
    found.key[name] = np.where(known, _hash(words), 0)


def _encoded_duckdb(path: Path) -> Encoded:
    """Any CSV of the same columns, read by DuckDB."""
    connection = duckdb.connect()
    connection.execute(  # the path is a parameter; only our own names are in the SQL
        "CREATE TABLE records AS SELECT * FROM read_csv($path, all_varchar = true, header = true)",
        {"path": str(path)},
    )
    columns = [row[0] for row in connection.execute("DESCRIBE records").fetchall()]
    connection.execute("ALTER TABLE records RENAME COLUMN id TO unique_id")
    if "bsn" not in columns:
        connection.execute("ALTER TABLE records ADD COLUMN bsn VARCHAR")
    return _encoded(connection)


def _encoded(connection: duckdb.DuckDBPyConnection) -> Encoded:
    """Arrays of the table `records`: an empty text is missing as NULL is; a leading `'` (the
    spreadsheet guard of `sources.writers.cell_neutralise`) is dropped."""
    zero = "'" + "\\x00" * BYTES + "'::BLOB"
    ids = connection.execute("SELECT unique_id FROM records").fetchnumpy()["unique_id"]
    found = Encoded(ids=np.asarray(ids, dtype=object))
    size = len(ids)
    for column in ENCODED_FIELDS:
        text = f"nullif(ltrim({column}, ''''), '')"
        result = connection.execute(  # only our own column names go into this SQL
            f"SELECT {text} IS NOT NULL AS known, coalesce(from_base64({text}), {zero}) AS bits"  # noqa: S608
            " FROM records"
        ).fetchnumpy()
        known = np.asarray(result["known"], dtype=bool)
        found.known[column] = known
        words = _words(result["bits"], size) if known.any() else None
        _field(found, column, words, known, size)
    rest = connection.execute(
        "SELECT coalesce(TRY_CAST(birth_year AS BIGINT), 0) AS birth_year, bsn::VARCHAR AS bsn"
        " FROM records"
    ).fetchnumpy()
    found.key["birth_year"] = np.asarray(rest["birth_year"], dtype=np.int64)
    found.key["bsn"] = _bsn_keys(np.asarray(rest["bsn"], dtype=object))
    connection.close()
    return found


def _words(blob: np.ndarray, size: int) -> np.ndarray:
    raw = np.frombuffer(b"".join(blob.tolist()), dtype=np.uint8).reshape(size, BYTES)
    padded = np.zeros((size, WORDS * 8), dtype=np.uint8)
    padded[:, :BYTES] = raw
    return padded.view(np.uint64)


def _hash(words: np.ndarray) -> np.ndarray:
    """A 64-bit key of each filter (odd, so never the 0 of a missing value)."""
    value = np.zeros(len(words), dtype=np.uint64)
    with np.errstate(over="ignore"):
        for word in range(WORDS):
            value = (value ^ words[:, word]) * np.uint64(0x9E3779B97F4A7C15)
            value ^= value >> np.uint64(29)
    return value.view(np.int64) | 1


def candidates(left: Encoded, right: Encoded | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Distinct index pairs (left, right) the blocking rules give; with `right` None the
    pairs within `left` (each once, smaller index first)."""
    connection = duckdb.connect()
    sides = {"l": left, "r": right or left}
    for name, side in sides.items():
        columns = {"row": np.arange(len(side), dtype=np.int64)} | {
            k: v for k, v in side.key.items()
        }
        connection.register(f"keys_{name}", pd.DataFrame(columns))
    queries = [_rule_sql(rule, dedupe=right is None) for rule in BLOCKING]
    queries += [_capped_sql(rule, dedupe=right is None) for rule in CAPPED]
    found = connection.execute(
        "SELECT DISTINCT i, j FROM (" + " UNION ALL ".join(queries) + ") ORDER BY i"  # noqa: S608
    ).fetchnumpy()
    connection.close()
    return found["i"].astype(np.int64), found["j"].astype(np.int64)


def _rule_sql(rule: Rule, *, dedupe: bool) -> str:
    """Only our own column names go into this SQL."""
    join = " AND ".join(f"l.{a} = r.{b} AND l.{a} <> 0" for a, b in rule)
    if dedupe:
        crosswise = any(a != b for a, b in rule)
        pick = (
            "least(l.row, r.row) AS i, greatest(l.row, r.row) AS j"
            if crosswise
            else "l.row AS i, r.row AS j"
        )
        order = "l.row <> r.row" if crosswise else "l.row < r.row"
        return f"SELECT {pick} FROM keys_l AS l JOIN keys_l AS r ON {join} WHERE {order}"  # noqa: S608
    return f"SELECT l.row AS i, r.row AS j FROM keys_l AS l JOIN keys_r AS r ON {join}"  # noqa: S608


def _capped_sql(rule: Rule, *, dedupe: bool) -> str:
    """A rule on one common key (or two), kept only for blocks of at most BLOCK_CAP pairs.
    Only our own column names go into this SQL."""
    columns = [a for a, _ in rule]
    names = ", ".join(columns)
    right = "keys_l" if dedupe else "keys_r"
    pairs = "n_l * (n_l - 1) / 2" if dedupe else "n_l * n_r"
    known = " AND ".join(f"{c} <> 0" for c in columns)
    small = (
        f"SELECT {names} FROM (SELECT {names}, count(*) AS n_l FROM keys_l WHERE {known}"  # noqa: S608
        f" GROUP BY ALL) JOIN (SELECT {names}, count(*) AS n_r FROM {right} WHERE {known}"
        f" GROUP BY ALL) USING ({names}) WHERE {pairs} <= {BLOCK_CAP}"
    )
    on = {side: " AND ".join(f"{side}.{c} = s.{c}" for c in columns) for side in "lr"}
    order = " WHERE l.row < r.row" if dedupe else ""
    return (
        f"SELECT l.row AS i, r.row AS j FROM ({small}) AS s JOIN keys_l AS l ON {on['l']}"  # noqa: S608
        f" JOIN {right} AS r ON {on['r']}{order}"
    )


@dataclass(frozen=True)
class Weights:
    """A trained model as arrays: per comparison the log2 Bayes factor of each comparison
    vector value (index value + 1; -1 is the null level), the level of the exact match with
    its u when it carries a term-frequency adjustment; the prior."""

    prior: float
    log2_factor: dict[str, np.ndarray]
    term_frequency: dict[str, tuple[int, float, float]]  # name -> (level, u exact, weight)


def weights(linker: Linker, prior: float | None = None) -> Weights:
    settings = linker._settings_obj
    factors: dict[str, np.ndarray] = {}
    adjusted: dict[str, tuple[int, float, float]] = {}
    for comparison in settings.comparisons:
        levels = comparison.comparison_levels
        table = np.zeros(len(levels) + 1)
        for level in levels:
            value = level.comparison_vector_value
            factor = 1.0 if level.is_null_level else level._bayes_factor
            table[value + 1] = math.log2(factor) if factor > 0 else -math.inf
            tf = level._has_tf_adjustments and not level._is_else_level
            u_exact = level._u_probability_corresponding_to_exact_match(levels) if tf else None
            if u_exact is not None:  # no u, no adjustment
                adjusted[comparison.output_column_name] = (
                    value,
                    float(u_exact),
                    float(level._tf_adjustment_weight),
                )
        factors[comparison.output_column_name] = table
    given_prior = settings._probability_two_random_records_match
    return Weights(prior if prior is not None else given_prior, factors, adjusted)


def predict(
    trained: Weights,
    left: Encoded,
    right: Encoded | None = None,
    threshold: float = 0.0,
    pairs: tuple[np.ndarray, np.ndarray] | None = None,
) -> pd.DataFrame:
    """The candidate pairs at or above `threshold`: unique_id_l, unique_id_r,
    match_probability and gamma_<comparison> (the comparison vector), as splink's predict,
    and the records' positions row_l and row_r."""
    dedupe = right is None
    other = left if right is None else right
    i, j = pairs if pairs is not None else candidates(left, right)
    frequency = _term_frequencies(trained, [left] if dedupe else [left, other])
    prior_weight = math.log2(trained.prior / (1.0 - trained.prior))
    kept: list[pd.DataFrame] = []
    buffers = _Buffers()
    for start in range(0, len(i), CHUNK):
        a, b = i[start : start + CHUNK], j[start : start + CHUNK]
        gammas = _gammas(_Pairs(left, other, a, b, buffers))
        weight = np.full(len(a), prior_weight)
        for name, gamma in gammas.items():
            weight += trained.log2_factor[name][gamma + 1]
            if name in trained.term_frequency:
                level, u_exact, power = trained.term_frequency[name]
                key = _TF_COLUMN[name]
                larger = np.maximum(frequency[key][0][a], frequency[key][1][b])
                exact = gamma == level
                weight[exact] += power * np.log2(u_exact / larger[exact])
        # weights beyond +-1,000 are certain either way; clipped, exp2 does not overflow
        probability = 1.0 / (1.0 + np.exp2(-np.clip(weight, -1000.0, 1000.0)))
        keep = probability >= threshold
        chunk = {
            "unique_id_l": left.ids[a[keep]],
            "unique_id_r": other.ids[b[keep]],
            "match_probability": probability[keep],
            "row_l": a[keep],
            "row_r": b[keep],
        }
        chunk |= {f"gamma_{name}": gamma[keep] for name, gamma in gammas.items()}
        kept.append(pd.DataFrame(chunk))
    if not kept:
        return pd.DataFrame(
            columns=["unique_id_l", "unique_id_r", "match_probability", "row_l", "row_r"]
            + [f"gamma_{name}" for name in trained.log2_factor]
        )
    return pd.concat(kept, ignore_index=True)


_TF_COLUMN = {"enc_given_name": GIVEN, "enc_surname": SURNAME, "address": "enc_city"}


def _term_frequencies(
    trained: Weights, sides: Sequence[Encoded]
) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """Per term-frequency column, each record's share of the non-missing values of all
    records (both sides together, as splink's concatenated table)."""
    found = {}
    for name in trained.term_frequency:
        column = _TF_COLUMN[name]
        keys = np.concatenate([side.key[column] for side in sides])
        known = keys != 0
        values, inverse, counts = np.unique(keys[known], return_inverse=True, return_counts=True)
        share = np.ones(len(keys))
        share[known] = counts[inverse] / max(int(known.sum()), 1)
        del values
        first = share[: len(sides[0])]
        found[column] = (first, share[len(sides[0]) :] if len(sides) > 1 else first)
    return found


class _Buffers:
    """Work arrays of one chunk, kept from chunk to chunk (numpy writes into them instead of
    allocating fresh memory for every operation)."""

    def __init__(self) -> None:
        self._arrays: dict[tuple[str, ...], np.ndarray] = {}

    def get(self, name: tuple[str, ...], size: int, dtype: type, width: int = WORDS) -> np.ndarray:
        array = self._arrays.get(name)
        if array is None or len(array) < size:
            array = self._arrays[name] = np.empty((max(size, CHUNK), width), dtype=dtype)
        return array[:size]


class _Pairs:
    """The fields of one chunk of pairs, gathered once per side and field, on demand."""

    def __init__(
        self, left: Encoded, right: Encoded, a: np.ndarray, b: np.ndarray, buffers: _Buffers
    ) -> None:
        self.left, self.right, self.a, self.b = left, right, a, b
        self.buffers = buffers
        self._known: dict[tuple[str, str], np.ndarray] = {}
        self._gathered: dict[tuple[str, str], np.ndarray] = {}
        self._common: dict[tuple[str, str], np.ndarray] = {}

    def both(self, column: str, right_column: str | None = None) -> np.ndarray:
        key = (column, right_column or column)
        if key not in self._known:
            self._known[key] = self.left.known[key[0]][self.a] & self.right.known[key[1]][self.b]
        return self._known[key]

    def ones(self, column: str) -> tuple[np.ndarray, np.ndarray]:
        return self.left.ones[column][self.a], self.right.ones[column][self.b]

    def _words(self, side: str, column: str) -> np.ndarray | None:
        if (side, column) not in self._gathered:
            records, rows = (self.left, self.a) if side == "l" else (self.right, self.b)
            words = records.words[column]
            if words is None:
                return None
            out = self.buffers.get((side, column), len(rows), np.uint64)
            self._gathered[(side, column)] = np.take(words, rows, axis=0, out=out)
        return self._gathered[(side, column)]

    def common(self, left_column: str, right_column: str) -> np.ndarray:
        """Bits set in both filters (0 where either field is missing everywhere)."""
        key = (left_column, right_column)
        if key not in self._common:
            x, y = self._words("l", left_column), self._words("r", right_column)
            if x is None or y is None:
                self._common[key] = np.zeros(len(self.a), dtype=np.int32)
            else:
                size = len(self.a)
                both = np.bitwise_and(x, y, out=self.buffers.get(("and",), size, np.uint64))
                counts = np.bitwise_count(both, out=self.buffers.get(("count",), size, np.uint8))
                self._common[key] = counts.sum(axis=1, dtype=np.int32)
        return self._common[key]

    def dice(self, left_column: str, right_column: str | None = None) -> np.ndarray:
        """Dice of the two filters; NaN where either is missing (NULL in SQL)."""
        right_column = right_column or left_column
        together = self.left.ones[left_column][self.a] + self.right.ones[right_column][self.b]
        with np.errstate(divide="ignore", invalid="ignore"):
            value = 2.0 * self.common(left_column, right_column) / together
        return np.where(self.both(left_column, right_column), value, np.nan)

    def equal(self, column: str) -> np.ndarray:
        key = self.left.key[column][self.a]
        return (key != 0) & (key == self.right.key[column][self.b])


def _levels(conditions: Sequence[np.ndarray], null: np.ndarray) -> np.ndarray:
    """The comparison vector value: -1 where `null`, else the first condition that holds,
    counted down from len(conditions) (the ELSE level is 0)."""
    gamma = np.zeros(len(null), dtype=np.int8)
    undecided = np.ones(len(null), dtype=bool)
    for number, condition in enumerate(conditions):
        hit = undecided & condition
        gamma[hit] = len(conditions) - number
        undecided &= ~hit
    gamma[null] = -1
    return gamma


def _gammas(pairs: _Pairs) -> dict[str, np.ndarray]:
    left, right, a, b = pairs.left, pairs.right, pairs.a, pairs.b
    swapped = _swapped(pairs)
    found = {
        "enc_given_name": _name(pairs, "enc_given_name", swapped),
        "enc_surname": _name(pairs, "enc_surname", swapped),
        "enc_dob": _dob(pairs),
        "address": _address(pairs),
    }
    bsn_known = (left.key["bsn"][a] != 0) & (right.key["bsn"][b] != 0)
    found["bsn"] = _levels([pairs.equal("bsn")], ~bsn_known)
    return found


def _swapped(pairs: _Pairs) -> np.ndarray:
    """As the `swapped` macro: both version 2 names on both sides, and crosswise they agree
    clearly better than straight."""
    known = pairs.both(GIVEN) & pairs.both(SURNAME)
    crosswise = pairs.dice(GIVEN, SURNAME) + pairs.dice(SURNAME, GIVEN)
    straight = pairs.dice(GIVEN) + pairs.dice(SURNAME)
    return known & (crosswise > straight + 0.3)


def _name(pairs: _Pairs, column: str, swapped: np.ndarray) -> np.ndarray:
    v2 = f"{column}_v2"
    other = SURNAME if v2 == GIVEN else GIVEN
    score = np.where(
        swapped,
        pairs.dice(v2, other),
        np.where(pairs.both(v2), pairs.dice(v2), pairs.dice(column)),
    )
    few = np.minimum(*pairs.ones(v2))
    common = pairs.common(v2, v2)
    if column == "enc_given_name":
        last = pairs.both(v2) & (few <= HASHES_PER_TOKEN) & (common == few)
    else:
        last = pairs.both(v2) & (few >= 40) & (common >= 0.95 * few)
    exact = [pairs.equal(v2)] if model.TERM_FREQUENCIES else []
    conditions = [*exact, score >= 0.95, score >= 0.85, score >= 0.7, last]
    return _levels(conditions, ~pairs.both(column) & ~pairs.both(v2))


def _dob(pairs: _Pairs) -> np.ndarray:
    dob = pairs.dice("enc_dob")
    year = pairs.left.key["birth_year"][pairs.a]
    same_year = (year != 0) & (year == pairs.right.key["birth_year"][pairs.b])
    return _levels([dob >= 0.99, dob >= 0.8, same_year], ~pairs.both("enc_dob"))


def _address(pairs: _Pairs) -> np.ndarray:
    street_known, postcode_known = pairs.both("enc_address"), pairs.both("enc_postcode")
    city_known = pairs.both("enc_city")
    street = street_known & (pairs.dice("enc_address") >= 0.85)
    postcode = postcode_known & (pairs.dice("enc_postcode") >= 0.95)
    conditions = [
        street_known & postcode_known & street & postcode,
        street | postcode,
        *([pairs.equal("enc_city")] if model.TERM_FREQUENCIES else []),
        city_known & (pairs.dice("enc_city") >= 0.9),
    ]
    return _levels(conditions, ~street_known & ~postcode_known & ~city_known)
