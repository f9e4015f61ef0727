"""`doorbraak link --left A.csv --right B.csv --out PAIRS.csv`: linkage on plain files.

Encodes both sides with a fresh random key, exactly as a partner would (no BSN here), links
them with the splink model (trained by splink, pairs blocked and scored by `linkage.score`)
and writes `left_id,right_id,probability` for the pairs judged to
be the same person: probability at least the match threshold (`--drempel`, default
`link.MATCH`). The pairs the model is unsure of (probability from `link.REVIEW` up to the
threshold) go to the review band (`--beoordelen`, default `<out>` with `.beoordelen` before
the suffix), in the same columns, most probable first. Dutch messages, never a traceback.
"""

import argparse
import csv
import logging
import secrets
import sys
from gettext import gettext as _
from pathlib import Path

from doorbraak.core.cli_args import DutchArgumentParser
from doorbraak.core.encoding_pool import encode_records
from doorbraak.core.errors import UserError
from doorbraak.linkage.link import MATCH, REVIEW, quiet_splink
from doorbraak.linkage.model import frame, linker_build, linker_train, training_sample
from doorbraak.linkage.score import encoded, predict, weights

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
    values = [{f: row[f] or "" for f in fields} for row in rows]
    encoded = encode_records(key, values, version_1_names=False)  # a pool for large files
    return [{"id": row["id"], **record} for row, record in zip(rows, encoded, strict=True)]


def review_path(out: Path) -> Path:
    return out.with_name(f"{out.stem}.beoordelen{out.suffix or '.csv'}")


def pairs_write(
    path: Path,
    left: list[dict[str, str]],
    right: list[dict[str, str]],
    threshold: float = MATCH,
    review: Path | None = None,
) -> tuple[int, int]:
    """Write the pairs at >= threshold to `path` and those in [REVIEW, threshold) to `review`."""
    frames = [frame(left), frame(right)]
    linker = linker_build([training_sample(data) for data in frames], link_only=True)
    linker_train(linker)
    lowest = min(threshold, REVIEW) if review is not None else threshold
    found = predict(weights(linker), encoded(frames[0]), encoded(frames[1]), threshold=lowest)
    left_ids = {record["id"] for record in left}
    rows = sorted(
        (
            ((a, b) if a in left_ids else (b, a), float(p))
            for a, b, p in zip(
                found.unique_id_l, found.unique_id_r, found.match_probability, strict=True
            )
        ),
        key=lambda row: -row[1],
    )
    matches = [row for row in rows if row[1] >= threshold]
    _rows_write(path, matches)
    if review is not None:
        _rows_write(review, [row for row in rows if row[1] < threshold])
    return len(matches), len(rows) - len(matches)


def _rows_write(path: Path, rows: list[tuple[tuple[str, str], float]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["left_id", "right_id", "probability"])
        writer.writerows([first, second, f"{p:.4f}"] for (first, second), p in rows)


def _threshold(text: str) -> float:
    try:
        value = float(text.replace(",", "."))
    except ValueError:
        value = -1.0
    if not 0.0 < value < 1.0:
        raise argparse.ArgumentTypeError(
            _("drempel '{text}' kan niet: geef een kans tussen 0 en 1, bijvoorbeeld 0,99").format(
                text=text
            )
        )
    return value


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
    parser.add_argument(
        "--drempel",
        type=_threshold,
        default=MATCH,
        help=_("de kans vanaf welke een paar dezelfde persoon is (standaard %s)") % MATCH,
    )
    parser.add_argument(
        "--beoordelen",
        type=Path,
        default=None,
        help=_(
            "de twijfelgevallen, kans %s tot de drempel (standaard: naast --out, "
            "<naam>.beoordelen.csv)"
        )
        % REVIEW,
    )
    args = parser.parse_args(argv)
    logging.getLogger("splink").setLevel(logging.ERROR)
    quiet_splink()
    key = secrets.token_bytes(32)
    try:
        left, right = records_read(args.left, key), records_read(args.right, key)
        review = args.beoordelen or review_path(args.out)
        count, doubtful = pairs_write(args.out, left, right, args.drempel, review)
    except UserError as error:
        print(_("Fout: {message}").format(message=error.message), file=sys.stderr)
        return 2
    except Exception:
        print(_("Er ging intern iets mis bij het koppelen."), file=sys.stderr)
        return 1
    print(_("{count} paren geschreven naar {out}.").format(count=count, out=args.out))
    print(
        _("{count} twijfelgevallen (kans {low} tot {high}) geschreven naar {path}.").format(
            count=doubtful, low=REVIEW, high=args.drempel, path=review
        )
    )
    return 0
