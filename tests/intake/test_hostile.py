"""The hostile corpus (tests/intake/hostile/): raw exports of every kind of partner, each
fault listed in truth.csv, go the whole real way: `doorbraak pseudonymise` on the partner's
machine, then the intake. Every fault is reported on its row in the partner's own file,
with its code, column and verdict; no other row is rejected or warned; a blank line gets no
row result; read = accepted + warned + rejected; nothing raises."""

import contextlib
import csv
import io
from collections import Counter
from pathlib import Path

import pytest

from doorbraak.cli import main
from doorbraak.intake.mappings import mappings_load
from doorbraak.intake.models import ImportBatch, RowResult, SourceRecord
from doorbraak.intake.services import import_batch_run
from doorbraak.partners.models import Partner
from doorbraak.partners.services import partner_add
from tests.conftest import TEST_KEY

HOSTILE = Path(__file__).parent / "hostile"
EXPORTS = HOSTILE / "exports"
MAPPINGS = HOSTILE / "mappings.yaml"
SECTORS = {
    "gemeente-zuiderveen": "gemeente",
    "woonstichting-de-kade": "wonen",
    "woongoed-dollard": "wonen",
    "energie-groenstroom-noord": "energie",
    "waterbedrijf-lauwerszee": "water",
    "zorgverzekeraar-kustzorg": "zorgverzekeraar",
    "rbl-veenkolonien": "onderwijs",
    "wijkteam-eemsmond": "wijkteam",
}
FILES = sorted(str(p.relative_to(EXPORTS)) for p in EXPORTS.glob("*/*"))
REPORTED = (RowResult.Result.REJECTED, RowResult.Result.WARNED)


def _truth() -> list[dict[str, str]]:
    with (HOSTILE / "truth.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


TRUTH = _truth()


def test_the_corpus_is_hostile_enough() -> None:
    faults = [t for t in TRUTH if t["verdict"] != "genegeerd"]
    assert len(FILES) >= 10
    assert {t["file"] for t in TRUTH} == set(FILES)
    assert set(SECTORS) == {f.split("/")[0] for f in FILES}
    assert len(faults) >= 40
    assert len({t["code"] for t in faults}) >= 15
    assert {"afgewezen", "gewaarschuwd"} == {t["verdict"] for t in faults}
    assert len({(t["file"], t["row"]) for t in TRUTH}) == len(TRUTH), "one fault per row"


@pytest.fixture(scope="module")
def pseudonymised(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every partner's exports through `doorbraak pseudonymise`, as the partner runs it."""
    out = tmp_path_factory.mktemp("hostile")
    key = out / "sleutel.hex"
    key.write_text(TEST_KEY.hex() + "\n")  # the programme's key in the test world
    for folder in sorted(p for p in EXPORTS.iterdir() if p.is_dir()):
        files = [str(f) for f in sorted(folder.iterdir())]
        argv = ["pseudonymise", "--mapping", str(MAPPINGS), "--partner", folder.name]
        argv += ["--sleutel", str(key)]
        printed = io.StringIO()
        with contextlib.redirect_stdout(printed), contextlib.redirect_stderr(printed):
            code = main([*argv, "--uit", str(out / folder.name), *files])
        assert code == 0, printed.getvalue()
        assert "Traceback" not in printed.getvalue()
    return out


@pytest.fixture
def partners(db: None) -> None:
    for code, sector in SECTORS.items():
        partner_add(code=code, name=code.replace("-", " ").title(), sector=sector)
    mappings_load(path=MAPPINGS)


def _import(pseudonymised: Path, file: str) -> ImportBatch:
    partner = Partner.objects.get(code=file.split("/")[0])
    return import_batch_run(partner=partner, path=pseudonymised / file)


@pytest.mark.usefixtures("partners")
@pytest.mark.parametrize("file", FILES)
def test_every_fault_on_its_row_and_no_other(pseudonymised: Path, file: str) -> None:
    batch = _import(pseudonymised, file)
    rows = list(RowResult.objects.filter(batch=batch).order_by("row_number"))
    found = {r.row_number: (r.result, r.error_code, r.column) for r in rows}
    assert len(found) == len(rows) == batch.read, "one result per row"
    assert batch.read == batch.accepted + batch.warned + batch.rejected
    truth = [t for t in TRUTH if t["file"] == file]
    expected = {
        int(t["row"]): (t["verdict"], t["code"], t["column"])
        for t in truth
        if t["verdict"] != "genegeerd"
    }
    reported = {n: got for n, got in found.items() if got[0] in REPORTED}
    assert reported == expected
    for blank in (int(t["row"]) for t in truth if t["verdict"] == "genegeerd"):
        assert blank not in found, f"blank line {blank} got a row result"
    assert batch.accepted >= 2, "the valid rows are accepted"
    for row in rows:
        if row.result in REPORTED:
            assert str(row.row_number) in row.message
            assert "Kolom ''" not in row.message
            assert not row.message.endswith(": ")


@pytest.mark.usefixtures("partners")
@pytest.mark.parametrize(
    ("file", "key", "field", "value"),
    [
        ("woongoed-dollard/huurachterstanden-2026-11.xlsx", "Z-5001", "amount", "1048.53"),
        ("woongoed-dollard/huurachterstanden-2026-11.xlsx", "Z-5002", "amount", "2310.00"),
        ("energie-groenstroom-noord/betalingsachterstanden-2026.xlsx", "GN-26-1001", "amount",
         "1048.53"),
        ("energie-groenstroom-noord/betalingsachterstanden-2026.xlsx", "GN-26-1002", "amount",
         "1048.53"),
        ("waterbedrijf-lauwerszee/betalingsachterstanden-2026.csv", "WL-9002", "amount",
         "1250.00"),
        ("waterbedrijf-lauwerszee/betalingsachterstanden-2026.csv", "WL-9003", "signal_date",
         "2026-11-14"),
        ("gemeente-zuiderveen/vroegsignalering-2026.csv", "VS-2026-0002", "creditor",
         "Groenstroom Noord\nafd. Incasso"),
        ("woonstichting-de-kade/huurachterstanden-2026.csv", "HA-26-001", "amount", "1048.53"),
    ],
)  # fmt: skip
def test_valid_rows_keep_their_values(
    pseudonymised: Path, file: str, key: str, field: str, value: str
) -> None:
    batch = _import(pseudonymised, file)
    record = SourceRecord.objects.get(partner=batch.partner, dataset=batch.dataset, record_key=key)
    assert record.payload[field] == value


def test_the_codes_in_the_corpus() -> None:
    """What the corpus holds, for the report: faults per code."""
    codes = Counter(t["code"] for t in TRUTH if t["verdict"] != "genegeerd")
    assert codes["bsn-ongeldig"] >= 3
    assert codes["regel-totaal"] >= 3
