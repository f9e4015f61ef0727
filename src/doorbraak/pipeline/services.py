"""Put pipeline jobs on the queue, run them step by step, retry a failed one.

A job runs its steps in order (`steps.STEPS`); each step runs in one transaction together
with the job's record of what it produced, so a failure or a killed worker leaves the data as
it was before that step. A failed step gives the job a Dutch reason; the traceback goes to the
server's log only (the monitor zone holds no BSN or name, and no value is logged).
"""

import datetime as dt
import logging
import time
from collections.abc import Callable
from contextvars import ContextVar
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from doorbraak.core.errors import UserError
from doorbraak.intake.models import ImportBatch
from doorbraak.pipeline.models import PipelineJob
from doorbraak.pipeline.steps import STEPS, StepSpec, failure_reason

log = logging.getLogger("doorbraak.pipeline")
Progress = Callable[[str], None]
Status = PipelineJob.Status
PROGRESS_KEPT = 40
OUTPUTS = ["link_run", "fact_batch", "monitor_run", "progress"]
echo: ContextVar[Progress | None] = ContextVar("pipeline_echo", default=None)


def delivery_accepted(*, batch: ImportBatch, user: Any = None) -> PipelineJob | None:
    """Called by the intake (settings.INTAKE_ACCEPTED) after a delivery is accepted."""
    if batch.dry_run or batch.status != ImportBatch.Status.DONE:
        return None
    if PipelineJob.objects.filter(deliveries=batch).exists():
        return None  # the same file again: the intake returned the batch it already had
    return job_enqueue(delivery=batch, user=user)


def job_enqueue(
    *, delivery: ImportBatch | None = None, user: Any = None, as_of: dt.date | None = None
) -> PipelineJob:
    """A waiting job takes the delivery along; otherwise a new job goes on the queue.

    Job and queue entry are written in one transaction (the queue is in the same database),
    and a waiting job is taken only if it is still waiting when the delivery joins it.
    """
    with transaction.atomic():
        waiting = PipelineJob.objects.filter(status=Status.WAITING, as_of=as_of)
        job = waiting.order_by("id").first()
        if job is None or not waiting.filter(pk=job.pk).update(status=Status.WAITING):
            job = PipelineJob.objects.create(
                requested_by=user if getattr(user, "pk", None) else None, as_of=as_of
            )
            _queue(job)
        if delivery is not None:
            job.deliveries.add(delivery)
    return job


def job_retry(*, job_id: int) -> PipelineJob:
    with transaction.atomic():
        job = PipelineJob.objects.filter(pk=job_id, status=Status.FAILED).first()
        if job is None:
            raise UserError(
                "taak-niet-mislukt", _("Alleen een mislukte taak kan opnieuw worden geprobeerd.")
            )
        job.status, job.reason, job.step = Status.WAITING, "", ""
        job.finished_at = job.step_started_at = None
        _queue(job)
    return job


def job_requeue(job: PipelineJob, *, note: str) -> None:
    """Back on the queue after its worker died; the steps it had finished are reused."""
    with transaction.atomic():
        job.status, job.step, job.worker = Status.WAITING, "", ""
        job.progress = [*job.progress, note][-PROGRESS_KEPT:]
        _queue(job)


def _queue(job: PipelineJob) -> None:
    from doorbraak.pipeline.tasks import pipeline_job  # the task module imports this one

    job.task_id = str(pipeline_job.enqueue(job_id=job.pk).id)
    job.save()


def job_run(*, job_id: int, worker: str) -> str:
    """Run a waiting job's steps in order; returns the job's status."""
    started = PipelineJob.objects.filter(pk=job_id, status=Status.WAITING).update(
        status=Status.RUNNING, worker=worker[:64], started_at=timezone.now(), reason=""
    )
    job = PipelineJob.objects.get(pk=job_id)
    if not started:
        return str(job.status)  # already done or taken: a queue entry left over
    job.attempts += 1
    job.save(update_fields=["attempts"])
    for spec in STEPS:
        if not _step_run(job, spec):
            return str(job.status)
    job.status, job.step, job.finished_at = Status.DONE, "", timezone.now()
    job.save(update_fields=["status", "step", "finished_at"])
    return str(job.status)


def _step_run(job: PipelineJob, spec: StepSpec) -> bool:
    job.step, job.step_started_at = spec.code, timezone.now()
    job.save(update_fields=["step", "step_started_at"])
    say = _progress(job)
    try:
        with transaction.atomic():
            spec.run(job, say)
            _pause_for_tests(spec.code)
            job.save(update_fields=OUTPUTS)
    except UserError as error:
        _fail(job, error.message)
        return False
    except Exception:
        log.exception("pipeline job %s failed in step %s", job.pk, spec.code)
        _fail(job, failure_reason(spec))
        return False
    return True


def _fail(job: PipelineJob, reason: str) -> None:
    job.refresh_from_db(fields=OUTPUTS[:-1])  # what the failed step set was rolled back
    job.status, job.reason, job.finished_at = Status.FAILED, reason[:500], timezone.now()
    job.save(update_fields=["status", "reason", "finished_at", "progress"])


def _progress(job: PipelineJob) -> Progress:
    """Progress lines are kept on the job (they say counts, never a person) and logged, or
    shown to whoever drains the queue in this thread (the demo)."""

    def say(message: str) -> None:
        line = f"{timezone.localtime():%H:%M:%S} {message.strip()}"
        job.progress = [*job.progress, line][-PROGRESS_KEPT:]
        shown = echo.get()
        if shown is not None:
            shown(f"  {message.strip()}")
        else:
            log.info("pipeline job %s: %s", job.pk, message.strip())

    return say


def _pause_for_tests(step: str) -> None:
    """Test-only: settings.PIPELINE_TEST_PAUSE {step: seconds} waits inside the step's
    transaction, so a test can kill the worker there. Never set outside tests."""
    seconds = getattr(settings, "PIPELINE_TEST_PAUSE", {}).get(step)
    if seconds:
        log.info("pipeline: pausing %s s in step %s (test setting)", seconds, step)
        time.sleep(float(seconds))
