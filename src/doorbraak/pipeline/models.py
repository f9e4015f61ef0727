"""One pipeline job: the steps after one or more accepted deliveries, with their outcome."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from doorbraak.intake.models import ImportBatch
from doorbraak.linkage.models import LinkRun
from doorbraak.monitor.models import MonitorRun
from doorbraak.register.models import FactBatch


class PipelineJob(models.Model):
    """Deliveries accepted while a job still waits join it; a running job takes no more.

    `worker` is the queue worker that runs (or ran) the job, as `host:pid:tag`, so a worker
    starting on the same host can tell that a job's worker died in the middle of it."""

    class Status(models.TextChoices):
        WAITING = "wachtend", _("wachtend")
        RUNNING = "bezig", _("bezig")
        DONE = "klaar", _("klaar")
        FAILED = "mislukt", _("mislukt")

    class Step(models.TextChoices):
        LINK = "koppelen", _("koppelen")
        REGISTER = "register", _("register bijwerken")
        MONITOR = "monitor", _("monitor berekenen")

    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.WAITING
    )
    step = models.CharField(_("stap"), max_length=10, choices=Step.choices, blank=True)
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    started_at = models.DateTimeField(_("gestart op"), null=True)
    step_started_at = models.DateTimeField(_("stap gestart op"), null=True)
    finished_at = models.DateTimeField(_("afgerond op"), null=True)
    attempts = models.PositiveIntegerField(_("pogingen"), default=0)
    reason = models.CharField(_("reden"), max_length=500, blank=True)
    worker = models.CharField(_("verwerker"), max_length=64, blank=True)
    task_id = models.CharField(_("taak in de wachtrij"), max_length=64, blank=True)
    progress = models.JSONField(_("voortgang"), default=list)
    as_of = models.DateField(_("peildatum"), null=True)
    deliveries = models.ManyToManyField(ImportBatch, related_name="+", blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    link_run = models.ForeignKey(LinkRun, on_delete=models.SET_NULL, null=True, related_name="+")
    fact_batch = models.ForeignKey(
        FactBatch, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    monitor_run = models.ForeignKey(
        MonitorRun, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status"])]
        verbose_name = _("pijplijntaak")
        verbose_name_plural = _("pijplijntaken")

    def __str__(self) -> str:
        return f"{self.pk} ({self.get_status_display()})"
