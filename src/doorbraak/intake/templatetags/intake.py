"""For the data steward's own organisation page (in partners), without partners importing this
app: `{% load intake %}{% intake_own_deliveries partner %}`, the organisation's datasets at a
glance (last delivery, days since, rows, rejected share, late against the agreed rhythm).
About the organisation's own files, not persons: nothing is suppressed."""

from typing import Any

from django import template

from doorbraak.intake.selectors import deliveries_at_a_glance
from doorbraak.intake.views import RHYTHM_NAMES

register = template.Library()


@register.inclusion_tag("intake/_own_glance.html")
def intake_own_deliveries(partner: Any) -> dict[str, Any]:
    rows = deliveries_at_a_glance(partner_id=partner.pk) if partner is not None else []
    return {
        "rows": [
            {
                "glance": row,
                "days_late": -row.due_in if row.due_in is not None else None,
                "rhythm_label": RHYTHM_NAMES[row.rhythm],
            }
            for row in rows
        ],
        "late": sum(row.late for row in rows),
    }
