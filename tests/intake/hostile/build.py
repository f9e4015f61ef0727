"""Writes the hostile corpus: the partners' raw exports in exports/<partner>/ and truth.csv.

Run from the repository root: `.venv/bin/python tests/intake/hostile/build.py`. The files are
checked in; this script is how they were made and where each fault is explained, next to
the row that carries it. Each row is written as the partner's system would write it (its
encoding, delimiter, line ends, quoting or the lack of it, typed Excel cells); the truth
file gets, for every faulty row, its number in that raw file (counting title rows, blank
lines and records that span lines), the partner's column, the code and the verdict the
platform must give. A blank line is listed with the verdict `genegeerd`: it is no row, so it
must get no row result, and the rows after it keep their numbers.

The BSNs are made up; they pass the elfproef unless the row says otherwise.
"""

import csv
import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
EXPORTS = HERE / "exports"
R, W, G = "afgewezen", "gewaarschuwd", "genegeerd"


def _elfproef(digits: str) -> bool:
    weights = (9, 8, 7, 6, 5, 4, 3, 2, -1)
    return sum(int(d) * w for d, w in zip(digits, weights, strict=True)) % 11 == 0


def _valid(start: int, count: int) -> list[str]:
    found, n = [], start
    while len(found) < count:
        if _elfproef(f"{n:09d}"):
            found.append(f"{n:09d}")
        n += 1
    return found


GOOD = iter(_valid(231_564_000, 80))  # every valid BSN is used once
ZERO = iter(b[1:] for b in _valid(12_346_000, 6))  # valid with a 0 in front, written without


def good() -> str:
    return next(GOOD)


def zero() -> str:
    return next(ZERO)


def bad() -> str:
    """A BSN whose last digit is off by one: it fails the elfproef."""
    digits = good()
    wrong = digits[:8] + str((int(digits[8]) + 1) % 10)
    assert not _elfproef(wrong)
    return wrong


@dataclass(frozen=True)
class Fault:
    column: str  # the partner's column; '' for a fault of the whole row
    code: str
    verdict: str
    what: str


@dataclass
class Export:
    partner: str
    name: str
    entries: list[tuple[Any, Fault | None]] = field(default_factory=list)

    def ok(self, row: Any) -> None:
        self.entries.append((row, None))

    def bad(self, row: Any, column: str, code: str, verdict: str, what: str) -> None:
        self.entries.append((row, Fault(column, code, verdict, what)))


@dataclass
class CsvExport(Export):
    encoding: str = "utf-8"
    newline: str = "\r\n"

    def write(self) -> list[tuple[int, Fault]]:
        """Each entry is one record as the partner's text ('' a blank line; a record may
        hold line ends inside quotes). Returns (row number, fault)."""
        faults, line, parts = [], 1, []
        for text, fault in self.entries:
            if fault is not None:
                faults.append((line, fault))
            parts.append(text.replace("\n", self.newline))
            line += 1 + text.count("\n")
        path = EXPORTS / self.partner / self.name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes((self.newline.join(parts) + self.newline).encode(self.encoding))
        return faults


@dataclass
class XlsxExport(Export):
    sheet: str = "Blad1"
    notes: list[str] = field(default_factory=list)  # a first sheet with notes, if any

    def write(self) -> list[tuple[int, Fault]]:
        """Each entry is one sheet row of typed values (None: an empty row)."""
        import openpyxl

        book = openpyxl.Workbook()
        first = book.active
        if self.notes:
            first.title = "Toelichting"
            for note in self.notes:
                first.append([note])
            sheet = book.create_sheet(self.sheet)
        else:
            first.title = self.sheet
            sheet = first
        faults = []
        for number, (values, fault) in enumerate(self.entries, start=1):
            if fault is not None:
                faults.append((number, fault))
            for column, value in enumerate(values or (), start=1):
                if value is not None:
                    sheet.cell(row=number, column=column, value=value)
        path = EXPORTS / self.partner / self.name
        path.parent.mkdir(parents=True, exist_ok=True)
        book.save(path)
        return faults


def _semi(*cells: str) -> str:
    return ";".join(cells)


# --- gemeente: vroegsignalering (Windows-1252, ';', CR LF) --------------------------------


