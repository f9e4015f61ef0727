"""The GGM's JSON exchange (DDAS Vroegsignalering, `ggm.VERSION`): export the closed cases of a
period for the national monitor, and import the same shape from a gemeente's own system.

Export: one `levering` per gemeente, its closed cases (`vroegsignaalzaken`) with the signals
they bundle (`vroegsignalen`, each with the status the partner may learn) and their contact
attempts. The client is identified as the GGM wants it: by BSN alone, or without one by
postcode and house number. The internal reason a signal was not taken up is never written.

Import: the file is validated against the pinned schema and checked as a whole (every problem
at once, nothing stored when there is one); a case whose signals are already here is skipped,
so reading the same file twice changes nothing. The GGM carries no closing date: an imported
case is closed on the delivery's `einddatumLevering` (our reading, ADR 0029).
"""

import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from jsonschema import Draft202012Validator, FormatChecker

from doorbraak.casework.crypto import blind_index
from doorbraak.core.audit import audit_record
from doorbraak.core.errors import ProblemsError
from doorbraak.core.models import AuditAction
from doorbraak.outreach import ggm
from doorbraak.outreach import models as m
from doorbraak.outreach.selectors import signal_status
from doorbraak.outreach.services import address_index, postcode_normalise
from doorbraak.partners.models import Partner
from doorbraak.pseudonymise.bsn import bsn_normalise

SUPPLIER = "doorbraak"


def schema_problems(document: Any) -> list[str]:
    """Every way the document breaks the pinned GGM schema, with where."""
    validator = Draft202012Validator(ggm.schema(), format_checker=FormatChecker())
    found = sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path))
    return [
        f"{'/'.join(str(p) for p in e.absolute_path) or '(bestand)'}: {e.message}" for e in found
    ]


# --- export -------------------------------------------------------------------------------


def _client(signal: m.Vroegsignaal) -> dict[str, str]:
    if signal.bsn:
        return {"burgerservicenummer": signal.bsn}
    client = {"postcode": signal.postcode, "huisnummer": signal.house_number}
    if signal.house_number_addition:
        client["huisnummertoevoeging"] = signal.house_number_addition
    if signal.birth_date:
        client["geboortedatum"] = signal.birth_date
    return client


def _signal(signal: m.Vroegsignaal) -> dict[str, Any]:
    out: dict[str, Any] = {
        "ID": signal.record_key,
        "crisissignaal": signal.crisis,
        "warmeOverdracht": signal.warm_handover,
        "signaaldatum": signal.signal_date.isoformat(),
        "status": signal_status(signal),
        "signaalpartner": {"type": signal.partner_type},
        "client": _client(signal),
    }
    if signal.amount is not None:
        out["bedrag"] = signal.amount
    if signal.origin_date:
        out["ontstaansdatum"] = signal.origin_date.isoformat()
    return out


def _attempt(attempt: m.Contactpoging) -> dict[str, Any]:
    out: dict[str, Any] = {
        "soort": attempt.kind,
        "bereikt": attempt.reached,
        "datum": attempt.on.isoformat(),
    }
    if attempt.part_of_day:
        out["dagdeel"] = attempt.part_of_day
    return out


def _case(case: m.Vroegsignaalzaak) -> dict[str, Any]:
    out: dict[str, Any] = {
        "resultaat": case.result,
        "vroegsignalen": [{"ID": s.record_key} for s in case.signals.all()],
        "contactpogingen": [_attempt(a) for a in case.attempts.all()],
    }
    if case.taken_up_on:
        out["datumOpgepakt"] = case.taken_up_on.isoformat()
    return out


def _delivery(number: int, gemeente: str, cases: list[m.Vroegsignaalzaak]) -> dict[str, Any]:
    partner = Partner.objects.filter(gemeente_code=gemeente, sector="gemeente").first()
    return {
        "teller": number,
        "gemeentecode": gemeente.removeprefix("GM"),
        "aanleverendeOrganisatie": {"naam": partner.name if partner else gemeente},
        "vroegsignalen": [_signal(s) for case in cases for s in case.signals.all()],
        "vroegsignaalzaken": [_case(case) for case in cases],
    }


