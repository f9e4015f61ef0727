"""Writes in the work zone: register a household, its ground and consents, roles, handover,
break-the-glass and deactivating a professional. Each write is audited, without a name.
Access (who may call these for which household) is checked by the caller with `selectors`.
"""

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from doorbraak.casework import models as m
from doorbraak.casework import plans
from doorbraak.casework.crypto import blind_index, name_normalise
from doorbraak.casework.pseudonyms import address_pseudonym, person_pseudonym
from doorbraak.casework.selectors import household_find_by_bsn, regisseur_role
from doorbraak.core.audit import audit_record
from doorbraak.core.errors import ProblemsError, UserError
from doorbraak.core.models import AuditAction
from doorbraak.partners.models import Partner, Role
from doorbraak.pseudonymise.bsn import bsn_normalise

MIN_REASON_CHARS = 10


@dataclass(frozen=True)
class MemberInput:
    name: str
    birth_date: dt.date
    bsn: str = ""
    phone: str = ""
    email: str = ""


@dataclass(frozen=True)
class AddressInput:
    street: str = ""
    house_number: str = ""
    postcode: str = ""
    city: str = ""


@dataclass(frozen=True)
class GroundInput:
    kind: str  # a LegalGround.Kind value
    given_on: dt.date
    scope: str = ""
    article: str = ""


def _audit(actor: Any, action: AuditAction, household: m.CaseHousehold, origin: str) -> None:
    audit_record(
        actor=actor,
        action=action,
        object_type="casework.household",
        object_id=str(household.pk),
        result="ok",
        origin=origin,
    )


def _professional_check(user: Any, what: str) -> None:
    if getattr(user, "role", "") != Role.PROFESSIONAL or user.partner_id is None:
        raise UserError(
            "geen-professional",
            _("%(what)s kan alleen een professional die bij een partner werkt.") % {"what": what},
        )


def household_register(
    *,
    actor: Any,
    members: Sequence[MemberInput],
    address: AddressInput,
    ground: GroundInput,
    origin: str = "",
    since: dt.date | None = None,
) -> m.CaseHousehold:
    """Register a household with its members and its ground; the professional who registers
    it becomes its regisseur (from `since`, today when not given: the demo registers its
    caseload as it began). Every problem is reported at once."""
    _professional_check(actor, _("Een huishouden registreren"))
    problems = [*_member_problems(members), *_ground_problems(ground)]
    if problems:
        raise ProblemsError(
            "huishouden-onvolledig", _("Het huishouden is niet geregistreerd."), problems
        )
    with transaction.atomic():
        household = m.CaseHousehold.objects.create(
            street=address.street.strip(),
            house_number=address.house_number.strip(),
            postcode=address.postcode.strip().upper(),
            city=address.city.strip(),
            address_pseudonym=address_pseudonym(address.postcode, address.house_number),
            registered_by=actor,
        )
        for member in members:
            _member_create(household, member)
        _ground_create(household, ground, actor)
        m.CaseRole.objects.create(
            household=household,
            professional=actor,
            partner_id=actor.partner_id,
            kind=m.CaseRole.Kind.COORDINATOR,
            started_on=since or timezone.localdate(),
        )
        _audit(actor, AuditAction.CASEWORK_HOUSEHOLD_REGISTER, household, origin)
    return household


def _member_problems(members: Sequence[MemberInput]) -> list[str]:
    if not members:
        return [_("Vul ten minste één lid van het huishouden in.")]
    problems = []
    for number, member in enumerate(members, start=1):
        if not member.name.strip():
            problems.append(_("Lid %(n)d: vul de naam in.") % {"n": number})
        if member.birth_date > timezone.localdate():
            problems.append(_("Lid %(n)d: de geboortedatum ligt in de toekomst.") % {"n": number})
        problems.extend(_bsn_problems(number, member.bsn))
    return problems


def _bsn_problems(number: int, bsn: str) -> list[str]:
    if not bsn.strip():
        return []
    checked = bsn_normalise(bsn)
    if checked.bsn is None:
        return [_("Lid %(n)d: dit is geen geldig BSN (elfproef).") % {"n": number}]
    if household_find_by_bsn(checked.bsn) is not None:
        return [
            _(
                "Lid %(n)d: een huishouden met dit BSN is al geregistreerd. Zoek het op in "
                "plaats van het opnieuw te registreren."
            )
            % {"n": number}
        ]
    return []


