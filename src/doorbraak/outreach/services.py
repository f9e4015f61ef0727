"""Writes in outreach: receive a signal (bundled into the household's open case), take a case
up, record a contact attempt, close it with a GGM end result, lead a reached household on and
register it in casework from the referral. Every write is audited by the
case's random id, never a name. Who may call these for which case is checked by the caller
through `selectors.case_open`.
"""

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from doorbraak.casework import services as casework
from doorbraak.casework.crypto import blind_index
from doorbraak.casework.models import CaseHousehold, LegalGround
from doorbraak.core.audit import audit_record
from doorbraak.core.errors import ProblemsError, UserError
from doorbraak.core.models import AuditAction
from doorbraak.outreach import ggm
from doorbraak.outreach import models as m
from doorbraak.partners.models import Partner
from doorbraak.pseudonymise.bsn import bsn_normalise


@dataclass(frozen=True)
class SignalInput:
    """A signal as the gemeente's vroegsignalering system has it: the partner's record key,
    what the partner reported, and the person (a BSN, or postcode and house number)."""

    gemeente_code: str
    record_key: str
    partner_type: str  # a value of ggm.SIGNAALPARTNER
    signal_date: dt.date
    amount: int | None = None
    origin_date: dt.date | None = None
    crisis: bool = False
    warm_handover: bool = False
    bsn: str = ""
    name: str = ""
    birth_date: dt.date | None = None
    postcode: str = ""
    house_number: str = ""
    house_number_addition: str = ""
    children: int | None = None
    partner: Partner | None = None


def _audit(actor: Any, action: AuditAction, case: m.Vroegsignaalzaak, origin: str) -> None:
    audit_record(
        actor=actor,
        action=action,
        object_type="outreach.case",
        object_id=str(case.pk),
        result="ok",
        origin=origin,
    )


def postcode_normalise(postcode: str) -> str:
    """'9641 ab' → '9641AB'."""
    return "".join(postcode.split()).upper()


def address_index(postcode: str, house_number: str, addition: str = "") -> str:
    if not postcode or not house_number:
        return ""
    key = f"{postcode_normalise(postcode)}|{house_number.strip()}|{addition.strip().upper()}"
    return blind_index("adres", key)


def _signal_check(signal: SignalInput) -> tuple[str, list[str]]:
    """The normalised BSN and every problem with the signal, all at once."""
    problems = []
    bsn = ""
    if signal.bsn:
        checked = bsn_normalise(signal.bsn)
        bsn = checked.bsn or ""
        if not bsn:
            problems.append(_("Het BSN is geen geldig burgerservicenummer (elfproef)."))
    elif not (signal.postcode and signal.house_number):
        problems.append(_("Geef een BSN, of een postcode en huisnummer (zo wil de GGM het)."))
    if signal.partner_type not in ggm.SIGNAALPARTNER:
        problems.append(_("De soort signaalpartner staat niet in de lijst van de GGM."))
    if not signal.record_key.strip():
        problems.append(_("Het kenmerk van de signaalpartner ontbreekt."))
    if signal.signal_date > timezone.localdate():
        problems.append(_("De signaaldatum ligt in de toekomst."))
    return bsn, problems


def _open_case_for(gemeente: str, person: str, address: str) -> m.Vroegsignaalzaak | None:
    """The household's open case in this gemeente: same person, or same address."""
    match = Q(person_index=person) if person else Q(pk__in=[])
    if address:
        match |= Q(address_index=address)
    return (
        m.Vroegsignaalzaak.objects.filter(match, gemeente_code=gemeente, closed_on__isnull=True)
        .order_by("opened_at")
        .first()
    )


def signal_receive(*, actor: Any, signal: SignalInput, origin: str = "") -> m.Vroegsignaal:
    """Store a signal and bundle it: into the household's open case where one exists, else a
    new case. The same partner record twice is refused (`signaal-al-ontvangen`)."""
    bsn, problems = _signal_check(signal)
    if problems:
        raise ProblemsError("signaal-onjuist", _("Het signaal is niet opgeslagen."), problems)
    if m.Vroegsignaal.objects.filter(
        gemeente_code=signal.gemeente_code, record_key=signal.record_key.strip()
    ).exists():
        raise UserError(
            "signaal-al-ontvangen",
            _("Dit signaal (hetzelfde kenmerk van de signaalpartner) is al ontvangen."),
        )
    person = blind_index("bsn", bsn) if bsn else ""
    address = address_index(signal.postcode, signal.house_number, signal.house_number_addition)
    with transaction.atomic():
        case = _open_case_for(signal.gemeente_code, person, address)
        if case is None:
            case = m.Vroegsignaalzaak.objects.create(
                gemeente_code=signal.gemeente_code,
                person_index=person,
                address_index=address,
                children=signal.children,
            )
        else:
            _case_complete(case, person, address, signal.children)
        stored = m.Vroegsignaal.objects.create(
            zaak=case,
            gemeente_code=signal.gemeente_code,
            record_key=signal.record_key.strip(),
            partner=signal.partner,
            partner_type=signal.partner_type,
            amount=signal.amount,
            origin_date=signal.origin_date,
            signal_date=signal.signal_date,
            crisis=signal.crisis,
            warm_handover=signal.warm_handover,
            bsn=bsn,
            name=signal.name.strip(),
            birth_date=signal.birth_date.isoformat() if signal.birth_date else "",
            postcode=postcode_normalise(signal.postcode),
            house_number=signal.house_number.strip(),
            house_number_addition=signal.house_number_addition.strip(),
        )
        _audit(actor, AuditAction.OUTREACH_SIGNAL_RECEIVE, case, origin)
    return stored


