"""The registration systems' export dialects: column names, code lists, record-id styles.

A dialect is a system family (a municipal platform, a housing corporation's package, a pupil
administration, ...). Partners on the same system share the column names but configure the
header style differently. `mappings.yaml` (written by `exports`) declares all of it per partner.
"""

from __future__ import annotations

from dataclasses import dataclass

IDENTITY = "@identity"

DATE_FIELDS = frozenset({
    "birth_date", "arrears_since", "signal_date", "first_attempt_date", "reached_date",
    "end_date", "absence_start", "reported_date", "plan_start", "plan_end", "assign_start",
    "assign_end", "enrol_start", "enrol_end", "assessment_date", "diploma_date", "work_start",
})  # fmt: skip
DECIMAL_FIELDS = frozenset({"amount", "hours_per_week"})
NUMBER_FIELDS = frozenset({
    "absence_hours", "house_number", "goal_number", "level_economisch", "level_sociaal",
    "level_cultureel", "level_pedagogisch", "level_mentaal",
})  # fmt: skip
KEYS = {
    "outreach": ("record_id",), "plan_goal": ("record_id", "goal_number"),
    "contact_assignment": ("record_id",), "enrolment": ("record_id",),
    "assessment": ("record_id",), "arrears": ("record_id",), "absence": ("record_id",),
    "diploma": ("record_id",), "placement": ("record_id",),
}  # fmt: skip
REQUIRED = {  # a field whose value an invalid row may lack
    "outreach": "signal_date", "plan_goal": "plan_start", "contact_assignment": "assign_start",
    "enrolment": "enrol_start", "assessment": "assessment_date", "arrears": "signal_date",
    "absence": "absence_start", "diploma": "diploma_date", "placement": "work_start",
}  # fmt: skip


@dataclass(frozen=True)
class Layout:
    stem: str  # file name stem
    title: str  # title row text and sheet name
    record_prefix: str
    columns: tuple[tuple[str, str], ...]  # (header, canonical field); IDENTITY marks the block


@dataclass(frozen=True)
class Dialect:
    name: str
    identity: tuple[tuple[str, str], ...]
    layouts: dict[str, Layout]
    codes: dict[str, dict[str, str]]
    client_prefix: str
    compact_postcode: bool
    bsn_missing: float  # share of clients whose BSN the partner does not have


YES_NO = {"yes": "J", "no": "N"}
INTERVENTION_NAMES = {
    "budgetcoaching": "Budgetcoaching", "opvoedondersteuning": "Opvoedondersteuning",
    "werkfit-traject": "Werkfit-traject", "maatjesproject": "Maatjesproject",
    "huiswerkbegeleiding": "Huiswerkbegeleiding", "sterk-in-je-vel": "Sterk in je vel",
}  # fmt: skip

