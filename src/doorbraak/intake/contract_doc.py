"""`docs/intake.md`, generated from the register's schema (pure): the mapping format a partner
fills in, every dataset kind with its canonical fields, types, code lists, required fields and
keys, fixed values, names in one column and initials (each with an example), what the format
cannot do, and a worked example per kind of partner.
`doorbraak mappings contract` prints it; a test fails when the file in docs/ differs, and
another when an example does not pass `doorbraak mappings check`."""

from pathlib import Path

from doorbraak.register import schema as s
from doorbraak.register.schema_doc import TYPE_NAMES, delivered_field_rows

# "Van niets naar een eerste aanlevering": its own file, whose commands a test runs in order
WALKTHROUGH = Path(__file__).with_name("nieuwe_partner.md")
HEAD = """# Gegevens aanleveren: de mapping

Gegenereerd uit `src/doorbraak/register/schema.py` door `doorbraak mappings contract`; niet
met de hand bewerken (een test vergelijkt dit bestand met het schema). Dit is het contract
tussen een partner en het platform: wat in `mappings.yaml` mag staan, welke velden elke
soort gegevens heeft, en hoe `doorbraak mappings check` een mapping controleert.
"""

FILE_SETTINGS = (
    ("name", "tekst", "", "naam van de organisatie (alleen ter informatie)"),
    ("file", "`csv` of `xlsx`", "`csv`", "bestandstype van de export"),
    ("encoding", "`utf-8`, `utf-8-sig` of `cp1252`", "`utf-8`",
     "tekenset van een CSV-bestand (Windows-exports zijn vaak `cp1252`; `utf-8-sig` is UTF-8 "
     "met BOM). UTF-16 wordt niet gelezen: sla op als UTF-8 of Windows-1252"),
    ("delimiter", "één teken", "`;`", "scheidingsteken van een CSV-bestand: `;`, `,` of tab "
     "(`\"\\t\"`)"),
    ("decimal", "`,` of `.`", "`,`", "decimaalteken van bedragen en andere decimale getallen "
     "(een duizendtalteken ervoor wordt genegeerd: `1.048,53`; `€` en `,-` ook)"),
    ("date_format", "datumnotatie", "`%d-%m-%Y`", "notatie van datums: `%d-%m-%Y` "
     "(31-12-2024) of `%Y-%m-%d` (2024-12-31); een datum in de andere van die twee "
     "notaties of als `20241231` wordt ook gelezen"),
    ("dates", "tekst", "", "alleen ter informatie (`dd-mm-jjjj` of `iso`); `date_format` telt"),
    ("title_rows", "geheel getal", "`0`", "aantal titelregels boven de kopregel (Excel)"),
    ("dialect", "tekst", "", "naam van het registratiesysteem (alleen ter informatie)"),
    ("version", "geheel getal", "`1`", "versie van de declaratie bij de partner (ter informatie)"),
    ("notes_sheet", "tekst", "", "werkblad met toelichting in een Excel-export (wordt niet "
     "gelezen)"),
)  # fmt: skip
DATASET_SETTINGS = (
    ("kind", "soort gegevens (hieronder)", "de naam van de gegevensset",
     "welke soort gegevens dit is; bepaalt welke velden mogen en moeten"),
    ("files", "lijst van bestandsnamen", "", "de bestanden van deze gegevensset; een "
     "bestand hoort bij de gegevensset die het noemt, anders bij de enige gegevensset, anders "
     "bij de gegevensset waarmee de bestandsnaam begint (`huurachterstanden-2025.csv`); "
     "`--dataset` kiest zelf"),
    ("keys", "lijst van velden", "", "de velden die samen een record herkennen (de sleutel "
     "van de soort; zie hieronder)"),
    ("header_row", "regelnummer", "`1`", "de regel met de kolomnamen; bij titelregels "
     "`title_rows + 1`"),
    ("sheet", "naam van een werkblad", "het eerste werkblad", "alleen bij `file: xlsx`"),
    ("columns", "kolomnaam: veld", "", "per kolom van de export het veld dat ze bevat; "
     "hoofdletters in kolomnamen tellen niet. Kolommen die hier niet staan, worden bij het "
     "pseudonimiseren verwijderd"),
    ("types", "veld: type", "", "het type van elk datum-, getal- en bedragveld (verplicht "
     "voor die velden, zodat elke waarde gecontroleerd wordt)"),
    ("codes", "veld: {code van de partner: waarde}", "", "vertaalt de codes van de partner "
     "naar de waarden van de codelijst; ja/nee-velden naar `true` of `false`"),
    ("fixed", "veld: waarde", "", "een vaste waarde voor een veld waarvoor de export geen "
     "kolom heeft: elke regel krijgt die waarde (zie *Vaste waarden* hieronder)"),
    ("rhythm", "`maand`, `kwartaal`, `halfjaar` of `jaar`", "de instelling "
     "`DOORBRAAK_DELIVERY_RHYTHM` (`kwartaal`)", "hoe vaak deze gegevensset is afgesproken; "
     "is de laatste aanlevering ouder, dan staat ze op het overzicht van de aanleveringen als "
     "te laat"),
)  # fmt: skip
TYPE_HELP = {
    "date": "een datum volgens `date_format`",
    "integer": "een geheel getal",
    "decimal": "een getal met `decimal` als decimaalteken",
    "code": "een waarde uit de codelijst van het veld (via `codes` vertaald)",
    "text": "tekst zoals hij er staat",
    "boolean": "ja of nee: via `codes` vertaald naar `true` of `false`",
}
FEATURES = """## Vaste waarden, een naam in één kolom en voorletters

### Vaste waarden (`fixed`)

Heeft de export geen kolom voor een veld dat op elke regel hetzelfde is, zet de waarde dan
onder `fixed` van de gegevensset. Elke regel krijgt die waarde, alsof de export een kolom had
met die waarde op elke regel: `codes` en het type van het veld gelden ook, en `doorbraak
mappings check` controleert de waarde (een code moet in de codelijst staan, een datum moet een
datum zijn). Een vaste waarde telt mee voor de verplichte velden. `doorbraak pseudonymise`
schrijft de waarde als kolom met de naam van het veld in het bestand dat naar het platform
gaat, zodat u ziet wat er vertrekt.

Een veld heeft een kolom of een vaste waarde, niet allebei; een sleutel (`keys`) en een
identiteitsveld (BSN, naam, geboortedatum, adres) krijgen geen vaste waarde. Schrijf een datum
als `2024-12-31` en een getal als YAML-getal (`12.5`) of zoals de export het zou schrijven.

### "Achternaam, Voornaam" in één kolom (`name_line`)

Staat de naam in één kolom, als "Achternaam, Voornaam", "Achternaam, V." of "Vos-Jansen,
A.B.", koppel die kolom dan aan het veld `name_line`. `doorbraak pseudonymise` splitst bij de
eerste komma: ervoor de achternaam, erna de voornamen of de voorletters. Een voorvoegsel achter
de achternaam of achter de voornamen ("Berg van den, Jan" of "Berg, Jan van den") komt vóór de
achternaam ("van den Berg"), zoals bij een partner die het voorvoegsel in een eigen kolom
levert. Zonder komma is de hele waarde de achternaam; die regel wordt geaccepteerd met de
waarschuwing `naam-zonder-komma`. Naast `name_line` staat geen ander naamveld. De naam
verlaat de partner alleen als sleutelgebonden codering.

### Voorletters (`initials`)

Een kolom met voorletters ("A.B.", "Th.J.") koppelt u aan `initials`; voorletters achter de
komma van een `name_line` worden ook als voorletters gelezen. Een voornaamkolom (`given_name`)
wordt gecodeerd zoals hij is, ook een enkele voorletter erin; staan er alleen voorletters in,
koppel hem dan aan `initials`.
Voorletters verlaten de partner niet, ook niet gecodeerd: de koppeling vergelijkt voornamen op
hun lettercombinaties, en daarin lijkt "J." niet op "Jan" en wel op elke andere "J.". Een regel
met alleen voorletters heeft voor de koppeling een onbekende voornaam en wordt gekoppeld op
BSN, achternaam, geboortedatum en adres. Van voorletters is hooguit de eerste letter te
vergelijken; dat doet de koppeling (nog) niet. Lever de voornamen als het bronsysteem ze heeft.
"""
FEATURE_EXAMPLES = (
    ("Vaste waarde: een corporatie zonder kolom voor de soort signaal", """\
version: 1
partners:
  woonstichting-veenhorst:
    file: csv
    encoding: cp1252
    delimiter: ;
    decimal: ','
    date_format: '%d-%m-%Y'
    datasets:
      huurachterstanden:
        kind: arrears
        keys: [record_id]
        columns:
          Dossiernummer: record_id
          BSN: bsn
          Voornaam: given_name
          Achternaam: full_surname
          Geboortedatum: birth_date
          Postcode: postcode
          Huisnr: house_number
          Achterstand: amount
          Gemeld aan gemeente: signal_date
        types: {birth_date: date, house_number: integer, amount: decimal, signal_date: date}
        fixed:
          signal_kind: huur        # elke regel: soort signaal 'huur'
"""),
    ('Naam in één kolom: een energieleverancier met "Achternaam, Voornaam"', """\
version: 1
partners:
  noorderlicht-energie:
    file: csv
    delimiter: ;
    decimal: ','
    date_format: '%d-%m-%Y'
    datasets:
      betalingsachterstanden:
        kind: arrears
        keys: [record_id]
        columns:
          Meldingsnummer: record_id
          Klantnaam: name_line     # "Vos-Jansen, A.B." of "Berg van den, Jan"
          Geboortedatum: birth_date
          Postcode: postcode
          Huisnummer: house_number
          Openstaand: amount
          Gemeld op: signal_date
        types: {birth_date: date, house_number: integer, amount: decimal, signal_date: date}
        fixed:
          signal_kind: energie
"""),
    ("Voorletters: een school die geen voornamen exporteert", """\
version: 1
partners:
  openbaar-onderwijs-kanaalstreek:
    file: csv
    delimiter: ;
    date_format: '%d-%m-%Y'
    datasets:
      verzuimmeldingen:
        kind: absence
        keys: [record_id]
        columns:
          Melding: record_id
          Voorletters: initials    # "A.B."; telt niet als voornaam bij het koppelen
          Tussenvoegsel: surname_prefix
          Achternaam: surname
          Geboortedatum: birth_date
          Postcode: postcode
          Huisnummer: house_number
          Verzuim vanaf: absence_start
          Gemeld op: reported_date
        types: {birth_date: date, house_number: integer, absence_start: date,
                reported_date: date}
"""),
)  # fmt: skip
LIMITS = """## Wat de mapping niet kan, en wat wel

- **Samengestelde velden die werken**: achternaam met voorvoegsel in één kolom
  (`full_surname`, "van der Berg"), straat, huisnummer en toevoeging in één kolom
  (`address_line`, "Hoofdstraat 12 a") en "Achternaam, Voornaam" in één kolom (`name_line`,
  hierboven).
- **Meer dan één datumnotatie per partner**: niet mogelijk; één `date_format` per partner (met
  de vaste uitwijkmogelijkheden hierboven).
- **Getallen en datums in Excel**: een cel die in Excel een getal of een datum is, wordt gelezen
  zoals hij is; `decimal` en `date_format` gelden alleen voor cellen met tekst. Met
  `decimal: ','` blijft een getalcel 1048,53 dus 1048,53 (niet 104853), en wordt een tekstcel
  "1.048,53" ook 1048,53.
- **Een onbekende instelling** is een fout, met een suggestie: `vast:` → "Bedoelt u 'fixed'?",
  `voorletters:` → zet de kolom onder `columns` als `initials`.
"""
CHECKS = """## Wat `doorbraak mappings check` controleert

Alles tegelijk, elk probleem met zijn regel; afsluitcode 1 bij een fout. `mappings load` doet
dezelfde controle eerst en slaat bij een fout niets op.

- `version: 1` bovenaan en een blok `partners:`; de YAML zelf (een fout met regelnummer);
- per partner: dat de partner op het platform bestaat (anders: voeg hem eerst toe), elke
  instelling bekend (met suggestie), bestandstype, tekenset, scheidingsteken, decimaalteken,
  datumnotatie en titelregels bruikbaar;
- per gegevensset: de soort bestaat; `header_row` na de titelregels; `sheet` alleen bij Excel;
  elk veld in `columns` hoort bij de soort (of is een identiteitsveld) en komt maar één keer
  voor; de datum van de soort en elk verplicht veld hebben een kolom; elke sleutel is een kolom
  en de sleutel van de soort staat in `keys`; elk type bestaat (`datum` → "Bedoelt u
  'date'?") en klopt met het register; elk datum-, getal- en bedragveld heeft een type;
  `codes` alleen bij code- en ja/nee-velden, ja/nee-codes worden `true` of `false`;
  `name_line` zonder andere naamvelden; een vaste waarde (`fixed`) hoort bij een veld van de
  soort zonder kolom, niet bij een sleutel of identiteitsveld, en is een waarde die het veld
  kan hebben;
- een waarschuwing (geen fout) als een code vertaald wordt naar een waarde die niet in de
  codelijst staat.
"""
EXAMPLES = (
    ("Gemeente (opvolging van vroegsignalen)", """\
version: 1
partners:
  gemeente-pekela:
    name: Gemeente Pekela
    file: csv
    encoding: cp1252
    delimiter: ;
    decimal: ','
    date_format: '%d-%m-%Y'
    datasets:
      vroegsignalering:
        kind: outreach
        files: [vroegsignalering-2025.csv]
        keys: [record_id]
        columns:
          Dossier: record_id
          Soort signaal: signal_kind
          Melder: creditor
          BSN-nummer: bsn
          Achternaam: full_surname
          Voornaam: given_name
          Geb. datum: birth_date
          Adres: address_line
          Postcode: postcode
          Plaats: city
          Achterstand (EUR): amount
          Gemeld op: signal_date
          Dreigende afsluiting: crisis
          Kanaal: contact_method
          In contact: reached
          Contact op: reached_date
          Resultaat: end_result
          Afgesloten op: end_date
        types: {birth_date: date, amount: decimal, signal_date: date, reached_date: date,
                end_date: date}
        codes:
          signal_kind: {Woningcorporatie: huur, Energieleverancier: energie,
                        Drinkwaterbedrijf: water, Zorgverzekeraar: zorgverzekering}
          crisis: {ja: true, nee: false}
          reached: {ja: true, nee: false}
          contact_method: {Brief: brief, Telefonisch: telefoon, Huisbezoek: huisbezoek}
          end_result: {Niet opgepakt: niet_opgepakt, Geen contact: geen_contact,
                       Geen hulp gewenst: wil_geen_hulp, Advies gegeven: advies,
                       Doorverwezen naar vervolghulp: vervolghulp}
"""),
    ("Woningcorporatie (huurachterstanden, Windows-CSV met `;`)", """\
version: 1
partners:
  woonstichting-veenhorst:
    name: Woonstichting Veenhorst
    file: csv
    encoding: cp1252
    delimiter: ;
    decimal: ','
    date_format: '%d-%m-%Y'
    datasets:
      huurachterstanden:
        kind: arrears
        files: [huurachterstanden-2025.csv]
        keys: [record_id]
        columns:
          Dossiernummer: record_id
          Huurdernummer: client_id
          BSN: bsn
          Voornaam: given_name
          Achternaam: full_surname
          Geboortedatum: birth_date
          Straatnaam: street
          Huisnr: house_number
          Toev: house_number_suffix
          Postcode: postcode
          Plaats: city
          Soort: signal_kind
          Achterstand: amount
          Achterstand sinds: arrears_since
          Gemeld aan gemeente: signal_date
        types: {birth_date: date, house_number: integer, amount: decimal,
                arrears_since: date, signal_date: date}
        codes:
          signal_kind: {Huur: huur}
"""),
    ("Energieleverancier (Excel met een titelregel, zonder BSN)", """\
version: 1
partners:
  noorderlicht-energie:
    name: Noorderlicht Energie
    file: xlsx
    title_rows: 1
    decimal: '.'
    date_format: '%Y-%m-%d'
    datasets:
      betalingsachterstanden:
        kind: arrears
        files: [betalingsachterstanden-2025.xlsx]
        keys: [record_id]
        header_row: 2
        sheet: Betalingsachterstanden
        columns:
          meldingsnummer: record_id
          product: signal_kind
          klantnummer: client_id
          voornaam: given_name
          tussenvoegsel: surname_prefix
          achternaam: surname
          geboortedatum: birth_date
          adres: address_line
          postcode: postcode
          woonplaats: city
          openstaand_bedrag: amount
          eerste_onbetaalde_factuur: arrears_since
          meldingsdatum: signal_date
          afsluiting_dreigt: crisis
        types: {birth_date: date, amount: decimal, arrears_since: date, signal_date: date}
        codes:
          signal_kind: {E: energie}
          crisis: {'1': true, '0': false}
"""),
    ("Drinkwaterbedrijf (CSV met `,`, ISO-datums)", """\
version: 1
partners:
  waterbedrijf-veenstroom:
    name: Waterbedrijf Veenstroom
    file: csv
    encoding: utf-8
    delimiter: ','
    decimal: '.'
    date_format: '%Y-%m-%d'
    datasets:
      betalingsachterstanden:
        kind: arrears
        files: [betalingsachterstanden-2025.csv]
        keys: [record_id]
        columns:
          meldingsnummer: record_id
          product: signal_kind
          klantnummer: client_id
          voornaam: given_name
          tussenvoegsel: surname_prefix
          achternaam: surname
          geboortedatum: birth_date
          adres: address_line
          postcode: postcode
          woonplaats: city
          openstaand_bedrag: amount
          meldingsdatum: signal_date
        types: {birth_date: date, amount: decimal, signal_date: date}
        codes:
          signal_kind: {W: water}
"""),
    ("Zorgverzekeraar (premieachterstanden)", """\
version: 1
partners:
  zorgverzekeraar-noordkroon:
    name: Zorgverzekeraar Noordkroon
    file: csv
    encoding: utf-8
    delimiter: ;
    decimal: ','
    date_format: '%d-%m-%Y'
    datasets:
      premieachterstanden:
        kind: arrears
        files: [premieachterstanden-2025.csv]
        keys: [record_id]
        columns:
          MELDING_ID: record_id
          RELATIENUMMER: client_id
          BSN: bsn
          VOORNAAM: given_name
          VOORVOEGSELS: surname_prefix
          ACHTERNAAM: surname
          GEBOORTEDATUM: birth_date
          GESLACHT: sex
          STRAAT: street
          HUISNUMMER: house_number
          HUISNUMMER_TOEV: house_number_suffix
          POSTCODE: postcode
          WOONPLAATS: city
          ACHTERSTAND_EUR: amount
          ACHTERSTAND_SINDS: arrears_since
          MELDDATUM: signal_date
        types: {birth_date: date, house_number: integer, amount: decimal,
                arrears_since: date, signal_date: date}
        codes:
          sex: {'1': M, '2': V}
"""),
    ("Leerplicht of school (verzuimmeldingen, tab-gescheiden, zonder BSN)", """\
version: 1
partners:
  openbaar-onderwijs-kanaalstreek:
    name: Stichting Openbaar Onderwijs Kanaalstreek
    file: csv
    encoding: utf-8
    delimiter: "\\t"
    decimal: ','
    date_format: '%d-%m-%Y'
    datasets:
      verzuimmeldingen:
        kind: absence
        files: [verzuimmeldingen-2025.txt]
        keys: [record_id]
        columns:
          Melding: record_id
          Leerlingnummer: client_id
          Roepnaam: given_name
          Tussenvoegsel: surname_prefix
          Achternaam: surname
          Geboortedatum: birth_date
          Straat: street
          Huisnummer: house_number
          Toevoeging: house_number_suffix
          Postcode: postcode
          Woonplaats: city
          Onderwijssoort: school_type
          Verzuim vanaf: absence_start
          Uren verzuim: absence_hours
          Gemeld op: reported_date
        types: {birth_date: date, house_number: integer, absence_start: date,
                absence_hours: integer, reported_date: date}
        codes:
          school_type: {PO: po, VO: vo, MBO: mbo}
"""),
    ("Wijkteam (caseload: vaste contactpersonen en plannen, UTF-8 met BOM)", """\
version: 1
partners:
  wijkteam-veendam:
    name: Wijkteam Veendam
    file: csv
    encoding: utf-8-sig
    delimiter: ;
    decimal: ','
    date_format: '%d-%m-%Y'
    datasets:
      contactpersonen:
        kind: contact_assignment
        files: [contactpersonen-2025.csv]
        keys: [record_id]
        columns:
          Toewijzingsnummer: record_id
          Plannummer: plan_id
          BSN: bsn
          Voornamen: given_name
          Voorvoegsel: surname_prefix
          Achternaam: surname
          Geboortedatum: birth_date
          Straat: street
          Huisnummer: house_number
          Postcode: postcode
          Woonplaats: city
          Contactpersoon: contact_person
          Vanaf: assign_start
          Tot en met: assign_end
        types: {birth_date: date, house_number: integer, assign_start: date, assign_end: date}
      plannen:
        kind: plan_goal
        files: [plannen-2025.csv]
        keys: [record_id, goal_number]
        columns:
          Plannummer: record_id
          Doelnummer: goal_number
          BSN: bsn
          Voornamen: given_name
          Achternaam: full_surname
          Geboortedatum: birth_date
          Straat en huisnummer: address_line
          Postcode: postcode
          Woonplaats: city
          Startdatum plan: plan_start
          Einddatum plan: plan_end
          Status plan: plan_status
          Leefgebied: capital
          Status doel: goal_status
        types: {goal_number: integer, birth_date: date, plan_start: date, plan_end: date}
        codes:
          plan_status: {Lopend: actief, Afgesloten - doel bereikt: afgerond,
                        Afgesloten - voortijdig: gestopt}
          capital: {Economisch kapitaal: economisch, Sociaal kapitaal: sociaal,
                    Cultureel kapitaal: cultureel, Pedagogisch kapitaal: pedagogisch,
                    Mentaal kapitaal: mentaal}
          goal_status: {In uitvoering: lopend, Behaald: behaald, Niet behaald: niet_behaald}
"""),
)  # fmt: skip


