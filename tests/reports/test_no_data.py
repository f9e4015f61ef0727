"""The report tells "no data" from "suppressed": a share of 0 of 0 (P8-AFGEWEZEN in a year
without deliveries) reads "–", a cell the gate hid reads "afgeschermd" (issue 16)."""

from doorbraak.reports.document import NO_DATA, SUPPRESSED, _block


def _cell(period: str, value: float | None, *, suppressed: bool, n: float | None) -> dict:
    return {
        "period": period,
        "value": value,
        "suppressed": suppressed,
        "numerator": n,
        "denominator": n,
        "running": "",
        "area_name": "Veendam",
    }


def test_zero_of_zero_is_no_data_and_a_hidden_cell_is_suppressed() -> None:
    item = {
        "code": "P8-AFGEWEZEN",
        "name": "Afgewezen rijen",
        "unit": "%",
        "plan_version": 1,
        "waits_for": "",
        "status": "geen_waarde",
        "expected": {},
        "series": [
            _cell("2023", None, suppressed=False, n=0),  # no deliveries: 0 of 0
            _cell("2024", None, suppressed=True, n=None),  # hidden by the gate
            _cell("2025", 1.25, suppressed=False, n=80),
        ],
        "gemeenten": [_cell("2025", None, suppressed=False, n=0)],
    }
    block = _block(item, {})
    assert [row["value"] for row in block.rows] == [NO_DATA, SUPPRESSED, "1,3"]
    assert NO_DATA == "–"
    assert block.gemeenten == [{"name": "Veendam", "value": "–"}]
    assert "2023: –" in block.chart
    assert "2024: afgeschermd" in block.chart