_MUNICIPAL_A = Dialect(
    name="sociaal-domein-a",
    identity=(("BSN", "bsn"), ("Voornamen", "given_name"), ("Voorvoegsel", "surname_prefix"),
              ("Achternaam", "surname"), ("Geboortedatum", "birth_date"), ("Geslacht", "sex"),
              ("Straat", "street"), ("Huisnummer", "house_number"),
              ("Huisnummertoevoeging", "house_number_suffix"), ("Postcode", "postcode"),
              ("Woonplaats", "city")),
    layouts={
        "outreach": Layout("signalen", "Signalen", "VS", (
            ("Signaalnummer", "record_id"), (IDENTITY, ""), ("Signaalpartner", "signal_kind"),
            ("Schuldeiser", "creditor"), ("Bedrag achterstand", "amount"),
            ("Datum ontstaan", "arrears_since"), ("Signaaldatum", "signal_date"),
            ("Crisis", "crisis"), ("Eerste contactpoging", "first_attempt_date"),
            ("Wijze contact", "contact_method"), ("Bereikt", "reached"),
            ("Datum bereikt", "reached_date"), ("Eindresultaat", "end_result"),
            ("Datum afgesloten", "end_date"))),
        "plan_goal": Layout("plannen", "Plannen", "MP", (
            ("Plannummer", "record_id"), ("Doelnummer", "goal_number"), (IDENTITY, ""),
            ("Startdatum plan", "plan_start"), ("Einddatum plan", "plan_end"),
            ("Status plan", "plan_status"), ("Leefgebied", "capital"),
            ("Doel in eigen woorden", "goal_text"), ("Status doel", "goal_status"))),
        "contact_assignment": Layout("contactpersonen", "Contactpersonen", "TK", (
            ("Toewijzingsnummer", "record_id"), ("Plannummer", "plan_id"), (IDENTITY, ""),
            ("Contactpersoon", "contact_person"), ("Vanaf", "assign_start"),
            ("Tot en met", "assign_end"))),
        "enrolment": Layout("deelnames", "Deelnames", "DN", (
            ("Deelnamenummer", "record_id"), (IDENTITY, ""), ("Experiment", "experiment"),
            ("Interventie", "intervention"), ("Startdatum", "enrol_start"),
            ("Einddatum", "enrol_end"), ("Reden einde", "end_reason"))),
    },
    codes={
        "sex": {"M": "M", "V": "V"},
        "signal_kind": {"huur": "HUUR", "energie": "ENERGIE", "water": "DRINKWATER",
                        "zorgverzekering": "ZVW", "school": "VERZUIM"},
        "contact_method": {"brief": "BRF", "telefoon": "TEL", "huisbezoek": "HB",
                           "email": "MAIL", "sms": "SMS"},
        "reached": YES_NO, "crisis": YES_NO,
        "end_result": {"niet_opgepakt": "01 Niet opgepakt",
                       "al_bekend_schuldhulp": "02 Al bekend bij schuldhulp",
                       "geen_contact": "03 Geen contact", "wil_geen_hulp": "04 Wil geen hulp",
                       "betaald_regeling": "05 Betaald/regeling", "advies": "06 Advies",
                       "vervolghulp": "07 Vervolghulp"},
        "plan_status": {"actief": "Lopend", "afgerond": "Afgesloten - doel bereikt",
                        "gestopt": "Afgesloten - voortijdig"},
        "capital": {"economisch": "Economisch kapitaal", "sociaal": "Sociaal kapitaal",
                    "cultureel": "Cultureel kapitaal", "pedagogisch": "Pedagogisch kapitaal",
                    "mentaal": "Mentaal kapitaal"},
        "goal_status": {"lopend": "In uitvoering", "behaald": "Behaald",
                        "niet_behaald": "Niet behaald"},
        "intervention": {"budgetcoaching": "BUDGETCOACH", "opvoedondersteuning": "OPVOEDING",
                         "werkfit-traject": "WERKFIT", "maatjesproject": "MAATJE",
                         "huiswerkbegeleiding": "HUISWERK", "sterk-in-je-vel": "WEERBAAR"},
        "end_reason": {"afgerond": "Regulier", "voortijdig_gestopt": "Uitval"},
    },
    client_prefix="", compact_postcode=False, bsn_missing=0.02,
)  # fmt: skip

