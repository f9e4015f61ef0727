"""Reads: a version as its definition, response rates and results per group through the
disclosure gate (`core.disclosure_gate`, the rule the monitor applies). While a round runs, no
counts are shown at all (ADR 0035)."""

from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Final

from doorbraak.areas.models import Area
from doorbraak.core.disclosure_gate import Key, Relation, gate_counts, relations_from_hierarchies
from doorbraak.partners.models import Partner, Sector
from doorbraak.surveys.models import Answer, RoundStatus, SurveyRound, SurveyVersion
from doorbraak.surveys.xlsform import Choice, Definition, Question


def definition_of(version: SurveyVersion) -> Definition:
    questions = [
        Question(
            row=q.position,
            name=q.name,
            type=q.type,
            label=q.label,
            hint=q.hint,
            required=q.required,
            relevant=q.relevant,
            constraint=q.constraint,
            constraint_message=q.constraint_message,
            list_name=q.list_name,
            group=q.group,
            depth=q.depth,
        )
        for q in version.questions.order_by("position")
    ]
    choices = [Choice(c.list_name, c.name, c.label) for c in version.choices.order_by("position")]
    return Definition(version.survey.code, version.title, version.version, questions, choices)


@dataclass(frozen=True)
class GroupResult:
    group: str  # a partner code, sector, area code, or "alle"
    label: str
    responses: int | None  # None: hidden by the gate
    agree: float | None  # share answering 4 or 5, in percent; None: hidden


@dataclass(frozen=True)
class QuestionResult:
    name: str
    label: str
    groups: list[GroupResult]


@dataclass(frozen=True)
class RoundResults:
    survey_round: SurveyRound
    running: bool
    sent: int | None
    completed: int | None
    by: str
    questions: list[QuestionResult]

    @property
    def response_rate(self) -> float | None:
        if not self.sent or self.completed is None:
            return None
        return 100 * self.completed / self.sent


AGREE: Final = Decimal(4)
BY: Final = ("partner", "sector", "gebied")
ALL: Final = "alle"


def round_results(*, survey_round: SurveyRound, by: str, threshold: int) -> RoundResults:
    """Per group (partner, sector or gebied) and per 1-5 question: responses and the share
    agreeing, through the disclosure gate; nothing at all while the round runs."""
    if survey_round.status == RoundStatus.OPEN:
        return RoundResults(survey_round, True, None, None, by, [])
    invitations = survey_round.invitations.all()
    sent, completed = invitations.count(), invitations.filter(completed=True).count()
    parent, labels = _group_hierarchy(survey_round, by)
    questions = [
        QuestionResult(
            q.name, q.label, _question_groups(survey_round, q.name, by, parent, labels, threshold)
        )
        for q in survey_round.version.questions.filter(type="select_one").order_by("position")
        if _is_scale(survey_round.version, q.list_name)
    ]
    shown = gate_counts(
        {(ALL,): sent, ("ja",): completed, ("nee",): sent - completed},
        [Relation((ALL,), (("ja",), ("nee",)))],
        threshold=threshold,
    )
    return RoundResults(survey_round, False, shown[(ALL,)], shown[("ja",)], by, questions)


def _is_scale(version: SurveyVersion, list_name: str) -> bool:
    names = set(version.choices.filter(list_name=list_name).values_list("name", flat=True))
    return names == {"1", "2", "3", "4", "5"}


SECTOR: Final = "sector:"  # a sector's key beside the partners' codes in one table


def _group_hierarchy(survey_round: SurveyRound, by: str) -> tuple[dict[str, str], dict[str, str]]:
    """Each group's parent (a wijk's gemeente, a partner's sector, else "alle") and its label.
    Partners and sectors are one table (partner under its sector), gated once, whichever is
    shown: gated apart, a sector's total less its shown partners would give a hidden partner
    away (ADR 0042)."""
    parent: dict[str, str] = {}
    labels: dict[str, str] = {}
    if by in ("partner", "sector"):
        for partner in Partner.objects.filter(response__round=survey_round).distinct():
            parent[partner.code] = SECTOR + partner.sector
            labels[partner.code] = partner.name
        for value, label in Sector.choices:
            parent[SECTOR + str(value)] = ALL
            labels[SECTOR + str(value)] = str(label)
        return parent, labels
    areas = Area.objects.filter(response__round=survey_round).select_related("parent").distinct()
    for area in areas:
        labels[area.code] = area.name
        up = area.parent
        if up is not None and up.level == "gemeente" and area.level != "gemeente":
            parent[area.code] = up.code
            labels[up.code] = up.name
            parent[up.code] = ALL
        else:
            parent[area.code] = ALL
    return parent, labels


def _question_groups(
    survey_round: SurveyRound,
    name: str,
    by: str,
    parent: dict[str, str],
    labels: dict[str, str],
    threshold: int,
) -> list[GroupResult]:
    cells: dict[Key, int] = {}
    for group, score in _scores(survey_round, name, by):
        answer = "eens" if score is not None and score >= AGREE else "niet_eens"
        for level in _ancestry(group, parent):
            for kind in (answer, ALL):
                cells[(level, kind)] = cells.get((level, kind), 0) + 1
    up: dict[int, Any] = {
        0: lambda g: None if g == ALL else parent.get(g, ALL),
        1: lambda a: None if a == ALL else ALL,
    }
    shown = gate_counts(cells, relations_from_hierarchies(cells, up), threshold=threshold)
    groups = sorted({key[0] for key in cells if _shown_at(str(key[0]), by)}, key=_group_order)
    return [_group_result(str(g), shown, labels) for g in groups]


def _scores(survey_round: SurveyRound, name: str, by: str) -> list[tuple[str, Any]]:
    """(group, score) per answer: the partner (or, without one, its sector) or the gebied."""
    answers = Answer.objects.filter(response__round=survey_round, question=name)
    if by == "gebied":
        rows = answers.values_list("response__area__code", "score")
        return [(str(code or "onbekend"), score) for code, score in rows]
    pairs = answers.values_list("response__partner__code", "response__sector", "score")
    return [
        (str(code) if code else SECTOR + (sector or "onbekend"), score)
        for code, sector, score in pairs
    ]


def _shown_at(group: str, by: str) -> bool:
    """Whether a group of the joint partner and sector table is one the view shows."""
    if group == ALL or by == "gebied":
        return True
    return group.startswith(SECTOR) == (by == "sector")


def _group_order(group: Any) -> tuple[bool, str]:
    return (group != ALL, str(group))


def _ancestry(group: str, parent: dict[str, str]) -> list[str]:
    chain = [group]
    while chain[-1] != ALL:
        chain.append(parent.get(chain[-1], ALL))
    return chain


def _group_result(group: str, shown: dict[Key, int | None], labels: dict[str, str]) -> GroupResult:
    total, agree = shown.get((group, ALL)), shown.get((group, "eens"), 0)
    hidden = total is None or agree is None or shown.get((group, "niet_eens"), 0) is None
    share = None if hidden or not total else round(100 * (agree or 0) / total, 1)
    label = "Alle groepen" if group == ALL else labels.get(group, group.removeprefix(SECTOR))
    return GroupResult(group.removeprefix(SECTOR), label, total, share)


def rounds_listed() -> list[SurveyRound]:
    return list(
        SurveyRound.objects.select_related("version__survey").order_by(
            "version__survey__code", "-period"
        )
    )