def gemeente_outreach() -> CsvExport:
    e = CsvExport("gemeente-zuiderveen", "vroegsignalering-2026.csv", encoding="cp1252")
    e.ok(
        "Dossier;Soort signaal;Melder;BSN-nummer;Achternaam;Voornaam;Geb. datum;Adres;Postcode;"
        "Plaats;Achterstand (EUR);Gemeld op;Dreigende afsluiting;Kanaal;In contact;Contact op;"
        "Resultaat;Afgesloten op"
    )

    def row(dossier: str, **over: str) -> str:
        cells = {
            "Dossier": dossier, "Soort signaal": "Woningcorporatie",
            "Melder": "Woonstichting De Kade", "BSN-nummer": good(), "Achternaam": "Bakker",
            "Voornaam": "Jan", "Geb. datum": "12-03-1980", "Adres": "Kerkstraat 12",
            "Postcode": "9641 AB", "Plaats": "Zuiderveen", "Achterstand (EUR)": "€ 1.234,56",
            "Gemeld op": "03-11-2026", "Dreigende afsluiting": "nee", "Kanaal": "Brief",
            "In contact": "ja", "Contact op": "05-11-2026", "Resultaat": "Advies gegeven",
            "Afgesloten op": "20-11-2026",
        }  # fmt: skip
        cells.update({k.replace("_", " "): v for k, v in over.items()})
        return ";".join(cells.values())

    e.ok(row("VS-2026-0001"))
    e.ok(
        f'VS-2026-0002;Energieleverancier;"Groenstroom Noord\nafd. Incasso";{good()};Öztürk;'
        "Ayse;01-07-1975;Molenweg 3 a;9642 CD;Zuiderveen;450,-;04-11-2026;ja;Telefonisch;nee;;;"
    )  # a quoted creditor over two lines: the rows after it keep their numbers
    e.ok(row("VS-2026-0012", Melder="Totaalzorg Noord"))  # a name, not a totals row
    e.bad(row("VS-2026-0003", **{"BSN-nummer": bad()}), "BSN-nummer", "bsn-ongeldig", W,
          "BSN fails the elfproef")  # fmt: skip
    e.bad(row("VS-2026-0004", **{"Geb. datum": "31-02-1980"}), "Geb. datum",
          "geboortedatum-ongeldig", W, "birth date 31-02-1980 does not exist")  # fmt: skip
    e.bad("", "", "regel-leeg", G, "blank line in the middle")
    e.bad(row("VS-2026-0005", **{"Achterstand (EUR)": "-125,50"}), "Achterstand (EUR)",
          "waarde-negatief", R, "negative arrears amount")  # fmt: skip
    e.bad(row("VS-2026-0006", **{"Dreigende afsluiting": "Ja"}), "Dreigende afsluiting",
          "code-hoofdletters", W, "yes/no code in another case")  # fmt: skip
    e.bad(row("VS-2026-0007", Resultaat="Verhuisd"), "Resultaat", "code-onbekend", R,
          "end result not in the code list")  # fmt: skip
    e.bad(row("VS-2026-0008", **{"Gemeld op": "31-02-2026"}), "Gemeld op", "datum-ongeldig", R,
          "signal date 31-02-2026 does not exist")  # fmt: skip
    e.bad(row("VS-2026-0009", **{"Contact op": "30-12-1899"}), "Contact op",
          "datum-onwaarschijnlijk", R, "Excel's zero date 30-12-1899 as contact date")  # fmt: skip
    e.bad(row("VS-2026-0010", Melder="Kustzorg; afd. Incasso"), "", "regel-te-veel-velden", R,
          "unquoted ';' in the creditor: the row has one field too many")  # fmt: skip
    e.bad(row("VS-2026-0011", **{"Soort signaal": "Gas"}), "Soort signaal", "code-onbekend", R,
          "signal kind not in the code list")  # fmt: skip
    e.bad(";;;;Totaal;;;;;;€ 123.456,78;;;;;;;", "Achternaam", "regel-totaal", R,
          "totals row, 'Totaal' in the surname column")  # fmt: skip
    e.bad("Aantal dossiers: 12", "Dossier", "regel-totaal", R, "footer line counting rows")
    return e


# --- gemeente: BRP-extract (Windows-1252, ';') --------------------------------------------