_MUNICIPAL_B = Dialect(
    name="sociaal-domein-b",
    identity=(("BSN-nummer", "bsn"), ("Achternaam", "full_surname"), ("Voornaam", "given_name"),
              ("Geb. datum", "birth_date"), ("Geslacht", "sex"), ("Adres", "address_line"),
              ("Postcode", "postcode"), ("Plaats", "city")),
    layouts={
        "outreach": Layout("vroegsignalering", "Vroegsignalering", "S-", (
            ("Dossier", "record_id"), ("Soort signaal", "signal_kind"),
            ("Melder", "creditor"), (IDENTITY, ""), ("Achterstand (EUR)", "amount"),
            ("Ontstaan op", "arrears_since"), ("Gemeld op", "signal_date"),
            ("Dreigende afsluiting", "crisis"), ("1e poging", "first_attempt_date"),
            ("Kanaal", "contact_method"), ("In contact", "reached"),
            ("Contact op", "reached_date"), ("Resultaat", "end_result"),
            ("Afgesloten op", "end_date"))),
        "plan_goal": Layout("maatwerkplannen", "Maatwerkplannen", "P-", (
            ("Plan-id", "record_id"), (IDENTITY, ""), ("Doel-nr", "goal_number"),
            ("Kapitaal", "capital"), ("Omschrijving doel", "goal_text"),
            ("Doel status", "goal_status"), ("Plan start", "plan_start"),
            ("Plan einde", "plan_end"), ("Planstatus", "plan_status"))),
        "contact_assignment": Layout("regievoering", "Regievoering", "R-", (
            ("Regie-id", "record_id"), ("Plan-id", "plan_id"), (IDENTITY, ""),
            ("Regievoerder", "contact_person"), ("Begin", "assign_start"),
            ("Einde", "assign_end"))),
        "enrolment": Layout("experimentdeelname", "Experimentdeelname", "E-", (
            ("Registratie", "record_id"), (IDENTITY, ""), ("Proeftuin", "experiment"),
            ("Aanbod", "intervention"), ("Begin", "enrol_start"), ("Einde", "enrol_end"),
            ("Uitstroomreden", "end_reason"))),
    },
    codes={
        "sex": {"M": "man", "V": "vrouw"},
        "signal_kind": {"huur": "Woningcorporatie", "energie": "Energieleverancier",
                        "water": "Drinkwaterbedrijf", "zorgverzekering": "Zorgverzekeraar",
                        "school": "Onderwijs (verzuim)"},
        "contact_method": {"brief": "Brief", "telefoon": "Telefonisch", "huisbezoek": "Huisbezoek",
                           "email": "E-mail", "sms": "Sms"},
        "reached": {"yes": "ja", "no": "nee"}, "crisis": {"yes": "ja", "no": "nee"},
        "end_result": {"niet_opgepakt": "Niet opgepakt",
                       "al_bekend_schuldhulp": "Reeds bekend (schuldhulpverlening)",
                       "geen_contact": "Geen contact", "wil_geen_hulp": "Geen hulp gewenst",
                       "betaald_regeling": "Betaald / betalingsregeling",
                       "advies": "Advies gegeven", "vervolghulp": "Doorverwezen naar vervolghulp"},
        "plan_status": {"actief": "1", "afgerond": "2", "gestopt": "3"},
        "capital": {"economisch": "ECO", "sociaal": "SOC", "cultureel": "CUL",
                    "pedagogisch": "PED", "mentaal": "MEN"},
        "goal_status": {"lopend": "open", "behaald": "gehaald", "niet_behaald": "niet gehaald"},
        "intervention": {"budgetcoaching": "BC", "opvoedondersteuning": "OPV",
                         "werkfit-traject": "WFT", "maatjesproject": "MAAT",
                         "huiswerkbegeleiding": "HWB", "sterk-in-je-vel": "SIJV"},
        "end_reason": {"afgerond": "Afgerond", "voortijdig_gestopt": "Gestopt"},
    },
    client_prefix="", compact_postcode=True, bsn_missing=0.03,
)  # fmt: skip

_HOUSING = Dialect(
    name="woningcorporatie",
    identity=(("Huurdernummer", "client_id"), ("BSN", "bsn"), ("Voornaam", "given_name"),
              ("Achternaam", "full_surname"), ("Geboortedatum", "birth_date"),
              ("Straatnaam", "street"), ("Huisnr", "house_number"),
              ("Toev", "house_number_suffix"), ("Postcode", "postcode"), ("Plaats", "city")),
    layouts={"arrears": Layout("huurachterstanden", "Huurachterstanden", "HA", (
        ("Dossiernummer", "record_id"), (IDENTITY, ""), ("Soort", "signal_kind"),
        ("Achterstand", "amount"), ("Achterstand sinds", "arrears_since"),
        ("Gemeld aan gemeente", "signal_date")))},
    codes={"signal_kind": {"huur": "Huur"}},
    client_prefix="H", compact_postcode=True, bsn_missing=0.12,
)  # fmt: skip

_UTILITY = Dialect(
    name="nutsbedrijf",
    identity=(("klantnummer", "client_id"), ("voornaam", "given_name"),
              ("tussenvoegsel", "surname_prefix"), ("achternaam", "surname"),
              ("geboortedatum", "birth_date"), ("adres", "address_line"),
              ("postcode", "postcode"), ("woonplaats", "city")),
    layouts={"arrears": Layout("betalingsachterstanden", "Betalingsachterstanden", "", (
        ("meldingsnummer", "record_id"), ("product", "signal_kind"), (IDENTITY, ""),
        ("openstaand_bedrag", "amount"), ("eerste_onbetaalde_factuur", "arrears_since"),
        ("meldingsdatum", "signal_date"), ("afsluiting_dreigt", "crisis")))},
    codes={"signal_kind": {"energie": "E", "water": "W"}, "crisis": {"yes": "1", "no": "0"}},
    client_prefix="", compact_postcode=True, bsn_missing=1.0,
)  # fmt: skip

