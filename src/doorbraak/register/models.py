"""Register tables, in the shape `register.schema` declares (a test compares them).

Facts are append-only: a correction or a newer link run supersedes a row (its
`superseded_at` is set), never deletes it; the `<table>_current` views hold the rows not
superseded, which is what the monitor reads. Every fact carries its provenance: the batch it
came in, the delivery and the row number in the partner's original file and the mapping
version, or the action that made it. Identifiers are pseudonyms (keyed hashes made at the
partner); no table here has a column for a name, a BSN, an address or free text about a person.
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from doorbraak.areas.models import Area
from doorbraak.partners.models import Partner


class FactBatch(models.Model):
    """One delivery of facts: a synthetic load, an import (intake) or casework."""

    class Kind(models.TextChoices):
        SYNTHETIC = "synthetisch", _("synthetische regio")
        IMPORT = "aanlevering", _("aanlevering van een partner")
        CASEWORK = "casework", _("vastgelegd in het werkproces")
        LINKED = "gekoppeld", _("gekoppelde aanleveringen")

    partner = models.ForeignKey(Partner, on_delete=models.PROTECT, null=True, blank=True)
    kind = models.CharField(_("soort"), max_length=20, choices=Kind.choices)
    label = models.CharField(_("omschrijving"), max_length=200)
    mapping_version = models.CharField(_("versie mapping"), max_length=40, blank=True)
    as_of = models.DateField(_("peildatum van de gegevens"), null=True)
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    superseded_at = models.DateTimeField(_("vervangen op"), null=True)
    digest = models.CharField(_("vingerafdruk van de inhoud"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("feitenbatch")
        verbose_name_plural = _("feitenbatches")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.label}"


class Fact(models.Model):
    """Provenance and recorded validity, the same on every fact table (`schema.PROVENANCE`)."""

    batch = models.ForeignKey(FactBatch, on_delete=models.PROTECT, related_name="+")
    source_partner = models.ForeignKey(
        Partner, on_delete=models.PROTECT, null=True, related_name="+"
    )
    source_row = models.PositiveIntegerField(_("regel in bronbestand"), null=True)
    delivery = models.PositiveIntegerField(_("aanlevering"), null=True)
    mapping_version = models.CharField(_("versie mapping"), max_length=60, blank=True)
    origin = models.CharField(_("herkomst"), max_length=120, blank=True)
    recorded_at = models.DateTimeField(_("vastgelegd op"), default=timezone.now)
    superseded_at = models.DateTimeField(_("vervangen op"), null=True)

    class Meta:
        abstract = True


class Person(models.Model):
    pseudonym = models.CharField(_("pseudoniem"), max_length=64, unique=True)
    birth_year = models.PositiveSmallIntegerField(_("geboortejaar"), null=True)
    birth_month = models.PositiveSmallIntegerField(_("geboortemaand"), null=True)
    sex = models.CharField(_("geslacht"), max_length=1, blank=True)  # M, V, X or unknown

    class Meta:
        verbose_name = _("persoon")
        verbose_name_plural = _("personen")

    def __str__(self) -> str:
        return self.pseudonym[:12]


class Household(models.Model):
    class Source(models.TextChoices):
        """Where the composition comes from (docs/adr/0019); empty: loaded from elsewhere."""

        BRP = "brp", _("BRP (samen ingeschreven)")
        KOPPELING = "koppeling", _("koppeling van aanleveringen")

    pseudonym = models.CharField(_("pseudoniem"), max_length=64, unique=True)
    source = models.CharField(_("bron"), max_length=10, choices=Source.choices, blank=True)

    class Meta:
        verbose_name = _("huishouden")
        verbose_name_plural = _("huishoudens")

    def __str__(self) -> str:
        return self.pseudonym[:12]


class Membership(Fact):
    """A person belongs to a household from valid_from until valid_to (exclusive)."""

    household = models.ForeignKey(Household, on_delete=models.PROTECT, related_name="memberships")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="memberships")
    role = models.CharField(_("rol"), max_length=20)  # hoofd, partner, kind, overig
    valid_from = models.DateField(_("vanaf"))
    valid_to = models.DateField(_("tot"), null=True)

    def __str__(self) -> str:
        return f"{self.person} in {self.household} vanaf {self.valid_from}"


class Residence(Fact):
    """Where a household lived: an address pseudonym and its buurt, over a period."""

    household = models.ForeignKey(Household, on_delete=models.PROTECT, related_name="residences")
    address_pseudonym = models.CharField(_("adrespseudoniem"), max_length=64)
    buurt = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="+")
    valid_from = models.DateField(_("vanaf"))
    valid_to = models.DateField(_("tot"), null=True)

    def __str__(self) -> str:
        return f"{self.household} in {self.buurt_id} vanaf {self.valid_from}"


class Signal(Fact):
    """An early signal (vroegsignalering) and what outreach achieved."""

    household = models.ForeignKey(Household, on_delete=models.PROTECT, related_name="signals")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, null=True, related_name="signals")
    source_kind = models.CharField(_("soort signaal"), max_length=20)  # huur, energie, ...
    creditor = models.ForeignKey(Partner, on_delete=models.PROTECT, null=True, related_name="+")
    # every partner that reported this event (codes, space-separated): docs/adr/0017
    reported_by = models.CharField(_("gemeld door"), max_length=200, blank=True)
    amount = models.DecimalField(_("bedrag"), max_digits=10, decimal_places=2, null=True)
    origin_date = models.DateField(_("ontstaan"), null=True)
    signal_date = models.DateField(_("signaaldatum"))
    crisis = models.BooleanField(_("crisis"), default=False)
    first_attempt_on = models.DateField(_("eerste contactpoging"), null=True)
    attempt_method = models.CharField(_("manier"), max_length=20, blank=True)
    reached_on = models.DateField(_("bereikt op"), null=True)
    end_result = models.CharField(_("eindresultaat"), max_length=30, blank=True)
    closed_on = models.DateField(_("afgesloten op"), null=True)

    def __str__(self) -> str:
        return f"signaal {self.source_kind} {self.signal_date}"


class SupportPlan(Fact):
    household = models.ForeignKey(Household, on_delete=models.PROTECT, related_name="plans")
    plan_ref = models.CharField(_("plankenmerk"), max_length=40)
    started_on = models.DateField(_("gestart"))
    ended_on = models.DateField(_("beëindigd"), null=True)
    status = models.CharField(_("status"), max_length=20)
    route = models.CharField(_("route"), max_length=20, blank=True)

    def __str__(self) -> str:
        return f"plan {self.plan_ref}"


class PlanGoal(Fact):
    """A goal of a plan per capital; its words stay with the household, in the work zone."""

    plan = models.ForeignKey(SupportPlan, on_delete=models.PROTECT, related_name="goals")
    capital = models.CharField(_("kapitaalvorm"), max_length=20)
    status = models.CharField(_("status"), max_length=20)

    def __str__(self) -> str:
        return f"doel {self.capital}"


class ContactAssignment(Fact):
    """The fixed contact person of a household, with history: continuity is measured here."""

    household = models.ForeignKey(Household, on_delete=models.PROTECT, related_name="assignments")
    partner = models.ForeignKey(Partner, on_delete=models.PROTECT, null=True, related_name="+")
    worker_ref = models.CharField(_("medewerker (pseudoniem)"), max_length=64)
    valid_from = models.DateField(_("vanaf"))
    valid_to = models.DateField(_("tot"), null=True)

    def __str__(self) -> str:
        return f"contactpersoon {self.household} vanaf {self.valid_from}"


class Intervention(models.Model):
    code = models.SlugField(_("code"), max_length=60, unique=True)
    name = models.CharField(_("naam"), max_length=200)

    def __str__(self) -> str:
        return self.name


class Experiment(models.Model):
    """A local experiment: an area, a period, a cocktail of interventions."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    name = models.CharField(_("naam"), max_length=200)
    areas = models.ManyToManyField(Area, related_name="+")
    started_on = models.DateField(_("start"))
    ended_on = models.DateField(_("einde"), null=True)
    interventions = models.ManyToManyField(Intervention, related_name="experiments")

    def __str__(self) -> str:
        return self.name