def export_document(*, start: dt.date, end: dt.date, actor: Any = None, origin: str = "") -> dict:
    """The cases closed from `start` to `end` (both included), per gemeente."""
    cases = (
        m.Vroegsignaalzaak.objects.filter(closed_on__gte=start, closed_on__lte=end)
        .order_by("gemeente_code", "closed_on", "pk")
        .prefetch_related("signals", "attempts")
    )
    by_gemeente: dict[str, list[m.Vroegsignaalzaak]] = {}
    for case in cases:
        by_gemeente.setdefault(case.gemeente_code, []).append(case)
    document = {
        "startdatumLevering": start.isoformat(),
        "einddatumLevering": end.isoformat(),
        "aanleverdatumEnTijd": timezone.now().strftime("%Y-%m-%dT%H:%M:%SZ"),
        "codeGegevensleverancier": SUPPLIER,
        "leveringen": [
            _delivery(number, gemeente, found)
            for number, (gemeente, found) in enumerate(sorted(by_gemeente.items()), start=1)
        ],
    }
    if not document["leveringen"]:
        del document["leveringen"]  # the schema wants at least one levering when present
    audit_record(
        actor=actor,
        action=AuditAction.OUTREACH_EXPORT,
        object_type="outreach.export",
        object_id=f"{start.isoformat()}/{end.isoformat()}",
        result=str(sum(len(found) for found in by_gemeente.values())),
        origin=origin,
    )
    return document


# --- import -------------------------------------------------------------------------------


@dataclass
class ImportResult:
    cases: int = 0
    signals: int = 0
    attempts: int = 0
    skipped: int = 0  # cases already here (the same partner record keys)
    loose_signals: int = 0  # signals no case refers to: left out
    problems: list[str] = field(default_factory=list)


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _signal_problems(where: str, signal: dict[str, Any]) -> list[str]:
    problems = []
    if not signal.get("signaaldatum"):
        problems.append(_("%(where)s: de signaaldatum ontbreekt.") % {"where": where})
    bsn = signal["client"].get("burgerservicenummer")
    if bsn and not bsn_normalise(bsn).bsn:
        problems.append(_("%(where)s: het BSN klopt niet (elfproef).") % {"where": where})
    return problems


def _gemeente(code: str) -> str:
    """'0047' (the GGM's way) or 'GM0047' → 'GM0047'; '' when it is neither."""
    digits = code.removeprefix("GM")
    return f"GM{digits}" if len(digits) == 4 and digits.isdigit() else ""


def _case_problems(where: str, case: dict[str, Any], signals: dict[str, Any]) -> list[str]:
    problems = []
    refs = [ref["ID"] for ref in case.get("vroegsignalen", [])]
    if not refs:
        problems.append(_("%(where)s: hoort bij geen enkel vroegsignaal.") % {"where": where})
    missing = [ref for ref in refs if ref not in signals]
    if missing:
        problems.append(
            _("%(where)s: verwijst naar onbekende vroegsignalen: %(ids)s")
            % {"where": where, "ids": ", ".join(missing)}
        )
    if not case.get("resultaat"):
        problems.append(_("%(where)s: het eindresultaat ontbreekt.") % {"where": where})
    if any("datum" not in attempt for attempt in case.get("contactpogingen", [])):
        problems.append(_("%(where)s: een contactpoging zonder datum.") % {"where": where})
    return problems


def _delivery_problems(number: int, delivery: dict[str, Any]) -> list[str]:
    problems = []
    if not _gemeente(delivery["gemeentecode"]):
        problems.append(
            _("levering %(n)s: de gemeentecode is geen CBS-code van vier cijfers.") % {"n": number}
        )
    signals = {s["ID"]: s for s in delivery.get("vroegsignalen", [])}
    if len(signals) != len(delivery.get("vroegsignalen", [])):
        problems.append(_("levering %(n)s: een vroegsignaal-ID komt dubbel voor.") % {"n": number})
    for s_id, signal in signals.items():
        problems += _signal_problems(f"levering {number}, vroegsignaal {s_id}", signal)
    seen: set[str] = set()
    for c_number, case in enumerate(delivery.get("vroegsignaalzaken", []), start=1):
        where = f"levering {number}, vroegsignaalzaak {c_number}"
        problems += _case_problems(where, case, signals)
        refs = {ref["ID"] for ref in case.get("vroegsignalen", [])}
        if refs & seen:
            problems.append(
                _("%(where)s: een vroegsignaal hoort al bij een andere zaak.") % {"where": where}
            )
        seen |= refs
    return problems


