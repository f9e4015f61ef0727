"""The programme dashboard (every plan indicator's latest value and status at a glance), the
indicator page (trend against the target trajectory, per gemeente and wijk, breakdowns) and
its CSV download.

Reads materialised, gated values only (`monitor.selectors`), never person records.
"""

import csv
import io
from collections.abc import Callable
from itertools import groupby

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from openpyxl import Workbook

from doorbraak.areas.models import Area
from doorbraak.monitor.selectors import (
    ShownValue,
    dashboard_summary,
    indicator_detail,
    indicator_values,
    latest_run,
)
from doorbraak.partners.access import Capability, requires
from doorbraak.sources.writers import cell_neutralise

STATUS_LABELS = {
    "op_koers": _("op koers"),
    "achter": _("achter op het traject"),
    "geen_streefwaarde": _("streefwaarde nog niet vastgesteld"),
    "geen_waarde": _("nog geen meting"),
}


@requires(Capability.VIEW_PROGRAMME)
def dashboard_view(request: HttpRequest) -> HttpResponse:
    lines = dashboard_summary()
    goals = []
    for (goal, statement), rows in groupby(
        lines, key=lambda line: (line.goal, line.goal_statement)
    ):
        goals.append(
            {
                "code": goal,
                "statement": statement or _("Procesindicatoren"),
                "rows": [
                    {
                        "line": line,
                        "status": STATUS_LABELS.get(str(line.status), "") if line.status else "",
                    }
                    for line in rows
                ],
            }
        )
    computed = sum(1 for line in lines if not line.waits_for)
    return render(
        request,
        "monitor/dashboard.html",
        {
            "goals": goals,
            "run": latest_run(),
            "computed": computed,
            "waiting": len(lines) - computed,
        },
    )


def _names(values: list[ShownValue]) -> dict[str, str]:
    codes = {value.area_code for value in values}
    return dict(Area.objects.filter(code__in=codes).values_list("code", "name"))


@requires(Capability.VIEW_PROGRAMME)
def indicator_view(request: HttpRequest, code: str) -> HttpResponse:
    detail = indicator_detail(code)
    if detail is None:
        raise Http404(code)
    names = _names(detail.by_gemeente + detail.by_wijk)
    return render(
        request,
        "monitor/indicator.html",
        {
            "detail": detail,
            "indicator": detail.indicator,
            "years": [
                {"line": line, "status": STATUS_LABELS.get(str(line.status), "")}
                for line in detail.years
            ],
            "gemeenten": sorted(
                ((names.get(v.area_code, v.area_code), v) for v in detail.by_gemeente),
                key=lambda pair: pair[0],
            ),
            "wijken": sorted(
                ((names.get(v.area_code, v.area_code), v) for v in detail.by_wijk),
                key=lambda pair: pair[0],
            ),
        },
    )


HEADER = (
    "indicator", "periode", "niveau", "gebiedscode", "gebied", "uitsplitsing", "categorie",
    "teller", "noemer", "waarde", "onderdrukt",
)  # fmt: skip


def _download_rows(code: str, *, text: bool) -> list[list[object]]:
    """Every gated value of the indicator in the latest run; a suppressed cell stays empty.
    `text`: numbers with a Dutch decimal comma (CSV); otherwise as numbers (XLSX)."""
    if indicator_detail(code) is None:
        raise Http404(code)
    values = [
        value
        for level in ("region", "gemeente", "wijk")
        for value in indicator_values(code, level=level)
    ]
    names = _names(values)
    number: Callable[[float | None], object] = _number if text else _raw
    return [
        [code, v.period, v.area_level, v.area_code, names.get(v.area_code, ""), v.breakdown,
         v.breakdown_value, number(v.numerator), number(v.denominator), number(v.value),
         "ja" if v.suppressed else "nee"]
        for v in values
    ]  # fmt: skip


@requires(Capability.VIEW_PROGRAMME)
def indicator_csv_view(request: HttpRequest, code: str) -> HttpResponse:
    rows = _download_rows(code, text=True)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="indicator-{code}.csv"'
    response.write("\ufeff")  # Excel opens UTF-8 with a BOM correctly
    writer = csv.writer(response, delimiter=";")
    writer.writerow(HEADER)
    writer.writerows(rows)
    return response


@requires(Capability.VIEW_PROGRAMME)
def indicator_xlsx_view(request: HttpRequest, code: str) -> HttpResponse:
    rows = _download_rows(code, text=False)
    book = Workbook(write_only=True)
    sheet = book.create_sheet(title=code[:31])
    sheet.append(list(HEADER))
    for row in rows:  # text cells can never start a formula: they are codes and names
        sheet.append([cell_neutralise(c) if isinstance(c, str) else c for c in row])
    buffer = io.BytesIO()
    book.save(buffer)
    response = HttpResponse(
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="indicator-{code}.xlsx"'
    return response


def _raw(value: float | None) -> object:
    return "" if value is None else value


def _number(value: float | None) -> str:
    """Dutch decimal comma, as a spreadsheet in the Netherlands expects; '' when not shown."""
    if value is None:
        return ""
    text = f"{value:.0f}" if float(value).is_integer() else f"{value:.2f}"
    return text.replace(".", ",")
