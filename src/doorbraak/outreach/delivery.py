"""The workflow's figures on their way to the monitor (issue 15, item 6, the first half): the
gemeente's own delivery of the register's `outreach` dataset, written from the work zone.

`doorbraak vroegsignalering aanlevering` writes one row per signal dated in the period (one
event, one fact: ADR 0017) with the person as the gemeente's system has it, and beside it the
mapping that declares the file. The gemeente then treats it like any export of its own:
pseudonymised on its machine with `doorbraak pseudonymise` and delivered through the intake, so
the register and the monitor only ever see pseudonyms (DESIGN.md §3, ADR 0024's path for
casework). Nothing here writes into the register.

The GGM's values become the register's codes (`register.schema`: signal_kind, contact_method,
end_result) by the tables below: our reading, since the register's lists are coarser. An
end result that says nothing about outreach ("Inwoner is overleden", "Persoon is geen inwoner
(meer) in de gemeente") counts as not taken up.
"""

import csv
import datetime as dt
from pathlib import Path
from typing import Any

import yaml

from doorbraak.outreach import models as m
from doorbraak.outreach import worklist
from doorbraak.partners.models import Partner

DATASET = "doorbraak-vroegsignalering"  # = register.schema.WORKFLOW_OUTREACH_DATASET (a test)
SIGNAL_KIND = {
    "Huur": "huur",
    "Energie": "energie",
    "Water": "water",
    "Zorg": "zorgverzekering",
    "CAK Zorgverzekeringen": "zorgverzekering",
}
CONTACT_METHOD = {
    "Brief": "brief",
    "Kaartje": "brief",
    "Telefoon": "telefoon",
    "Huisbezoek": "huisbezoek",
    "Afspraak op locatie": "huisbezoek",
    "Mail": "email",
    "SMS/Whatsapp": "sms",
}
END_RESULT = {
    "(Budget)advies en/of quick fix": "advies",
    "Definitief geen contact kunnen krijgen": "geen_contact",
    "Geen reactie na eerder contact": "geen_contact",
    "Inwoner al bekend bij schuldhulpverlening": "al_bekend_schuldhulp",
    "Inwoner heeft al een ander lopend traject": "al_bekend_schuldhulp",
    "Inwoner heeft zelf al betaald/betalingsregeling getroffen": "betaald_regeling",
    "Inwoner is overleden": "niet_opgepakt",
    "Inwoner regelt het zelf/hoeft geen hulp vanuit vroegsignalering": "wil_geen_hulp",
    "Niet opgepakt: andere reden": "niet_opgepakt",
    "Niet opgepakt: herhaalde melding": "niet_opgepakt",
    "Niet opgepakt: onterecht signaal": "niet_opgepakt",
    "Persoon is geen inwoner (meer) in de gemeente": "niet_opgepakt",
    "Vervolghulp en/of verwijzing": "vervolghulp",
    "Vervolghulp en/of verwijzing financieel": "vervolghulp",
    "Vervolghulp en/of verwijzing niet financieel": "vervolghulp",
    "Verwijzing zonder tussenkomst inwoner": "vervolghulp",
}
# file column → the register's field (identity fields are the partner tool's)
COLUMNS = {
    "Kenmerk": "record_id",
    "Soort signaal": "signal_kind",
    "Bedrag": "amount",
    "Ontstaan": "arrears_since",
    "Signaaldatum": "signal_date",
    "Crisis": "crisis",
    "Eerste contactpoging": "first_attempt_date",
    "Manier van contact": "contact_method",
    "Bereikt": "reached",
    "Bereikt op": "reached_date",
    "Eindresultaat": "end_result",
    "Afgesloten op": "end_date",
    "BSN": "bsn",
    "Naam": "name_line",
    "Geboortedatum": "birth_date",
    "Postcode": "postcode",
    "Huisnummer": "house_number",
    "Toevoeging": "house_number_suffix",
}
YES_NO = {True: "ja", False: "nee"}


def _date(day: dt.date | None) -> str:
    return day.isoformat() if day else ""


def _row(signal: m.Vroegsignaal, attempts: list[m.Contactpoging]) -> dict[str, str]:
    case = signal.zaak
    first = worklist.first_attempt_for(signal.signal_date, [a.on for a in attempts])
    first_kind = next((a.kind for a in attempts if a.on == first), "")
    reached = next((a.on for a in attempts if a.reached and a.on >= signal.signal_date), None)
    values = {
        "record_id": signal.record_key,
        "signal_kind": SIGNAL_KIND.get(signal.partner_type, ""),
        "amount": "" if signal.amount is None else str(signal.amount),
        "arrears_since": _date(signal.origin_date),
        "signal_date": _date(signal.signal_date),
        "crisis": YES_NO[signal.crisis],
        "first_attempt_date": _date(first),
        "contact_method": CONTACT_METHOD.get(first_kind, ""),
        "reached": YES_NO[reached is not None],
        "reached_date": _date(reached),
        "end_result": END_RESULT.get(case.result, ""),
        "end_date": _date(case.closed_on),
        "bsn": signal.bsn,
        "name_line": signal.name,
        "birth_date": signal.birth_date,
        "postcode": signal.postcode,
        "house_number": signal.house_number,
        "house_number_suffix": signal.house_number_addition,
    }
    return {column: values[field] for column, field in COLUMNS.items()}


def rows(*, gemeente: str, start: dt.date, end: dt.date) -> list[dict[str, str]]:
    """One row per signal of the gemeente dated from `start` to `end`."""
    signals = (
        m.Vroegsignaal.objects.filter(
            gemeente_code=gemeente, signal_date__gte=start, signal_date__lte=end
        )
        .select_related("zaak")
        .prefetch_related("zaak__attempts")
        .order_by("signal_date", "pk")
    )
    return [_row(signal, list(signal.zaak.attempts.all())) for signal in signals]


def mapping(partner: Partner, file_name: str) -> dict[str, Any]:
    """The mapping that declares the file, under the gemeente's partner code."""
    dataset = {
        "kind": "outreach",
        "files": [file_name],
        "keys": ["record_id"],
        "columns": dict(COLUMNS),
        "types": {
            "amount": "decimal",
            "arrears_since": "date",
            "signal_date": "date",
            "first_attempt_date": "date",
            "reached_date": "date",
            "end_date": "date",
            "birth_date": "date",
            "house_number": "integer",
        },
        "codes": {"crisis": {"ja": True, "nee": False}, "reached": {"ja": True, "nee": False}},
    }
    return {
        "version": 1,
        "partners": {
            partner.code: {
                "name": partner.name,
                "file": "csv",
                "encoding": "utf-8",
                "delimiter": ";",
                "decimal": ".",
                "date_format": "%Y-%m-%d",
                "datasets": {DATASET: dataset},
            }
        },
    }


def write(target: Path, found: list[dict[str, str]], partner: Partner) -> Path:
    """The file and, beside it, `<name>.mapping.yaml`; returns the mapping's path."""
    with target.open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=list(COLUMNS), delimiter=";")
        writer.writeheader()
        writer.writerows(found)
    declared = target.with_name(f"{target.stem}.mapping.yaml")
    text = yaml.safe_dump(mapping(partner, target.name), allow_unicode=True, sort_keys=False)
    declared.write_text(text, encoding="utf-8")
    return declared