def _stored_signal(case: m.Vroegsignaalzaak, signal: dict[str, Any]) -> m.Vroegsignaal:
    client = signal["client"]
    bsn = bsn_normalise(client.get("burgerservicenummer", "")).bsn or ""
    return m.Vroegsignaal.objects.create(
        zaak=case,
        gemeente_code=case.gemeente_code,
        record_key=signal["ID"],
        partner_type=signal["signaalpartner"].get("type", "Overige"),
        amount=signal.get("bedrag"),
        origin_date=_date(signal.get("ontstaansdatum")),
        signal_date=dt.date.fromisoformat(signal["signaaldatum"]),
        crisis=signal.get("crisissignaal", False),
        warm_handover=signal.get("warmeOverdracht", False),
        bsn=bsn,
        birth_date=client.get("geboortedatum", ""),
        postcode=postcode_normalise(client.get("postcode", "")),
        house_number=client.get("huisnummer", ""),
        house_number_addition=client.get("huisnummertoevoeging", ""),
    )


def _indexes(signals: Iterable[dict[str, Any]]) -> tuple[str, str]:
    for signal in signals:
        client = signal["client"]
        bsn = bsn_normalise(client.get("burgerservicenummer", "")).bsn
        if bsn:
            return blind_index("bsn", bsn), ""
        return "", address_index(
            client.get("postcode", ""),
            client.get("huisnummer", ""),
            client.get("huisnummertoevoeging", ""),
        )
    return "", ""


def _case_import(
    gemeente: str, closed_on: dt.date, case: dict[str, Any], signals: dict[str, Any]
) -> tuple[int, int]:
    mine = [signals[ref["ID"]] for ref in case["vroegsignalen"]]
    person, address = _indexes(mine)
    stored = m.Vroegsignaalzaak.objects.create(
        gemeente_code=gemeente,
        person_index=person,
        address_index=address,
        source=m.Vroegsignaalzaak.Source.IMPORT,
        taken_up_on=_date(case.get("datumOpgepakt")),
        closed_on=closed_on,
        result=case["resultaat"],
    )
    for signal in mine:
        _stored_signal(stored, signal)
    for attempt in case.get("contactpogingen", []):
        m.Contactpoging.objects.create(
            zaak=stored,
            kind=attempt.get("soort", "Onbekend"),
            on=dt.date.fromisoformat(attempt["datum"]),
            part_of_day=attempt.get("dagdeel", ""),
            reached=attempt.get("bereikt", False),
        )
    return len(mine), len(case.get("contactpogingen", []))


def _delivery_import(
    document: dict[str, Any], delivery: dict[str, Any], result: ImportResult
) -> None:
    gemeente = _gemeente(delivery["gemeentecode"])
    closed_on = dt.date.fromisoformat(document["einddatumLevering"])
    signals = {s["ID"]: s for s in delivery.get("vroegsignalen", [])}
    referred = {
        ref["ID"] for c in delivery.get("vroegsignaalzaken", []) for ref in c["vroegsignalen"]
    }
    result.loose_signals += len(set(signals) - referred)
    for case in delivery.get("vroegsignaalzaken", []):
        keys = [ref["ID"] for ref in case["vroegsignalen"]]
        if m.Vroegsignaal.objects.filter(gemeente_code=gemeente, record_key__in=keys).exists():
            result.skipped += 1
            continue
        n_signals, n_attempts = _case_import(gemeente, closed_on, case, signals)
        result.cases += 1
        result.signals += n_signals
        result.attempts += n_attempts


def import_document(document: Any, *, actor: Any = None, origin: str = "") -> ImportResult:
    """Read a GGM JSON document; ProblemsError (nothing stored) when anything is wrong."""
    problems = schema_problems(document)
    if not problems:
        for number, delivery in enumerate(document.get("leveringen", []), start=1):
            problems += _delivery_problems(number, delivery)
    if problems:
        raise ProblemsError(
            "ggm-bestand-onjuist",
            _(
                "Het bestand volgt de GGM (DDAS Vroegsignalering %(version)s) niet; niets is "
                "ingelezen."
            )
            % {"version": ggm.VERSION},
            problems,
        )
    result = ImportResult()
    with transaction.atomic():
        for delivery in document.get("leveringen", []):
            _delivery_import(document, delivery, result)
        audit_record(
            actor=actor,
            action=AuditAction.OUTREACH_IMPORT,
            object_type="outreach.import",
            object_id=f"{document['startdatumLevering']}/{document['einddatumLevering']}",
            result=str(result.cases),
            origin=origin,
        )
    return result


def document_read(text: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise ProblemsError(
            "ggm-bestand-geen-json",
            _("Het bestand is geen JSON."),
            [
                _("regel %(line)s, kolom %(col)s: %(msg)s")
                % {"line": error.lineno, "col": error.colno, "msg": error.msg}
            ],
        ) from error
