"""An indicator's CSV and Excel download (/monitor/<code>.csv, .xlsx): every gated value of the
latest run, totals and each breakdown per area level, dorpen and experiment areas as levels,
rounded as the page rounds it (`core.numbers`); every download is audited.
"""

import csv
import io
from collections.abc import Callable

from django.http import Http404, HttpRequest, HttpResponse
from openpyxl import Workbook

from doorbraak.areas.models import Area
from doorbraak.core.area_levels import MONITOR_LEVELS
from doorbraak.core.audit import audit_record
from doorbraak.core.client_address import client_address
from doorbraak.core.models import AuditAction
from doorbraak.core.numbers import nl, rounded_float
from doorbraak.monitor.gated import ShownValue, run_holding
from doorbraak.monitor.grouping_levels import (
    group_areas,
    group_cells,
    group_values,
    is_grouping_level,
)
from doorbraak.monitor.selectors import (
    definitions_current,
    indicator_values,
    plan_has_indicator,
)
from doorbraak.partners.access import Capability, requires
from doorbraak.sources.writers import cell_neutralise

HEADER = (
    "indicator", "periode", "niveau", "gebiedscode", "gebied", "uitsplitsing", "categorie",
    "teller", "noemer", "waarde", "onderdrukt", "lopend",
)  # fmt: skip  # 'lopend' last: the earlier columns keep their places for existing sheets


def _download_rows(code: str, *, text: bool) -> list[list[object]]:
    """Every gated value of the indicator in the latest run, totals and each breakdown's
    categories per area level; a suppressed cell stays empty;
    'lopend' holds a running period's label ('lopend jaar, t/m 30 juni 2026', ADR 0018).
    `text`: numbers with a Dutch decimal comma (CSV); otherwise as numbers (XLSX)."""
    if not plan_has_indicator(code):
        raise Http404(code)
    values = [
        value
        for level in ("region", "gemeente", "wijk")
        for breakdown in ("", *_download_breakdowns(code))
        for value in indicator_values(code, level=level, breakdown=breakdown)
    ]
    groups = _download_groups(code)  # dorpen and experiment areas as levels (ADR 0042)
    names = _names(values) | {group.code: group.name for group in group_areas()}
    values += groups
    number: Callable[[float | None], object] = _number if text else _raw
    return [
        [code, v.period, v.area_level, v.area_code, names.get(v.area_code, ""), v.breakdown,
         v.breakdown_value, number(v.numerator), number(v.denominator), number(v.value),
         "ja" if v.suppressed else "nee", v.running]
        for v in values
    ]  # fmt: skip


def _download_groups(code: str) -> list[ShownValue]:
    """The indicator's values per dorp and per experiment area (the levels that are its
    breakdowns), from the newest run that holds them: the region's gated breakdown cells."""
    found: list[ShownValue] = []
    for level in _download_breakdowns(code):
        if is_grouping_level(level):
            cells = group_cells(level, codes=(code,))
            run = run_holding(cells)
            found += group_values(run, level, codes=(code,)) if run is not None else []
    return found


def _download_breakdowns(code: str) -> tuple[str, ...]:
    """The rule's breakdowns that are no area level (age group, dorp, experiment area, ...):
    the download holds their categories after the totals."""
    definitions = definitions_current()
    rule = definitions.get(code) if definitions else None
    levels = {level.api for level in MONITOR_LEVELS}
    return tuple(b for b in rule.breakdowns if b not in levels) if rule else ()


def _download_audit(request: HttpRequest, code: str, kind: str) -> None:
    audit_record(
        actor=request.user,
        action=AuditAction.MONITOR_INDICATOR_DOWNLOAD,
        object_type="indicator",
        object_id=code,
        result="getoond",
        origin=client_address(request),
        reason=kind,
    )


@requires(Capability.VIEW_PROGRAMME)
def indicator_csv_view(request: HttpRequest, code: str) -> HttpResponse:
    rows = _download_rows(code, text=True)
    _download_audit(request, code, "csv")
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
    _download_audit(request, code, "xlsx")
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
    """A number cell: rounded as the page rounds it (`core.numbers`); '' when not shown."""
    return "" if value is None else rounded_float(value)


def _number(value: float | None) -> str:
    """Rounded as the page rounds it, with a Dutch decimal comma and no thousands point, as a
    spreadsheet in the Netherlands expects; '' when not shown."""
    return nl(value, grouping=False)


def _names(values: list[ShownValue]) -> dict[str, str]:
    codes = {value.area_code for value in values}
    return dict(Area.objects.filter(code__in=codes).values_list("code", "name"))