class Enrolment(Fact):
    household = models.ForeignKey(Household, on_delete=models.PROTECT, related_name="enrolments")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, null=True, related_name="+")
    intervention = models.ForeignKey(Intervention, on_delete=models.PROTECT, related_name="+")
    experiment = models.ForeignKey(
        Experiment, on_delete=models.PROTECT, null=True, related_name="+"
    )
    started_on = models.DateField(_("start"))
    ended_on = models.DateField(_("einde"), null=True)
    end_reason = models.CharField(_("reden einde"), max_length=40, blank=True)

    def __str__(self) -> str:
        return f"deelname {self.household} vanaf {self.started_on}"


class Instrument(models.Model):
    """A measuring instrument for the capitals, with its version and Dutch level texts."""

    code = models.SlugField(_("code"), max_length=60)
    version = models.CharField(_("versie"), max_length=20)
    name = models.CharField(_("naam"), max_length=200)
    levels = models.JSONField(_("niveaus"))  # {"1": "Acute problemen", ..., "5": "..."}

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["code", "version"], name="instrument_version_unique")
        ]

    def __str__(self) -> str:
        return f"{self.name} {self.version}"


class CapitalAssessment(Fact):
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="assessments")
    household = models.ForeignKey(Household, on_delete=models.PROTECT, related_name="assessments")
    capital = models.CharField(_("kapitaalvorm"), max_length=20)
    assessed_on = models.DateField(_("datum"))
    level = models.PositiveSmallIntegerField(_("niveau"))
    instrument = models.ForeignKey(Instrument, on_delete=models.PROTECT, related_name="+")

    def __str__(self) -> str:
        return f"meting {self.capital} {self.assessed_on}: {self.level}"