def _case_complete(
    case: m.Vroegsignaalzaak, person: str, address: str, children: int | None
) -> None:
    """A later signal may know what the first did not (a BSN, the address, the children)."""
    changed = []
    for field, value in (("person_index", person), ("address_index", address)):
        if value and not getattr(case, field):
            setattr(case, field, value)
            changed.append(field)
    if children is not None and case.children is None:
        case.children = children
        changed.append("children")
    if changed:
        case.save(update_fields=changed)


def _still_open(case: m.Vroegsignaalzaak) -> None:
    if case.closed_on is not None:
        raise UserError("zaak-al-afgesloten", _("Deze vroegsignaalzaak is al afgesloten."))


def case_take_up(
    *, actor: Any, case: m.Vroegsignaalzaak, on: dt.date | None = None, origin: str = ""
) -> m.Vroegsignaalzaak:
    """The gemeente takes the case up (the GGM's datumOpgepakt); she becomes its worker."""
    _still_open(case)
    if case.taken_up_on is not None:
        raise UserError("zaak-al-opgepakt", _("Deze vroegsignaalzaak is al opgepakt."))
    day = on or timezone.localdate()
    first_signal = min(signal.signal_date for signal in case.signals.all())
    if not first_signal <= day <= timezone.localdate():
        raise UserError(
            "opgepakt-datum-onjuist",
            _("De datum van oppakken ligt tussen de eerste signaaldatum en vandaag."),
        )
    case.taken_up_on = day
    case.taken_up_by = actor if getattr(actor, "pk", None) else None
    case.save(update_fields=["taken_up_on", "taken_up_by"])
    _audit(actor, AuditAction.OUTREACH_CASE_TAKE_UP, case, origin)
    return case


def attempt_record(
    *,
    actor: Any,
    case: m.Vroegsignaalzaak,
    kind: str,
    on: dt.date,
    reached: bool,
    part_of_day: str = "",
    origin: str = "",
) -> m.Contactpoging:
    """A contact attempt (soort, datum, dagdeel, bereikt). Taking the case up comes first."""
    _still_open(case)
    problems = []
    if case.taken_up_on is None:
        problems.append(_("Pak de zaak eerst op; daarna legt u contactpogingen vast."))
    if kind not in ggm.CONTACTSOORT:
        problems.append(_("De soort contact staat niet in de lijst van de GGM."))
    if part_of_day and part_of_day not in ggm.DAGDEEL:
        problems.append(_("Het dagdeel is ochtend, middag of avond."))
    if on > timezone.localdate():
        problems.append(_("Een contactpoging kan niet in de toekomst liggen."))
    if case.taken_up_on is not None and on < case.taken_up_on:
        problems.append(_("De contactpoging ligt voor de datum waarop de zaak is opgepakt."))
    if problems:
        raise ProblemsError("contactpoging-onjuist", _("Niet vastgelegd."), problems)
    attempt = m.Contactpoging.objects.create(
        zaak=case,
        kind=kind,
        on=on,
        part_of_day=part_of_day,
        reached=reached,
        recorded_by=actor if getattr(actor, "pk", None) else None,
    )
    _audit(actor, AuditAction.OUTREACH_ATTEMPT_RECORD, case, origin)
    return attempt


# End results that need someone reached, and those only open to a case not taken up.
NEEDS_CONTACT = frozenset(
    {
        "(Budget)advies en/of quick fix",
        "Inwoner heeft zelf al betaald/betalingsregeling getroffen",
        "Inwoner regelt het zelf/hoeft geen hulp vanuit vroegsignalering",
        "Vervolghulp en/of verwijzing",
        "Vervolghulp en/of verwijzing financieel",
        "Vervolghulp en/of verwijzing niet financieel",
        "Geen reactie na eerder contact",
    }
)


