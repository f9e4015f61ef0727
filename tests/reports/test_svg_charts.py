"""The report's static charts (pure): a suppressed year has no point, a running one is hollow,
and the chart describes itself for screen readers."""

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
