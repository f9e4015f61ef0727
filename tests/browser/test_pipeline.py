"""A file uploaded through the web page reaches the monitor's dashboard with no command typed,
and the programme team sees the job's progress on /pijplijn on the way (issue 10).

The worker. The served demo starts `doorbraak pipeline worker` beside the web server; here
the test process runs the same queue with `pipeline.worker.queue_drain()` (what the demo's
in-process run uses): django-tasks-db's `Worker.run_task`, as in the worker process, and the
same `job_run` and steps. A real
worker subprocess cannot be used reliably: locally the live server's database is SQLite in
memory, shared between the test thread and the server thread and invisible to another process
(only PostgreSQL in CI would allow it). The real subprocess, and a `kill -9` of it, is
covered by `tests/pipeline/test_kill.py` on a SQLite file.

"On the way": a wrapper around the monitor step's computation (`steps.monitor_run`) opens
/pijplijn in the browser when the worker has finished linking and updating the register and
is about to compute the monitor, then lets the real computation run. The page is then served
from what the worker has committed so far (on PostgreSQL; on SQLite through the shared
connection): job "bezig", step "monitor berekenen", and the earlier steps' progress lines.
"""

import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.template.defaultfilters import date as date_format
from django.template.defaultfilters import floatformat
from django.utils import timezone, translation
from playwright.sync_api import Locator, Page, ViewportSize, expect

from doorbraak.intake.mappings import mappings_load
from doorbraak.intake.models import ImportBatch
from doorbraak.intake.services import import_batch_run
from doorbraak.monitor.models import IndicatorValue, MonitorRun
from doorbraak.partners.models import Partner
from doorbraak.pipeline import steps
from doorbraak.pipeline.models import PipelineJob
from doorbraak.pipeline.worker import queue_drain
from doorbraak.register import models as r
from doorbraak.register.reference import reference_file_load
from tests.browser.conftest import screenshot, serious_violations
from tests.pipeline.conftest import OTHERS, STEWARD_PARTNER, pseudonymised_exports

pytestmark = [pytest.mark.browser, pytest.mark.slow]
Status = PipelineJob.Status
PHONE = ViewportSize(width=390, height=844)
DESKTOP = ViewportSize(width=1280, height=900)
JOBS_TABLE = "De laatste taken, nieuwste eerst"
UPLOAD_LABEL = "Bestand (.csv of .xlsx, gepseudonimiseerd)"


def _cells(page: Page, job: PipelineJob) -> dict[str, Locator]:
    """The job's row on /pijplijn, by column header."""
    table = page.get_by_role("table", name=JOBS_TABLE)
    headers = [h.strip() for h in table.locator("thead th").all_inner_texts()]
    row = table.locator("tbody tr").filter(
        has=page.get_by_role("rowheader", name=str(job.pk), exact=True)
    )
    expect(row).to_have_count(1)
    return {name: row.locator("th, td").nth(i) for i, name in enumerate(headers)}


def _progress_lines(page: Page, job: PipelineJob) -> list[str]:
    """The lines under "Voortgang van taak N" (the newest job's)."""
    expect(page.get_by_role("heading", name=f"Voortgang van taak {job.pk}")).to_be_visible()
    return (
        page.get_by_role("list", name=f"Voortgang van taak {job.pk}")
        .locator("li")
        .all_inner_texts()
    )


def _both_widths(page: Page, name: str) -> None:
    """Screenshots at desktop and phone width. On a phone the page's content stays within the
    screen: the wide table scrolls inside its own box. (The site's menu bar sticks out by its
    padding on every page at this width: not this page's.)"""
    screenshot(page, f"{name}-1280")
    page.set_viewport_size(PHONE)
    page.reload()
    box = page.get_by_role("region", name=JOBS_TABLE)
    box.scroll_into_view_if_needed()
    screenshot(page, f"{name}-390")
    main = page.locator("main")
    overflow = main.evaluate("main => main.scrollWidth - main.clientWidth")
    assert overflow <= 0, f"/pijplijn's content is {overflow} px wider than a phone's screen"
    assert box.evaluate("box => box.scrollWidth > box.clientWidth")  # scrolls, within the box
    shape = box.bounding_box()
    assert shape is not None
    assert shape["width"] <= PHONE["width"]
    box.evaluate("box => { box.scrollLeft = box.scrollWidth; }")
    screenshot(page, f"{name}-390-rechts")
    page.set_viewport_size(DESKTOP)
    page.reload()


