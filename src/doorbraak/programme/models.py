"""The plan as stored: every loaded version is a complete, read-only snapshot.

Only targets change after loading (by the programme team, in the admin); each change is kept
as a TargetChange row with who, when, before and after.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Programme(models.Model):
    code = models.SlugField(_("code"), unique=True)
    name = models.CharField(_("naam"), max_length=200)

    class Meta:
        verbose_name = _("programma")
        verbose_name_plural = _("programma's")

    def __str__(self) -> str:
        return self.name


class PlanVersion(models.Model):
    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField(_("versie"))
    fingerprint = models.CharField(_("vingerafdruk"), max_length=64)
    source_name = models.CharField(_("bronbestand"), max_length=255)
    source_text = models.TextField(_("inhoud bronbestand"))
    name = models.CharField(_("naam"), max_length=200)
    mission = models.TextField(_("missie"))
    ambition = models.TextField(_("ambitie"))
    poverty_definition = models.TextField(_("definitie armoede"))
    poverty_definition_source = models.CharField(_("bron definitie"), max_length=200)
    start_year = models.PositiveSmallIntegerField(_("startjaar"))
    horizon_year = models.PositiveSmallIntegerField(_("horizon"))
    loaded_at = models.DateTimeField(_("geladen op"), auto_now_add=True)
    loaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True
    )

    class Meta:
        ordering = ["programme", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "number"], name="plan_version_unique")
        ]
        verbose_name = _("planversie")
        verbose_name_plural = _("planversies")

    def __str__(self) -> str:
        return f"{self.programme} v{self.number}"


class Capital(models.Model):
    plan_version = models.ForeignKey(PlanVersion, on_delete=models.CASCADE, related_name="capitals")
    code = models.SlugField(_("code"))
    name = models.CharField(_("naam"), max_length=100)
    description = models.TextField(_("omschrijving"), blank=True)
    position = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["position"]
        verbose_name = _("kapitaalvorm")
        verbose_name_plural = _("kapitaalvormen")

    def __str__(self) -> str:
        return self.name


class Precondition(models.Model):
    plan_version = models.ForeignKey(
        PlanVersion, on_delete=models.CASCADE, related_name="preconditions"
    )
    code = models.SlugField(_("code"))
    name = models.CharField(_("naam"), max_length=100)
    description = models.TextField(_("omschrijving"), blank=True)
    position = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["position"]
        verbose_name = _("randvoorwaarde")
        verbose_name_plural = _("randvoorwaarden")

    def __str__(self) -> str:
        return self.name


class Phase(models.Model):
    plan_version = models.ForeignKey(PlanVersion, on_delete=models.CASCADE, related_name="phases")
    code = models.SlugField(_("code"))
    name = models.CharField(_("naam"), max_length=100)
    start = models.DateField(_("begin"))
    end = models.DateField(_("einde"), null=True, blank=True)
    description = models.TextField(_("omschrijving"), blank=True)
    position = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["position"]
        verbose_name = _("fase")
        verbose_name_plural = _("fasen")

    def __str__(self) -> str:
        return self.name


class ProgrammeLine(models.Model):
    plan_version = models.ForeignKey(PlanVersion, on_delete=models.CASCADE, related_name="lines")
    code = models.SlugField(_("code"))
    name = models.CharField(_("naam"), max_length=100)
    description = models.TextField(_("omschrijving"), blank=True)
    position = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["position"]
        verbose_name = _("programmalijn")
        verbose_name_plural = _("programmalijnen")

    def __str__(self) -> str:
        return self.name


class StrategicGoal(models.Model):
    programme_line = models.ForeignKey(
        ProgrammeLine, on_delete=models.CASCADE, related_name="strategic_goals"
    )
    code = models.CharField(_("code"), max_length=40)
    statement = models.TextField(_("doelstelling"))
    position = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["position"]
        verbose_name = _("strategische doelstelling")
        verbose_name_plural = _("strategische doelstellingen")

    def __str__(self) -> str:
        return self.statement


class OperationalGoal(models.Model):
    strategic_goal = models.ForeignKey(
        StrategicGoal, on_delete=models.CASCADE, related_name="operational_goals"
    )
    code = models.CharField(_("code"), max_length=40)
    statement = models.TextField(_("doelstelling"))
    capital = models.ForeignKey(Capital, on_delete=models.PROTECT, null=True, blank=True)
    position = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["position"]
        verbose_name = _("operationele doelstelling")
        verbose_name_plural = _("operationele doelstellingen")

    def __str__(self) -> str:
        return f"{self.code}: {self.statement}"


class IndicatorKind(models.TextChoices):
    PROCESS = "process", _("procesindicator")
    EFFECT = "effect", _("effectindicator")


class Direction(models.TextChoices):
    HIGHER = "higher", _("hoger is beter")
    LOWER = "lower", _("lager is beter")


class Indicator(models.Model):
    """An indicator's definition and metadata: never a stored number."""

    plan_version = models.ForeignKey(
        PlanVersion, on_delete=models.CASCADE, related_name="indicators"
    )
    operational_goal = models.ForeignKey(
        OperationalGoal, on_delete=models.CASCADE, null=True, blank=True, related_name="indicators"
    )
    code = models.CharField(_("code"), max_length=40)
    name = models.CharField(_("naam"), max_length=300)
    description = models.TextField(_("omschrijving"), blank=True)
    kind = models.CharField(_("soort"), max_length=10, choices=IndicatorKind.choices)
    measure = models.CharField(_("maat"), max_length=30)
    temporality = models.CharField(_("tijdsbasis"), max_length=30)
    unit = models.CharField(_("eenheid"), max_length=40)
    direction = models.CharField(_("richting"), max_length=10, choices=Direction.choices)
    source = models.CharField(_("bron"), max_length=40)
    breakdowns = models.JSONField(_("uitsplitsingen"), default=list)
    capital = models.ForeignKey(Capital, on_delete=models.PROTECT, null=True, blank=True)
    precondition = models.ForeignKey(Precondition, on_delete=models.PROTECT, null=True, blank=True)
    position = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(fields=["plan_version", "code"], name="indicator_code_unique")
        ]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicatoren")

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class Target(models.Model):
    """Streefwaarde: for the whole region, or for one area (by CBS code) when area_code is set."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="targets")
    area_code = models.CharField(_("gebiedscode"), max_length=12, blank=True)
    value = models.DecimalField(
        _("streefwaarde"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Leeg laten zolang de streefwaarde nog niet is vastgesteld."),
    )
    horizon = models.PositiveSmallIntegerField(_("horizon (jaar)"))
    baseline = models.DecimalField(
        _("nulmeting"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    baseline_year = models.PositiveSmallIntegerField(_("jaar nulmeting"), null=True, blank=True)
    note = models.TextField(_("toelichting"), blank=True)

    class Meta:
        ordering = ["indicator__position", "area_code"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "area_code"], name="target_unique")
        ]
        verbose_name = _("streefwaarde")
        verbose_name_plural = _("streefwaarden")

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.area_code or 'regio'}"

    @property
    def is_set(self) -> bool:
        return self.value is not None


class Milestone(models.Model):
    target = models.ForeignKey(Target, on_delete=models.CASCADE, related_name="milestones")
    year = models.PositiveSmallIntegerField(_("jaar"))
    value = models.DecimalField(_("waarde"), max_digits=14, decimal_places=2)

    class Meta:
        ordering = ["year"]
        constraints = [models.UniqueConstraint(fields=["target", "year"], name="milestone_unique")]
        verbose_name = _("mijlpaal")
        verbose_name_plural = _("mijlpalen")

    def __str__(self) -> str:
        return f"{self.year}: {self.value}"


class TargetChange(models.Model):
    """Append-only history of target edits: who changed what, when, from what to what."""

    target = models.ForeignKey(Target, on_delete=models.PROTECT, related_name="changes")
    changed_at = models.DateTimeField(_("gewijzigd op"), auto_now_add=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        verbose_name=_("gewijzigd door"),
    )
    before = models.JSONField(_("voor"))
    after = models.JSONField(_("na"))

    class Meta:
        ordering = ["-changed_at", "-id"]
        verbose_name = _("wijziging streefwaarde")
        verbose_name_plural = _("wijzigingen streefwaarden")

    def __str__(self) -> str:
        return f"{self.target} {self.changed_at:%Y-%m-%d %H:%M}"
