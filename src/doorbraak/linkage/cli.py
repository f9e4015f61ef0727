"""`doorbraak link --left A.csv --right B.csv --out PAIRS.csv`: linkage on plain files.

Encodes both sides with a fresh random key, exactly as a partner would (no BSN here), links
them with the splink model and writes `left_id,right_id,probability` for the pairs judged to
be the same person. Dutch messages, never a traceback.
"""

import csv
import logging
import secrets
import sys
from gettext import gettext as _
from pathlib import Path

from doorbraak.core.cli_args import DutchArgumentParser
from doorbraak.core.encodings import encode_record
from doorbraak.core.errors import UserError
from doorbraak.linkage.link import MATCH
from doorbraak.linkage.model import frame, linker_build, linker_train

COLUMNS = (
    "id",
    "given_name",
    "surname",
    "date_of_birth",
    "street",
    "house_number",
    "postcode",
    "city",
)


def records_read(path: Path, key: bytes) -> list[dict[str, str]]:
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            rows = list(csv.DictReader(handle))
            header = rows[0].keys() if rows else []
    except (OSError, UnicodeDecodeError, csv.Error) as error:
        raise UserError(
            "bestand-onleesbaar",
            _("Kan {path} niet lezen: het bestand ontbreekt of is geen CSV in UTF-8.").format(
                path=path
            ),
        ) from error
    missing = [column for column in COLUMNS if column not in header]
    if not rows or missing:
        raise UserError(
            "kolommen-ontbreken",
            _("{path} mist de kolommen: {missing}. Verwacht: {expected}.").format(
                path=path, missing=", ".join(missing) or _("alle rijen"), expected=",".join(COLUMNS)
            ),
        )
    fields = COLUMNS[1:]
    return [
        {"id": row["id"], **encode_record(key, **{f: row[f] or "" for f in fields})} for row in rows
    ]


def pairs_write(path: Path, left: list[dict[str, str]], right: list[dict[str, str]]) -> int:
    linker = linker_build([frame(left), frame(right)], link_only=True)
    linker_train(linker, with_bsn=False)
    pairs = linker.inference.predict(threshold_match_probability=MATCH)
    found = pairs.as_pandas_dataframe()
    left_ids = {record["id"] for record in left}
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["left_id", "right_id", "probability"])
        for a, b, p in zip(
            found.unique_id_l, found.unique_id_r, found.match_probability, strict=True
        ):
            first, second = (a, b) if a in left_ids else (b, a)
            writer.writerow([first, second, f"{p:.4f}"])
    return len(found)


def main(argv: list[str]) -> int:
    parser = DutchArgumentParser(
        prog="doorbraak link",
        description=_(
            "Koppel twee losse bestanden met personen met een nieuwe sleutel, zoals de "
            "bestanden van partners gekoppeld worden; schrijft de paren die dezelfde persoon zijn."
        ),
    )
    columns = ",".join(COLUMNS)
    parser.add_argument(
        "--left", type=Path, required=True, help=_("het eerste bestand (CSV: %s)") % columns
    )
    parser.add_argument("--right", type=Path, required=True, help=_("het tweede bestand"))
    parser.add_argument(
        "--out", type=Path, required=True, help=_("de paren (left_id,right_id,probability)")
    )
    args = parser.parse_args(argv)
    logging.getLogger("splink").setLevel(logging.ERROR)
    key = secrets.token_bytes(32)
    try:
        left, right = records_read(args.left, key), records_read(args.right, key)
        count = pairs_write(args.out, left, right)
    except UserError as error:
        print(_("Fout: {message}").format(message=error.message), file=sys.stderr)
        return 2
    except Exception:
        print(_("Er ging intern iets mis bij het koppelen."), file=sys.stderr)
        return 1
    print(_("{count} paren geschreven naar {out}.").format(count=count, out=args.out))
    return 0