def _settings_table(title: str, rows: tuple[tuple[str, str, str, str], ...]) -> list[str]:
    lines = [
        title,
        "",
        "| instelling | waarde | standaard | betekenis |",
        "| --- | --- | --- | --- |",
    ]
    lines += [f"| `{key}` | {value} | {default} | {text} |" for key, value, default, text in rows]
    return [*lines, ""]


def _format_section() -> list[str]:
    lines = [
        "## Het bestand `mappings.yaml`",
        "",
        "YAML in UTF-8: `version: 1` en onder `partners:` per partner (met zijn code op het "
        "platform) de instellingen van zijn bestanden en onder `datasets:` zijn gegevenssets.",
        "",
    ]
    lines += _settings_table("### Instellingen per partner", FILE_SETTINGS)
    lines += _settings_table("### Instellingen per gegevensset", DATASET_SETTINGS)
    lines += ["### Typen", "", "| type | in docs/register.md | betekenis |", "| --- | --- | --- |"]
    lines += [f"| `{t}` | {TYPE_NAMES[t]} | {text} |" for t, text in TYPE_HELP.items()]
    return [*lines, ""]


def _kinds_section() -> list[str]:
    lines = [
        "## Soorten gegevens en hun velden",
        "",
        "De waarde rechts in `columns` is een van de velden van de soort (of een "
        "identiteitsveld). *required*: de mapping moet er een kolom (of een vaste waarde) voor "
        "hebben; *key*: het veld hoort in `keys`.",
        "",
    ]
    for kind in s.dataset_kinds().values():
        lines += [
            f"### `{kind.name}`: {kind.label}",
            "",
            f"Datum: `{kind.date_field}`. Sleutel: `keys: [{', '.join(kind.keys)}]`.",
            "",
            *delivered_field_rows(kind.fields, kind.keys),
            "",
        ]
    return lines