def gemeente_brp() -> CsvExport:
    e = CsvExport("gemeente-zuiderveen", "brp-huishoudens-2026.csv", encoding="cp1252")
    e.ok(
        "Regelnummer;BSN;Geslachtsnaam;Voornamen;Geboortedatum;Straat;Huisnummer;Huisletter;"
        "Postcode;Woonplaats;Rol;Ingeschreven vanaf;Ingeschreven tot"
    )

    def row(number: str, bsn: str = "", **over: str) -> str:
        cells = {
            "Geslachtsnaam": "Bakker", "Voornamen": "Jan Pieter", "Geboortedatum": "12-03-1980",
            "Straat": "Kerkstraat", "Huisnummer": "12", "Huisletter": "", "Postcode": "9641 AB",
            "Woonplaats": "Zuiderveen", "Rol": "Hoofdbewoner", "Ingeschreven vanaf": "01-05-2010",
            "Ingeschreven tot": "",
        }  # fmt: skip
        cells.update({k.replace("_", " "): v for k, v in over.items()})
        return ";".join([number, bsn or good(), *cells.values()])

    e.ok(row("1"))
    e.ok(row("2", Geslachtsnaam="Bakker-Smit", Voornamen="Anna", Rol="Partner"))
    e.bad(row("3", bsn="1,23457E+08"), "BSN", "bsn-ongeldig", W,
          "BSN mangled by Excel into scientific notation")  # fmt: skip
    e.bad(row("4", Geboortedatum="14-05-2087", Rol="Kind"), "Geboortedatum",
          "geboortedatum-onwaarschijnlijk", W, "birth date in the future")  # fmt: skip
    e.bad(row("5", Rol="Inwonend"), "Rol", "code-onbekend", R, "role not in the code list")
    e.bad(row("6", **{"Ingeschreven vanaf": "01-01-2099"}), "Ingeschreven vanaf",
          "datum-toekomst", R, "registered from a date after the export")  # fmt: skip
    e.bad(row("7", **{"Ingeschreven vanaf": ""}), "Ingeschreven vanaf", "waarde-verplicht", R,
          "required date empty")  # fmt: skip
    e.ok(row("8", **{"Ingeschreven tot": "01-01-2030"}))  # an end may lie ahead
    e.bad(row("9", bsn=zero()), "BSN", "bsn-hersteld", W, "BSN lost its leading zero")
    e.bad(row("10", Rol="kind"), "Rol", "code-hoofdletters", W, "role code in another case")
    e.bad(row("11", Geboortedatum="00-07-1954"), "Geboortedatum", "geboortedatum-ongeldig", W,
          "BRP's unknown day written as 00")  # fmt: skip
    return e


# --- woningcorporatie (Windows-1252, ';') --------------------------------------------------


def corporation() -> CsvExport:
    e = CsvExport("woonstichting-de-kade", "huurachterstanden-2026.csv", encoding="cp1252")
    e.ok(
        "Dossiernummer;Huurdernummer;BSN;Voornaam;Achternaam;Geboortedatum;Straatnaam;Huisnr;"
        "Toev;Postcode;Plaats;Soort;Achterstand;Achterstand sinds;Gemeld aan gemeente"
    )

    def row(dossier: str, bsn: str = "", **over: str) -> str:
        cells = {
            "Huurdernummer": f"H{dossier[-3:]}7", "BSN": bsn or good(), "Voornaam": "Marieke",
            "Achternaam": "van den Berg", "Geboortedatum": "04-03-1973", "Straatnaam": "Veenlaan",
            "Huisnr": "12", "Toev": "", "Postcode": "9641 AB", "Plaats": "Zuiderveen",
            "Soort": "Huur", "Achterstand": "€ 1.048,53", "Achterstand sinds": "01-08-2026",
            "Gemeld aan gemeente": "02-11-2026",
        }  # fmt: skip
        cells.update({k.replace("_", " "): v for k, v in over.items()})
        return ";".join([dossier, *cells.values()])

    e.ok(row("HA-26-001"))
    e.ok(row("HA-26-002", Achterstand="875,00", Voornaam="José", Achternaam="Müller"))
    e.bad(row("HA-26-003", bsn=bad()), "BSN", "bsn-ongeldig", W, "BSN fails the elfproef")
    e.bad(row("HA-26-004", Geboortedatum="onbekend"), "Geboortedatum", "geboortedatum-ongeldig",
          W, "'onbekend' as birth date")  # fmt: skip
    e.bad(row("HA-26-005", Achterstand="-312,40"), "Achterstand", "waarde-negatief", R,
          "negative arrears (a credit balance)")  # fmt: skip
    e.bad(row("HA-26-006", Achterstand="125.50"), "Achterstand", "bedrag-ongeldig", R,
          "decimal point where the mapping says comma: would be read as 12550")  # fmt: skip
    e.bad(row("HA-26-007", Soort="HUUR"), "Soort", "code-hoofdletters", W,
          "code in capitals")  # fmt: skip
    e.bad(row("HA-26-002", Achterstand="880,00"), "Dossiernummer", "sleutel-dubbel", R,
          "dossier number twice in the file")  # fmt: skip
    e.bad("HA-26-009;;;;;;;;;;;;;;", "Dossiernummer", "regel-alleen-sleutel", R,
          "row with only its dossier number")  # fmt: skip
    e.bad(f"HA-26-010;H0107;{good()};Piet;Jansen;12-12-1964;Dorpsstraat", "",
          "regel-te-weinig-velden", R, "row cut off after the street: 7 of 15 fields")  # fmt: skip
    e.bad(row("HA-26-011", **{"Gemeld aan gemeente": ""}), "Gemeld aan gemeente",
          "waarde-verplicht", R, "required signal date empty")  # fmt: skip
    e.bad("Totaal;;;;;;;;;;;;€ 123.456,78;;", "Dossiernummer", "regel-totaal", R,
          "totals row with the sum of the arrears")  # fmt: skip
    e.bad(
        f'HA-26-012;H0127;{good()};"Kees;Smit;01-01-1970;Veenlaan;14;;9641 AB;Zuiderveen;Huur;'
        "100,00;01-10-2026;02-11-2026",
        "", "regel-afgebroken", R, "a quote that is never closed, on the last row",
    )  # fmt: skip
    return e


