"""Writes around the household's own page (ADR 0027): the regisseur links a household login to
the case (and ends the link), the household writes a remark or asks for a correction, a
professional sets the phone number households call her on. Each write is audited without a name
and without the text written.
"""

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from doorbraak.casework import models as m
from doorbraak.casework import plans
from doorbraak.core.audit import audit_record
from doorbraak.core.errors import UserError
from doorbraak.core.models import AuditAction
from doorbraak.partners.models import Role

COMMENT_MAX_CHARS = 2000
PHONE_MAX_CHARS = 40


def _audit(actor: Any, action: AuditAction, household: m.CaseHousehold, origin: str) -> None:
    audit_record(
        actor=actor,
        action=action,
        object_type="casework.household",
        object_id=str(household.pk),
        result="ok",
        origin=origin,
    )


def _login_refused() -> UserError:
    return UserError(
        "inlog-niet-koppelbaar",
        _(
            "Deze gebruikersnaam kan niet aan dit huishouden worden gekoppeld. Controleer de "
            "naam, of vraag de beheerder om een inlog met de rol huishouden voor dit gezin."
        ),
    )


def household_login_link(
    *, actor: Any, household: m.CaseHousehold, user: Any, origin: str = ""
) -> m.HouseholdLogin:
    """Link a login of role huishouden to this household: from now on it sees this household's
    own page. Refused, with one and the same answer, for an unknown name (`user` None), another
    role, a switched-off login, or one linked to another household."""
    active = (
        m.HouseholdLogin.objects.filter(user=user, ended_on__isnull=True).first()
        if user is not None
        else None
    )
    if active is not None and active.household_id == household.pk:
        raise UserError("inlog-al-gekoppeld", _("Deze inlog hoort al bij dit huishouden."))
    if (
        user is None
        or getattr(user, "role", "") != Role.HOUSEHOLD
        or not user.is_active
        or active is not None
    ):
        # One answer for an unknown name, a staff login, a switched-off login and a login of
        # another household: the form must not tell a professional who has a login, which role
        # it has, or that someone is a client elsewhere (user-name enumeration).
        raise _login_refused()
    with transaction.atomic():
        link = m.HouseholdLogin.objects.create(
            household=household, user=user, linked_by=actor, linked_on=timezone.localdate()
        )
        _audit(actor, AuditAction.CASEWORK_LOGIN_LINK, household, origin)
    return link


def household_login_end(*, actor: Any, link: m.HouseholdLogin, origin: str = "") -> None:
    """The login no longer sees the household (it moved, or the login was someone else's)."""
    with transaction.atomic():
        link.ended_on = timezone.localdate()
        link.save(update_fields=["ended_on"])
        _audit(actor, AuditAction.CASEWORK_LOGIN_END, link.household, origin)


def household_comment_add(
    *, actor: Any, household: m.CaseHousehold, kind: str, text: str, origin: str = ""
) -> m.HouseholdComment:
    """The household's remark or request for a correction, kept encrypted for its regisseur."""
    text = text.strip()
    if not text:
        raise UserError("reactie-leeg", _("Schrijf eerst wat u wilt zeggen."))
    if len(text) > COMMENT_MAX_CHARS:
        raise UserError(
            "reactie-te-lang",
            _("Uw bericht is te lang. Gebruik hoogstens %(n)d tekens.") % {"n": COMMENT_MAX_CHARS},
        )
    if kind not in m.HouseholdComment.Kind.values:
        raise UserError("reactie-soort", _("Kies: een opmerking, of iets laten verbeteren."))
    with transaction.atomic():
        comment = m.HouseholdComment.objects.create(
            household=household, author=actor, kind=kind, text=text
        )
        _audit(actor, AuditAction.CASEWORK_OWN_COMMENT, household, origin)
    return comment


def own_plan_agree(
    *, actor: Any, household: m.CaseHousehold, version: int, origin: str = ""
) -> m.PlanAgreement:
    """The household itself agrees, on its own page, to the version it read: recorded by
    `plans.plan_agree` (how: eigen-pagina, today), the one place an agreement is made. Refused
    (`plan-niet-actueel`, in the household's words) when a newer version came in between."""
    plan = household.plans.filter(version=version).first()
    if plan is None:
        raise _plan_changed()
    try:
        return plans.plan_agree(
            actor=actor,
            plan=plan,
            on=timezone.localdate(),
            how=m.PlanAgreement.How.ONLINE,
            origin=origin,
        )
    except UserError as error:
        if error.code == "plan-niet-actueel":
            raise _plan_changed() from error
        raise


def _plan_changed() -> UserError:
    return UserError(
        "plan-niet-actueel",
        _("Uw plan is net veranderd. Lees de nieuwe versie en geef dan uw akkoord."),
    )


def work_phone_set(*, professional: Any, phone: str) -> m.WorkPhone | None:
    """The number households call her on (empty: none). Her own work number, not audited."""
    phone = phone.strip()
    if len(phone) > PHONE_MAX_CHARS or (phone and not any(c.isdigit() for c in phone)):
        raise UserError(
            "telefoon-ongeldig", _("Vul een telefoonnummer in, bijvoorbeeld 0598 123 456.")
        )
    if not phone:
        m.WorkPhone.objects.filter(professional=professional).delete()
        return None
    found, _created = m.WorkPhone.objects.update_or_create(
        professional=professional, defaults={"phone": phone}
    )
    return found
