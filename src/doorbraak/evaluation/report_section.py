"""What the evaluations found, as a section of the reflection report (ADR 0038, ADR 0037).

Returns the report's generic section shape (`{"title", "blocks": [paragraph | table]}`) for
the decisions the programme took in the year on an evaluation: per decision the experiment,
the outcome, the decision, and the estimate it rested on as recorded with it (estimate, 95%
interval, method, Maryland level, the Erkenningscommissie's wording, treated and comparison
units and areas, the naive comparison). An estimate carries its own protection (an average
over many persons with its interval); no count of persons is shown below the threshold, as no
count of persons is shown at all. Imports nothing of `reports`: the reports app lists this
function among its providers.
"""

from typing import Any, Protocol

from django.utils.translation import gettext as _

from doorbraak.core.numbers import nl, rounded_float
from doorbraak.evaluation.labels import level_text
from doorbraak.evaluation.models import EvaluationDecision
from doorbraak.evaluation.sources import experiments_list


class YearContext(Protocol):
    """What the section needs of the report's context: the year."""

    @property
    def year(self) -> int: ...


def evaluations_section(context: YearContext) -> dict[str, Any]:
    """The section "Wat de evaluaties vonden" for the year."""
    decisions = list(
        EvaluationDecision.objects.filter(decided_at__year=context.year).order_by(
            "decided_at", "pk"
        )
    )
    blocks: list[dict[str, Any]] = [{"kind": "paragraph", "text": _intro(len(decisions))}]
    if decisions:
        names = _experiment_names()
        blocks.append(_decisions_table(decisions, names))
        blocks.append({"kind": "paragraph", "text": _reading()})
    return {"title": _("Wat de evaluaties vonden"), "blocks": blocks}


def _experiment_names() -> dict[str, str]:
    frame = experiments_list().drop_duplicates("code")
    return {str(row.code): str(row.name) for row in frame.itertuples()}


def _intro(count: int) -> str:
    if not count:
        return _(
            "Dit jaar is over geen enkele evaluatie een besluit vastgelegd. Schattingen van "
            "effecten staan voor onderzoekers en het programmateam op de evaluatiepagina."
        )
    return _(
        "Het programmateam nam dit jaar %(count)s besluit(en) over wat een experiment "
        "opleverde. Per besluit staat hieronder waarop het rustte: de geschatte werking, hoe "
        "zeker die is, en hoe sterk de opzet van het onderzoek is."
    ) % {"count": count}


def _reading() -> str:
    return _(
        "Zo leest u de tabel: de schatting is het gemiddelde verschil dat het experiment maakte "
        "bij de deelnemers, met het 95%-interval ernaast. Een vergelijking met andere gebieden "
        "geeft hooguit 'eerste aanwijzingen' (Erkenningscommissie Interventies), geen bewijs. "
        "De naïeve vergelijking laat zien wat een eenvoudige voor-na-vergelijking zou zeggen; "
        "die zit er vaak naast omdat experimenten starten waar de nood het hoogst is."
    )


def _number(value: Any) -> float | None:
    """A figure after the one rounding rule (core.numbers, ADR 0030)."""
    return rounded_float(value) if isinstance(value, int | float) else None


def _decisions_table(decisions: list[EvaluationDecision], names: dict[str, str]) -> dict[str, Any]:
    rows = []
    for decision in decisions:
        basis = decision.basis or {}
        interval = (
            f"{_text(basis.get('ci_low'))} tot {_text(basis.get('ci_high'))}" if basis else "–"
        )
        rows.append(
            [
                names.get(decision.experiment, decision.experiment),
                decision.target,
                decision.get_decision_display(),
                _number(basis.get("estimate")) if basis else "–",
                interval,
                str(basis.get("method", "–")),
                level_text(int(basis["design_level"])) if "design_level" in basis else "–",
                str(basis.get("label", _("geen schatting mogelijk"))),
                _units(basis),
                _number(basis.get("naive")) if basis else "–",
            ]
        )
    return {
        "kind": "table",
        "caption": _("Besluiten over evaluaties en waarop ze rustten"),
        "columns": [
            _("Experiment"),
            _("Uitkomst"),
            _("Besluit"),
            _("Schatting"),
            _("95%-interval"),
            _("Methode"),
            _("Opzet (Maryland)"),
            _("Erkenning"),
            _("Deelnemers / vergelijking"),
            _("Naïeve vergelijking"),
        ],
        "rows": rows,
    }


def _text(value: Any) -> str:
    return nl(value) if isinstance(value, int | float) else "–"


def _units(basis: dict[str, Any]) -> str:
    if not basis:
        return "–"
    return _("%(treated)s in %(areas_treated)s gebied(en) / %(comparison)s in %(areas)s") % {
        "treated": basis.get("n_treated", "–"),
        "areas_treated": basis.get("areas_treated", "–"),
        "comparison": basis.get("n_comparison", "–"),
        "areas": basis.get("areas_comparison", "–"),
    }
