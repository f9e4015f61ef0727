"""Fixed values, "Achternaam, Voornaam" in one column and initials, at the partner: the
examples of docs/intake.md pseudonymised by `doorbraak pseudonymise`. A fixed value leaves as
a column; a name in one column is encoded as the same name in separate columns; initials
never become a given name's encoding; no name leaves in clear."""

import csv
from pathlib import Path

import pytest

from doorbraak.intake.contract_doc import FEATURE_EXAMPLES
from doorbraak.pseudonymise.cli import main
from doorbraak.pseudonymise.records import name_line_split, name_parts

FIXED, NAME_LINE, INITIALS = (text for _title, text in FEATURE_EXAMPLES)
SEPARATE = """\
Dossiernummer;BSN;Voornaam;Achternaam;Geboortedatum;Postcode;Huisnr;Achterstand;Gemeld aan gemeente
D-1;111222333;Jan;van den Berg;01-02-1980;9641AB;12;1.048,53;15-03-2025
D-2;;Anna Maria;Vos-Jansen;03-04-1975;9641AC;3;20,00;16-03-2025
D-3;;J.;van den Berg;01-02-1980;9641AB;12;5,00;16-03-2025
"""
COMBINED = """\
Meldingsnummer;Klantnaam;Geboortedatum;Postcode;Huisnummer;Openstaand;Gemeld op
M-1;Berg van den, Jan;01-02-1980;9641AB;12;10,00;15-03-2025
M-2;Berg, Jan van den;01-02-1980;9641AB;12;10,00;15-03-2025
M-3;Vos-Jansen, Anna Maria;03-04-1975;9641AC;3;5,00;15-03-2025
M-4;Vos-Jansen, A.M.;03-04-1975;9641AC;3;5,00;15-03-2025
M-5;Jansen;03-04-1975;9641AC;3;5,00;15-03-2025
"""
SCHOOL = """\
Melding;Voorletters;Tussenvoegsel;Achternaam;Geboortedatum;Postcode;Huisnummer;Verzuim vanaf;\
Gemeld op
V-1;A.M.;;Vos-Jansen;03-04-1975;9641AC;3;01-03-2025;02-03-2025
V-2;Th. J.;van den;Berg;01-02-1980;9641AB;12;01-03-2025;02-03-2025
"""
NAMES = {"Jan", "Berg", "van den Berg", "Vos-Jansen", "Anna Maria", "A.M.", "Th. J.", "Jansen"}


def _pseudonymise(tmp_path: Path, mapping: str, partner: str, name: str, text: str) -> Path:
    (tmp_path / "mappings.yaml").write_text(mapping, encoding="utf-8")
    export = tmp_path / "export" / name
    export.parent.mkdir(exist_ok=True)
    export.write_text(text, encoding="cp1252")
    key = tmp_path / "sleutel.hex"
    key.write_text("11" * 32 + "\n")
    out = tmp_path / "uit"
    args = ["--mapping", str(tmp_path / "mappings.yaml"), "--partner", partner]
    assert main([*args, "--sleutel", str(key), "--uit", str(out), str(export)]) == 0
    return out / name


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        text = handle.read()
    return list(csv.DictReader(text.splitlines(), delimiter=";"))


@pytest.fixture
def separate(tmp_path: Path) -> list[dict[str, str]]:
    folder = tmp_path / "apart"
    folder.mkdir()
    path = _pseudonymise(
        folder, FIXED, "woonstichting-veenhorst", "huurachterstanden.csv", SEPARATE
    )
    return list(csv.DictReader(path.read_text(encoding="cp1252").splitlines(), delimiter=";"))


@pytest.fixture
def combined(tmp_path: Path) -> list[dict[str, str]]:
    folder = tmp_path / "samen"
    folder.mkdir()
    name = "betalingsachterstanden.csv"
    return _rows(_pseudonymise(folder, NAME_LINE, "noorderlicht-energie", name, COMBINED))


def _clear(rows: list[dict[str, str]]) -> set[str]:
    return {value for row in rows for value in row.values()} | {h for row in rows for h in row}


def test_a_fixed_value_leaves_as_a_column_on_every_row(
    separate: list[dict[str, str]], combined: list[dict[str, str]]
) -> None:
    assert [row["signal_kind"] for row in separate] == ["huur"] * 3
    assert [row["signal_kind"] for row in combined] == ["energie"] * 5


