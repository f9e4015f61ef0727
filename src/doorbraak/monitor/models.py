"""Monitor runs and the values they materialised: aggregates only, never a person or household.

A `MonitorRun` records what it was computed from (the plan version, the register's fact
batches, each definition's hash, the periods and area levels, the disclosure threshold) and
the last day its data cover (`data_until`, which says which periods are still running); its
`IndicatorValue`s are the cells of the tables per indicator, period, area and breakdown, as
they passed the disclosure gate: a suppressed cell keeps its coordinates and loses its numbers
(ADR 0007).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class MonitorRun(models.Model):
    class Status(models.TextChoices):
        RUNNING = "bezig", _("bezig")
        DONE = "klaar", _("klaar")
        FAILED = "mislukt", _("mislukt")

    started_at = models.DateTimeField(_("gestart op"))
    finished_at = models.DateTimeField(_("klaar op"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    plan_version = models.ForeignKey(
        "programme.PlanVersion",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("planversie"),
    )
    fact_batches = models.JSONField(_("gebruikte feitenbatches"), default=list)
    definition_hashes = models.JSONField(_("vingerafdrukken rekenregels"), default=dict)
    periods = models.JSONField(_("perioden"), default=list)
    levels = models.JSONField(_("gebiedsniveaus"), default=list)
    threshold = models.PositiveIntegerField(_("onthullingsdrempel"))
    fingerprint = models.CharField(_("vingerafdruk invoer"), max_length=64, db_index=True)
    seconds = models.FloatField(_("duur (seconden)"), null=True, blank=True)
    indicator_count = models.PositiveIntegerField(_("indicatoren"), default=0)
    value_count = models.PositiveIntegerField(_("waarden"), default=0)
    suppressed_count = models.PositiveIntegerField(_("onderdrukte cellen"), default=0)
    message = models.TextField(_("melding"), blank=True)
    engine = models.CharField(_("rekenmachine"), max_length=10, default="database")
    # The last day the register's data cover (its newest batch's as-of date): a period that
    # ends after it is running (ADR 0018). Empty for runs from before it was recorded.
    data_until = models.DateField(_("gegevens tot en met"), null=True, blank=True)

    class Meta:
        ordering = ["-started_at", "-id"]
        verbose_name = _("monitorrun")
        verbose_name_plural = _("monitorruns")

    def __str__(self) -> str:
        return f"{self.started_at:%Y-%m-%d %H:%M} {self.get_status_display()}"


class IndicatorValue(models.Model):
    """One cell: indicator × period × area × breakdown category ('' for the total)."""

    run = models.ForeignKey(MonitorRun, on_delete=models.CASCADE, related_name="values")
    indicator_code = models.CharField(_("indicator"), max_length=40)
    definition_hash = models.CharField(_("vingerafdruk rekenregel"), max_length=64)
    period = models.CharField(_("periode"), max_length=10)  # DHIS2: 2025, 2025Q3
    area_level = models.CharField(_("gebiedsniveau"), max_length=10)
    area_code = models.CharField(_("gebiedscode"), max_length=12)
    breakdown = models.CharField(_("uitsplitsing"), max_length=30, blank=True)
    breakdown_value = models.CharField(_("categorie"), max_length=100, blank=True)
    numerator = models.FloatField(_("teller"), null=True, blank=True)
    denominator = models.FloatField(_("noemer"), null=True, blank=True)
    value = models.FloatField(_("waarde"), null=True, blank=True)
    suppressed = models.BooleanField(_("onderdrukt"), default=False)

    class Meta:
        ordering = ["indicator_code", "period", "area_level", "area_code", "breakdown_value"]
        indexes = [
            models.Index(
                fields=["run", "indicator_code", "area_level", "period"],
                name="monitor_value_lookup",
            )
        ]
        verbose_name = _("indicatorwaarde")
        verbose_name_plural = _("indicatorwaarden")

    def __str__(self) -> str:
        return f"{self.indicator_code} {self.period} {self.area_code} {self.breakdown_value}"
