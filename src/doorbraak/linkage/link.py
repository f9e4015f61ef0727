"""Link pseudonymised records into persons (pure: no Django).

`link(records, decisions)` takes records as `doorbraak pseudonymise` writes them (an `id`, the
per-field encodings, `birth_year` and the `bsn_pseudonym`, which may be empty) and returns a
`LinkResult`: every record's person key, the pairs judged the same person, and the review
list of pairs the model is unsure of.

Records of one partner with identical identifying fields are one *identity* for the model (a
partner's monthly exports repeat the same client), which keeps the pairwise work proportional
to the number of distinct identities. The same fields at two partners stay two identities:
the pairs that agree on everything are what the model learns a match looks like from.

The model is trained by splink (`linkage.model`); the candidate pairs are blocked and scored
by `linkage.score` (ADR 0025). Pairs with probability >= `MATCH` are matches; pairs in
[`REVIEW`, `MATCH`) go to the review list unless a reviewer decided them. A reviewer's
decision overrides the model: "same" adds the pair as a match, "different" removes it.
Persons are the connected components of the match graph (union-find); a component that
holds a pair a reviewer called "different" is still one component, and is reported in
`conflicts` so it can be reviewed again.

A person key is derived from the smallest identity in its component, so it stays the same
between runs as long as that identity stays in the component.
"""

import hashlib
import logging
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import pandas as pd

from doorbraak.core.encodings import ENCODED_FIELDS, NAMES_V1, NAMES_V2
from doorbraak.linkage.model import (
    frame,
    level_labels,
    linker_build,
    linker_train,
    parameters,
    training_sample,
)
from doorbraak.linkage.score import encoded, predict, weights

MATCH = 0.99
REVIEW = 0.5
IDENTITY_FIELDS = ("partner", *ENCODED_FIELDS, "birth_year", "bsn_pseudonym")


@dataclass(frozen=True)
class Pair:
    """Two identities the model compared, by one record id of each."""

    left: str
    right: str
    probability: float
    agreement: dict[str, str]  # comparison -> level label (Dutch), never identities


@dataclass
class LinkResult:
    person_of: dict[str, str]  # record id -> person key
    matches: list[Pair]
    review: list[Pair]
    conflicts: list[tuple[str, str]]  # "different" decisions inside one person
    parameters: list[tuple[str, str, float, float]]  # comparison, level, m, u
    identities: int = 0
    seconds: float = 0.0
    pairs_scored: int = 0
    decided: int = 0
    extra: dict[str, float] = field(default_factory=dict)

    @property
    def persons(self) -> int:
        return len(set(self.person_of.values()))


def pair_key(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a <= b else (b, a)


def identity_of(record: Mapping[str, str]) -> str:
    text = "\x1f".join(record.get(name, "") or "" for name in IDENTITY_FIELDS)
    return hashlib.sha256(text.encode()).hexdigest()[:24]


def link(
    records: Iterable[Mapping[str, str]],
    decisions: Mapping[tuple[str, str], bool] | None = None,
) -> LinkResult:
    """Link records; `decisions` maps (record id, record id) to True (same) / False."""
    started = time.perf_counter()
    quiet_splink()
    identity_records: dict[str, dict[str, str]] = {}
    identity_of_record: dict[str, str] = {}
    for record in records:
        identity = identity_of(record)
        identity_of_record[record["id"]] = identity
        if identity not in identity_records:
            identity_records[identity] = {
                "id": identity,
                "bsn": record.get("bsn_pseudonym", "") or "",
                **{name: record.get(name, "") or "" for name in (*ENCODED_FIELDS, "birth_year")},
            }
    decided = _decisions_by_identity(decisions or {}, identity_of_record)
    scored: list[Pair] = []
    learned: list[tuple[str, str, float, float]] = []
    if len(identity_records) > 1:
        data = frame(list(identity_records.values()))
        linker = linker_build(training_sample(data), link_only=False)
        version_2 = any(r["enc_given_name_v2"] for r in identity_records.values())
        linker_train(linker, NAMES_V2 if version_2 else NAMES_V1)
        scored = _pairs(predict(weights(linker), encoded(data), threshold=REVIEW))
        learned = parameters(linker)
    matches, review = [], []
    for pair in scored:
        verdict = decided.get(pair_key(pair.left, pair.right))
        if verdict is True or (verdict is None and pair.probability >= MATCH):
            matches.append(pair)
        elif verdict is None:
            review.append(pair)
    scored_keys = {pair_key(p.left, p.right) for p in scored}
    for (a, b), same in decided.items():
        if same and (a, b) not in scored_keys:
            matches.append(Pair(a, b, 1.0, {}))
    person_of_identity, conflicts = _components(
        identity_records, matches, [k for k, same in decided.items() if not same]
    )
    first_record: dict[str, str] = {}
    for record_id, identity in identity_of_record.items():
        first_record.setdefault(identity, record_id)
    review.sort(key=lambda p: -p.probability)
    return LinkResult(
        person_of={r: person_of_identity[i] for r, i in identity_of_record.items()},
        matches=[_as_records(p, first_record) for p in matches],
        review=[_as_records(p, first_record) for p in review],
        conflicts=[(first_record[a], first_record[b]) for a, b in conflicts],
        parameters=learned,
        identities=len(identity_records),
        seconds=time.perf_counter() - started,
        pairs_scored=len(scored),
        decided=len(decided),
    )


def quiet_splink() -> None:
    """splink reports every training step at INFO; users see our progress lines instead."""
    for name in ["splink", *logging.root.manager.loggerDict]:
        if name.startswith("splink"):
            logging.getLogger(name).setLevel(logging.WARNING)


def _decisions_by_identity(
    decisions: Mapping[tuple[str, str], bool], identity_of_record: Mapping[str, str]
) -> dict[tuple[str, str], bool]:
    found = {}
    for (a, b), same in decisions.items():
        if a in identity_of_record and b in identity_of_record:
            left, right = identity_of_record[a], identity_of_record[b]
            if left != right:
                found[pair_key(left, right)] = same
    return found


def _pairs(found: pd.DataFrame) -> list[Pair]:
    gammas = [c for c in found.columns if c.startswith("gamma_")]
    labels = level_labels()
    pairs = []
    for row in found.to_dict("records"):
        agreement = {g[6:]: labels.get((g[6:], int(row[g])), str(row[g])) for g in gammas}
        probability = float(row["match_probability"])
        pairs.append(Pair(str(row["unique_id_l"]), str(row["unique_id_r"]), probability, agreement))
    return pairs


def _components(
    identities: Mapping[str, object],
    matches: list[Pair],
    different: list[tuple[str, str]],
) -> tuple[dict[str, str], list[tuple[str, str]]]:
    parent = {identity: identity for identity in identities}

    def root(node: str) -> str:
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for pair in matches:
        a, b = root(pair.left), root(pair.right)
        if a != b:
            parent[max(a, b)] = min(a, b)
    person = {identity: "PS" + root(identity)[:16] for identity in identities}
    conflicts = [(a, b) for a, b in different if person[a] == person[b]]
    return person, conflicts


def _as_records(pair: Pair, first_record: Mapping[str, str]) -> Pair:
    return Pair(first_record[pair.left], first_record[pair.right], pair.probability, pair.agreement)
