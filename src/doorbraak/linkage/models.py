"""Linkage runs, the persons and households they found, the review list, the decisions."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from doorbraak.intake.models import SourceRecord


class LinkRun(models.Model):
    """One run of the linkage over all source records; the newest finished run counts."""

    class Status(models.TextChoices):
        RUNNING = "running", _("bezig")
        DONE = "done", _("klaar")
        FAILED = "failed", _("mislukt")

    started_at = models.DateTimeField(_("gestart"), auto_now_add=True)
    finished_at = models.DateTimeField(_("klaar"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    records = models.PositiveIntegerField(_("records"), default=0)
    identities = models.PositiveIntegerField(_("identiteiten"), default=0)
    persons = models.PositiveIntegerField(_("personen"), default=0)
    households = models.PositiveIntegerField(_("huishoudens"), default=0)
    matches = models.PositiveIntegerField(_("koppelingen"), default=0)
    review_size = models.PositiveIntegerField(_("te beoordelen"), default=0)
    decisions_used = models.PositiveIntegerField(_("besluiten gebruikt"), default=0)
    seconds = models.FloatField(_("duur (s)"), default=0.0)
    report = models.JSONField(_("verslag"), default=dict)  # partner pairs, parameters

    class Meta:
        verbose_name = _("koppelrun")
        verbose_name_plural = _("koppelruns")

    def __str__(self) -> str:
        return f"koppelrun {self.pk}"


class RecordLink(models.Model):
    """Which person and household a source record belongs to, in one run."""

    run = models.ForeignKey(LinkRun, on_delete=models.CASCADE, related_name="links")
    record = models.ForeignKey(SourceRecord, on_delete=models.CASCADE, related_name="+")
    person_key = models.CharField(_("persoon"), max_length=20, db_index=True)
    household_key = models.CharField(_("huishouden"), max_length=20, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["run", "record"], name="linkage_record_once_per_run")
        ]

    def __str__(self) -> str:
        return f"{self.record_id} -> {self.person_key}"


class ReviewPair(models.Model):
    """A pair the model was unsure of: per-field agreement and context, never identities."""

    run = models.ForeignKey(LinkRun, on_delete=models.CASCADE, related_name="review")
    left = models.ForeignKey(SourceRecord, on_delete=models.CASCADE, related_name="+")
    right = models.ForeignKey(SourceRecord, on_delete=models.CASCADE, related_name="+")
    probability = models.FloatField(_("kans"))
    agreement = models.JSONField(_("overeenkomst per veld"))
    context = models.JSONField(_("context"))  # birth year, postcode area, partner per side

    class Meta:
        ordering = ["-probability", "pk"]

    def __str__(self) -> str:
        return f"{self.left_id} ~ {self.right_id} ({self.probability:.2f})"


class ReviewDecision(models.Model):
    """A reviewer's decision on a pair: kept as a fact (the newest for a pair counts)."""

    left = models.ForeignKey(SourceRecord, on_delete=models.PROTECT, related_name="+")
    right = models.ForeignKey(SourceRecord, on_delete=models.PROTECT, related_name="+")
    same = models.BooleanField(_("dezelfde persoon"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(_("besloten"), auto_now_add=True)

    class Meta:
        ordering = ["decided_at", "pk"]
        verbose_name = _("besluit over een paar")
        verbose_name_plural = _("besluiten over paren")

    def __str__(self) -> str:
        return f"{self.left_id} {'=' if self.same else '≠'} {self.right_id}"
