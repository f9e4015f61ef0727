"""Partner organisations and users. Users belong to a partner and have one role."""

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class Sector(models.TextChoices):
    """Every kind of partner the plan names (gemeenten, kennisinstellingen, wonen, welzijn,
    zorg) and those that deliver early signals or work with the same households."""

    GEMEENTE = "gemeente", _("Gemeente")
    WONEN = "wonen", _("Wonen (woningcorporatie)")
    ENERGIE = "energie", _("Energieleverancier")
    WATER = "water", _("Drinkwaterbedrijf")
    ZORGVERZEKERAAR = "zorgverzekeraar", _("Zorgverzekeraar")
    WELZIJN = "welzijn", _("Welzijn")
    WIJKTEAM = "wijkteam", _("Wijkteam of sociaal team")
    ZORG = "zorg", _("Zorg")
    ONDERWIJS = "onderwijs", _("Onderwijs en leerplicht")
    WERK = "werk", _("Werk en inkomen")
    KENNIS = "kennis", _("Kennisinstelling")
    OVERIG = "overig", _("Overig")


class Partner(models.Model):
    code = models.SlugField(_("code"), max_length=80, unique=True)
    name = models.CharField(_("naam"), max_length=200)
    sector = models.CharField(_("sector"), max_length=20, choices=Sector.choices)
    gemeente_code = models.CharField(_("gemeentecode (CBS)"), max_length=6, blank=True)
    signal_source = models.CharField(_("levert vroegsignalen over"), max_length=30, blank=True)
    is_fictitious = models.BooleanField(
        _("fictief (demo)"),
        default=False,
        help_text=_("Demopartners zijn verzonnen en worden zo getoond."),
    )

    class Meta:
        ordering = ["sector", "name"]
        verbose_name = _("partner")
        verbose_name_plural = _("partners")

    def __str__(self) -> str:
        return self.name


class Role(models.TextChoices):
    """The roles of DESIGN.md §2. Each user has exactly one."""

    PROGRAMME_TEAM = "programmateam", _("Programmaleider / programmateam")
    BOARD = "bestuur", _("Dagelijks Bestuur")
    DATA_STEWARD = "gegevensbeheerder", _("Gegevensbeheerder van een partner")
    PROFESSIONAL = "professional", _("Professional (vaste contactpersoon)")
    OUTREACH = "vroegsignalering", _("Vroegsignaleerder van de gemeente")
    HOUSEHOLD = "huishouden", _("Huishouden / inwoner")
    RESEARCHER = "onderzoeker", _("Onderzoeker")
    ADMINISTRATOR = "beheerder", _("Functioneel beheerder")


class User(AbstractUser):
    partner = models.ForeignKey(
        Partner,
        verbose_name=_("partner"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
    )
    role = models.CharField(_("rol"), max_length=30, choices=Role.choices, blank=True)
    worker_ref = models.CharField(
        _("medewerkerskenmerk"),
        max_length=64,
        blank=True,
        help_text=_(
            "Het (gepseudonimiseerde) kenmerk waarmee de partner deze professional "
            "als vaste contactpersoon aanlevert."
        ),
    )
    household_ref = models.CharField(
        _("huishoudenkenmerk"),
        max_length=64,
        blank=True,
        help_text=_("Voor inwoners: het pseudoniem van het eigen huishouden."),
    )

    class Meta:
        verbose_name = _("gebruiker")
        verbose_name_plural = _("gebruikers")


class KeyGeneration(models.Model):
    """A generation of the partners' shared pseudonymisation key, known on the platform only
    by its key id (ADR 0010): the key itself never reaches the platform. The newest one not
    superseded is current; a superseded one is still accepted until it is withdrawn."""

    key_id = models.CharField(_("sleutel-id"), max_length=16, unique=True)
    registered_at = models.DateTimeField(_("vastgelegd op"), auto_now_add=True)
    superseded_at = models.DateTimeField(_("opgevolgd op"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("ingetrokken op"), null=True, blank=True)

    class Meta:
        ordering = ["-registered_at", "-id"]
        verbose_name = _("sleutelgeneratie")
        verbose_name_plural = _("sleutelgeneraties")

    def __str__(self) -> str:
        return self.key_id

    @property
    def state(self) -> str:
        if self.withdrawn_at is not None:
            return str(_("ingetrokken"))
        if self.superseded_at is not None:
            return str(_("vorige (nog aanvaard)"))
        return str(_("huidige"))
