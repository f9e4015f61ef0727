"""An accepted delivery runs the pipeline by itself: link, register, monitor, as one job on
the queue; a failed step shows a Dutch reason and can be retried; only the programme team
sees the page."""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from doorbraak.core.audit import AuditEvent
from doorbraak.core.errors import UserError
from doorbraak.intake.models import ImportBatch
from doorbraak.monitor.models import MonitorRun
from doorbraak.partners.models import Role
from doorbraak.pipeline import steps
from doorbraak.pipeline.models import PipelineJob
from doorbraak.pipeline.services import job_enqueue
from doorbraak.pipeline.worker import queue_drain
from doorbraak.register import models as r
from tests.conftest import UserOf
from tests.pipeline.conftest import STEWARD_PARTNER, client_for

pytestmark = pytest.mark.django_db
Status = PipelineJob.Status


def _upload(user_of: UserOf, exports: list, *, dry_run: bool = False) -> None:
    steward = client_for(user_of, Role.DATA_STEWARD)
    for code, path in exports:
        if code == STEWARD_PARTNER:
            upload = SimpleUploadedFile(path.name, path.read_bytes())
            data = {"file": upload, **({"dry_run": "on"} if dry_run else {})}
            response = steward.post(reverse("intake:list"), data, follow=True)
            assert response.status_code == 200


def test_an_uploaded_delivery_reaches_the_monitor(
    others_delivered: None, exports: list, reference: Path, user_of: UserOf
) -> None:
    runs_before = set(MonitorRun.objects.values_list("pk", flat=True))
    _upload(user_of, exports)
    job = PipelineJob.objects.get()  # every upload joined the one waiting job
    assert job.status == Status.WAITING
    uploaded = ImportBatch.objects.filter(partner__code=STEWARD_PARTNER, dry_run=False)
    assert set(job.deliveries.all()) == set(uploaded) != set()

    assert queue_drain() == 1
    job.refresh_from_db()
    assert job.status == Status.DONE, job.reason
    assert job.monitor_run is not None
    assert job.monitor_run.pk not in runs_before
    assert job.fact_batch is not None
    assert job.fact_batch.pk in job.monitor_run.fact_batches
    assert job.monitor_run.value_count > 0
    assert r.Signal.objects.filter(batch=job.fact_batch, creditor__code=STEWARD_PARTNER).exists()
    page = client_for(user_of, Role.PROGRAMME_TEAM).get(reverse("pipeline:jobs"))
    assert "klaar" in page.content.decode()

    again = job_enqueue()  # the same inputs again: every step reuses what is stored
    queue_drain()
    again.refresh_from_db()
    assert again.status == Status.DONE
    assert (again.link_run, again.fact_batch, again.monitor_run) == (
        job.link_run,
        job.fact_batch,
        job.monitor_run,
    )


def test_a_dry_run_starts_nothing(exports: list, user_of: UserOf) -> None:
    _upload(user_of, exports, dry_run=True)
    assert not PipelineJob.objects.exists()


def test_a_failed_step_shows_a_dutch_reason_and_the_retry_completes(
    others_delivered: None,
    reference: Path,
    user_of: UserOf,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    real_monitor_run = steps.monitor_run

    def broken(**kwargs: object) -> object:
        r.FactBatch.objects.create(kind=r.FactBatch.Kind.LINKED, label="half")  # rolled back
        raise RuntimeError("kapot 123456789")

    monkeypatch.setattr(steps, "monitor_run", broken)
    job = job_enqueue()
    queue_drain()
    job.refresh_from_db()
    assert job.status == Status.FAILED
    assert job.step == PipelineJob.Step.MONITOR
    assert job.reason.startswith("Het berekenen van de monitor is door een interne fout mislukt.")
    assert "RuntimeError" not in job.reason
    assert "123456789" not in job.reason
    assert "Traceback" in caplog.text or "kapot" in caplog.text  # the server's log has it
    assert not r.FactBatch.objects.filter(label="half").exists()  # the failed step left nothing
    assert job.link_run is not None
    assert job.fact_batch is not None

    team = client_for(user_of, Role.PROGRAMME_TEAM)
    page = team.get(reverse("pipeline:jobs")).content.decode()
    assert "Opnieuw proberen" in page
    assert "RuntimeError" not in page
    assert "Traceback" not in page
    monkeypatch.setattr(steps, "monitor_run", real_monitor_run)
    response = team.post(reverse("pipeline:retry", args=[job.pk]))
    assert response.status_code == 302
    assert AuditEvent.objects.filter(action="pipeline.retry", object_id=str(job.pk)).exists()
    queue_drain()
    job.refresh_from_db()
    assert (job.status, job.reason, job.attempts) == (Status.DONE, "", 2)
    assert job.monitor_run is not None


def test_a_user_error_is_shown_as_it_is(
    others_delivered: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise UserError("feiten-ongeldig", "3 feiten zijn niet vastgelegd; er is niets opgeslagen.")

    monkeypatch.setattr(steps, "register_from_linkage", refuse)
    job = job_enqueue()
    queue_drain()
    job.refresh_from_db()
    assert job.status == Status.FAILED
    assert job.step == PipelineJob.Step.REGISTER
    assert job.reason == "3 feiten zijn niet vastgelegd; er is niets opgeslagen."
    assert not r.FactBatch.objects.filter(kind=r.FactBatch.Kind.LINKED).exists()


@pytest.mark.parametrize(
    "role",
    [Role.BOARD, Role.DATA_STEWARD, Role.PROFESSIONAL, Role.HOUSEHOLD, Role.RESEARCHER,
     Role.ADMINISTRATOR],
)  # fmt: skip
def test_only_the_programme_team_sees_and_retries(user_of: UserOf, role: Role) -> None:
    job = PipelineJob.objects.create(status=Status.FAILED, reason="x")
    client = client_for(user_of, role)
    assert client.get(reverse("pipeline:jobs")).status_code == 403
    assert client.post(reverse("pipeline:retry", args=[job.pk])).status_code == 403
    job.refresh_from_db()
    assert job.status == Status.FAILED


def test_anonymous_goes_to_login(demo_world: None) -> None:
    assert Client().get(reverse("pipeline:jobs")).status_code == 302


def test_a_running_job_of_a_dead_worker_goes_back_on_the_queue(demo_world: None) -> None:
    import socket

    job = job_enqueue()
    PipelineJob.objects.filter(pk=job.pk).update(
        status=Status.RUNNING, worker=f"{socket.gethostname()[:40]}:999999999:x"
    )
    from doorbraak.pipeline.worker import jobs_recover

    assert jobs_recover() == 1
    job.refresh_from_db()
    assert job.status == Status.WAITING
    assert job.worker == ""