def test_a_name_in_one_column_is_encoded_as_the_same_name_in_separate_columns(
    separate: list[dict[str, str]], combined: list[dict[str, str]]
) -> None:
    jan = separate[0]
    for row in combined[:2]:  # "Berg van den, Jan" and "Berg, Jan van den"
        assert (row["enc_surname"], row["enc_given_name"]) == (
            jan["enc_surname"],
            jan["enc_given_name"],
        )
    anna = separate[1]
    assert combined[2]["enc_surname"] == anna["enc_surname"]
    assert combined[2]["enc_given_name"] == anna["enc_given_name"] != ""
    assert combined[4]["enc_surname"] != ""  # "Jansen": no comma, all surname
    assert combined[4]["enc_given_name"] == ""
    assert not _clear(separate + combined) & (NAMES | {"Klantnaam", "name_line"})


def test_initials_are_never_encoded_as_a_given_name(
    separate: list[dict[str, str]], combined: list[dict[str, str]], tmp_path: Path
) -> None:
    assert separate[2]["enc_given_name"] != ""  # "J." in a given_name column: as it is
    assert separate[2]["enc_given_name"] != separate[0]["enc_given_name"]
    assert combined[3]["enc_given_name"] == ""  # "Vos-Jansen, A.M."
    assert combined[3]["enc_surname"] == separate[1]["enc_surname"]
    school = _rows(
        _pseudonymise(tmp_path, INITIALS, "openbaar-onderwijs-kanaalstreek", "verzuim.csv", SCHOOL)
    )
    assert [row["enc_given_name"] for row in school] == ["", ""]
    assert school[0]["enc_surname"] == separate[1]["enc_surname"]
    assert school[1]["enc_surname"] == separate[0]["enc_surname"]  # prefix in its own column
    assert not _clear(school) & (NAMES | {"Voorletters", "initials"})


@pytest.mark.parametrize(
    ("text", "surname", "given"),
    [
        ("Achternaam, Voornaam", "Achternaam", "Voornaam"),
        ("Vos-Jansen, A.B.", "Vos-Jansen", "A.B."),
        ("Berg van den, Jan", "van den Berg", "Jan"),
        ("Berg, J. van den", "van den Berg", "J."),
        ("Hoek in 't, P.", "in 't Hoek", "P."),
        ("de Vries, Jan Pieter", "de Vries", "Jan Pieter"),
        ("  Jansen ,  Piet  ", "Jansen", "Piet"),
        ("Jansen", "Jansen", ""),
        ("", "", ""),
    ],
)
def test_name_line_split(text: str, surname: str, given: str) -> None:
    assert name_line_split(text) == (surname, given)


@pytest.mark.parametrize(
    ("fields", "parts"),
    [
        ({"name_line": "Vos-Jansen, A.B."}, ("Vos-Jansen", "", "A.B.")),
        ({"name_line": "Bakker, Th. J."}, ("Bakker", "", "Th. J.")),
        ({"name_line": "Bakker, J"}, ("Bakker", "", "J")),
        ({"name_line": "Bakker, Jo"}, ("Bakker", "Jo", "")),
        ({"initials": "A.B.", "surname": "Bakker"}, ("Bakker", "", "A.B.")),
        ({"given_name": "J.", "surname": "Bakker"}, ("Bakker", "J.", "")),  # as it is
        ({"given_name": "Jan", "initials": "J.P.", "surname": "Bakker"}, ("Bakker", "Jan", "J.P.")),
    ],
)
def test_name_parts(fields: dict[str, str], parts: tuple[str, str, str]) -> None:
    assert name_parts(fields) == parts


def test_a_fixed_value_does_not_hide_a_row_whose_fields_ran_together(tmp_path: Path) -> None:
    """The row as the export has it is checked: the fixed value is no field of its own."""
    header = "BSN;Dossiernummer;Voornaam;Achternaam;Geboortedatum;Postcode;Huisnr;Achterstand;"
    run_together = "111222333 D-9 Jan van den Berg 01-02-1980 9641AB 12 10,00 15-03-2025"
    text = SEPARATE.splitlines()[1].split(";")
    good = ";".join([text[1], text[0], *text[2:]])
    export = f"{header}Gemeld aan gemeente\n{good}\n{run_together}\n"
    path = _pseudonymise(
        tmp_path, FIXED, "woonstichting-veenhorst", "huurachterstanden.csv", export
    )
    rows = list(csv.DictReader(path.read_text(encoding="cp1252").splitlines(), delimiter=";"))
    assert [row["_probleem"] for row in rows] == ["", "regel-te-weinig-velden:BSN"]
