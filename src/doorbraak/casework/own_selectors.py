"""Reads for the household's own page (ADR 0027): which case a household login belongs to, and
everything recorded about that case, as the page, the plan's PDF and the AVG inzage show it.

The rule is one function, `own_household`: a login of role huishouden sees the one household
its active `HouseholdLogin` names, and nothing else. The household's URLs carry no id, so there
is no other household's id to try. `own_household_open` audits every read, refused ones too.
"""

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet

from doorbraak.casework import models as m
from doorbraak.casework.own_plan import OwnPlan, capital_plain, own_plan
from doorbraak.casework.selectors import emergency_accesses, regisseur_role
from doorbraak.core.audit import audit_record
from doorbraak.core.models import AuditAction, AuditEvent
from doorbraak.partners.models import Role

OBJECT_TYPE = "casework.household"
# What the household is told about who read its data: the reads and changes by others.
SEEN_BY_OTHERS = (
    AuditAction.CASEWORK_HOUSEHOLD_READ,
    AuditAction.CASEWORK_BREAK_GLASS,
    AuditAction.CASEWORK_HANDOVER,
    AuditAction.CASEWORK_ROLE_ADD,
    AuditAction.CASEWORK_CONSENT_GIVE,
    AuditAction.CASEWORK_CONSENT_WITHDRAW,
    AuditAction.CASEWORK_GROUND_RECORD,
    AuditAction.CASEWORK_GROUND_WITHDRAW,
    AuditAction.CASEWORK_PLAN_READ,
    AuditAction.CASEWORK_PLAN_SAVE,
    AuditAction.CASEWORK_PLAN_AGREE,
    AuditAction.CASEWORK_CONTACT_RECORD,
    AuditAction.CASEWORK_READING_RECORD,
    AuditAction.CASEWORK_LOGIN_LINK,
    AuditAction.CASEWORK_LOGIN_END,
)


def own_household(user: Any) -> m.CaseHousehold | None:
    """The case this household login belongs to: only for an active login of role huishouden
    with an active link; None otherwise."""
    if getattr(user, "role", "") != Role.HOUSEHOLD or not user.is_active:
        return None
    link = (
        m.HouseholdLogin.objects.filter(user=user, ended_on__isnull=True)
        .select_related("household")
        .first()
    )
    return link.household if link else None


def own_household_open(
    user: Any, action: AuditAction, *, origin: str = ""
) -> m.CaseHousehold | None:
    """The login's own household, the read audited under `action`; None (audited as
    `geen-koppeling`) when the login has no link."""
    household = own_household(user)
    audit_record(
        actor=user,
        action=action,
        object_type=OBJECT_TYPE,
        object_id=str(household.pk) if household else "",
        result="ok" if household else "geen-koppeling",
        origin=origin,
    )
    return household


def person_name(user: Any) -> str:
    return str(user.get_full_name() or user.get_username())


@dataclass(frozen=True)
class ContactPerson:
    name: str
    organisation: str
    phone: str
    email: str


def contact_person(household: m.CaseHousehold) -> ContactPerson | None:
    """The regisseur as the household sees her: name, organisation, phone (her `WorkPhone`,
    empty when she set none) and e-mail."""
    role = regisseur_role(household)
    if role is None:
        return None
    phone = m.WorkPhone.objects.filter(professional=role.professional).first()
    return ContactPerson(
        name=person_name(role.professional),
        organisation=role.partner.name,
        phone=phone.phone if phone else "",
        email=role.professional.email,
    )


def comments(household: m.CaseHousehold) -> QuerySet[m.HouseholdComment]:
    """What the household wrote, newest first."""
    return household.comments.select_related("author").order_by("-written_at", "-pk")


@dataclass(frozen=True)
class SeenLine:
    """One line of who opened or changed the household's case, as the household reads it."""

    at: dt.datetime
    who: str
    organisation: str
    what: str
    refused: bool


