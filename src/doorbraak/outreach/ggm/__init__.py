"""The GGM's Model Vroegsignalering as the national exchange pins it: one version, here only.

Source: VNG Realisatie, DDAS Vroegsignalering (the exchange specification of the Gemeentelijk
Gegevensmodel's "Model Vroegsignalering" for the Divosa Monitor Vroegsignalering Schulden, run
by CBS), repository VNG-Realisatie/ddas-vroegsignalering, `v1.2/json_schema_Uitwisselmodel.json`
at commit 6abe3c57aedc1eb4d08df4f298ae501cfde9bb7e; the definitions from
`docs/definities/Detail_Model Vroegsignalering.md` and the change notes of v1.1-draft and
v1.2-draft in the same repository (ADR 0029).

The code lists below are copied value for value from that schema's `$defs` (the GGM's own
spelling, capitals and punctuation included): these strings are what the database stores and
the exchange carries. `schema.json` beside this module is *our transcription* of the same
schema (structure, field names, required fields, the client's identity rule, every enum),
without the definition texts; see ADR 0029 for why it is not a byte copy.

Changing the model: set `VERSION` to the new one, update the lists, add the renamed values to
`RENAMED` under the new version, and write a data migration that calls `value_upgrade` on the
stored rows (every `Vroegsignaalzaak` remembers the version it was closed under).

Pure: no Django.
"""

import json
from functools import cache
from pathlib import Path
from typing import Any, Final

VERSION: Final = "1.2"
SOURCE: Final = (
    "VNG Realisatie, DDAS Vroegsignalering v1.2 (github.com/VNG-Realisatie/"
    "ddas-vroegsignalering, v1.2/json_schema_Uitwisselmodel.json, commit 6abe3c57)"
)
SCHEMA_FILE: Final = Path(__file__).with_name("schema.json")

# EnumEindresultaat: how a Vroegsignaalzaak ended (16 values in v1.2).
EINDRESULTAAT: Final = (
    "(Budget)advies en/of quick fix",
    "Definitief geen contact kunnen krijgen",
    "Geen reactie na eerder contact",
    "Inwoner al bekend bij schuldhulpverlening",
    "Inwoner heeft al een ander lopend traject",
    "Inwoner heeft zelf al betaald/betalingsregeling getroffen",
    "Inwoner is overleden",
    "Inwoner regelt het zelf/hoeft geen hulp vanuit vroegsignalering",
    "Niet opgepakt: andere reden",
    "Niet opgepakt: herhaalde melding",
    "Niet opgepakt: onterecht signaal",
    "Persoon is geen inwoner (meer) in de gemeente",
    "Vervolghulp en/of verwijzing",
    "Vervolghulp en/of verwijzing financieel",
    "Vervolghulp en/of verwijzing niet financieel",
    "Verwijzing zonder tussenkomst inwoner",
)
# EnumSignaalstatus: a signal's status, as the signalling partner may learn it (8 values).
SIGNAALSTATUS: Final = (
    "Inwoner al bekend bij schuldhulpverlening",
    "Inwoner is overleden",
    "Niet opgepakt: andere reden",
    "Niet opgepakt: herhaalde melding",
    "Niet opgepakt: onterecht signaal",
    "Nog niet opgepakt",
    "Opgepakt",
    "Persoon is geen inwoner (meer) in de gemeente",
)
# EnumContactsoort: the kind of a Contactpoging (10 values).
CONTACTSOORT: Final = (
    "Administratief",
    "Afspraak op locatie",
    "Brief",
    "Huisbezoek",
    "Kaartje",
    "Mail",
    "Onbekend",
    "Overige",
    "SMS/Whatsapp",
    "Telefoon",
)
# EnumDagdeel: its order means something (ochtend tot 12:00, middag tot 18:00, avond).
DAGDEEL: Final = ("Ochtend", "Middag", "Avond")
# EnumSignaalpartner: the kind of organisation that signalled (11 values).
SIGNAALPARTNER: Final = (
    "Belastingdienst",
    "CAK Eigen bijdrage",
    "CAK Zorgverzekeringen",
    "Dienst Toeslagen",
    "DUO",
    "Energie",
    "Huur",
    "Hypotheek",
    "Overige",
    "Water",
    "Zorg",
)

# The end results that say the signal was not taken up. The GGM: "Vastelastenpartners mogen
# hierbij alleen weten dat de melding niet is opgepakt, maar de specifieke reden daarvoor niet."
NIET_OPGEPAKT: Final = (
    "Niet opgepakt: andere reden",
    "Niet opgepakt: herhaalde melding",
    "Niet opgepakt: onterecht signaal",
)
# End results the partner learns under their own name, as a signal status: those on both
# lists. Every other case the gemeente took up is "Opgepakt" to the partner (our reading: the
# status list holds these end results and nothing finer).
STATUS_FROM_RESULT: Final = frozenset(EINDRESULTAAT) & frozenset(SIGNAALSTATUS)
# Renamed values per version step, old → new, for the data migration of a version change.
RENAMED: Final[dict[str, dict[str, dict[str, str]]]] = {
    "1.2": {
        "EnumEindresultaat": {
            "Verwijzing zonder toestemming": "Verwijzing zonder tussenkomst inwoner",
        },
    },
}


def value_upgrade(enum: str, value: str, *, from_version: str) -> str:
    """A stored value of `enum` under `from_version`, as the pinned version spells it."""
    for version in sorted(RENAMED, key=_version_key):
        if _version_key(version) > _version_key(from_version):
            value = RENAMED[version].get(enum, {}).get(value, value)
    return value


def _version_key(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split("."))


@cache
def schema() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    return loaded
