"""The outreach tables, in the GGM's terms (`ggm`): a `Vroegsignaalzaak` bundles one household's
`Vroegsignaal`s and its `Contactpoging`en. Code-list columns hold the GGM's own strings.

Identified fields (BSN, name, birth date, address) are encrypted per field as in casework (ADR
0024); beside them only blind indexes, to bundle a household's signals and to find its
regisseur. `__str__` names no one. Nothing is deleted: a case ends with a result and a date.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from doorbraak.casework.fields import EncryptedTextField
from doorbraak.outreach import ggm
from doorbraak.partners.models import Partner


def _choices(values: tuple[str, ...]) -> list[tuple[str, str]]:
    return [(value, value) for value in values]


class Vroegsignaalzaak(models.Model):
    """One household's signals in a period, worked as one case by the gemeente."""

    class Source(models.TextChoices):
        WORKFLOW = "werkproces", _("in doorbraak gewerkt")
        IMPORT = "import", _("ingelezen uit het eigen systeem van de gemeente")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    gemeente_code = models.CharField(_("gemeente (CBS)"), max_length=6, db_index=True)
    person_index = models.CharField(max_length=64, blank=True, db_index=True)
    address_index = models.CharField(max_length=64, blank=True, db_index=True)
    children = models.PositiveSmallIntegerField(_("kinderen in het huishouden"), null=True)
    source = models.CharField(max_length=12, choices=Source.choices, default=Source.WORKFLOW)
    opened_at = models.DateTimeField(auto_now_add=True)
    taken_up_on = models.DateField(_("datum opgepakt"), null=True)
    taken_up_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    closed_on = models.DateField(_("afgesloten op"), null=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    result = models.CharField(
        _("eindresultaat"), max_length=80, choices=_choices(ggm.EINDRESULTAAT), blank=True
    )
    # why a signal was not taken up, for the gemeente itself: never leaves the work zone
    reason_internal = EncryptedTextField(_("reden (intern)"), blank=True)
    ggm_version = models.CharField(max_length=10, default=ggm.VERSION)

    class Meta:
        verbose_name = _("vroegsignaalzaak")
        verbose_name_plural = _("vroegsignaalzaken")
        constraints = [
            models.CheckConstraint(
                condition=(Q(closed_on__isnull=True) & Q(result=""))
                | (Q(closed_on__isnull=False) & ~Q(result="")),
                name="outreach_closed_with_result",
            )
        ]

    def __str__(self) -> str:
        return f"vroegsignaalzaak {str(self.id)[:8]}"


class Vroegsignaal(models.Model):
    """A signal as the gemeente's own record: the partner's record key and the person the
    gemeente's vroegsignalering system identified."""

    zaak = models.ForeignKey(Vroegsignaalzaak, on_delete=models.PROTECT, related_name="signals")
    gemeente_code = models.CharField(max_length=6)
    record_key = models.CharField(_("kenmerk van de signaalpartner"), max_length=80)
    partner = models.ForeignKey(Partner, on_delete=models.PROTECT, null=True, related_name="+")
    partner_type = models.CharField(
        _("soort signaalpartner"), max_length=30, choices=_choices(ggm.SIGNAALPARTNER)
    )
    amount = models.PositiveIntegerField(_("bedrag (hele euro's)"), null=True)
    origin_date = models.DateField(_("ontstaansdatum"), null=True)
    signal_date = models.DateField(_("signaaldatum"))
    crisis = models.BooleanField(_("crisissignaal"), default=False)
    warm_handover = models.BooleanField(_("warme overdracht"), default=False)
    bsn = EncryptedTextField(_("BSN"), blank=True)
    name = EncryptedTextField(_("naam"), blank=True)
    birth_date = EncryptedTextField(_("geboortedatum"), blank=True)  # ISO 8601
    postcode = EncryptedTextField(_("postcode"), blank=True)
    house_number = EncryptedTextField(_("huisnummer"), blank=True)
    house_number_addition = EncryptedTextField(_("toevoeging"), blank=True)
    received_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["signal_date", "pk"]
        verbose_name = _("vroegsignaal")
        verbose_name_plural = _("vroegsignalen")
        constraints = [
            models.UniqueConstraint(
                fields=["gemeente_code", "record_key"], name="outreach_one_record_per_key"
            )
        ]

    def __str__(self) -> str:
        return f"vroegsignaal {self.partner_type} {self.signal_date}"


class Contactpoging(models.Model):
    zaak = models.ForeignKey(Vroegsignaalzaak, on_delete=models.PROTECT, related_name="attempts")
    kind = models.CharField(_("soort"), max_length=30, choices=_choices(ggm.CONTACTSOORT))
    on = models.DateField(_("datum"))
    part_of_day = models.CharField(
        _("dagdeel"), max_length=10, choices=_choices(ggm.DAGDEEL), blank=True
    )
    reached = models.BooleanField(_("bereikt"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["on", "pk"]
        verbose_name = _("contactpoging")
        verbose_name_plural = _("contactpogingen")

    def __str__(self) -> str:
        return f"contactpoging {self.kind} {self.on}"


class Toeleiding(models.Model):
    """A reached household led on to follow-up help: to a partner (a referral) or to one of
    its professionals (to open a plan with a contact person), with the household's consent to
    share its details with that partner. The receiving professional sees it on her start page
    until she has taken it on, which registers the household in casework from the signals
    (`services.referral_register`) with her as its regisseur."""

    zaak = models.ForeignKey(Vroegsignaalzaak, on_delete=models.PROTECT, related_name="referrals")
    partner = models.ForeignKey(Partner, on_delete=models.PROTECT, related_name="+")
    professional = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    consent_on = models.DateField(_("toestemming gegeven op"))
    consent_scope = models.CharField(_("waarvoor"), max_length=300)
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    made_at = models.DateTimeField(auto_now_add=True)
    taken_on_at = models.DateTimeField(_("opgepakt door de ontvanger"), null=True)
    # the casework household she opened from it, its members taken from the signals
    household = models.ForeignKey(
        "casework.CaseHousehold", on_delete=models.PROTECT, null=True, related_name="+"
    )

    class Meta:
        ordering = ["made_at", "pk"]
        verbose_name = _("toeleiding")
        verbose_name_plural = _("toeleidingen")

    def __str__(self) -> str:
        return f"toeleiding van {self.zaak} naar {self.partner_id}"
