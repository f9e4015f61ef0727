"""Fixed values and names in one column the whole way: the examples of docs/intake.md loaded
on the platform, an export pseudonymised by `doorbraak pseudonymise` and imported. Every row
is stored with the fixed value, also when the delivered file has no column for it; a name in
one column reaches the platform only as encodings."""

import csv
import io
from pathlib import Path

from doorbraak.intake.contract_doc import FEATURE_EXAMPLES
from doorbraak.intake.mappings import mappings_load
from doorbraak.intake.models import ImportBatch, SourceRecord
from doorbraak.intake.services import import_batch_run
from doorbraak.partners.models import Partner
from doorbraak.pseudonymise.cli import main
from tests.conftest import TEST_KEY

FIXED, NAME_LINE, _INITIALS = (text for _title, text in FEATURE_EXAMPLES)
ARREARS = """\
Dossiernummer;BSN;Voornaam;Achternaam;Geboortedatum;Postcode;Huisnr;Achterstand;Gemeld aan gemeente
D-1;111222333;Jan;van den Berg;01-02-1980;9641AB;12;1.048,53;15-03-2025
D-2;;A.M.;Vos-Jansen;03-04-1975;9641AC;3;20,00;16-03-2025
"""
ENERGY = """\
Meldingsnummer;Klantnaam;Geboortedatum;Postcode;Huisnummer;Openstaand;Gemeld op
M-1;Berg van den, Jan;01-02-1980;9641AB;12;10,00;15-03-2025
M-2;Vos-Jansen, A.M.;03-04-1975;9641AC;3;5,00;15-03-2025
"""
NAMES = ("Jan", "Berg", "Vos-Jansen", "A.M.")


def _pseudonymised(tmp_path: Path, mapping: str, code: str, name: str, text: str) -> Path:
    """The export through `doorbraak pseudonymise` with the test world's key, after the
    mapping was loaded on the platform."""
    path = tmp_path / "mappings.yaml"
    path.write_text(mapping, encoding="utf-8")
    mappings_load(path=path)
    export = tmp_path / "export" / name
    export.parent.mkdir()
    export.write_text(text, encoding="cp1252")
    key = tmp_path / "sleutel.hex"
    key.write_text(TEST_KEY.hex() + "\n")
    args = ["--mapping", str(path), "--partner", code, "--sleutel", str(key)]
    assert main([*args, "--uit", str(tmp_path / "uit"), str(export)]) == 0
    return tmp_path / "uit" / name


def _payloads(code: str) -> list[dict[str, object]]:
    return list(
        SourceRecord.objects.filter(partner__code=code)
        .order_by("record_key")
        .values_list("payload", flat=True)
    )


def test_a_fixed_value_is_stored_on_every_row(demo_world: None, tmp_path: Path) -> None:
    code = "woonstichting-veenhorst"
    path = _pseudonymised(tmp_path, FIXED, code, "huurachterstanden.csv", ARREARS)
    batch = import_batch_run(partner=Partner.objects.get(code=code), path=path)
    assert (batch.status, batch.accepted + batch.warned) == (ImportBatch.Status.DONE, 2)
    stored = _payloads(code)
    assert [p["signal_kind"] for p in stored] == ["huur", "huur"]
    assert [p["amount"] for p in stored] == ["1048.53", "20.00"]


def test_the_intake_adds_a_fixed_value_the_delivered_file_has_no_column_for(
    demo_world: None, tmp_path: Path
) -> None:
    code = "woonstichting-veenhorst"
    path = _pseudonymised(tmp_path, FIXED, code, "huurachterstanden.csv", ARREARS)
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="cp1252")), delimiter=";"))
    drop = rows[0].index("signal_kind")
    out = io.StringIO()
    csv.writer(out, delimiter=";", lineterminator="\r\n").writerows(
        [c for i, c in enumerate(row) if i != drop] for row in rows
    )
    path.write_text(out.getvalue(), encoding="cp1252")
    batch = import_batch_run(partner=Partner.objects.get(code=code), path=path)
    assert batch.accepted + batch.warned == 2
    assert [p["signal_kind"] for p in _payloads(code)] == ["huur", "huur"]


def test_a_name_in_one_column_reaches_the_platform_only_encoded(
    demo_world: None, tmp_path: Path
) -> None:
    code = "noorderlicht-energie"
    path = _pseudonymised(tmp_path, NAME_LINE, code, "betalingsachterstanden.csv", ENERGY)
    batch = import_batch_run(partner=Partner.objects.get(code=code), path=path)
    assert batch.accepted + batch.warned == 2
    stored = _payloads(code)
    assert [p["signal_kind"] for p in stored] == ["energie", "energie"]
    assert all(p["enc_surname"] for p in stored)
    assert [bool(p["enc_given_name"]) for p in stored] == [True, False]  # "A.M.": unknown
    text = repr(stored)
    assert not [name for name in NAMES if name in text]
    assert "name_line" not in text