# --- woningcorporatie: Excel with a notes sheet first -------------------------------------


def corporation_xlsx() -> XlsxExport:
    e = XlsxExport(
        "woongoed-dollard",
        "huurachterstanden-2026-11.xlsx",
        sheet="Achterstanden",
        notes=["Huurachterstanden november 2026", "Saldo in euro; J/N: ontruiming dreigt"],
    )
    e.ok(
        ["Zaaknummer", "BSN", "Naam", "Voorletters en voornamen", "Geboortedatum", "Adres",
         "Postcode", "Woonplaats", "Saldo", "Achterstand sinds", "Melddatum",
         "Ontruiming dreigt"]
    )  # fmt: skip

    def row(case: str, bsn: Any = None, **over: Any) -> list[Any]:
        cells: dict[str, Any] = {
            "Naam": "Dijkstra", "Voorletters en voornamen": "A.J. (Anne)",
            "Geboortedatum": dt.date(1969, 4, 2), "Adres": "Hoofdweg 101",
            "Postcode": "9679 AA", "Woonplaats": "Scheemda", "Saldo": 1048.53,
            "Achterstand sinds": dt.date(2026, 6, 1), "Melddatum": dt.date(2026, 11, 3),
            "Ontruiming dreigt": "N",
        }  # fmt: skip
        cells.update({k.replace("_", " "): v for k, v in over.items()})
        return [case, int(good()) if bsn is None else bsn, *cells.values()]

    e.ok(row("Z-5001"))  # a number cell 1048.53 stays 1048.53 with decimal ','
    e.ok(row("Z-5002", bsn=good(), Saldo="€ 2.310,00", Ontruiming_dreigt="J"))
    e.bad(row("Z-5003", bsn=int(zero())), "BSN", "bsn-hersteld", W,
          "BSN as a number cell: Excel dropped the leading zero")  # fmt: skip
    e.bad(row("Z-5004", Saldo=-85.0), "Saldo", "waarde-negatief", R, "negative number cell")
    e.bad(row("Z-5005", Saldo="#VALUE!"), "Saldo", "bedrag-ongeldig", R,
          "Excel error cell (#WAARDE!)")  # fmt: skip
    e.bad(row("Z-5006", Melddatum=dt.date(2099, 1, 15)), "Melddatum", "datum-toekomst", R,
          "date cell after the export")  # fmt: skip
    e.bad(row("Z-5007", Geboortedatum=dt.date(2091, 3, 3)), "Geboortedatum",
          "geboortedatum-onwaarschijnlijk", W, "birth date cell in the future")  # fmt: skip
    e.bad(None, "", "regel-leeg", G, "empty sheet row in the middle")
    e.bad(row("Z-5008", Ontruiming_dreigt="j"), "Ontruiming dreigt", "code-hoofdletters", W,
          "J/N code in lower case")  # fmt: skip
    e.bad(row("Z-5009", Achterstand_sinds="15-13-2026"), "Achterstand sinds", "datum-ongeldig",
          R, "text cell with month 13")  # fmt: skip
    e.bad(["Totaal", None, None, None, None, None, None, None, "=SUM(I3:I11)"], "Zaaknummer",
          "regel-totaal", R, "totals row with a formula")  # fmt: skip
    return e


# --- energieleverancier: Excel with two title rows ----------------------------------------


