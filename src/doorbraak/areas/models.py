"""Areas with their CBS code and vintage. History is never keyed on a code alone."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from doorbraak.core.area_levels import AreaLevel as Level


class AreaLevel(models.TextChoices):
    """`core.area_levels.AreaLevel` as model choices: its stored values and Dutch labels."""

    REGION = Level.REGION.stored, _(Level.REGION.label)
    GEMEENTE = Level.GEMEENTE.stored, _(Level.GEMEENTE.label)
    WIJK = Level.WIJK.stored, _(Level.WIJK.label)
    BUURT = Level.BUURT.stored, _(Level.BUURT.label)


class Area(models.Model):
    code = models.CharField(_("code"), max_length=12)
    name = models.CharField(_("naam"), max_length=200)
    level = models.CharField(_("niveau"), max_length=10, choices=AreaLevel.choices)
    vintage = models.PositiveSmallIntegerField(_("jaargang CBS-indeling"))
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children"
    )

    class Meta:
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(fields=["code", "vintage"], name="area_code_vintage_unique")
        ]
        verbose_name = _("gebied")
        verbose_name_plural = _("gebieden")

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"


class AreaGroupKind(models.TextChoices):
    DORP = "dorp", _("Dorp")
    FOCUS = "focusgebied", _("Focusgebied")
    EXPERIMENT = "experimentgebied", _("Experimentgebied")


class AreaGroup(models.Model):
    """A named set of buurten that is not a CBS level: a dorp, a focus or experiment area."""

    code = models.SlugField(_("code"), max_length=120, unique=True)
    name = models.CharField(_("naam"), max_length=200)
    kind = models.CharField(_("soort"), max_length=20, choices=AreaGroupKind.choices)
    gemeente = models.ForeignKey(
        Area, on_delete=models.PROTECT, related_name="groups_in", null=True, blank=True
    )
    members = models.ManyToManyField(Area, related_name="groups", verbose_name=_("buurten"))

    class Meta:
        ordering = ["kind", "name"]
        verbose_name = _("gebiedsgroep")
        verbose_name_plural = _("gebiedsgroepen")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.name}"


class AreaStatistic(models.Model):
    """A figure CBS publishes for an area and year (issue 20): the reference beside the
    programme's own figures and the denominator where the plan asks for a population share.

    Loaded from StatLine downloads (`areas.statline`); a reload of the same table and year
    replaces its figures. `value` is empty when CBS keeps the figure secret."""

    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="statistics")
    year = models.PositiveSmallIntegerField(_("jaar"))
    measure = models.CharField(_("maat"), max_length=60)
    value = models.DecimalField(_("waarde"), max_digits=14, decimal_places=3, null=True)
    secret = models.BooleanField(_("geheim bij CBS"), default=False)
    source_table = models.CharField(_("CBS-tabel"), max_length=20)
    file_digest = models.CharField(_("bestand (sha256)"), max_length=64)
    synthetic = models.BooleanField(_("synthetisch"), default=False)

    class Meta:
        ordering = ["area__code", "year", "measure"]
        constraints = [
            models.UniqueConstraint(
                fields=["area", "year", "measure", "source_table"], name="area_statistic_unique"
            )
        ]
        verbose_name = _("CBS-cijfer")
        verbose_name_plural = _("CBS-cijfers")

    def __str__(self) -> str:
        return f"{self.measure} {self.area.code} {self.year}"
