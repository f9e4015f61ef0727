"""A frozen year, the interpretations written against it and the decisions it led to.

`ReflectionSnapshot` is append-only: a row is written once and then refused any change, in
three places (ADR 0038): its `save()` refuses an existing row and its queryset refuses
`update()` and `delete()`; on SQLite and PostgreSQL a trigger (migration 0001) refuses any
UPDATE of its table; and the report checks the stored sections against their hash before it
shows a figure. A correction is a new version of the year with its "changed since" list.
"""

from typing import Any, NoReturn

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from doorbraak.core.errors import UserError


class FrozenError(UserError):
    """A frozen snapshot was asked to change."""

    def __init__(self) -> None:
        super().__init__(
            "bevroren-ongewijzigd",
            str(
                _(
                    "Een bevroren jaar verandert niet. Maak een correctie: een nieuwe versie "
                    "van het jaar, met een lijst van wat er veranderde."
                )
            ),
        )


class FrozenQuerySet(models.QuerySet["ReflectionSnapshot"]):
    def update(self, **kwargs: Any) -> NoReturn:
        raise FrozenError

    def delete(self) -> NoReturn:
        raise FrozenError


class ReflectionSnapshot(models.Model):
    year = models.PositiveSmallIntegerField(_("jaar"))
    version = models.PositiveSmallIntegerField(_("versie"))
    frozen_at = models.DateTimeField(_("bevroren op"), default=timezone.now)
    frozen_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    monitor_run = models.ForeignKey(
        "monitor.MonitorRun", on_delete=models.PROTECT, null=True, related_name="+"
    )
    plan_version = models.ForeignKey(
        "programme.PlanVersion", on_delete=models.PROTECT, related_name="+"
    )
    previous = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    software_version = models.CharField(_("softwareversie"), max_length=40)
    lock_sha256 = models.CharField(_("sha256 van het lockbestand"), max_length=64, blank=True)
    sections = models.JSONField(_("bevroren onderdelen"))
    section_hashes = models.JSONField(_("vingerafdrukken per onderdeel"))
    content_sha256 = models.CharField(_("vingerafdruk van de inhoud"), max_length=64)
    changed_since = models.JSONField(_("gewijzigd sinds de vorige versie"), default=list)

    objects = FrozenQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["year", "version"], name="snapshot_year_version")
        ]
        verbose_name = _("bevroren jaar")
        verbose_name_plural = _("bevroren jaren")

    def __str__(self) -> str:
        return f"{self.year} v{self.version}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:  # a guard, not logic: written once (ADR 0038)
            raise FrozenError
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise FrozenError


class Interpretation(models.Model):
    """A reading of the year's figures: by a partner, the programme team, or residents' input
    from the reflection meeting; the programme team decides whether it goes into the report."""

    class Kind(models.TextChoices):
        PARTNER = "partner", _("partner")
        PROGRAMME = "programmateam", _("programmateam")
        RESIDENTS = "bewoners", _("inbreng van bewoners")

    year = models.PositiveSmallIntegerField(_("jaar"))
    snapshot = models.ForeignKey(ReflectionSnapshot, on_delete=models.PROTECT, related_name="+")
    subject = models.CharField(_("over"), max_length=40, blank=True)  # goal or indicator code
    kind = models.CharField(_("soort"), max_length=20, choices=Kind.choices)
    organisation = models.CharField(_("organisatie"), max_length=200, blank=True)
    text = models.TextField(_("duiding"))
    written_at = models.DateTimeField(_("geschreven op"), default=timezone.now)
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    included = models.BooleanField(_("in het rapport"), null=True)  # None: not decided yet
    decided_at = models.DateTimeField(_("besloten op"), null=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )

    class Meta:
        ordering = ["year", "subject", "written_at", "id"]
        verbose_name = _("duiding")
        verbose_name_plural = _("duidingen")

    def __str__(self) -> str:
        return f"{self.year} {self.subject or '-'} {self.get_kind_display()}"


class Decision(models.Model):
    """What the reflection decided; a target or goal decision goes into the next plan version."""

    class Kind(models.TextChoices):
        TARGET = "streefwaarde", _("streefwaarde vastgesteld of gewijzigd")
        GOAL = "doel", _("operationele doelstelling aangepast")
        EXPERIMENT = "experiment", _("experiment gestopt")
        OTHER = "overig", _("ander besluit")

    year = models.PositiveSmallIntegerField(_("jaar"))
    snapshot = models.ForeignKey(ReflectionSnapshot, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("soort"), max_length=20, choices=Kind.choices)
    subject = models.CharField(_("over"), max_length=40, blank=True)
    value = models.DecimalField(
        _("nieuwe streefwaarde"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    statement = models.TextField(_("nieuwe tekst"), blank=True)
    reason = models.TextField(_("toelichting"))
    recorded_at = models.DateTimeField(_("vastgelegd op"), default=timezone.now)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    plan_version = models.ForeignKey(
        "programme.PlanVersion",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("verwerkt in planversie"),
    )

    class Meta:
        ordering = ["year", "recorded_at", "id"]
        verbose_name = _("besluit")
        verbose_name_plural = _("besluiten")

    def __str__(self) -> str:
        return f"{self.year} {self.get_kind_display()} {self.subject}"