def energy() -> XlsxExport:
    e = XlsxExport(
        "energie-groenstroom-noord", "betalingsachterstanden-2026.xlsx",
        sheet="Betalingsachterstanden",
    )  # fmt: skip
    e.ok(["Betalingsachterstanden Groenstroom Noord"])
    e.ok(["Export van 01-12-2026 (vertrouwelijk)"])
    e.ok(
        ["meldingsnummer", "product", "klantnummer", "voornaam", "tussenvoegsel", "achternaam",
         "geboortedatum", "adres", "postcode", "woonplaats", "openstaand_bedrag",
         "eerste_onbetaalde_factuur", "meldingsdatum", "afsluiting_dreigt"]
    )  # fmt: skip

    def row(number: str, **over: Any) -> list[Any]:
        cells: dict[str, Any] = {
            "product": "E", "klantnummer": 700100 + int(number[-2:]), "voornaam": "Sanne",
            "tussenvoegsel": None, "achternaam": "Mulder",
            "geboortedatum": dt.date(1988, 9, 14), "adres": "Stationsweg 4",
            "postcode": "9641 BX", "woonplaats": "Zuiderveen", "openstaand_bedrag": 1048.53,
            "eerste_onbetaalde_factuur": dt.date(2026, 7, 1),
            "meldingsdatum": dt.date(2026, 11, 20), "afsluiting_dreigt": 0,
        }  # fmt: skip
        cells.update(over)
        return [number, *cells.values()]

    e.ok(row("GN-26-1001"))
    e.ok(row("GN-26-1002", product="G", openstaand_bedrag="1.048,53", afsluiting_dreigt=1))
    e.bad(row("GN-26-1003", product="W"), "product", "code-onbekend", R,
          "product code the mapping does not know")  # fmt: skip
    e.bad(row("GN-26-1004", openstaand_bedrag="n.v.t."), "openstaand_bedrag", "bedrag-ongeldig",
          R, "'n.v.t.' as amount")  # fmt: skip
    e.bad(row("GN-26-1005", geboortedatum="31-02-1980"), "geboortedatum",
          "geboortedatum-ongeldig", W, "text cell 31-02-1980 as birth date")  # fmt: skip
    e.bad(row("GN-26-1006", meldingsdatum=None), "meldingsdatum", "waarde-verplicht", R,
          "required date cell empty")  # fmt: skip
    e.bad(row("GN-26-1007", afsluiting_dreigt=2), "afsluiting_dreigt", "code-onbekend", R,
          "2 in a 0/1 column")  # fmt: skip
    e.bad(["GN-26-1008"], "meldingsnummer", "regel-alleen-sleutel", R, "row with only its id")
    e.bad(["Aantal regels: 8"], "meldingsnummer", "regel-totaal", R, "footer row")
    return e


# --- drinkwaterbedrijf (UTF-8, ',', LF, ISO dates, decimal point) -------------------------


def water() -> CsvExport:
    e = CsvExport("waterbedrijf-lauwerszee", "betalingsachterstanden-2026.csv", newline="\n")
    e.ok(
        "meldingsnummer,product,klantnummer,voornaam,tussenvoegsel,achternaam,geboortedatum,"
        "adres,postcode,woonplaats,openstaand_bedrag,meldingsdatum"
    )

    def row(number: str, **over: str) -> str:
        cells = {
            "product": "W", "klantnummer": f"88{number[-4:]}", "voornaam": "Jeroen",
            "tussenvoegsel": "", "achternaam": "Kuipers", "geboortedatum": "1979-05-05",
            "adres": '"Zijlvest 3, bov"', "postcode": "9981 AB", "woonplaats": "Uithuizen",
            "openstaand_bedrag": "1048.53", "meldingsdatum": "2026-11-02",
        }  # fmt: skip
        cells.update(over)
        return ",".join([number, *cells.values()])

    e.ok(row("WL-9001"))
    e.ok(row("WL-9002", tussenvoegsel="el", achternaam="Amrani", openstaand_bedrag='"1,250.00"'))
    e.ok(row("WL-9003", meldingsdatum="14-11-2026"))  # the other usual date style is read too
    e.bad(row("WL-9004", adres="Zijlvest 5, bov"), "", "regel-te-veel-velden", R,
          "unquoted comma in the address")  # fmt: skip
    e.bad(row("WL-9005", openstaand_bedrag='"1.048,53"'), "openstaand_bedrag",
          "bedrag-ongeldig", R, "Dutch amount in a decimal-point export: 1.04853")  # fmt: skip
    e.bad(row("WL-9006", openstaand_bedrag='"12,5"'), "openstaand_bedrag", "bedrag-ongeldig", R,
          "decimal comma in a decimal-point export: would be 125")  # fmt: skip
    e.bad(row("WL-9007", meldingsdatum="11/03/2026"), "meldingsdatum", "datum-ongeldig", R,
          "American date")  # fmt: skip
    e.bad(row("WL-9008", geboortedatum="1975-02-29"), "geboortedatum", "geboortedatum-ongeldig",
          W, "29 February in a year that is no leap year")  # fmt: skip
    e.bad(row("WL-9009", product="w"), "product", "code-hoofdletters", W, "code in lower case")
    e.bad(row("WL-9010", openstaand_bedrag=""), "openstaand_bedrag", "waarde-verplicht", R,
          "required amount empty")  # fmt: skip
    e.bad(row("WL-9011", openstaand_bedrag="-45.00"), "openstaand_bedrag", "waarde-negatief", R,
          "negative amount")  # fmt: skip
    e.bad(row(""), "meldingsnummer", "waarde-verplicht", R, "record id empty")
    return e


# --- zorgverzekeraar (UTF-8 without BOM, ';', capitals) -----------------------------------


