"""Feedback to a signalling partner (issue 15, item 5): for its own signals, how many the
gemeenten have in each status the GGM lets a partner see (`selectors.signal_status`), per
gemeente, with totals, through the disclosure gate (`core.disclosure_gate`): a count from 1 up
to DOORBRAAK_DISCLOSURE_THRESHOLD is hidden, and so is whatever would give it away. Counts
only: no person, no case, never the internal reason a signal was not taken up.
"""

from collections import Counter
from dataclasses import dataclass

from django.conf import settings

from doorbraak.core.disclosure_gate import gate_counts, relations_from_hierarchies
from doorbraak.outreach import ggm
from doorbraak.outreach import models as m
from doorbraak.outreach.selectors import signal_status
from doorbraak.partners.models import Partner

ALL = "alle"


@dataclass(frozen=True)
class FeedbackTable:
    gemeenten: list[str]  # the columns, then ALL
    rows: list[tuple[str, list[int | None]]]  # status (then ALL) → a count per column


def _parent(value: object) -> object | None:
    return None if value == ALL else ALL


def partner_feedback(partner: Partner) -> FeedbackTable:
    signals = m.Vroegsignaal.objects.filter(partner=partner).select_related("zaak")
    counted = Counter((s.gemeente_code, signal_status(s)) for s in signals)
    gemeenten = sorted({gemeente for gemeente, _ in counted})
    statuses = [*ggm.SIGNAALSTATUS, ALL]
    cells: dict[tuple[object, ...], int] = {}
    for gemeente in [*gemeenten, ALL]:
        for status in statuses:
            cells[(gemeente, status)] = sum(
                n for (g, s), n in counted.items() if gemeente in (g, ALL) and status in (s, ALL)
            )
    relations = relations_from_hierarchies(cells, {0: _parent, 1: _parent})
    shown = gate_counts(cells, relations, threshold=settings.DISCLOSURE_THRESHOLD)
    columns = [*gemeenten, ALL]
    return FeedbackTable(
        gemeenten=columns,
        rows=[(status, [shown[(g, status)] for g in columns]) for status in statuses],
    )