def test_an_uploaded_file_reaches_the_dashboard_with_progress_on_the_way(
    page: Page,
    site: str,
    login: Callable[[str], None],
    synth_dir: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    files = _others_delivered(synth_dir, tmp_path)
    login("gegevensbeheerder")
    job, uploaded = _steward_uploads(page, site, files)
    page.get_by_role("button", name="Uitloggen").click()
    page.wait_for_load_state()

    login("programma")
    _team_sees_the_job_wait(page, site, job, len(files))
    during = _worker_runs_while_the_team_looks(page, site, job, monkeypatch)
    job.refresh_from_db()
    assert job.status == Status.DONE, job.reason
    assert during["status"] == "bezig"
    assert re.fullmatch(r"monitor berekenen \(sinds \d\d:\d\d:\d\d\)", during["step"]), during
    assert len(during["progress"]) > 0, during  # the link and register steps' counts

    _team_sees_the_job_done(page, job, shown_during=len(during["progress"]))
    _dashboard_shows_the_run(page, job, uploaded)


def _others_delivered(synth_dir: Path, tmp_path: Path) -> list[Path]:
    """The region as the other partners' deliveries and the programme's records leave it: they
    delivered earlier (an operator's import, no job), the reference file is loaded. Returns
    the steward's pseudonymised exports, still to be uploaded."""
    mappings_load(path=synth_dir / "exports" / "mappings.yaml")
    reference_file_load(path=synth_dir / "programma" / "referentie.yaml")
    exports = pseudonymised_exports(synth_dir, tmp_path, (STEWARD_PARTNER, *OTHERS))
    for code, path in exports:
        if code != STEWARD_PARTNER:
            import_batch_run(partner=Partner.objects.get(code=code), path=path)
    files = [path for code, path in exports if code == STEWARD_PARTNER]
    assert files
    assert not PipelineJob.objects.exists()
    return files


def _steward_uploads(page: Page, site: str, files: list[Path]) -> tuple[PipelineJob, set[int]]:
    """The data steward uploads each file on /aanleveringen; every upload joins one job."""
    for path in files:
        page.goto(f"{site}/aanleveringen")
        page.get_by_label(UPLOAD_LABEL).set_input_files(str(path))
        page.get_by_role("button", name="Aanleveren").click()
        page.wait_for_load_state()
        expect(page.get_by_role("status")).to_contain_text(
            "koppelen, register en monitor volgen vanzelf"
        )
    batches = ImportBatch.objects.filter(partner__code=STEWARD_PARTNER, dry_run=False)
    uploaded = set(batches.values_list("pk", flat=True))
    assert len(uploaded) == len(files)
    job = PipelineJob.objects.get()
    assert set(job.deliveries.values_list("pk", flat=True)) == uploaded
    return job, uploaded


def _team_sees_the_job_wait(page: Page, site: str, job: PipelineJob, deliveries: int) -> None:
    """Nothing computed yet on /monitor; on /pijplijn the job waits, with no step yet."""
    page.goto(f"{site}/monitor")
    expect(page.get_by_text("Er is nog niet gerekend", exact=False)).to_be_visible()
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Pijplijn").click()
    expect(page.locator("h1")).to_have_text("Pijplijn: van aanlevering tot monitor")
    cells = _cells(page, job)
    assert {"Status", "Stap", "Aanleveringen", "Uitkomst"} <= set(cells)
    expect(cells["Status"]).to_have_text("wachtend")
    expect(cells["Stap"]).to_have_text("–")
    expect(cells["Aanleveringen"]).to_have_text(str(deliveries))
    expect(page.get_by_text("Er is een taak wachtend of bezig.")).to_be_visible()
    _both_widths(page, "pijplijn-wachtend")
    assert serious_violations(page) == []


def _worker_runs_while_the_team_looks(
    page: Page, site: str, job: PipelineJob, monkeypatch: pytest.MonkeyPatch
) -> dict[str, Any]:
    """The worker's run of the queue; /pijplijn as it stands when the monitor step starts."""
    seen: dict[str, Any] = {}
    real_monitor_run = steps.monitor_run

    def monitor_run_watched(**kwargs: Any) -> Any:
        try:
            page.goto(f"{site}/pijplijn")
            cells = _cells(page, job)
            seen["status"] = cells["Status"].inner_text().strip()
            seen["step"] = cells["Stap"].inner_text().strip()
            seen["progress"] = _progress_lines(page, job)
            screenshot(page, "pijplijn-bezig-1280")
        except Exception as error:  # the step would turn it into a job failure: keep it
            seen["error"] = error
        return real_monitor_run(**kwargs)

    monkeypatch.setattr(steps, "monitor_run", monitor_run_watched)
    assert queue_drain() == 1
    monkeypatch.setattr(steps, "monitor_run", real_monitor_run)
    if "error" in seen:
        raise seen["error"]
    return seen


def _team_sees_the_job_done(page: Page, job: PipelineJob, *, shown_during: int) -> None:
    """Reloaded, /pijplijn shows the job done with what each step produced."""
    assert job.link_run is not None
    assert job.fact_batch is not None
    assert job.monitor_run is not None
    page.reload()
    cells = _cells(page, job)
    expect(cells["Status"]).to_have_text("klaar")
    expect(cells["Stap"]).to_have_text("–")
    expect(cells["Afgerond"]).not_to_have_text("–")
    expect(cells["Uitkomst"]).to_contain_text(f"koppelrun {job.link_run.pk}")
    expect(cells["Uitkomst"]).to_contain_text(f"feitenbatch {job.fact_batch.pk}")
    expect(cells["Uitkomst"]).to_contain_text(f"monitorrun {job.monitor_run.pk}")
    expect(page.get_by_text("Er is een taak wachtend of bezig.")).to_have_count(0)
    assert len(_progress_lines(page, job)) > shown_during  # the monitor step's lines followed
    _both_widths(page, "pijplijn")
    assert serious_violations(page) == []


def _dashboard_shows_the_run(page: Page, job: PipelineJob, uploaded: set[int]) -> None:
    """From the job's monitor run to the dashboard: the run used the new linked batch, which
    holds rows of the uploaded files, and the dashboard shows that run's figures."""
    run, batch = job.monitor_run, job.fact_batch
    assert run is not None
    assert batch is not None
    assert batch.kind == r.FactBatch.Kind.LINKED
    assert batch.pk in run.fact_batches
    from_upload = r.Signal.objects.filter(batch=batch, delivery__in=uploaded)
    assert from_upload.filter(creditor__code=STEWARD_PARTNER).exists()
    table = page.get_by_role("table", name=JOBS_TABLE)
    table.get_by_role("link", name=f"monitorrun {run.pk}").click()
    expect(page.locator("h1")).to_have_text("Monitor: alle doelen in één oogopslag")
    figure = _a_signal_figure(run.pk)
    with translation.override("nl"):
        finished = date_format(timezone.localtime(run.finished_at), "j F Y H:i")
        shown = floatformat(figure.value, "-1g")
    expect(page.get_by_text(f"Berekend op {finished}.", exact=False)).to_be_visible()
    tile = page.locator(f'li.monitor-tile[data-indicator="{figure.indicator_code}"]')
    if tile.count():  # a goal's headline indicator is a tile (ADR 0032)
        expect(tile.locator(".monitor-tile__value strong")).to_contain_text(shown)
        expect(tile.locator(".monitor-tile__period")).to_contain_text(figure.period)
        return
    row = page.locator(f'tr[data-indicator="{figure.indicator_code}"]')  # a process indicator
    expect(row.locator("td").nth(0)).to_have_text(figure.period)
    expect(row.locator("td").nth(1)).to_have_text(shown)


def _a_signal_figure(run_id: int) -> IndicatorValue:
    """The region's value of the latest complete year (a running year is shown beside it, not
    judged: ADR 0018), as the dashboard shows it, of the first indicator counted from early
    signals (which the steward's arrears files deliver) that has one."""
    until = MonitorRun.objects.get(pk=run_id).data_until
    for code in ("D2", "P3", "P2-TIJDIG"):
        years = IndicatorValue.objects.filter(
            run_id=run_id,
            indicator_code=code,
            area_level="region",
            breakdown="",
            period__regex=r"^\d{4}$",
        ).order_by("-period")
        complete = [v for v in years if until is None or dt.date(int(v.period), 12, 31) <= until]
        latest = complete[0] if complete else None
        if latest is not None and not latest.suppressed and latest.value is not None:
            return latest
    raise AssertionError("no early-signal indicator has a value for the region")
