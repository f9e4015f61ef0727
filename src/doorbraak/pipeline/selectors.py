"""What the pipeline page shows."""

from django.db.models import Count, QuerySet

from doorbraak.pipeline.models import PipelineJob

SHOWN = 50


def jobs_recent() -> QuerySet[PipelineJob]:
    return (
        PipelineJob.objects.annotate(delivery_count=Count("deliveries"))
        .select_related("link_run", "monitor_run", "fact_batch")
        .order_by("-created_at", "-id")[:SHOWN]
    )