def insurer() -> CsvExport:
    e = CsvExport("zorgverzekeraar-kustzorg", "premieachterstanden-2026.csv")
    e.ok(
        "MELDING_ID;RELATIENUMMER;BSN;VOORNAAM;VOORVOEGSELS;ACHTERNAAM;GEBOORTEDATUM;GESLACHT;"
        "STRAAT;HUISNUMMER;HUISNUMMER_TOEV;POSTCODE;WOONPLAATS;ACHTERSTAND_EUR;"
        "ACHTERSTAND_SINDS;MELDDATUM"
    )

    def row(melding: str, bsn: str = "", **over: str) -> str:
        cells = {
            "RELATIENUMMER": f"R{melding[-3:]}0", "BSN": bsn or good(), "VOORNAAM": "Lotte",
            "VOORVOEGSELS": "de", "ACHTERNAAM": "Wit", "GEBOORTEDATUM": "23-08-1990",
            "GESLACHT": "2", "STRAAT": "Zeedijk", "HUISNUMMER": "7", "HUISNUMMER_TOEV": "",
            "POSTCODE": "9976 VN", "WOONPLAATS": "Lauwersoog", "ACHTERSTAND_EUR": "612,00",
            "ACHTERSTAND_SINDS": "01-06-2026", "MELDDATUM": "15-11-2026",
        }  # fmt: skip
        cells.update(over)
        return ";".join([melding, *cells.values()])

    e.ok(row("KZ-000101"))
    e.ok(row("KZ-000102", GESLACHT="1", VOORNAAM="Bram", HUISNUMMER_TOEV="bis"))
    e.bad(row("KZ-000103", bsn=zero()), "BSN", "bsn-hersteld", W, "BSN without its leading 0")
    e.bad(row("KZ-000104", bsn="000000000"), "BSN", "bsn-ongeldig", W, "placeholder BSN zeros")
    e.bad(row("KZ-000105", GESLACHT="3"), "GESLACHT", "code-onbekend", R, "sex code 3")
    e.bad(row("KZ-000101", ACHTERSTAND_EUR="615,00"), "MELDING_ID", "sleutel-dubbel", R,
          "MELDING_ID twice")  # fmt: skip
    e.bad(row("KZ-000106", ACHTERSTAND_EUR="€ -85,00"), "ACHTERSTAND_EUR", "waarde-negatief",
          R, "negative amount with a euro sign")  # fmt: skip
    e.bad(row("KZ-000107", ACHTERSTAND_SINDS="30-12-1899"), "ACHTERSTAND_SINDS",
          "datum-onwaarschijnlijk", R, "Excel's zero date as arrears start")  # fmt: skip
    e.bad(row("KZ-000108", GEBOORTEDATUM="01-01-1850"), "GEBOORTEDATUM",
          "geboortedatum-onwaarschijnlijk", W, "birth date before 1900")  # fmt: skip
    e.bad(row("KZ-000109", MELDDATUM="01-02-2099"), "MELDDATUM", "datum-toekomst", R,
          "report date after the export")  # fmt: skip
    e.bad(row("KZ-000110", bsn=bad(), ACHTERSTAND_EUR="-1,00"), "ACHTERSTAND_EUR",
          "waarde-negatief", R, "BSN fails the elfproef too: the rejection wins")  # fmt: skip
    return e


# --- leerplicht (tab-separated, UTF-8, no BSN) --------------------------------------------


