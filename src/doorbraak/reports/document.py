"""The report as data: what the HTML, the PDF and the CSV annex show, built only from a frozen
snapshot (checked against its hashes), the interpretations the programme team chose and the
decisions of the year; never from live figures.

The public version holds only the figures of indicators published as open data (and frozen
through the gate), the chosen interpretations and the decisions; the internal version also
the deliveries behind the figures. Every operational goal of the frozen plan appears, with its
figures or with what it waits for.
"""

from dataclasses import dataclass, field
from typing import Any

from django.utils.safestring import SafeString, mark_safe

from doorbraak.core.numbers import nl
from doorbraak.reports import selectors
from doorbraak.reports.models import Decision, Interpretation, ReflectionSnapshot
from doorbraak.reports.svg_charts import Point, trend_svg

BUILTIN_KEYS = ("plan", "figures", "deliveries", "methods")
STATUS = {
    "op_koers": "op koers",
    "achter": "achter op het streefpad",
    "geen_streefwaarde": "streefwaarde nog niet vastgesteld",
    "geen_waarde": "geen waarde te tonen",
    "lopend": "lopend jaar: nog niet beoordeeld",
}
SUPPRESSED = "afgeschermd"
NO_DATA = "–"  # nothing to show that is not hidden: no measurement, or 0 of 0 (no denominator)
# the computation rules' kinds and units, as the methods appendix says them in Dutch
MEASURES = {
    "count": "aantal", "count_distinct": "aantal verschillende", "share": "aandeel",
    "ratio": "verhouding", "median": "mediaan", "mean_difference": "gemiddeld verschil",
    "sum": "som", "reference_share": "aandeel van een CBS-cijfer",
}  # fmt: skip
UNITS = {"person": "personen", "household": "huishoudens", "fact": "registraties"}


@dataclass
class IndicatorBlock:
    code: str
    name: str
    unit: str
    plan_version: int
    waits_for: str
    status: str
    rows: list[dict[str, str]]  # per year: period, value, expected, running
    gemeenten: list[dict[str, str]]
    chart: SafeString
    interpretations: list[Interpretation] = field(default_factory=list)


@dataclass
class GoalBlock:
    code: str
    statement: str
    indicators: list[IndicatorBlock]
    interpretations: list[Interpretation]
    missing: list[str]  # indicator codes of the goal that the public version leaves out


@dataclass
class Report:
    snapshot: ReflectionSnapshot
    public: bool
    year: int
    lines: list[dict[str, Any]]  # {"name", "strategic_goals": [{"statement", "goals"}]}
    other_indicators: list[IndicatorBlock]  # the ambition's and the process indicators
    general: list[Interpretation]  # interpretations about the year as a whole
    residents: list[Interpretation]
    decisions: list[Decision]
    extra_sections: list[dict[str, Any]]  # sections other apps supplied (generic shape)
    methods: dict[str, Any]
    deliveries: dict[str, Any]
    delivery_summary: list[dict[str, Any]]  # per partner; every file is in the annex
    dated_batches: list[dict[str, Any]]  # the fact batches with a reference date (peildatum)
    threshold: int
    data_until: str
    changed_since: list[dict[str, Any]]


def _value(cell: dict[str, Any]) -> str:
    """A suppressed cell reads "afgeschermd"; a cell without a value that the gate did not
    hide (a share of 0 of 0, a year without deliveries) reads "–": no data, not a secret."""
    if cell["suppressed"]:
        return SUPPRESSED
    if cell["value"] is None:
        return NO_DATA
    return nl(cell["value"])


def _block(item: dict[str, Any], about: dict[str, list[Interpretation]]) -> IndicatorBlock:
    series = item["series"]
    expected = item["expected"]
    rows = [
        {
            "period": cell["period"],
            "value": _value(cell),
            "expected": nl(expected[cell["period"]]) if cell["period"] in expected else "",
            "running": cell["running"],
        }
        for cell in series
    ]
    chart = trend_svg(
        title=f"{item['code']} {item['name']}",
        measured=[
            Point(
                int(c["period"]),
                None if c["suppressed"] else c["value"],
                bool(c["running"]),
                suppressed=bool(c["suppressed"]),
            )
            for c in series
        ],
        expected=[(int(year), value) for year, value in sorted(expected.items())],
    )
    return IndicatorBlock(
        code=item["code"],
        name=item["name"],
        unit=item["unit"],
        plan_version=item["plan_version"],
        waits_for=item["waits_for"],
        status=STATUS.get(item["status"], ""),
        rows=rows,
        gemeenten=[{"name": c["area_name"], "value": _value(c)} for c in item["gemeenten"]],
        chart=mark_safe(chart),  # noqa: S308 - built by svg_charts, every text escaped there
        interpretations=about.get(item["code"], []),
    )


