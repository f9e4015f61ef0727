"""The queue's task: one pipeline job. django-tasks stores it in the database (ADR 0008)."""

from django_tasks import TaskContext, task

from doorbraak.pipeline.services import job_run

QUEUE = "pijplijn"


@task(queue_name=QUEUE, takes_context=True)
def pipeline_job(context: TaskContext, job_id: int) -> str:
    return job_run(job_id=job_id, worker=context.task_result.worker_ids[-1])
