"""Intake tables: declared mappings, deliveries (batches), a result per row, and the accepted,
pseudonymised rows staged for linkage. No table here holds a raw BSN, name, birth date or
street: files that still carry such columns are refused whole before anything is stored.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from doorbraak.partners.models import Partner
from doorbraak.register.models import FactBatch


class SourceMapping(models.Model):
    """How one partner's dataset is read; a changed declaration is a new version."""

    partner = models.ForeignKey(Partner, on_delete=models.PROTECT, related_name="+")
    dataset = models.CharField(_("gegevensset"), max_length=80)
    version = models.PositiveIntegerField(_("versie"))
    digest = models.CharField(_("vingerafdruk"), max_length=64)
    spec = models.JSONField(_("declaratie"))
    loaded_at = models.DateTimeField(_("geladen op"), auto_now_add=True)

    class Meta:
        ordering = ["partner", "dataset", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["partner", "dataset", "version"], name="intake_mapping_version"
            )
        ]
        verbose_name = _("bronmapping")
        verbose_name_plural = _("bronmappings")

    def __str__(self) -> str:
        return f"{self.partner.code}/{self.dataset} v{self.version}"

    @property
    def label(self) -> str:
        return f"{self.dataset}-v{self.version}"


class ImportBatch(models.Model):
    """One delivered file. `read == accepted + warned + rejected`; `accepted` counts the rows
    stored without remark: new, updated (`updated`) or already present unchanged
    (`duplicates`); `warned` the rows stored with a warning (repaired or doubtful)."""

    class Status(models.TextChoices):
        RECEIVED = "ontvangen", _("ontvangen")
        RUNNING = "bezig", _("bezig")
        DONE = "verwerkt", _("verwerkt")
        FAILED = "mislukt", _("mislukt")

    partner = models.ForeignKey(Partner, on_delete=models.PROTECT, related_name="+")
    mapping = models.ForeignKey(SourceMapping, on_delete=models.PROTECT, null=True)
    dataset = models.CharField(_("gegevensset"), max_length=80, blank=True)
    file_name = models.CharField(_("bestandsnaam"), max_length=255)
    file_sha256 = models.CharField(_("sha256 van het bestand"), max_length=64)
    # the delivered file is kept gzip-compressed for the file back, in `BatchFilePart`s: a
    # million-row file packs to some 400 MB, more than one row should hold
    content_size = models.PositiveBigIntegerField(_("bewaarde bestandsgrootte"), default=0)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    dry_run = models.BooleanField(_("proefaanlevering"), default=False)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.RECEIVED
    )
    message = models.CharField(_("melding"), max_length=500, blank=True)
    read = models.PositiveIntegerField(_("gelezen"), default=0)
    accepted = models.PositiveIntegerField(_("geaccepteerd"), default=0)
    warned = models.PositiveIntegerField(_("geaccepteerd met waarschuwing"), default=0)
    rejected = models.PositiveIntegerField(_("afgewezen"), default=0)
    duplicates = models.PositiveIntegerField(_("ongewijzigd"), default=0)
    updated = models.PositiveIntegerField(_("bijgewerkt"), default=0)
    started_at = models.DateTimeField(_("ontvangen op"), auto_now_add=True)
    finished_at = models.DateTimeField(_("afgerond op"), null=True)
    fact_batch = models.ForeignKey(FactBatch, on_delete=models.PROTECT, null=True, related_name="+")

    class Meta:
        ordering = ["-started_at", "-id"]
        indexes = [models.Index(fields=["partner", "file_sha256"])]
        verbose_name = _("aanlevering")
        verbose_name_plural = _("aanleveringen")

    def __str__(self) -> str:
        return f"{self.partner.code} {self.file_name} ({self.get_status_display()})"


class BatchFilePart(models.Model):
    """One piece of a delivered file as kept for the file back: the gzip-compressed file, cut
    in pieces of at most a MiB, in order of `part`. Written and read a piece at a time, so
    that neither the database nor the import ever holds the whole file in one value."""

    # no index of its own: the unique (batch, part) serves lookups by batch; no database
    # constraint (ADR 0015): Django's CASCADE removes the parts with their batch
    batch = models.ForeignKey(
        ImportBatch, on_delete=models.CASCADE, related_name="+", db_index=False, db_constraint=False
    )
    part = models.PositiveIntegerField(_("deel"))
    data = models.BinaryField(_("inhoud"))

    class Meta:
        ordering = ["batch", "part"]
        constraints = [
            models.UniqueConstraint(fields=["batch", "part"], name="intake_file_part_once")
        ]
        verbose_name = _("bestandsdeel")
        verbose_name_plural = _("bestandsdelen")

    def __str__(self) -> str:
        return f"{self.batch_id}:{self.part}"


class RowResult(models.Model):
    class Result(models.TextChoices):
        ACCEPTED = "geaccepteerd", _("geaccepteerd")
        WARNED = "gewaarschuwd", _("geaccepteerd met waarschuwing")
        REJECTED = "afgewezen", _("afgewezen")
        UNCHANGED = "ongewijzigd", _("ongewijzigd")
        UPDATED = "bijgewerkt", _("bijgewerkt")

    # no index of its own: the unique (batch, row_number) serves lookups by batch; no
    # database constraint (ADR 0015): a million rows meant a million checks at COMMIT
    batch = models.ForeignKey(
        ImportBatch,
        on_delete=models.CASCADE,
        related_name="rows",
        db_index=False,
        db_constraint=False,
    )
    row_number = models.PositiveIntegerField(_("regel"))
    record_key = models.CharField(_("sleutel"), max_length=200, blank=True)
    result = models.CharField(_("resultaat"), max_length=12, choices=Result.choices)
    error_code = models.CharField(_("foutcode"), max_length=40, blank=True)
    column = models.CharField(_("kolom"), max_length=120, blank=True)
    message = models.CharField(_("opmerking"), max_length=500, blank=True)

    class Meta:
        ordering = ["batch", "row_number"]
        constraints = [
            models.UniqueConstraint(fields=["batch", "row_number"], name="intake_row_once")
        ]
        verbose_name = _("regelresultaat")
        verbose_name_plural = _("regelresultaten")

    def __str__(self) -> str:
        return f"{self.batch_id}:{self.row_number} {self.result}"


class SourceRecord(models.Model):
    """The latest accepted version of one record (by the mapping's keys), pseudonymised."""

    # no index of its own: the unique (partner, dataset, record_key) serves lookups by partner;
    # neither reference is a database constraint (ADR 0015): only the intake writes records,
    # and Django's PROTECT still refuses to delete a partner or batch that has them
    partner = models.ForeignKey(
        Partner, on_delete=models.PROTECT, related_name="+", db_index=False, db_constraint=False
    )
    dataset = models.CharField(_("gegevensset"), max_length=80)
    record_key = models.CharField(_("sleutel"), max_length=200)
    batch = models.ForeignKey(
        ImportBatch, on_delete=models.PROTECT, related_name="+", db_constraint=False
    )
    row_number = models.PositiveIntegerField(_("regel"))
    payload = models.JSONField(_("gegevens"))
    digest = models.CharField(_("vingerafdruk"), max_length=64)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["partner", "dataset", "record_key"], name="intake_record_once"
            )
        ]
        verbose_name = _("bronrecord")
        verbose_name_plural = _("bronrecords")

    def __str__(self) -> str:
        return f"{self.partner_id}/{self.dataset}/{self.record_key}"
