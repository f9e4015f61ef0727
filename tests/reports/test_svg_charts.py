"""The report's static charts: a suppressed year has no point, a running one is hollow, a value
reads as in the report's table, and the chart describes itself for screen readers."""

from doorbraak.reports.document import _block
from doorbraak.reports.svg_charts import Point, trend_svg


def test_a_suppressed_year_has_no_point_and_the_description_says_so() -> None:
    svg = trend_svg(
        title="D1 <test>",
        measured=[
            Point(2023, None, suppressed=True),
            Point(2024, 37.0),
            Point(2025, 61.0, running=True),
        ],
        expected=[(2024, 30.0), (2025, 50.0)],
    )
    assert svg.count("<circle") == 2
    assert 'fill="#fff"' in svg  # the running year, hollow
    assert "2023: afgeschermd" in svg
    assert "D1 &lt;test&gt;" in svg
    assert "<script" not in svg
    assert "stroke-dasharray" in svg


def test_nothing_to_draw_gives_no_chart() -> None:
    assert trend_svg(title="x", measured=[Point(2025, None)], expected=[]) == ""


def test_a_year_without_data_reads_a_dash_not_afgeschermd() -> None:
    """0 of 0 (a year without deliveries) is no data, not a secret: "–", and no point."""
    svg = trend_svg(
        title="P8-AFGEWEZEN",
        measured=[Point(2024, None), Point(2025, 2.0)],
        expected=[],
    )
    assert "2024: –" in svg
    assert "afgeschermd" not in svg
    assert svg.count("<circle") == 1


def test_the_chart_writes_a_value_as_the_report_table_does() -> None:
    """One rounding rule (ADR 0030): 0,0403 read "0,0" in the chart beside "0,040" in the
    table when the chart rounded on its own."""
    values = {"2023": 92.93, "2024": 0.0403, "2025": 171288.0}
    item = {
        "code": "A1",
        "name": "test",
        "unit": "huishoudens",
        "plan_version": 1,
        "waits_for": "",
        "status": "",
        "series": [
            {"period": period, "value": value, "suppressed": False, "running": ""}
            for period, value in values.items()
        ],
        "expected": {"2024": 0.0455, "2025": 1234.56},
        "gemeenten": [],
    }
    block = _block(item, {})
    table = {row["period"]: (row["value"], row["expected"]) for row in block.rows}
    assert table == {
        "2023": ("92,9", ""),
        "2024": ("0,040", "0,046"),
        "2025": ("171.288", "1.234,6"),
    }
    for period, (value, expected) in table.items():
        assert f"{period}: {value}" in block.chart  # the measured value, as in the table
        if expected:
            assert f"{period}: {expected}" in block.chart.split("streefpad")[1]