def school() -> CsvExport:
    e = CsvExport("rbl-veenkolonien", "verzuimmeldingen-2026.txt")
    header = (
        "Melding", "Leerlingnummer", "Roepnaam", "Tussenvoegsel", "Achternaam", "Geboortedatum",
        "Straat", "Huisnummer", "Toevoeging", "Postcode", "Woonplaats", "Onderwijssoort",
        "Verzuim vanaf", "Uren verzuim", "Gemeld op",
    )  # fmt: skip
    e.ok("\t".join(header))

    def cells(melding: str, **over: str) -> list[str]:
        values = {
            "Leerlingnummer": f"L{melding[-4:]}", "Roepnaam": "Daan", "Tussenvoegsel": "",
            "Achternaam": "Hoekstra", "Geboortedatum": "17-04-2011", "Straat": "Schoolstraat",
            "Huisnummer": "8", "Toevoeging": "", "Postcode": "9641 EE", "Woonplaats": "Zuiderveen",
            "Onderwijssoort": "VO", "Verzuim_vanaf": "02-11-2026", "Uren_verzuim": "16",
            "Gemeld_op": "16-11-2026",
        }  # fmt: skip
        values.update(over)
        return [melding, *values.values()]

    def row(melding: str, **over: str) -> str:
        return "\t".join(cells(melding, **over))

    e.ok(row("VZ-2026-0101"))
    e.ok(row("VZ-2026-0102", Onderwijssoort="MBO", Roepnaam="Noor", Uren_verzuim="0"))
    e.bad(" ".join(cells("VZ-2026-0103")), "Melding", "regel-te-weinig-velden", R,
          "tabs replaced by spaces: everything in the first field")  # fmt: skip
    e.bad(row("VZ-2026-0104", Uren_verzuim="twaalf"), "Uren verzuim", "getal-ongeldig", R,
          "number written as a word")  # fmt: skip
    e.bad(row("VZ-2026-0105", Uren_verzuim="12,5"), "Uren verzuim", "getal-ongeldig", R,
          "half hours in a whole-number column")  # fmt: skip
    e.bad(row("VZ-2026-0106", Onderwijssoort="HAVO"), "Onderwijssoort", "code-onbekend", R,
          "school type the code list lacks")  # fmt: skip
    e.bad(row("VZ-2026-0107", Onderwijssoort="vo"), "Onderwijssoort", "code-hoofdletters", W,
          "school type in lower case")  # fmt: skip
    e.bad(row("VZ-2026-0108", Gemeld_op=""), "Gemeld op", "waarde-verplicht", R,
          "required report date empty")  # fmt: skip
    e.bad(row("VZ-2026-0109", Verzuim_vanaf="01-09-2099"), "Verzuim vanaf", "datum-toekomst",
          R, "absence starting after the export")  # fmt: skip
    e.bad(row("VZ-2026-0110", Geboortedatum="onbekend"), "Geboortedatum",
          "geboortedatum-ongeldig", W, "'onbekend' as birth date")  # fmt: skip
    e.bad(row("VZ-2026-0111", Uren_verzuim="-4"), "Uren verzuim", "waarde-negatief", R,
          "negative hours")  # fmt: skip
    e.bad("", "", "regel-leeg", G, "blank line")
    e.bad("VZ-2026-0113" + "\t" * 14, "Melding", "regel-alleen-sleutel", R,
          "row with only its id")  # fmt: skip
    e.ok(row("VZ-2026-0114"))  # after the blank line: still its own number
    return e


# --- wijkteam (UTF-8 with BOM, ';') -------------------------------------------------------


def team_contacts() -> CsvExport:
    e = CsvExport("wijkteam-eemsmond", "contactpersonen-2026.csv", encoding="utf-8-sig")
    e.ok(
        "Toewijzingsnummer;Plannummer;BSN;Voornamen;Voorvoegsel;Achternaam;Geboortedatum;Straat;"
        "Huisnummer;Postcode;Woonplaats;Contactpersoon;Vanaf;Tot en met"
    )

    def row(number: str, bsn: str = "", **over: str) -> str:
        cells = {
            "Plannummer": "P-301", "BSN": bsn or good(), "Voornamen": "Henk Jan",
            "Voorvoegsel": "", "Achternaam": "Smit", "Geboortedatum": "09-09-1959",
            "Straat": "Dijkweg", "Huisnummer": "21", "Postcode": "9981 EF",
            "Woonplaats": "Uithuizen", "Contactpersoon": "MW-014", "Vanaf": "01-10-2026",
            "Tot_en_met": "",
        }  # fmt: skip
        cells.update(over)
        return ";".join([number, *cells.values()])

    e.ok(row("T-7001"))
    e.ok(row("T-7002", Tot_en_met="31-03-2027", Voornamen="Eva Sofie"))  # an end may lie ahead
    e.bad(row("T-7003", Contactpersoon=""), "Contactpersoon", "waarde-verplicht", R,
          "required contact person empty")  # fmt: skip
    e.bad(row("T-7004", Vanaf="2026-13-01"), "Vanaf", "datum-ongeldig", R, "month 13")
    e.bad(row("T-7005", bsn=bad()), "BSN", "bsn-ongeldig", W, "BSN fails the elfproef")
    e.bad(row("T-7001", Contactpersoon="MW-015"), "Toewijzingsnummer", "sleutel-dubbel", R,
          "id twice")  # fmt: skip
    e.bad(f"T-7006;P-302;{good()};Karin", "", "regel-te-weinig-velden", R,
          "row cut off after the first name")  # fmt: skip
    e.bad(row("T-7007", Vanaf="14-11-26"), "Vanaf", "datum-ongeldig", R, "two-digit year")
    return e


