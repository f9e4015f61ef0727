"""The learning network's records and the programme's experiments (ADR 0036).

Plain records the programme team keeps through `learning.services`; the monitor counts them
as fact tables that are about no household (`monitor.definitions.vocabulary`). A row that
the monitor counts by a date of its parent (a session's organisations, ervaringsdeskundigen
and forms of knowledge; a training's professionals) carries that date itself, written by the
service, so each indicator reads one table.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from doorbraak.areas.models import Area, AreaGroup
from doorbraak.partners.models import Partner


class KnowledgeForm(models.TextChoices):
    """Forms of knowledge the plan names (E2.4, E6): research, practice, lived experience."""

    RESEARCH = "onderzoek", _("wetenschappelijk onderzoek")
    PRACTICE = "praktijk", _("praktijkervaring van professionals")
    LIVED = "ervaring", _("ervaringsdeskundigheid")
    DATA = "monitoring", _("cijfers uit de monitor")
    POLICY = "beleid", _("beleid en regelgeving")


class LearningAgenda(models.Model):
    """E1: a learning agenda the network adopted (the plan: two a year)."""

    title = models.CharField(_("titel"), max_length=200)
    adopted_on = models.DateField(_("vastgesteld op"))
    questions = models.TextField(_("leervragen"), blank=True)

    class Meta:
        ordering = ["-adopted_on", "title"]
        verbose_name = _("leeragenda")
        verbose_name_plural = _("leeragenda's")

    def __str__(self) -> str:
        return self.title


class ExperienceExpert(models.Model):
    """An ervaringsdeskundige of the network by a code the programme team hands out (E2.3):
    never a name; who is behind a code stays outside the platform."""

    code = models.SlugField(_("code"), max_length=40, unique=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("ervaringsdeskundige")
        verbose_name_plural = _("ervaringsdeskundigen")

    def __str__(self) -> str:
        return self.code


class Session(models.Model):
    """E2: a session of lerend evalueren, with who took part, by kind."""

    title = models.CharField(_("onderwerp"), max_length=200)
    held_on = models.DateField(_("gehouden op"))
    agenda = models.ForeignKey(
        LearningAgenda, on_delete=models.PROTECT, null=True, blank=True, related_name="sessions"
    )
    professionals = models.PositiveIntegerField(_("aantal professionals"), default=0)
    residents = models.PositiveIntegerField(_("aantal inwoners"), default=0)
    lessons = models.TextField(_("wat we leerden"), blank=True)

    class Meta:
        ordering = ["-held_on", "title"]
        verbose_name = _("sessie lerend evalueren")
        verbose_name_plural = _("sessies lerend evalueren")

    def __str__(self) -> str:
        return self.title


class SessionPartner(models.Model):
    """E2.2: an organisation taking part in a session."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="partners")
    partner = models.ForeignKey(Partner, on_delete=models.PROTECT, related_name="+")
    held_on = models.DateField(_("gehouden op"))

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["session", "partner"], name="session_partner_once")
        ]

    def __str__(self) -> str:
        return f"{self.session_id}: {self.partner_id}"


class SessionExpert(models.Model):
    """E2.3: an ervaringsdeskundige taking part in a session."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="experts")
    expert = models.ForeignKey(ExperienceExpert, on_delete=models.PROTECT, related_name="+")
    held_on = models.DateField(_("gehouden op"))

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["session", "expert"], name="session_expert_once")
        ]

    def __str__(self) -> str:
        return f"{self.session_id}: {self.expert_id}"


class SessionKnowledge(models.Model):
    """E2.4: a form of knowledge brought into a session."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="knowledge")
    form = models.CharField(_("vorm van kennis"), max_length=20, choices=KnowledgeForm.choices)
    held_on = models.DateField(_("gehouden op"))

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["session", "form"], name="session_knowledge_once")
        ]

    def __str__(self) -> str:
        return f"{self.session_id}: {self.form}"


class Training(models.Model):
    """E8: a training; `bejegening` says whether it is about respectful treatment."""

    title = models.CharField(_("titel"), max_length=200)
    completed_on = models.DateField(_("afgerond op"))
    bejegening = models.BooleanField(_("over bejegening"), default=True)
    via = models.CharField(_("via"), max_length=100, blank=True)

    class Meta:
        ordering = ["-completed_on", "title"]
        verbose_name = _("training")
        verbose_name_plural = _("trainingen")

    def __str__(self) -> str:
        return self.title


class TrainingCompletion(models.Model):
    """E8: one professional of a partner who completed a training (no name: a number within
    the training and partner). A professional completes the bejegening training once."""

    training = models.ForeignKey(Training, on_delete=models.CASCADE, related_name="completions")
    partner = models.ForeignKey(Partner, on_delete=models.PROTECT, related_name="+")
    number = models.PositiveIntegerField(_("volgnummer"))
    completed_on = models.DateField(_("afgerond op"))
    bejegening = models.BooleanField(_("over bejegening"))

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["training", "partner", "number"], name="training_completion_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.training_id}: {self.partner_id} #{self.number}"