def _ground_problems(ground: GroundInput) -> list[str]:
    if ground.kind == m.LegalGround.Kind.CONSENT and not ground.scope.strip():
        return [_("Toestemming: beschrijf waarvoor het huishouden toestemming gaf.")]
    if ground.kind == m.LegalGround.Kind.STATUTORY and not ground.article.strip():
        return [_("Wettelijke taak: noem het wetsartikel.")]
    if ground.kind not in m.LegalGround.Kind.values:
        return [_("Kies een grondslag: toestemming of wettelijke taak.")]
    if ground.given_on > timezone.localdate():
        return [_("De datum van de grondslag ligt in de toekomst.")]
    return []


def _member_create(household: m.CaseHousehold, member: MemberInput) -> m.CaseMember:
    bsn = bsn_normalise(member.bsn).bsn or ""
    birth = member.birth_date.isoformat()
    return m.CaseMember.objects.create(
        household=household,
        name=member.name.strip(),
        birth_date=birth,
        bsn=bsn,
        phone=member.phone.strip(),
        email=member.email.strip(),
        bsn_index=blind_index("bsn", bsn) if bsn else "",
        name_birth_index=blind_index(
            "naam-geboortedatum", f"{name_normalise(member.name)}|{birth}"
        ),
        person_pseudonym=person_pseudonym(bsn) if bsn else "",
    )


def _ground_create(household: m.CaseHousehold, ground: GroundInput, actor: Any) -> m.LegalGround:
    statutory = ground.kind == m.LegalGround.Kind.STATUTORY
    return m.LegalGround.objects.create(
        household=household,
        kind=ground.kind,
        given_on=ground.given_on,
        scope="" if statutory else ground.scope.strip(),
        article=ground.article.strip() if statutory else "",
        recorded_by=actor,
    )


def ground_record(
    *, actor: Any, household: m.CaseHousehold, ground: GroundInput, origin: str = ""
) -> m.LegalGround:
    problems = _ground_problems(ground)
    if problems:
        raise UserError("grondslag-onvolledig", problems[0])
    with transaction.atomic():
        made = _ground_create(household, ground, actor)
        _audit(actor, AuditAction.CASEWORK_GROUND_RECORD, household, origin)
    return made


def ground_withdraw(
    *, actor: Any, ground: m.LegalGround, on: dt.date | None = None, origin: str = ""
) -> None:
    """The ground ends (the household withdraws its consent, or the task ends); from that day
    nothing is shared on it."""
    with transaction.atomic():
        ground.withdrawn_on = on or timezone.localdate()
        ground.save(update_fields=["withdrawn_on"])
        _audit(actor, AuditAction.CASEWORK_GROUND_WITHDRAW, ground.household, origin)


def consent_give(
    *,
    actor: Any,
    household: m.CaseHousehold,
    partner: Partner,
    on: dt.date | None = None,
    origin: str = "",
) -> m.SharingConsent:
    with transaction.atomic():
        consent = m.SharingConsent.objects.create(
            household=household,
            partner=partner,
            given_on=on or timezone.localdate(),
            recorded_by=actor,
        )
        _audit(actor, AuditAction.CASEWORK_CONSENT_GIVE, household, origin)
    return consent


def consent_withdraw(
    *, actor: Any, consent: m.SharingConsent, on: dt.date | None = None, origin: str = ""
) -> None:
    with transaction.atomic():
        consent.withdrawn_on = on or timezone.localdate()
        consent.save(update_fields=["withdrawn_on"])
        _audit(actor, AuditAction.CASEWORK_CONSENT_WITHDRAW, consent.household, origin)