def seen_by(household: m.CaseHousehold, *, limit: int | None = None) -> list[SeenLine]:
    """Who opened or changed the household's case, newest first (from the audit chain)."""
    lines = (
        AuditEvent.objects.filter(
            object_type=OBJECT_TYPE,
            object_id=str(household.pk),
            action__in=[str(a) for a in SEEN_BY_OTHERS],
        )
        .select_related("actor", "actor__partner")
        .order_by("-seq")
    )
    return [_seen_line(line) for line in (lines[:limit] if limit else lines)]


def _seen_line(line: AuditEvent) -> SeenLine:
    actor = line.actor
    return SeenLine(
        at=line.at,
        who=person_name(actor) if actor else "",
        organisation=actor.partner.name if actor and actor.partner else "",
        what=str(AuditAction(line.action).label),
        refused=line.result != "ok",
    )


@dataclass(frozen=True)
class OwnReading:
    """A capital reading as the household reads it: the capital in plain words."""

    assessed_on: dt.date
    member: str
    capital: str
    level: int
    instrument: str


def own_readings(household: m.CaseHousehold) -> list[OwnReading]:
    return [
        OwnReading(
            assessed_on=r.assessed_on,
            member=r.member.name,
            capital=capital_plain(r.capital),
            level=r.level,
            instrument=f"{r.instrument} {r.instrument_version}",
        )
        for r in household.readings.select_related("member").order_by("assessed_on", "pk")
    ]


@dataclass(frozen=True)
class OwnPage:
    """Everything the household's own page shows."""

    household: m.CaseHousehold
    members: list[m.CaseMember]
    contact: ContactPerson | None
    roles: list[m.CaseRole]
    grounds: list[m.LegalGround]
    consents: list[m.SharingConsent]
    emergency: list[m.EmergencyAccess]
    handovers: list[m.Handover]
    plan: OwnPlan | None
    contacts: list[m.ContactMoment]
    readings: list[OwnReading]
    comments: list[m.HouseholdComment]
    seen_by: list[SeenLine] = field(default_factory=list)


SEEN_BY_ON_PAGE = 20


def own_page(household: m.CaseHousehold) -> OwnPage:
    return OwnPage(
        household=household,
        members=list(household.members.all()),
        contact=contact_person(household),
        roles=list(
            household.roles.filter(ended_on__isnull=True).select_related("professional", "partner")
        ),
        grounds=list(household.grounds.all()),
        consents=list(household.sharing_consents.select_related("partner")),
        emergency=list(emergency_accesses(household)),
        handovers=list(household.handovers.select_related("from_professional", "to_professional")),
        plan=own_plan(household),
        contacts=list(household.contacts.select_related("professional").order_by("-on", "-pk")),
        readings=own_readings(household),
        comments=list(comments(household)),
        seen_by=seen_by(household, limit=SEEN_BY_ON_PAGE),
    )


