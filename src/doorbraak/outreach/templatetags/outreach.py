"""For the professional's start page (in casework), without casework importing this app (ADR
0029): `{% load outreach %}{% outreach_signals_for_regisseur user %}`, the early signals of the
households she is regisseur of, and `{% outreach_referrals_for user %}`, households led on to
her with their consent. Both reads are audited.
"""

from typing import Any

from django import template

from doorbraak.core.audit import audit_record
from doorbraak.core.models import AuditAction
from doorbraak.outreach.selectors import referrals_for, regisseur_rows

register = template.Library()


@register.inclusion_tag("outreach/_regisseur_panel.html")
def outreach_signals_for_regisseur(user: Any) -> dict[str, Any]:
    rows = regisseur_rows(user)
    if rows:
        audit_record(
            actor=user,
            action=AuditAction.OUTREACH_CASE_READ,
            object_type="outreach.regisseur",
            object_id=str(user.pk),
            result=str(len(rows)),
            origin="web",
        )
    return {"rows": rows}


@register.inclusion_tag("outreach/_referrals_panel.html", takes_context=True)
def outreach_referrals_for(context: dict[str, Any], user: Any) -> dict[str, Any]:
    referrals = list(referrals_for(user))
    if referrals:
        audit_record(
            actor=user,
            action=AuditAction.OUTREACH_REFERRAL_READ,
            object_type="outreach.referral",
            object_id=str(user.pk),
            result=str(len(referrals)),
            origin="web",
        )
    return {"referrals": referrals, "csrf_token": context.get("csrf_token")}
