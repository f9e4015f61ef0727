"""The plan's two surveys, shipped as XLSForm files in `data/` (ADR 0035), and the script that
writes each .xlsx from its readable YAML source beside it: `python -m doorbraak.surveys.shipped`.
The .xlsx is the artefact; a test checks it matches its source and passes `surveys check`.
"""

from pathlib import Path
from typing import Any, Final

import yaml
from openpyxl import Workbook

DATA: Final = Path(__file__).parent / "data"
SHEETS: Final = ("survey", "choices", "settings")
# form_id -> (file stem, audience)
SHIPPED: Final = {
    "professionals_randvoorwaarden": ("professionals", "professionals"),
    "inwoners_wijk": ("residents", "inwoners"),
}


def source_rows(stem: str) -> dict[str, list[dict[str, Any]]]:
    loaded = yaml.safe_load((DATA / f"{stem}.yaml").read_text(encoding="utf-8"))
    return {sheet: list(loaded[sheet]) for sheet in SHEETS}


def xlsx_write(stem: str) -> Path:
    workbook = Workbook()
    workbook.remove(workbook.worksheets[0])
    for sheet, rows in source_rows(stem).items():
        columns = list(dict.fromkeys(key for row in rows for key in row))
        worksheet = workbook.create_sheet(sheet)
        worksheet.append(columns)
        for row in rows:
            worksheet.append([row.get(column, "") for column in columns])
    target = DATA / f"{stem}.xlsx"
    workbook.save(target)
    return target


def shipped_path(form_id: str) -> Path:
    return DATA / f"{SHIPPED[form_id][0]}.xlsx"


if __name__ == "__main__":
    for stem, _audience in SHIPPED.values():
        print(xlsx_write(stem))