class Conference(models.Model):
    """E4: a larger conference on (generational) poverty."""

    title = models.CharField(_("titel"), max_length=200)
    held_on = models.DateField(_("gehouden op"))
    participants = models.PositiveIntegerField(_("aantal deelnemers"), default=0)

    class Meta:
        ordering = ["-held_on", "title"]
        verbose_name = _("conferentie")
        verbose_name_plural = _("conferenties")

    def __str__(self) -> str:
        return self.title


class PublicationKind(models.TextChoices):
    REPORT = "rapportage", _("rapportage op basis van monitoring en evaluatie")
    REFLECTION = "reflectierapport", _("reflectierapport (eiland van reflectie)")
    KNOWLEDGE = "kennisproduct", _("kennisproduct")
    OPEN_DATA = "open_data", _("open-datapublicatie")


class Publication(models.Model):
    """E3 (reports, reflection reports) and E9 (knowledge products, open-data releases)."""

    title = models.CharField(_("titel"), max_length=200)
    kind = models.CharField(_("soort"), max_length=20, choices=PublicationKind.choices)
    published_on = models.DateField(_("gepubliceerd op"))
    url = models.URLField(_("link"), blank=True)

    class Meta:
        ordering = ["-published_on", "title"]
        verbose_name = _("publicatie")
        verbose_name_plural = _("publicaties")

    def __str__(self) -> str:
        return self.title


class KnowledgeSupport(models.Model):
    """E7: a partner supported in its own knowledge line in a year."""

    partner = models.ForeignKey(Partner, on_delete=models.PROTECT, related_name="+")
    started_on = models.DateField(_("gestart op"))
    description = models.CharField(_("waarmee"), max_length=200)

    class Meta:
        ordering = ["-started_on"]
        verbose_name = _("ondersteuning kennisontwikkellijn")
        verbose_name_plural = _("ondersteuning kennisontwikkellijnen")

    def __str__(self) -> str:
        return f"{self.partner_id} ({self.started_on})"


class Procurement(models.Model):
    """W3: a procurement of (long-term) support by a partner, and whether poverty is in its
    conditions."""

    title = models.CharField(_("titel"), max_length=200)
    partner = models.ForeignKey(Partner, on_delete=models.PROTECT, related_name="+")
    awarded_on = models.DateField(_("gegund op"))
    long_term = models.BooleanField(_("langdurige ondersteuning"), default=True)
    poverty_conditions = models.BooleanField(_("armoede in de voorwaarden"), default=True)

    class Meta:
        ordering = ["-awarded_on", "title"]
        verbose_name = _("aanbesteding")
        verbose_name_plural = _("aanbestedingen")

    def __str__(self) -> str:
        return self.title


class Commitment(models.Model):
    """A partner's commitment to the programme plan (signed, or withdrawn on a date)."""

    partner = models.ForeignKey(Partner, on_delete=models.PROTECT, related_name="+")
    committed_on = models.DateField(_("verbonden op"))
    ended_on = models.DateField(_("beëindigd op"), null=True, blank=True)

    class Meta:
        ordering = ["-committed_on"]
        verbose_name = _("verbinding aan het plan")
        verbose_name_plural = _("verbindingen aan het plan")

    def __str__(self) -> str:
        return f"{self.partner_id} ({self.committed_on})"


class Intervention(models.Model):
    """The catalogue entry of an intervention; `databank_url` links its page in the Databank
    Effectieve sociale interventies (Movisie, NJi) where one exists."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    name = models.CharField(_("naam"), max_length=200)
    description = models.TextField(_("omschrijving"), blank=True)
    databank_url = models.URLField(
        _("link naar de Databank Effectieve sociale interventies"), blank=True
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("interventie")
        verbose_name_plural = _("interventies")

    def __str__(self) -> str:
        return self.name


class ExperimentStatus(models.TextChoices):
    PREPARING = "voorbereiding", _("in voorbereiding")
    RUNNING = "lopend", _("loopt")
    FINISHED = "afgerond", _("afgerond")
    STOPPED = "gestopt", _("gestopt")


class Experiment(models.Model):
    """A local experiment: where (a gemeente, wijk or buurt, or a dorp), when, which cocktail
    of interventions, compared with which areas, on what knowledge it builds (E6), with whom
    among the residents it was designed, and its status."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    name = models.CharField(_("naam"), max_length=200)
    area = models.ForeignKey(
        Area, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    dorp = models.ForeignKey(
        AreaGroup, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    started_on = models.DateField(_("start"))
    ended_on = models.DateField(_("einde"), null=True, blank=True)
    interventions = models.ManyToManyField(Intervention, related_name="experiments")
    comparison_areas = models.ManyToManyField(Area, related_name="+", blank=True)
    knowledge = models.TextField(_("voortbouwend op"), blank=True)
    builds_on_knowledge = models.BooleanField(_("bouwt voort op bestaande kennis"), default=False)
    designed_with = models.TextField(_("ontworpen met"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=ExperimentStatus.choices, default="voorbereiding"
    )
    summary = models.TextField(_("wat er gebeurt (voor inwoners)"), blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("lokaal experiment")
        verbose_name_plural = _("lokale experimenten")

    def __str__(self) -> str:
        return self.name
