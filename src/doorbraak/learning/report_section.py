"""The learning network's year as a section of the reflection report (ADR 0038, ADR 0036).

Returns the report's generic section shape (`{"title", "blocks": [paragraph | table]}`) for
one calendar year: the learning agendas adopted, the sessions of lerend evalueren with who
took part by kind, the trainings per partner, the conferences, the publications, the
procurements and the experiments running in the year with their place, period, status and
cocktail of interventions. Captions are plain Dutch (B1).

Disclosure follows ADR 0036: counts of activities and organisations are about no person and
are shown as they are; counts of persons go through the disclosure gate as E2.3 and E8 do.
The session year totals of professionals, residents and ervaringsdeskundigen are each one
cell (a count from 1 up to the threshold is hidden); the professionals trained per partner
are a table with its total, gated with secondary suppression as E8's partner breakdown is; a
conference's number of participants is one cell too. A hidden value is None (the report
prints "afgeschermd"). No person is named: an ervaringsdeskundige is only counted.

Imports nothing of `reports`: the reports app lists this function among its providers.
"""

import datetime as dt
from typing import Any, Final, Protocol

from django.conf import settings
from django.db.models import Count, Sum
from django.utils.translation import gettext as _

from doorbraak.core.disclosure_gate import Key, Relation, gate_counts
from doorbraak.learning import models as m
from doorbraak.learning.selectors import experiment_place

ALL: Final = "alle"
Block = dict[str, Any]


class YearContext(Protocol):
    """What the section needs of the report's context: the year."""

    @property
    def year(self) -> int: ...


def learning_section(context: YearContext) -> dict[str, Any]:
    """The section "Het lerend netwerk" for the year."""
    year = context.year
    threshold = int(settings.DISCLOSURE_THRESHOLD)
    blocks: list[Block] = [
        {
            "kind": "paragraph",
            "text": _(
                "Wat het lerend netwerk in %(year)s deed. Aantallen mensen kleiner dan "
                '%(threshold)s laten we niet zien: daar staat "afgeschermd".'
            )
            % {"year": year, "threshold": threshold},
        },
        _agendas(year),
        *_sessions(year, threshold),
        _trainings(year, threshold),
        _conferences(year, threshold),
        _publications(year),
        _procurements(year),
        _experiments(year),
    ]
    return {"title": _("Het lerend netwerk"), "blocks": blocks}


def day(value: dt.date | None) -> str:
    """A date as residents write it: 3-2-2025."""
    return "" if value is None else f"{value.day}-{value.month}-{value.year}"


def _yes(value: bool) -> str:
    return _("ja") if value else _("nee")


def _single(count: int, threshold: int) -> int | None:
    """One count of persons through the gate: hidden from 1 up to the threshold."""
    return gate_counts({(ALL,): count}, [], threshold=threshold)[(ALL,)]


def _table(caption: str, columns: list[str], rows: list[list[Any]]) -> Block:
    """A table; with no rows, a sentence saying so (an empty table reads as an error)."""
    if not rows:
        return {"kind": "paragraph", "text": _("%(caption)s: geen.") % {"caption": caption}}
    return {"kind": "table", "caption": caption, "columns": columns, "rows": rows}


def _agendas(year: int) -> Block:
    agendas = m.LearningAgenda.objects.filter(adopted_on__year=year).order_by("adopted_on", "title")
    return _table(
        _("Leeragenda's die we vaststelden"),
        [_("Leeragenda"), _("Vastgesteld op")],
        [[a.title, day(a.adopted_on)] for a in agendas],
    )


