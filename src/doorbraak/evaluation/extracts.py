"""A research extract (pure: no Django): minimised, freshly pseudonymised, checked for rare
combinations before release (DESIGN.md §9; issue 18).

- **Minimised**: only the asked targets, the period and the experiments' areas; no household id,
  no buurt, no birth date (a birth year only when asked, as a quasi-identifier).
- **Fresh pseudonyms**: each person's register pseudonym is replaced by HMAC-SHA256 under a key
  drawn at random for this extract and thrown away after writing (`secrets.token_bytes`); the key
  is never stored with the extract or anywhere else, so two extracts, or an extract and the
  register, cannot be joined on the pseudonym.
- **Rare combinations**: every combination of the quasi-identifiers (wijk, birth year, sex where
  asked) must hold at least `threshold` persons (k-anonymity, k = the disclosure gate's
  threshold); persons in a rarer combination are left out, and the count left out is reported.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

QUASI_IDENTIFIERS = ("wijk", "geboortejaar", "geslacht")


@dataclass(frozen=True)
class ExtractResult:
    readings: pd.DataFrame
    persons_kept: int
    persons_dropped: int


def fresh_pseudonyms(persons: pd.Series) -> pd.Series:
    """HMAC-SHA256 under a random key that lives only inside this call."""
    key = secrets.token_bytes(32)
    mapping = {
        person: hmac.new(key, str(person).encode(), hashlib.sha256).hexdigest()[:24]
        for person in persons.unique()
    }
    return persons.map(mapping)


def rare_combinations(persons: pd.DataFrame, threshold: int) -> pd.Series:
    """True for persons whose quasi-identifier combination holds fewer than `threshold`."""
    columns = [c for c in QUASI_IDENTIFIERS if c in persons.columns]
    if not columns:
        return pd.Series(False, index=persons.index)
    sizes = persons.groupby(columns, dropna=False)["person"].transform("size")
    return sizes < threshold


def extract_build(
    readings: pd.DataFrame,
    *,
    targets: list[str],
    start: pd.Timestamp,
    end: pd.Timestamp,
    threshold: int,
    attributes: pd.DataFrame | None = None,
) -> ExtractResult:
    """`readings`: person (register pseudonym), area, date, target, value; `attributes`: person
    with any asked quasi-identifiers (geboortejaar, geslacht)."""
    asked = readings[
        readings["target"].isin(targets) & (readings["date"] >= start) & (readings["date"] <= end)
    ].rename(columns={"area": "wijk"})
    persons = asked.groupby("person", as_index=False)["wijk"].first()
    if attributes is not None:
        persons = persons.merge(attributes, on="person", how="left")
    rare = rare_combinations(persons, threshold)
    kept = persons[~rare]
    released = asked[asked["person"].isin(set(kept["person"]))].merge(
        kept.drop(columns="wijk"), on="person"
    )
    released = released.assign(pseudoniem=fresh_pseudonyms(released["person"]))
    columns = ["pseudoniem", "wijk", "datum", "target", "waarde"]
    extra = [c for c in QUASI_IDENTIFIERS[1:] if c in released.columns]
    frame = released.assign(datum=released["date"].dt.date, waarde=released["value"])
    return ExtractResult(
        frame[columns[:2] + extra + columns[2:]].sort_values(["pseudoniem", "datum"]),
        persons_kept=len(kept),
        persons_dropped=int(rare.sum()),
    )


def extract_write(result: ExtractResult, experiments: pd.DataFrame, folder: Path) -> Path:
    """`metingen.csv` and `experimenten.csv` (the layout `panels.extract_load` reads)."""
    folder.mkdir(parents=True, exist_ok=True)
    result.readings.to_csv(folder / "metingen.csv", index=False)
    experiments.to_csv(folder / "experimenten.csv", index=False)
    return folder