class Outcome(Fact):
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="outcomes")
    household = models.ForeignKey(Household, on_delete=models.PROTECT, related_name="outcomes")
    kind = models.CharField(_("soort"), max_length=40)
    observed_on = models.DateField(_("datum"))
    value = models.BooleanField(_("waarde"))

    def __str__(self) -> str:
        return f"{self.kind} {self.observed_on}"


class HouseholdComposition(Fact):
    """Who the BRP registers together at one address, from when to when (issue 13)."""

    household = models.ForeignKey(Household, on_delete=models.PROTECT, related_name="compositions")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="compositions")
    role = models.CharField(_("rol"), max_length=20)
    source = models.CharField(_("bron"), max_length=10)
    valid_from = models.DateField(_("ingeschreven vanaf"))
    valid_to = models.DateField(_("ingeschreven tot"), null=True)

    def __str__(self) -> str:
        return f"{self.person} in {self.household} volgens {self.source}"


class ContactMoment(Fact):
    """A professional's contact with a household, and whether it reached them (issue 14)."""

    household = models.ForeignKey(Household, on_delete=models.PROTECT, related_name="contacts")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, null=True, related_name="+")
    partner = models.ForeignKey(Partner, on_delete=models.PROTECT, null=True, related_name="+")
    worker_ref = models.CharField(_("medewerker (pseudoniem)"), max_length=64)
    contact_on = models.DateField(_("datum"))
    kind = models.CharField(_("soort contact"), max_length=20)
    reached = models.BooleanField(_("bereikt"))

    def __str__(self) -> str:
        return f"contact {self.kind} {self.contact_on}"


class PovertyStatus(Fact):
    """A person lived in poverty in (part of) a year by the gemeente's reading: income support,
    bijzondere bijstand, a minimaregeling under its own threshold or debt counselling
    (issue 20, docs/poverty.md). One row per person, household and calendar year."""

    household = models.ForeignKey(Household, on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("jaar"))
    basis = models.CharField(_("grond"), max_length=30)
    income_pct = models.DecimalField(
        _("inkomen in % van het sociaal minimum"), max_digits=10, decimal_places=2, null=True
    )
    threshold_pct = models.IntegerField(_("grens van de gemeente"), null=True)
    definition = models.CharField(_("gebruikte definitie"), max_length=60)
    valid_from = models.DateField(_("vanaf"))
    valid_to = models.DateField(_("tot"), null=True)

    def __str__(self) -> str:
        return f"armoede {self.year} ({self.basis})"
