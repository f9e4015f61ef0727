"""The report: no value the disclosure gate would suppress (held against the register's true,
ungated counts), every operational goal of the plan with its figures or what it waits for, the
public version only published figures, and the same content every time it is made."""

import csv
import io
import math
import re
from pathlib import Path

import pytest
from django.core.management import call_command
from pypdf import PdfReader

from doorbraak.core.disclosure_gate import is_disclosive
from doorbraak.core.numbers import nl, rounded_float
from doorbraak.monitor.definitions.vocabulary import GATED
from doorbraak.monitor.protection import number
from doorbraak.monitor.selectors import definitions_current
from doorbraak.monitor.services import tables_ungated
from doorbraak.programme.models import OperationalGoal
from doorbraak.reports.document import report_build
from doorbraak.reports.models import ReflectionSnapshot
from doorbraak.reports.render import report_csv, report_html
from tests.reports.conftest import PERIODS, YEAR

pytestmark = pytest.mark.django_db
LEVELS = {"region": "region", "gemeente": "gemeente"}


def _frozen_cells(snapshot: ReflectionSnapshot) -> list[tuple[dict, dict, str]]:
    cells = []
    for item in snapshot.sections["figures"]["indicators"]:
        for cell in item["series"]:
            cells.append((item, cell, "region"))
        for cell in item["gemeenten"]:
            cells.append((item, cell, "gemeente"))
    return cells


def test_no_frozen_figure_is_one_the_gate_would_suppress(frozen: ReflectionSnapshot) -> None:
    truth = tables_ungated(periods=list(PERIODS), levels=["region", "gemeente"])
    kinds = {i.code: i.kind for i in definitions_current().indicators}  # type: ignore[union-attr]
    threshold = frozen.sections["figures"]["threshold"]
    shown = hidden = 0
    for item, cell, level in _frozen_cells(frozen):
        true = truth[(item["code"], cell["period"])].cells[(level, cell["area"], "", "")]
        if cell["suppressed"]:
            assert cell["value"] is None
            assert cell["numerator"] is None
            hidden += 1
            continue
        shown += 1
        for column in GATED[kinds[item["code"]]]:
            count = number(true, column)
            assert not is_disclosive(math.ceil(count or 0), threshold), (item["code"], cell)
        assert cell["value"] == rounded_float(true.value)  # the true figure, rounded once
    assert shown > 0
    assert hidden > 0


def test_the_report_and_its_annex_show_no_suppressed_number(frozen: ReflectionSnapshot) -> None:
    report = report_build(frozen)
    rows = list(csv.reader(io.StringIO(report_csv(report).lstrip("\ufeff")), delimiter=";"))
    header, body = rows[0], rows[1:]
    by_key = {(r[0], r[3], r[4]): dict(zip(header, r, strict=True)) for r in body}
    for item, cell, _level in _frozen_cells(frozen):
        row = by_key[(item["code"], cell["period"], cell["area"])]
        if cell["suppressed"]:
            assert (row["waarde"], row["teller"], row["noemer"], row["afgeschermd"]) == (
                "",
                "",
                "",
                "ja",
            )
        else:
            assert row["waarde"] == nl(cell["value"], grouping=False)
    html = report_html(report)
    assert "afgeschermd" in html


def test_every_operational_goal_appears_with_figures_or_what_it_waits_for(
    frozen: ReflectionSnapshot,
) -> None:
    html = report_html(report_build(frozen))
    goals = OperationalGoal.objects.filter(
        strategic_goal__programme_line__plan_version=frozen.plan_version
    )
    assert goals.exists()
    for goal in goals:
        assert f"Doelstelling {goal.code}:" in html
    waiting = [i for i in frozen.sections["figures"]["indicators"] if i["waits_for"]]
    for item in waiting:
        assert f"Deze indicator wacht op: {item['waits_for']}" in html.replace("&#x27;", "'")
    assert "gemeten tegen planversie 1" in html


def test_the_public_version_holds_only_published_figures(frozen: ReflectionSnapshot) -> None:
    items = frozen.sections["figures"]["indicators"]
    unpublished = [i["code"] for i in items if not i["published"] and i["series"]]
    published = [i["code"] for i in items if i["published"]]
    assert unpublished
    assert published
    public = report_build(frozen, public=True)
    annex = report_csv(public)
    codes = {row.split(";")[0] for row in annex.splitlines()[1:]}
    assert codes <= set(published)
    html = report_html(public)
    for code in unpublished:
        assert not re.search(rf"<strong>{re.escape(code)} ", html)


def _pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def test_regenerating_gives_the_same_content(frozen: ReflectionSnapshot, tmp_path: Path) -> None:
    first, second = tmp_path / "een", tmp_path / "twee"
    call_command("report", "--year", str(YEAR), "--out", str(first), stdout=io.StringIO())
    call_command("report", "--year", str(YEAR), "--out", str(second), stdout=io.StringIO())
    names = sorted(p.name for p in first.iterdir())
    assert names == sorted(p.name for p in second.iterdir())
    assert len(names) == 7  # html, pdf and csv, internal and public; the deliveries (internal)
    for name in names:
        if name.endswith(".pdf"):
            text = _pdf_text(first / name)
            assert "Eiland van reflectie 2025" in text
            assert text == _pdf_text(second / name)
        else:
            assert (first / name).read_bytes() == (second / name).read_bytes()
    # a tagged PDF (PDF/UA-1) in Dutch, saying the figures the HTML says
    root = PdfReader(first / "reflectie-2025-v1.pdf").trailer["/Root"]
    assert "/StructTreeRoot" in root
    assert root["/Lang"] == "nl"
    pdf = _pdf_text(first / "reflectie-2025-v1.pdf")
    item = next(i for i in frozen.sections["figures"]["indicators"] if i["series"])
    assert nl(item["series"][-1]["value"]) in pdf