_INSURER = Dialect(
    name="zorgverzekeraar",
    identity=(("RELATIENUMMER", "client_id"), ("BSN", "bsn"), ("VOORNAAM", "given_name"),
              ("VOORVOEGSELS", "surname_prefix"), ("ACHTERNAAM", "surname"),
              ("GEBOORTEDATUM", "birth_date"), ("GESLACHT", "sex"), ("STRAAT", "street"),
              ("HUISNUMMER", "house_number"), ("HUISNUMMER_TOEV", "house_number_suffix"),
              ("POSTCODE", "postcode"), ("WOONPLAATS", "city")),
    layouts={"arrears": Layout("premieachterstanden", "Premieachterstanden", "ZV", (
        ("MELDING_ID", "record_id"), (IDENTITY, ""), ("ACHTERSTAND_EUR", "amount"),
        ("ACHTERSTAND_SINDS", "arrears_since"), ("MELDDATUM", "signal_date")))},
    codes={"sex": {"M": "1", "V": "2"}},
    client_prefix="", compact_postcode=True, bsn_missing=0.004,
)  # fmt: skip

_SCHOOL = Dialect(
    name="leerlingvolgsysteem",
    identity=(("Leerlingnummer", "client_id"), ("BSN", "bsn"), ("Roepnaam", "given_name"),
              ("Tussenvoegsel", "surname_prefix"), ("Achternaam", "surname"),
              ("Geboortedatum", "birth_date"), ("Geslacht", "sex"), ("Straat", "street"),
              ("Huisnummer", "house_number"), ("Toevoeging", "house_number_suffix"),
              ("Postcode", "postcode"), ("Woonplaats", "city")),
    layouts={
        "absence": Layout("verzuimmeldingen", "Verzuimmeldingen", "VZ", (
            ("Melding", "record_id"), (IDENTITY, ""), ("Onderwijssoort", "school_type"),
            ("Verzuim vanaf", "absence_start"), ("Uren verzuim", "absence_hours"),
            ("Gemeld op", "reported_date"))),
        "diploma": Layout("diplomas", "Diploma's", "DP", (
            ("Registratie", "record_id"), (IDENTITY, ""), ("Diploma", "qualification"),
            ("Datum diploma", "diploma_date"))),
    },
    codes={"sex": {"M": "M", "V": "V"}, "school_type": {"po": "PO", "vo": "VO", "mbo": "MBO"},
           "qualification": {"MBO-1": "MBO niveau 1 (entree)", "MBO-2": "MBO niveau 2",
                             "MBO-3": "MBO niveau 3", "MBO-4": "MBO niveau 4", "HAVO": "HAVO",
                             "VWO": "VWO", "VMBO-BB": "VMBO basis", "VMBO-KB": "VMBO kader"}},
    client_prefix="L", compact_postcode=False, bsn_missing=0.03,
)  # fmt: skip

_WELFARE = Dialect(
    name="welzijnsregistratie",
    identity=(("Cliëntnummer", "client_id"), ("BSN", "bsn"), ("Voornaam", "given_name"),
              ("Achternaam", "full_surname"), ("Geboortedatum", "birth_date"),
              ("Geslacht", "sex"), ("Adres", "address_line"), ("Postcode", "postcode"),
              ("Woonplaats", "city")),
    layouts={
        "enrolment": Layout("deelnames", "Deelnames", "W", (
            ("Deelname-ID", "record_id"), (IDENTITY, ""), ("Activiteit", "intervention"),
            ("Project", "experiment"), ("Start", "enrol_start"), ("Einde", "enrol_end"),
            ("Reden einde", "end_reason"))),
        "assessment": Layout("metingen", "Metingen", "M", (
            ("Meting-ID", "record_id"), (IDENTITY, ""), ("Datum meting", "assessment_date"),
            ("Instrument", "instrument"), ("Versie", "instrument_version"),
            ("Economisch", "level_economisch"), ("Sociaal", "level_sociaal"),
            ("Cultureel", "level_cultureel"), ("Pedagogisch", "level_pedagogisch"),
            ("Mentaal", "level_mentaal"), ("Kan terugvallen op informele hulp", "informal_help"),
            ("Heeft zelfvertrouwen", "self_confidence"),
            ("Voelt zich prettig in de wijk", "at_home_in_neighbourhood"))),
    },
    codes={"sex": {"M": "Man", "V": "Vrouw"},
           "intervention": dict(INTERVENTION_NAMES),
           "end_reason": {"afgerond": "Afgerond", "voortijdig_gestopt": "Voortijdig gestopt"},
           "informal_help": {"yes": "Ja", "no": "Nee"},
           "self_confidence": {"yes": "Ja", "no": "Nee"},
           "at_home_in_neighbourhood": {"yes": "Ja", "no": "Nee"}},
    client_prefix="C", compact_postcode=False, bsn_missing=0.15,
)  # fmt: skip

