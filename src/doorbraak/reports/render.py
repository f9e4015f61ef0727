"""The report as files: HTML (the template `reports/report.html`, styles inline, no script),
PDF through WeasyPrint (tagged, PDF/UA-1) and the CSV annex (`;`, decimal comma, UTF-8 with
BOM, as Dutch spreadsheets read it). WeasyPrint may fetch nothing (no URL scheme is allowed,
as in `casework.plan_pdf`). Everything comes from `document.report_build`, so the same frozen
year gives the same text and figures every time.
"""

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from django.template.loader import render_to_string
from weasyprint import HTML
from weasyprint.urls import URLFetcher

from doorbraak.reports.document import (
    CSV_COLUMNS,
    DELIVERY_COLUMNS,
    Report,
    annex_rows,
    delivery_rows,
)


def report_html(report: Report) -> str:
    return render_to_string("reports/report.html", {"report": report})


def report_pdf(report: Report) -> bytes:
    fetcher = URLFetcher(allowed_protocols=(), allow_redirects=False)
    document = HTML(string=report_html(report), url_fetcher=fetcher)
    pdf = document.write_pdf(pdf_variant="pdf/ua-1")
    assert pdf is not None  # noqa: S101 - write_pdf without a target always returns the bytes
    return bytes(pdf)


def _csv(columns: tuple[str, ...], rows: list[list[str]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(columns)
    writer.writerows(rows)
    return "\ufeff" + out.getvalue()


def report_csv(report: Report) -> str:
    return _csv(CSV_COLUMNS, annex_rows(report))


def deliveries_csv(report: Report) -> str:
    return _csv(DELIVERY_COLUMNS, delivery_rows(report))


def file_stem(report: Report) -> str:
    stem = f"reflectie-{report.year}-v{report.snapshot.version}"
    return f"{stem}-openbaar" if report.public else stem


@dataclass(frozen=True)
class Written:
    html: Path
    pdf: Path
    csv: Path
    deliveries: Path | None  # the internal version's list of deliveries


def report_write(report: Report, out_dir: Path) -> Written:
    """Write the three files of one version of the report into `out_dir`."""
    out_dir.mkdir(parents=True, exist_ok=True)
    stem = file_stem(report)
    written = Written(
        out_dir / f"{stem}.html",
        out_dir / f"{stem}.pdf",
        out_dir / f"{stem}-cijfers.csv",
        None if report.public else out_dir / f"{stem}-aanleveringen.csv",
    )
    written.html.write_text(report_html(report), encoding="utf-8")
    written.pdf.write_bytes(report_pdf(report))
    written.csv.write_text(report_csv(report), encoding="utf-8", newline="")
    if written.deliveries is not None:  # every delivery behind the figures: internal only
        written.deliveries.write_text(deliveries_csv(report), encoding="utf-8", newline="")
    return written