def team_plans() -> CsvExport:
    e = CsvExport("wijkteam-eemsmond", "plannen-2026.csv", encoding="utf-8-sig")
    e.ok(
        "Plannummer;Doelnummer;BSN;Voornamen;Achternaam;Geboortedatum;Straat en huisnummer;"
        "Postcode;Woonplaats;Startdatum plan;Einddatum plan;Status plan;Leefgebied;Status doel"
    )

    def row(plan: str, goal: str, bsn: str = "", **over: str) -> str:
        cells = {
            "BSN": bsn or good(), "Voornamen": "Henk Jan", "Achternaam": "Smit",
            "Geboortedatum": "09-09-1959", "Straat_en_huisnummer": "Dijkweg 21",
            "Postcode": "9981 EF", "Woonplaats": "Uithuizen", "Startdatum_plan": "01-10-2026",
            "Einddatum_plan": "", "Status_plan": "Lopend", "Leefgebied": "Economisch kapitaal",
            "Status_doel": "In uitvoering",
        }  # fmt: skip
        cells.update(over)
        return ";".join([plan, goal, *cells.values()])

    e.ok(row("P-301", "1"))
    e.ok(row("P-301", "2", Leefgebied="Sociaal kapitaal", Einddatum_plan="30-06-2027"))
    e.bad(row("P-302", "1", Startdatum_plan="01-03-2041"), "Startdatum plan", "datum-toekomst",
          R, "plan start years ahead")  # fmt: skip
    e.bad(row("P-303", "1", Status_plan="Gepauzeerd"), "Status plan", "code-onbekend", R,
          "plan status the code list lacks")  # fmt: skip
    e.bad(row("P-303", "2", Leefgebied="economisch kapitaal"), "Leefgebied",
          "code-hoofdletters", W, "capital in lower case")  # fmt: skip
    e.bad(row("P-303", "1a"), "Doelnummer", "getal-ongeldig", R, "goal number with a letter")
    e.bad(row("P-301", "2", Status_doel="Behaald"), "Plannummer, Doelnummer", "sleutel-dubbel", R,
          "plan and goal number twice")  # fmt: skip
    e.bad(row("P-304", ""), "Doelnummer", "waarde-verplicht", R, "goal number (key) empty")
    e.bad(row("P-304", "-1"), "Doelnummer", "waarde-negatief", R, "negative goal number")
    e.bad("P-305;1;;;;;;;;;;;;", "Plannummer", "regel-alleen-sleutel", R,
          "row with only its two key fields")  # fmt: skip
    e.bad(row("P-306", "1", Geboortedatum="29-02-1981"), "Geboortedatum",
          "geboortedatum-ongeldig", W, "29 February 1981")  # fmt: skip
    return e


def team_moments() -> CsvExport:
    e = CsvExport("wijkteam-eemsmond", "contactmomenten-2026.csv", encoding="utf-8-sig")
    e.ok(
        "Contactnummer;BSN;Voornamen;Achternaam;Geboortedatum;Postcode;Datum;Soort;Bereikt;"
        "Medewerker"
    )

    def row(number: str, bsn: str = "", **over: str) -> str:
        cells = {
            "BSN": bsn or good(), "Voornamen": "Fenna", "Achternaam": "Postma",
            "Geboortedatum": "30-01-1984", "Postcode": "9982 AA", "Datum": "18-11-2026",
            "Soort": "Huisbezoek", "Bereikt": "Ja", "Medewerker": "MW-014",
        }  # fmt: skip
        cells.update(over)
        return ";".join([number, *cells.values()])

    e.ok(row("C-1"))
    e.ok(row("C-2", Soort="Telefonisch", Bereikt="Nee", Medewerker=""))
    e.bad(row("C-3", Bereikt="Misschien"), "Bereikt", "code-onbekend", R, "not yes or no")
    e.bad(row("C-4", Bereikt=""), "Bereikt", "waarde-verplicht", R, "required yes/no empty")
    e.bad(row("C-5", Soort="huisbezoek"), "Soort", "code-hoofdletters", W, "lower case")
    e.bad(row("C-6", Datum="gisteren"), "Datum", "datum-ongeldig", R, "'gisteren' as date")
    e.bad(row("C-7", Datum="12-12-2099"), "Datum", "datum-toekomst", R, "date after export")
    e.bad(row("C-8", Soort="Mail"), "Soort", "code-onbekend", R, "contact kind not in list")
    e.bad(row("C-9", bsn=zero()), "BSN", "bsn-hersteld", W, "BSN without its leading 0")
    e.bad("Subtotaal week 47;;;;;;;;;", "Contactnummer", "regel-totaal", R, "subtotal row")
    return e


EXPORTS_ALL = (
    gemeente_outreach, gemeente_brp, corporation, corporation_xlsx, energy, water, insurer,
    school, team_contacts, team_plans, team_moments,
)  # fmt: skip


def main() -> None:
    rows = []
    for build in EXPORTS_ALL:
        export = build()
        for number, fault in export.write():
            file = f"{export.partner}/{export.name}"
            rows.append([file, number, fault.column, fault.code, fault.verdict, fault.what])
    with (HERE / "truth.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["file", "row", "column", "code", "verdict", "fault"])
        writer.writerows(rows)
    print(f"{len(EXPORTS_ALL)} files, {len(rows)} faults")


if __name__ == "__main__":
    main()
