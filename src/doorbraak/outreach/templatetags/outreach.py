"""`{% load outreach %}{% outreach_signals_for_regisseur user %}`: the early signals of the
households she is regisseur of, for the professional's start page. A template tag, so the
start page (in casework) shows them without importing this app (ADR 0029); the read is audited.
"""

from typing import Any

from django import template

from doorbraak.core.audit import audit_record
from doorbraak.core.models import AuditAction
from doorbraak.outreach.selectors import regisseur_rows

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
