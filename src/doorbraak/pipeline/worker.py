"""The worker: django-tasks' own database worker on the pipeline's queue, with a worker id
that names this host and process, so that a job whose worker died is put back on the queue
when a worker starts again on the same host. `queue_drain` runs the queue until it is empty
in this process (the demo, tests), through the same worker code."""

import os
import secrets
import socket
import subprocess
import sys
from collections.abc import Callable

from django.core.management import call_command
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import DEFAULT_TASK_BACKEND_ALIAS, TaskResultStatus
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult
from django_tasks_db.utils import exclusive_transaction

from doorbraak.pipeline.models import PipelineJob
from doorbraak.pipeline.services import echo, job_requeue
from doorbraak.pipeline.tasks import QUEUE

Progress = Callable[[str], None]


def worker_id() -> str:
    """`host:pid:tag`, at most 64 characters (the queue's limit)."""
    return f"{socket.gethostname()[:40]}:{os.getpid()}:{secrets.token_hex(4)}"


def jobs_recover() -> int:
    """Jobs left running by a dead worker on this host go back on the queue."""
    host = socket.gethostname()[:40]
    recovered = 0
    for job in PipelineJob.objects.filter(status=PipelineJob.Status.RUNNING):
        name, _sep, rest = job.worker.partition(":")
        pid = rest.partition(":")[0]
        if name != host or not pid.isdigit() or _alive(int(pid)):
            continue
        DBTaskResult.objects.filter(id=job.task_id, status=TaskResultStatus.RUNNING).update(
            status=TaskResultStatus.FAILED, finished_at=timezone.now()
        )
        job_requeue(job, note=_("De verwerker stopte midden in deze taak; opnieuw in de wachtrij."))
        recovered += 1
    return recovered


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def worker_serve(*, once: bool = False, interval: float = 1.0) -> None:
    """`doorbraak pipeline worker`: recover, then django-tasks' `db_worker` on our queue."""
    jobs_recover()
    call_command(
        "db_worker",
        queue_name=QUEUE,
        worker_id=worker_id(),
        batch=once,
        interval=interval,
        reload=False,
        startup_delay=False,
    )


def queue_drain(*, progress: Progress | None = None) -> int:
    """Run the pipeline's queue in this thread until it is empty; returns the tasks run."""
    jobs_recover()
    me = worker_id()
    worker = Worker(
        queue_names=[QUEUE],
        interval=0,
        batch=True,
        backend_name=DEFAULT_TASK_BACKEND_ALIAS,
        startup_delay=False,
        max_tasks=None,
        worker_id=me,
        excluded_queue_names=[],
    )
    token = echo.set(progress)
    ran = 0
    try:
        while (claimed := _claim(me)) is not None:
            worker.run_task(claimed)
            ran += 1
    finally:
        echo.reset(token)
    return ran


def _claim(me: str) -> DBTaskResult | None:
    tasks = DBTaskResult.objects.ready().filter(
        backend_name=DEFAULT_TASK_BACKEND_ALIAS, queue_name=QUEUE
    )
    with exclusive_transaction(tasks.db):
        found = tasks.get_locked()
        if found is not None:
            found.claim(me)
    return found


def worker_process_start() -> subprocess.Popen[bytes]:
    """`doorbraak pipeline worker` as a process beside the demo's web server, so a file
    uploaded through the web page reaches the monitor with no command typed."""
    return subprocess.Popen([sys.executable, "-m", "doorbraak.cli", "pipeline", "worker"])


def worker_process_stop(process: subprocess.Popen[bytes]) -> None:
    """SIGTERM: the worker finishes the job it is running, then stops."""
    process.terminate()
    try:
        process.wait(timeout=600)
    except subprocess.TimeoutExpired:
        process.kill()
