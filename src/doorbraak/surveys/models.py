"""Surveys, their frozen versions, rounds, invitations and anonymous responses.

Anonymity is fixed when a survey is created (ADR 0035): a `Response` and its `Answer`s carry no
key of the invitation or the person, no timestamp (only the round, whose period is the date a
fact counts on) and no ordering column (random UUID keys). The invitation only learns that it
was completed. The group attributes needed for breakdowns (partner, sector, area) are copied
from the invitation onto the response, never a person key.
"""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _


class Audience(models.TextChoices):
    PROFESSIONALS = "professionals", _("professionals van partners")
    RESIDENTS = "inwoners", _("inwoners van een gebied")


class Survey(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    code = models.SlugField(_("code"), max_length=80, unique=True)  # the XLSForm's form_id
    title = models.CharField(_("titel"), max_length=200)
    audience = models.CharField(_("doelgroep"), max_length=20, choices=Audience.choices)
    anonymous = models.BooleanField(_("anoniem"), default=True, editable=False)

    class Meta:
        ordering = ["code"]
        verbose_name = _("enquête")
        verbose_name_plural = _("enquêtes")

    def __str__(self) -> str:
        return self.title


class SurveyVersion(models.Model):
    """One published XLSForm: frozen, its questions never change (a new file is a new version)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    survey = models.ForeignKey(Survey, on_delete=models.PROTECT, related_name="versions")
    version = models.CharField(_("versie"), max_length=40)
    title = models.CharField(_("titel"), max_length=200)
    source_sha256 = models.CharField(_("SHA-256 van het XLSForm"), max_length=64)
    published_on = models.DateField(_("gepubliceerd op"))

    class Meta:
        ordering = ["survey", "version"]
        constraints = [
            models.UniqueConstraint(fields=["survey", "version"], name="survey_version_unique")
        ]

    def __str__(self) -> str:
        return f"{self.title} {self.version}"


class Question(models.Model):
    version = models.ForeignKey(SurveyVersion, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveIntegerField()
    name = models.CharField(max_length=80)
    type = models.CharField(max_length=20)
    label = models.TextField()
    hint = models.TextField(blank=True)
    required = models.BooleanField(default=False)
    relevant = models.TextField(blank=True)
    constraint = models.TextField(blank=True)
    constraint_message = models.TextField(blank=True)
    list_name = models.CharField(max_length=80, blank=True)
    group = models.CharField(max_length=80, blank=True)
    depth = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["version", "position"]
        constraints = [
            models.UniqueConstraint(fields=["version", "name"], name="survey_question_unique")
        ]

    def __str__(self) -> str:
        return self.name


class Choice(models.Model):
    version = models.ForeignKey(SurveyVersion, on_delete=models.CASCADE, related_name="choices")
    position = models.PositiveIntegerField()
    list_name = models.CharField(max_length=80)
    name = models.CharField(max_length=80)
    label = models.TextField()

    class Meta:
        ordering = ["version", "list_name", "position"]

    def __str__(self) -> str:
        return f"{self.list_name}:{self.name}"


class RoundStatus(models.TextChoices):
    OPEN = "open", _("loopt")
    CLOSED = "gesloten", _("gesloten")


class SurveyRound(models.Model):
    """One time the survey is held: a period (DHIS2 identifier, e.g. `2025`) whose first day is
    the date every answer of the round counts on."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    version = models.ForeignKey(SurveyVersion, on_delete=models.PROTECT, related_name="rounds")
    period = models.CharField(_("periode"), max_length=10)
    counts_on = models.DateField(_("telt op"))
    status = models.CharField(max_length=10, choices=RoundStatus.choices, default=RoundStatus.OPEN)

    class Meta:
        ordering = ["version", "period"]
        constraints = [
            models.UniqueConstraint(fields=["version", "period"], name="survey_round_unique")
        ]

    def __str__(self) -> str:
        return f"{self.version} {self.period}"


class Invitation(models.Model):
    """A one-time link for one professional of a partner or one resident of an area. Holds no
    address: only a keyed hash to recognise it again for a reminder (ADR 0035)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    round = models.ForeignKey(SurveyRound, on_delete=models.PROTECT, related_name="invitations")
    token_sha256 = models.CharField(max_length=64, unique=True)
    recipient_key = models.CharField(max_length=64, blank=True)
    partner = models.ForeignKey("partners.Partner", on_delete=models.PROTECT, null=True, blank=True)
    sector = models.CharField(max_length=20, blank=True)
    area = models.ForeignKey("areas.Area", on_delete=models.PROTECT, null=True, blank=True)
    sent_on = models.DateField()
    reminders = models.PositiveSmallIntegerField(default=0)
    last_reminded_on = models.DateField(null=True, blank=True)
    completed = models.BooleanField(default=False)

    def __str__(self) -> str:
        return str(self.id)


class Response(models.Model):
    """One completed questionnaire: no person, no invitation, no time, no order."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    round = models.ForeignKey(SurveyRound, on_delete=models.PROTECT, related_name="responses")
    partner = models.ForeignKey("partners.Partner", on_delete=models.PROTECT, null=True, blank=True)
    sector = models.CharField(max_length=20, blank=True)
    area = models.ForeignKey("areas.Area", on_delete=models.PROTECT, null=True, blank=True)
    source = models.CharField(max_length=20, default="web")  # web, limesurvey, kobotoolbox

    def __str__(self) -> str:
        return str(self.id)


class Answer(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.CharField(max_length=80)
    value = models.TextField()  # as XLSForm stores it: select_multiple space-separated
    score = models.DecimalField(
        max_digits=12, decimal_places=4, null=True
    )  # numbers, numeric codes

    def __str__(self) -> str:
        return self.question


class ResponseImport(models.Model):
    """One imported export file: the same file twice for a round is refused (no time kept)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    round = models.ForeignKey(SurveyRound, on_delete=models.PROTECT, related_name="imports")
    source_sha256 = models.CharField(max_length=64)
    source = models.CharField(max_length=20)
    accepted = models.PositiveIntegerField()
    rejected = models.PositiveIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["round", "source_sha256"], name="survey_import_once")
        ]

    def __str__(self) -> str:
        return self.source_sha256


class AnswerFact(models.Model):
    """The view `surveys_answer_fact` (migration 0002) the monitor counts: answers of closed
    rounds with their survey, question, score, counting date and group; no text, no response
    key. Read only (not managed: the migration creates the view)."""

    id = models.CharField(primary_key=True, max_length=36)
    survey = models.CharField(max_length=80)
    question = models.CharField(max_length=80)
    score = models.DecimalField(max_digits=12, decimal_places=4, null=True)
    counts_on = models.DateField()
    partner = models.ForeignKey(
        "partners.Partner",
        on_delete=models.DO_NOTHING,
        null=True,
        db_constraint=False,
        related_name="+",
    )
    sector = models.CharField(max_length=20)
    area = models.ForeignKey(
        "areas.Area",
        on_delete=models.DO_NOTHING,
        null=True,
        db_constraint=False,
        related_name="+",
    )

    class Meta:
        managed = False
        db_table = "surveys_answer_fact"

    def __str__(self) -> str:
        return f"{self.survey}.{self.question}"