def _close_problems(case: m.Vroegsignaalzaak, result: str, reason: str) -> list[str]:
    problems = []
    if result not in ggm.EINDRESULTAAT:
        problems.append(_("Dit eindresultaat staat niet in de lijst van de GGM."))
    if result in ggm.NIET_OPGEPAKT and case.taken_up_on is not None:
        problems.append(_("Deze zaak is opgepakt: 'niet opgepakt' past niet meer."))
    if result == "Niet opgepakt: andere reden" and len(reason.strip()) < 5:
        problems.append(_("Noteer de reden (alleen voor de gemeente zelf, nooit voor de partner)."))
    if result not in ggm.NIET_OPGEPAKT and case.taken_up_on is None:
        problems.append(_("Pak de zaak eerst op, of kies een resultaat 'niet opgepakt'."))
    reached = case.attempts.filter(reached=True).exists()
    if result in NEEDS_CONTACT and not reached:
        problems.append(_("Dit eindresultaat vraagt om contact: leg eerst de contactpoging vast."))
    if result == "Definitief geen contact kunnen krijgen" and reached:
        problems.append(_("Er is contact geweest: kies 'Geen reactie na eerder contact'."))
    return problems


def case_close(
    *,
    actor: Any,
    case: m.Vroegsignaalzaak,
    result: str,
    on: dt.date | None = None,
    reason: str = "",
    origin: str = "",
) -> m.Vroegsignaalzaak:
    """Close with a GGM end result. A reason for 'Niet opgepakt: andere reden' is kept for
    the gemeente itself: the partner and the exchange learn only the result."""
    _still_open(case)
    problems = _close_problems(case, result, reason)
    if problems:
        raise ProblemsError("afsluiten-onjuist", _("De zaak is niet afgesloten."), problems)
    case.closed_on = on or timezone.localdate()
    case.closed_by = actor if getattr(actor, "pk", None) else None
    case.result = result
    case.reason_internal = reason.strip() if result in ggm.NIET_OPGEPAKT else ""
    case.ggm_version = ggm.VERSION
    case.save(update_fields=["closed_on", "closed_by", "result", "reason_internal", "ggm_version"])
    _audit(actor, AuditAction.OUTREACH_CASE_CLOSE, case, origin)
    return case


def referral_make(
    *,
    actor: Any,
    case: m.Vroegsignaalzaak,
    partner: Partner,
    consent_on: dt.date,
    consent_scope: str,
    professional: Any = None,
    origin: str = "",
) -> m.Toeleiding:
    """Lead a reached household on to a partner (or one of its professionals), with its
    consent to share: without a reached attempt or a consent, refused with every reason."""
    problems = []
    if not case.attempts.filter(reached=True).exists():
        problems.append(_("Toeleiden kan na contact: leg eerst de contactpoging vast."))
    if consent_on > timezone.localdate():
        problems.append(_("De datum van de toestemming ligt in de toekomst."))
    if len(consent_scope.strip()) < 5:
        problems.append(_("Noteer waarvoor het huishouden toestemming gaf."))
    if professional is not None and professional.partner_id != partner.pk:
        problems.append(_("Die professional werkt niet bij de gekozen partner."))
    if problems:
        raise ProblemsError("toeleiding-onjuist", _("Niet toegeleid."), problems)
    referral = m.Toeleiding.objects.create(
        zaak=case,
        partner=partner,
        professional=professional,
        consent_on=consent_on,
        consent_scope=consent_scope.strip(),
        made_by=actor if getattr(actor, "pk", None) else None,
    )
    _audit(actor, AuditAction.OUTREACH_REFERRAL_MAKE, case, origin)
    return referral


def referral_register(
    *,
    actor: Any,
    referral: m.Toeleiding,
    members: Sequence[casework.MemberInput],
    address: casework.AddressInput,
    origin: str = "",
) -> CaseHousehold:
    """The receiving professional opens the referred household in casework (ADR 0029): its
    members as the signals named them (she completes what they lacked), the household's
    consent from the referral as its legal ground, and herself as its regisseur, through
    casework's own `household_register`. Whether she may is the caller's check
    (`selectors.referrals_for`). A referral is registered once."""
    if referral.taken_on_at is not None:
        raise UserError("toeleiding-al-opgepakt", _("Deze toeleiding is al opgepakt."))
    ground = casework.GroundInput(
        kind=LegalGround.Kind.CONSENT,
        given_on=referral.consent_on,
        scope=referral.consent_scope,
    )
    with transaction.atomic():
        household = casework.household_register(
            actor=actor, members=members, address=address, ground=ground, origin=origin
        )
        referral.household = household
        referral.taken_on_at = timezone.now()
        referral.save(update_fields=["household", "taken_on_at"])
        _audit(actor, AuditAction.OUTREACH_REFERRAL_TAKE_ON, referral.zaak, origin)
    return household
