"""Linkage accuracy on a synthetic region: pairwise precision/recall/F1 against the truth.

    PYTHONPATH=src python benchmarks/linkage_accuracy.py /tmp/synth-h4

One record per partner client (first export row about it); pairs evaluated within the splink
dedupe predictions at MATCH_THRESHOLD. A quick first version (see the report): no household
count, no separate tuning seed yet.
"""

import hashlib
import hmac
import secrets
import sys
import time
from itertools import combinations
from pathlib import Path

import pandas as pd
import yaml

from doorbraak.linkage.encoding import encode_record
from doorbraak.linkage.model import frame, linker_build, linker_train

MATCH_THRESHOLD = 0.9


def export_read(path: Path, partner: dict, header_row: int) -> pd.DataFrame:
    skip = header_row - 1
    if path.suffix == ".xlsx":
        return pd.read_excel(path, sheet_name=0, skiprows=skip, dtype=str).fillna("")
    return pd.read_csv(
        path,
        sep=partner["delimiter"],
        encoding=partner["encoding"].replace("utf-8-bom", "utf-8-sig"),
        dtype=str,
        skiprows=skip,
        keep_default_na=False,
    )


def person_fields(row: dict[str, str]) -> dict[str, str]:
    surname = row.get("full_surname") or " ".join(
        x for x in (row.get("surname_prefix", ""), row.get("surname", "")) if x
    )
    street, number = row.get("street", ""), row.get("house_number", "")
    if row.get("address_line"):
        street, _, number = (
            row["address_line"].rpartition(" ")
            if " " in row["address_line"]
            else (row["address_line"], "", "")
        )
    number = f"{number} {row.get('house_number_suffix', '')}".strip()
    return dict(
        given_name=row.get("given_name", ""),
        surname=surname,
        date_of_birth=row.get("birth_date", ""),
        street=street,
        house_number=number,
        postcode=row.get("postcode", ""),
        city=row.get("city", ""),
    )


def records_build(root: Path, key: bytes, with_bsn: bool) -> tuple[list[dict], dict[str, str]]:
    mappings = yaml.safe_load((root / "exports/mappings.yaml").read_text())["partners"]
    truth = pd.read_csv(root / "truth/records.csv", dtype=str)
    who = {(r.file, int(r.row)): r.person_id for r in truth.itertuples()}
    records, person_of, seen = [], {}, set()
    for code, partner in mappings.items():
        for dataset in partner["datasets"].values():
            columns = dataset["columns"]
            if "given_name" not in columns.values():
                continue
            for name in dataset["files"]:
                data = export_read(
                    root / "exports" / code / name, partner, dataset.get("header_row", 1)
                )
                data = data.rename(columns=columns)
                for index, row in enumerate(data.to_dict("records"), start=1):
                    person = who.get((f"{code}/{name}", index))
                    if person is None or (code, person) in seen:
                        continue
                    seen.add((code, person))
                    rid = f"{code}:{person}"
                    bsn = (row.get("bsn") or "").strip() if with_bsn else ""
                    bsn = bsn.zfill(9) if bsn.isdigit() and len(bsn) in (8, 9) else ""
                    pseudo = hmac.new(key, bsn.encode(), hashlib.sha256).hexdigest() if bsn else ""
                    records.append(
                        {"id": rid, "bsn": pseudo, **encode_record(key, **person_fields(row))}
                    )
                    person_of[rid] = person
    return records, person_of


def evaluate(records: list[dict], person_of: dict[str, str], label: str) -> None:
    started = time.perf_counter()
    linker = linker_build(frame(records), link_only=False)
    linker_train(linker)
    found = linker.inference.predict(
        threshold_match_probability=MATCH_THRESHOLD
    ).as_pandas_dataframe()
    predicted = {tuple(sorted(p)) for p in zip(found.unique_id_l, found.unique_id_r, strict=True)}
    by_person: dict[str, list[str]] = {}
    for rid, person in person_of.items():
        by_person.setdefault(person, []).append(rid)
    true = {tuple(sorted(p)) for ids in by_person.values() for p in combinations(ids, 2)}
    nobsn = {r["id"] for r in records if not r["bsn"]}
    for scope, keep in (
        ("all", lambda p: True),
        ("no-BSN", lambda p: p[0] in nobsn or p[1] in nobsn),
    ):
        t, pr = {p for p in true if keep(p)}, {p for p in predicted if keep(p)}
        tp = len(t & pr)
        prec, rec = tp / max(len(pr), 1), tp / max(len(t), 1)
        f1 = 2 * prec * rec / max(prec + rec, 1e-9)
        print(f"{label:24} {scope:7} pairs={len(t):7} P={prec:.4f} R={rec:.4f} F1={f1:.4f}")
    elapsed = time.perf_counter() - started
    print(f"{label:24} records={len(records)} persons(true)={len(by_person)} time={elapsed:.1f}s")


def main() -> None:
    root = Path(sys.argv[1])
    key = secrets.token_bytes(32)
    for with_bsn, label in ((True, "splink + BSN in model"), (False, "splink, no BSN")):
        records, person_of = records_build(root, key, with_bsn)
        evaluate(records, person_of, label)


if __name__ == "__main__":
    main()