def _day(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def _moment(value: dt.datetime | None) -> str | None:
    return value.isoformat(timespec="seconds") if value else None


def own_export(household: m.CaseHousehold) -> dict[str, Any]:
    """All the work zone holds about this household, decrypted, as plain JSON-ready data: the
    AVG inzage (art. 15). Only this household's rows are read (every query starts from it)."""
    page = own_page(household)
    return {
        "soort": "doorbraak-inzage",
        "versie": 1,
        "huishouden": _household_data(household),
        "leden": [_member_data(member) for member in page.members],
        "contactpersoon": _contact_data(page.contact),
        "betrokkenen": [
            _role_data(role) for role in household.roles.select_related("professional", "partner")
        ],
        "grondslagen": [_ground_data(ground) for ground in page.grounds],
        "toestemmingen_om_te_delen": [_consent_data(c) for c in page.consents],
        "overdrachten": [_handover_data(h) for h in page.handovers],
        "noodtoegang": [_emergency_data(e) for e in page.emergency],
        "plan": page.plan.as_data() if page.plan else None,
        "contactmomenten": [_contact_moment_data(c) for c in page.contacts],
        "kapitaalmetingen": [_reading_data(r) for r in page.readings],
        "reacties": [_comment_data(c) for c in page.comments],
        "inloggen": [_login_data(link) for link in household.logins.select_related("user")],
        "bekeken_en_gewijzigd_door": [_seen_data(line) for line in seen_by(household)],
    }


def _household_data(household: m.CaseHousehold) -> dict[str, Any]:
    return {
        "kenmerk": str(household.pk),
        "straat": household.street,
        "huisnummer": household.house_number,
        "postcode": household.postcode,
        "woonplaats": household.city,
        "geregistreerd_op": _moment(household.registered_at),
        "geregistreerd_door": person_name(household.registered_by),
    }


def _member_data(member: m.CaseMember) -> dict[str, Any]:
    return {
        "naam": member.name,
        "geboortedatum": member.birth_date,
        "bsn": member.bsn,
        "telefoon": member.phone,
        "e_mail": member.email,
    }


def _contact_data(contact: ContactPerson | None) -> dict[str, Any] | None:
    if contact is None:
        return None
    return {
        "naam": contact.name,
        "organisatie": contact.organisation,
        "telefoon": contact.phone,
        "e_mail": contact.email,
    }


def _role_data(role: m.CaseRole) -> dict[str, Any]:
    return {
        "naam": person_name(role.professional),
        "organisatie": role.partner.name,
        "rol": role.get_kind_display(),
        "vanaf": _day(role.started_on),
        "tot": _day(role.ended_on),
    }


def _ground_data(ground: m.LegalGround) -> dict[str, Any]:
    return {
        "grondslag": ground.get_kind_display(),
        "datum": _day(ground.given_on),
        "reikwijdte": ground.scope,
        "wetsartikel": ground.article,
        "ingetrokken_op": _day(ground.withdrawn_on),
    }


def _consent_data(consent: m.SharingConsent) -> dict[str, Any]:
    return {
        "partner": consent.partner.name,
        "gegeven_op": _day(consent.given_on),
        "ingetrokken_op": _day(consent.withdrawn_on),
    }


def _handover_data(handover: m.Handover) -> dict[str, Any]:
    return {
        "datum": _day(handover.on),
        "van": person_name(handover.from_professional),
        "naar": person_name(handover.to_professional),
        "toelichting": handover.note,
    }


def _emergency_data(access: m.EmergencyAccess) -> dict[str, Any]:
    return {
        "wie": person_name(access.professional),
        "reden": access.reason,
        "vanaf": _moment(access.starts_at),
        "tot": _moment(access.ends_at),
    }


def _contact_moment_data(contact: m.ContactMoment) -> dict[str, Any]:
    return {
        "datum": _day(contact.on),
        "soort": contact.get_kind_display(),
        "bereikt": contact.reached,
        "wie": person_name(contact.professional),
        "notitie": contact.note,
    }


def _reading_data(reading: OwnReading) -> dict[str, Any]:
    return {
        "lid": reading.member,
        "kapitaal": reading.capital,
        "datum": _day(reading.assessed_on),
        "niveau": reading.level,
        "instrument": reading.instrument,
    }


def _comment_data(comment: m.HouseholdComment) -> dict[str, Any]:
    return {
        "soort": comment.get_kind_display(),
        "tekst": comment.text,
        "geschreven_op": _moment(comment.written_at),
        "door": person_name(comment.author),
    }


def _login_data(link: m.HouseholdLogin) -> dict[str, Any]:
    return {
        "gebruikersnaam": link.user.get_username(),
        "gekoppeld_op": _day(link.linked_on),
        "ontkoppeld_op": _day(link.ended_on),
    }


def _seen_data(line: SeenLine) -> dict[str, Any]:
    return {
        "tijdstip": _moment(line.at),
        "wie": line.who,
        "organisatie": line.organisation,
        "handeling": line.what,
        "geweigerd": line.refused,
    }