def report_build(snapshot: ReflectionSnapshot, *, public: bool = False) -> Report:
    """The report of a frozen year (refused when the snapshot no longer matches its hashes)."""
    selectors.snapshot_verified(snapshot)
    sections = snapshot.sections
    chosen = selectors.interpretations_included(snapshot.year)
    about: dict[str, list[Interpretation]] = {}
    for item in chosen:
        if item.subject and item.kind != Interpretation.Kind.RESIDENTS:
            about.setdefault(item.subject, []).append(item)
    figures = sections["figures"]
    shown = [i for i in figures["indicators"] if i["published"] or not public]
    blocks = {i["code"]: _block(i, about) for i in shown}
    return Report(
        snapshot=snapshot,
        public=public,
        year=snapshot.year,
        lines=_lines(sections["plan"], blocks, about),
        other_indicators=[blocks[i["code"]] for i in shown if not i["goal"]],
        general=[i for i in chosen if not i.subject and i.kind != Interpretation.Kind.RESIDENTS],
        residents=[i for i in chosen if i.kind == Interpretation.Kind.RESIDENTS],
        decisions=list(selectors.decisions(snapshot.year)),
        extra_sections=[data for key, data in sorted(sections.items()) if key not in BUILTIN_KEYS],
        methods=_methods(sections["methods"], {i["code"] for i in shown}),
        deliveries=sections["deliveries"],
        delivery_summary=_per_partner(sections["deliveries"]["deliveries"]),
        dated_batches=[b for b in sections["deliveries"]["fact_batches"] if b["reference_date"]],
        threshold=figures["threshold"],
        data_until=figures["data_until"],
        changed_since=snapshot.changed_since,
    )


def _lines(
    plan: dict[str, Any], blocks: dict[str, IndicatorBlock], about: dict[str, list[Any]]
) -> list[dict[str, Any]]:
    return [
        {
            "name": line["name"],
            "strategic_goals": [
                {
                    "code": sg["code"],
                    "statement": sg["statement"],
                    "goals": [
                        GoalBlock(
                            code=og["code"],
                            statement=og["statement"],
                            indicators=[blocks[c] for c in og["indicators"] if c in blocks],
                            interpretations=about.get(og["code"], []),
                            missing=[c for c in og["indicators"] if c not in blocks],
                        )
                        for og in sg["operational_goals"]
                    ],
                }
                for sg in line["strategic_goals"]
            ],
        }
        for line in plan["lines"]
    ]


def _per_partner(deliveries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    found: dict[str, dict[str, Any]] = {}
    for d in deliveries:
        row = found.setdefault(
            d["partner"],
            {"partner": d["partner"], "files": 0, "accepted": 0, "warned": 0, "rejected": 0,
             "last": ""},
        )  # fmt: skip
        row["files"] += 1
        for count in ("accepted", "warned", "rejected"):
            row[count] += d[count]
        row["last"] = max(row["last"], d["received"])
    return [found[partner] for partner in sorted(found)]


def _methods(methods: dict[str, Any], codes: set[str]) -> dict[str, Any]:
    rows = [
        i
        | {
            "measure": MEASURES.get(i["measure"], i["measure"]),
            "unit": UNITS.get(i["unit"], i["unit"]),
        }
        for i in methods["indicators"]
        if i["code"] in codes
    ]
    return methods | {"indicators": rows}


CSV_COLUMNS = (
    "indicator", "naam", "doelstelling", "periode", "gebied", "gebiedsnaam", "waarde",
    "teller", "noemer", "afgeschermd", "lopend", "planversie",
)  # fmt: skip


DELIVERY_COLUMNS = (
    "partner", "gegevensset", "ontvangen", "peildatum", "gelezen", "geaccepteerd",
    "met waarschuwing", "afgewezen", "sha256",
)  # fmt: skip


def delivery_rows(report: Report) -> list[list[str]]:
    """Every delivery behind the figures, for the internal version's second CSV annex."""
    return [
        [d["partner"], d["dataset"], d["received"], d["reference_date"], str(d["read"]),
         str(d["accepted"]), str(d["warned"]), str(d["rejected"]), d["file_sha256"]]
        for d in report.deliveries["deliveries"]
    ]  # fmt: skip


def annex_rows(report: Report) -> list[list[str]]:
    """The large tables as rows for the CSV annex: every frozen cell the report may show."""
    rows = []
    for item in report.snapshot.sections["figures"]["indicators"]:
        if report.public and not item["published"]:
            continue
        for cell in [*item["series"], *item["gemeenten"]]:
            hidden = cell["suppressed"] or cell["value"] is None
            rows.append(
                [
                    item["code"], item["name"], item["goal"], cell["period"], cell["area"],
                    cell["area_name"],
                    "" if hidden else nl(cell["value"], grouping=False),
                    "" if hidden or cell["numerator"] is None
                    else nl(cell["numerator"], grouping=False),
                    "" if hidden or cell["denominator"] is None
                    else nl(cell["denominator"], grouping=False),
                    "ja" if hidden else "nee", cell["running"], str(item["plan_version"]),
                ]
            )  # fmt: skip
    return rows
