"""Research extract requests, their downloads, and the programme's decisions on evaluations.

No table here holds a pseudonym of a person: an extract is built when it is downloaded, with
pseudonyms fresh for that download (`extracts`), and kept nowhere.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ExtractRequest(models.Model):
    class Status(models.TextChoices):
        REQUESTED = "aangevraagd", _("aangevraagd")
        APPROVED = "goedgekeurd", _("goedgekeurd")
        REJECTED = "afgewezen", _("afgewezen")

    researcher = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    question = models.TextField(_("onderzoeksvraag"))
    targets = models.JSONField(_("gevraagde variabelen"))
    experiment = models.CharField(_("experiment"), max_length=60)
    period_start = models.DateField(_("periode vanaf"))
    period_end = models.DateField(_("periode tot en met"))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.REQUESTED
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("besloten op"), null=True)
    expires_on = models.DateField(_("verloopt op"), null=True)
    created_at = models.DateTimeField(_("aangevraagd op"), auto_now_add=True)

    class Meta:
        verbose_name = _("extractaanvraag")
        verbose_name_plural = _("extractaanvragen")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"extractaanvraag {self.pk} ({self.status})"


class ExtractDownload(models.Model):
    request = models.ForeignKey(ExtractRequest, on_delete=models.PROTECT, related_name="downloads")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(_("gedownload op"), auto_now_add=True)
    persons = models.PositiveIntegerField(_("personen in het extract"))
    persons_dropped = models.PositiveIntegerField(_("weggelaten (zeldzame combinatie)"))

    def __str__(self) -> str:
        return f"download van extract {self.request_id} op {self.at:%Y-%m-%d}"


class EvaluationDecision(models.Model):
    class Choice(models.TextChoices):
        CONTINUE = "voortzetten", _("voortzetten")
        ADJUST = "bijstellen", _("bijstellen")
        STOP = "stoppen", _("stoppen")
        SCALE_UP = "opschalen", _("opschalen")

    experiment = models.CharField(_("experiment"), max_length=60)
    target = models.CharField(_("uitkomst"), max_length=60)
    decision = models.CharField(_("besluit"), max_length=20, choices=Choice.choices)
    note = models.TextField(_("toelichting"), blank=True)
    # what the decision rested on: the estimate shown when it was taken (estimate, interval,
    # method, design level and label, units and areas, naive comparison), {} when none could be
    # made; the reflection report shows it beside the decision (ADR 0037)
    basis = models.JSONField(_("onderbouwing"), default=dict, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(_("besloten op"), auto_now_add=True)

    class Meta:
        ordering = ["-decided_at"]

    def __str__(self) -> str:
        return f"{self.experiment} {self.target}: {self.decision}"


class DecisionPartner(models.Model):
    """A partner that ran an intervention of the evaluated experiment when the decision was
    taken (its enrolments' delivering partner): E5 counts these partners, distinct, cumulative
    (`monitor.definitions.vocabulary`, table `evaluation_partners`). No person in it."""

    decision = models.ForeignKey(
        EvaluationDecision, on_delete=models.CASCADE, related_name="partners"
    )
    partner = models.ForeignKey("partners.Partner", on_delete=models.PROTECT, related_name="+")
    decided_on = models.DateField(_("besloten op"))

    class Meta:
        verbose_name = _("partner bij een evaluatiebesluit")
        verbose_name_plural = _("partners bij evaluatiebesluiten")
        constraints = [
            models.UniqueConstraint(fields=["decision", "partner"], name="decision_partner_once")
        ]

    def __str__(self) -> str:
        return f"{self.partner_id} bij besluit {self.decision_id}"