def _sessions(year: int, threshold: int) -> list[Block]:
    sessions = m.Session.objects.filter(held_on__year=year)
    totals = sessions.aggregate(professionals=Sum("professionals"), residents=Sum("residents"))
    organisations = m.SessionPartner.objects.filter(held_on__year=year)
    experts = m.SessionExpert.objects.filter(held_on__year=year)
    forms = m.SessionKnowledge.objects.filter(held_on__year=year)
    who = _table(
        _("Wie meedeed aan de sessies lerend evalueren"),
        [_("Wie"), _("Aantal")],
        [
            [_("Sessies"), sessions.count()],
            [_("Verschillende organisaties"), organisations.values("partner").distinct().count()],
            [
                _("Professionals (opgeteld over de sessies)"),
                _single(totals["professionals"] or 0, threshold),
            ],
            [
                _("Inwoners (opgeteld over de sessies)"),
                _single(totals["residents"] or 0, threshold),
            ],
            [
                _("Verschillende ervaringsdeskundigen"),
                _single(experts.values("expert").distinct().count(), threshold),
            ],
            [_("Verschillende vormen van kennis"), forms.values("form").distinct().count()],
        ],
    )
    listed = sessions.annotate(organisations=Count("partners", distinct=True))
    each = _table(
        _("De sessies lerend evalueren"),
        [_("Onderwerp"), _("Datum"), _("Organisaties")],
        [[s.title, day(s.held_on), s.organisations] for s in listed.order_by("held_on", "title")],
    )
    return [who, each]


def _trainings(year: int, threshold: int) -> Block:
    """E8: professionals trained in bejegening per partner, with the total, gated together."""
    completions = m.TrainingCompletion.objects.filter(completed_on__year=year, bejegening=True)
    counted = completions.values_list("partner__code", "partner__name").annotate(n=Count("id"))
    names = {code: name for code, name, _n in counted}
    cells: dict[Key, int] = {(code,): n for code, _name, n in counted}
    cells[(ALL,)] = sum(n for _code, _name, n in counted)
    relations = [Relation((ALL,), tuple((code,) for code in names))] if names else []
    shown = gate_counts(cells, relations, threshold=threshold)
    rows = [[names[code], shown[(code,)]] for code in sorted(names, key=lambda c: (names[c], c))]
    rows.append([_("Alle partners samen"), shown[(ALL,)]])
    return _table(
        _("Professionals die een training in bejegening afrondden, per partner"),
        [_("Partner"), _("Professionals")],
        rows,
    )


def _conferences(year: int, threshold: int) -> Block:
    conferences = m.Conference.objects.filter(held_on__year=year).order_by("held_on", "title")
    return _table(
        _("Conferenties over armoede"),
        [_("Conferentie"), _("Datum"), _("Deelnemers")],
        [[c.title, day(c.held_on), _single(c.participants, threshold)] for c in conferences],
    )


def _publications(year: int) -> Block:
    publications = m.Publication.objects.filter(published_on__year=year)
    return _table(
        _("Wat we publiceerden"),
        [_("Titel"), _("Soort"), _("Datum")],
        [
            [p.title, str(m.PublicationKind(p.kind).label), day(p.published_on)]
            for p in publications.order_by("published_on", "title")
        ],
    )


def _procurements(year: int) -> Block:
    procurements = m.Procurement.objects.filter(awarded_on__year=year).select_related("partner")
    return _table(
        _("Aanbestedingen van ondersteuning"),
        [
            _("Aanbesteding"),
            _("Partner"),
            _("Gegund op"),
            _("Langdurig"),
            _("Armoede in de voorwaarden"),
        ],
        [
            [
                p.title,
                p.partner.name,
                day(p.awarded_on),
                _yes(p.long_term),
                _yes(p.poverty_conditions),
            ]
            for p in procurements.order_by("awarded_on", "title")
        ],
    )


def _experiments(year: int) -> Block:
    """The experiments that ran for some part of the year."""
    running = m.Experiment.objects.filter(started_on__year__lte=year).exclude(
        ended_on__year__lt=year
    )
    running = running.select_related("area", "dorp").prefetch_related("interventions")
    return _table(
        _("Lokale experimenten"),
        [_("Experiment"), _("Waar"), _("Van"), _("Tot"), _("Status"), _("Welke hulp samen")],
        [
            [
                e.name,
                experiment_place(e),
                day(e.started_on),
                day(e.ended_on) or _("loopt door"),
                str(m.ExperimentStatus(e.status).label),
                ", ".join(sorted(i.name for i in e.interventions.all())),
            ]
            for e in running.order_by("started_on", "code")
        ],
    )