_CARE = Dialect(
    name="zorgregistratie",
    identity=(("Cliënt-ID", "client_id"), ("BSN", "bsn"), ("Voornaam", "given_name"),
              ("Tussenv.", "surname_prefix"), ("Achternaam", "surname"),
              ("Geboortedatum", "birth_date"), ("Geslacht", "sex"), ("Straat", "street"),
              ("Huisnummer", "house_number"), ("Toevoeging", "house_number_suffix"),
              ("Postcode", "postcode"), ("Woonplaats", "city")),
    layouts={"enrolment": Layout("trajecten", "Trajecten", "T", (
        ("Traject", "record_id"), (IDENTITY, ""), ("Productcode", "intervention"),
        ("Experiment", "experiment"), ("Aanvang", "enrol_start"), ("Beëindigd", "enrol_end"),
        ("Reden beëindiging", "end_reason")))},
    codes={"sex": {"M": "M", "V": "V"},
           "intervention": {"opvoedondersteuning": "OPV-01", "sterk-in-je-vel": "SIJV-02"},
           "end_reason": {"afgerond": "01", "voortijdig_gestopt": "02"}},
    client_prefix="Z", compact_postcode=False, bsn_missing=0.06,
)  # fmt: skip

_WORK = Dialect(
    name="werkregistratie",
    identity=(("Klantnummer", "client_id"), ("BSN", "bsn"), ("Voornamen", "given_name"),
              ("Voorvoegsel", "surname_prefix"), ("Achternaam", "surname"),
              ("Geboortedatum", "birth_date"), ("Straat en huisnummer", "address_line"),
              ("Postcode", "postcode"), ("Woonplaats", "city")),
    layouts={
        "enrolment": Layout("trajecten", "Trajecten", "WF", (
            ("Trajectnummer", "record_id"), (IDENTITY, ""), ("Traject", "intervention"),
            ("Experiment", "experiment"), ("Start", "enrol_start"), ("Eind", "enrol_end"),
            ("Uitstroom", "end_reason"))),
        "placement": Layout("plaatsingen", "Plaatsingen", "PL", (
            ("Plaatsing", "record_id"), (IDENTITY, ""), ("Ingangsdatum", "work_start"),
            ("Uren per week", "hours_per_week"), ("Contract", "contract_kind"))),
    },
    codes={"intervention": {"werkfit-traject": "WERKFIT"},
           "end_reason": {"afgerond": "Regulier", "voortijdig_gestopt": "Uitval"},
           "contract_kind": {"vast": "Onbepaalde tijd", "tijdelijk": "Bepaalde tijd",
                             "uitzend": "Uitzendbasis", "beschut": "Beschut werk"}},
    client_prefix="K", compact_postcode=True, bsn_missing=0.04,
)  # fmt: skip

DIALECTS = {d.name: d for d in (_MUNICIPAL_A, _MUNICIPAL_B, _HOUSING, _UTILITY, _INSURER,
                                _SCHOOL, _WELFARE, _CARE, _WORK)}  # fmt: skip


def header_style(header: str, style: int) -> str:
    """Partners on one system configure headers differently: as is, snake_case or UPPER."""
    if style == 1:
        return "_".join(header.lower().replace(".", "").replace("-", " ").split())
    if style == 2:
        return header.upper()
    return header


def expand_columns(dialect: Dialect, layout: Layout) -> list[tuple[str, str]]:
    columns: list[tuple[str, str]] = []
    for header, field in layout.columns:
        columns += list(dialect.identity) if header == IDENTITY else [(header, field)]
    return columns