def participant_add(
    *,
    actor: Any,
    household: m.CaseHousehold,
    professional: Any,
    origin: str = "",
    since: dt.date | None = None,
) -> m.CaseRole:
    """A professional of any partner joins the household as behandelaar."""
    _professional_check(professional, _("Meewerken aan een huishouden"))
    if household.roles.filter(professional=professional, ended_on__isnull=True).exists():
        raise UserError("al-betrokken", _("Deze professional werkt al aan dit huishouden mee."))
    with transaction.atomic():
        role = m.CaseRole.objects.create(
            household=household,
            professional=professional,
            partner_id=professional.partner_id,
            kind=m.CaseRole.Kind.HANDLER,
            started_on=since or timezone.localdate(),
        )
        _audit(actor, AuditAction.CASEWORK_ROLE_ADD, household, origin)
    return role


def handover(
    *,
    actor: Any,
    household: m.CaseHousehold,
    to: Any,
    on: dt.date | None = None,
    note: str = "",
    origin: str = "",
) -> m.Handover:
    """The regisseur changes: the old role ends on `on`, the new one starts the same day; a
    role `to` had as behandelaar ends too (one active role per professional). The old
    regisseur's open plan actions move with it, as a new plan version
    (`plans.plan_actions_move`), in the same transaction."""
    _professional_check(to, _("Regisseur worden"))
    day = on or timezone.localdate()
    with transaction.atomic():
        old = regisseur_role(household)
        if old is None or old.professional_id == to.pk:
            raise UserError(
                "overdracht-zelfde",
                _("Kies een andere professional dan de huidige regisseur."),
            )
        household.roles.filter(
            ended_on__isnull=True, professional__in=[old.professional, to]
        ).update(ended_on=day)
        m.CaseRole.objects.create(
            household=household,
            professional=to,
            partner_id=to.partner_id,
            kind=m.CaseRole.Kind.COORDINATOR,
            started_on=day,
        )
        made = m.Handover.objects.create(
            household=household,
            from_professional=old.professional,
            to_professional=to,
            on=day,
            note=note.strip(),
            recorded_by=actor,
        )
        _audit(actor, AuditAction.CASEWORK_HANDOVER, household, origin)
        plans.plan_actions_move(
            actor=actor, household=household, old=old.professional, new=to, origin=origin
        )
    return made


def break_glass_open(
    *, actor: Any, household: m.CaseHousehold, reason: str, origin: str = ""
) -> m.EmergencyAccess:
    """A colleague standing in opens a household for DOORBRAAK_BREAK_GLASS_HOURS hours. The
    reason is kept (encrypted) and shown on the household's page; the audit line has none,
    because free text may name someone."""
    _professional_check(actor, _("Noodtoegang vragen"))
    if len(reason.strip()) < MIN_REASON_CHARS:
        raise UserError(
            "noodtoegang-reden",
            _("Geef een reden van ten minste %(n)d tekens: waarom neemt u waar?")
            % {"n": MIN_REASON_CHARS},
        )
    now = timezone.now()
    with transaction.atomic():
        access = m.EmergencyAccess.objects.create(
            household=household,
            professional=actor,
            reason=reason.strip(),
            starts_at=now,
            ends_at=now + dt.timedelta(hours=settings.BREAK_GLASS_HOURS),
        )
        _audit(actor, AuditAction.CASEWORK_BREAK_GLASS, household, origin)
    return access


def professional_deactivate(*, actor: Any, professional: Any, origin: str = "") -> None:
    """Deactivate a professional who leaves. Refused while she is the regisseur of a household:
    hand those over first (`selectors.households_left_by` lists them). Her other roles end."""
    left = m.CaseRole.objects.filter(
        professional=professional, kind=m.CaseRole.Kind.COORDINATOR, ended_on__isnull=True
    ).count()
    if left:
        raise UserError(
            "regisseur-zonder-opvolger",
            _(
                "%(name)s is nog regisseur van %(n)d huishouden(s). Draag die eerst over aan een "
                "collega; pas dan kan het account uit."
            )
            % {"name": professional.get_username(), "n": left},
        )
    with transaction.atomic():
        professional.case_roles.filter(ended_on__isnull=True).update(ended_on=timezone.localdate())
        professional.is_active = False
        professional.save(update_fields=["is_active"])
        audit_record(
            actor=actor,
            action=AuditAction.CASEWORK_PROFESSIONAL_DEACTIVATE,
            object_type="partners.user",
            object_id=str(professional.pk),
            result="ok",
            origin=origin,
        )