def _identity_section() -> list[str]:
    kept = ", ".join(f"`{name}`" for name in sorted(s.IDENTITY_KEPT))
    lines = [
        "## Identiteitsvelden",
        "",
        "Elke soort mag deze kolommen hebben; hoe meer er zijn, hoe beter personen en "
        "huishoudens gekoppeld worden. `doorbraak pseudonymise` vervangt ze bij de partner door "
        "sleutelgebonden pseudoniemen en coderingen, het geboortejaar, de vier cijfers van de "
        f"postcode en de buurt; alleen {kept} gaat zoals het is. Zonder BSN (energie, water, "
        "scholen) wordt op naam, geboortedatum en adres gekoppeld.",
        "",
        *delivered_field_rows(s.IDENTITY_FIELDS),
        "",
    ]
    return lines


def _code_lists_section() -> list[str]:
    lines = ["## Codelijsten", "", "De waarden die een codeveld na `codes` mag hebben:", ""]
    used = {f.codes.name: f.codes for k in s.dataset_kinds().values() for f in k.fields if f.codes}
    used |= {f.codes.name: f.codes for f in s.IDENTITY_FIELDS if f.codes}
    for codes in used.values():
        lines += [f"### {codes.name.replace('_', '-')}", "", f"{codes.label}:", ""]
        lines += [f"- `{value}`: {label}" for value, label in codes.codes]
        lines.append("")
    return lines


def _examples_section() -> list[str]:
    lines = [
        "## Voorbeelden per soort partner",
        "",
        "Elk voorbeeld komt door `doorbraak mappings check` (een test houdt dat zo). De "
        "synthetische regio (`doorbraak synth`) schrijft in `exports/mappings.yaml` een "
        "volledige mapping voor elke demopartner.",
        "",
    ]
    for title, text in EXAMPLES:
        lines += [f"### {title}", "", "```yaml", text.rstrip("\n"), "```", ""]
    return lines


def _features_section() -> list[str]:
    lines = [FEATURES]
    for title, text in FEATURE_EXAMPLES:
        lines += [f"#### {title}", "", "```yaml", text.rstrip("\n"), "```", ""]
    return lines


def contract_markdown() -> str:
    lines = [HEAD, WALKTHROUGH.read_text(encoding="utf-8")]
    lines += [*_format_section(), *_features_section(), LIMITS]
    lines += [*_kinds_section(), *_identity_section()]
    lines += [*_code_lists_section(), *_examples_section(), CHECKS]
    return "\n".join(lines).rstrip("\n") + "\n"
