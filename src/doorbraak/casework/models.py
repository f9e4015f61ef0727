"""The work zone's tables: the household as a case and who works on it.

Identified fields are `EncryptedTextField`s; beside them only blind indexes (for search) and
the partners' pseudonyms (for facts to the register). `__str__` never shows a name. History
is kept: a ground, a consent, a role or an emergency access ends (a date is set), it is not
deleted.
"""

import datetime as dt
import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from doorbraak.casework.fields import EncryptedTextField
from doorbraak.partners.models import Partner


class CaseHousehold(models.Model):
    """A household as a case. The key is a random UUID, so it says nothing about the order
    households were registered in."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    street = EncryptedTextField(_("straat"), blank=True)
    house_number = EncryptedTextField(_("huisnummer en toevoeging"), blank=True)
    postcode = EncryptedTextField(_("postcode"), blank=True)
    city = EncryptedTextField(_("woonplaats"), blank=True)
    address_pseudonym = models.CharField(_("adrespseudoniem"), max_length=64, blank=True)
    registered_at = models.DateTimeField(_("geregistreerd op"), auto_now_add=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("huishouden (werkzone)")
        verbose_name_plural = _("huishoudens (werkzone)")

    def __str__(self) -> str:
        return f"huishouden {str(self.id)[:8]}"


class CaseMember(models.Model):
    household = models.ForeignKey(CaseHousehold, on_delete=models.PROTECT, related_name="members")
    name = EncryptedTextField(_("naam"))
    birth_date = EncryptedTextField(_("geboortedatum"))  # ISO 8601, encrypted like the rest
    bsn = EncryptedTextField(_("BSN"), blank=True)
    phone = EncryptedTextField(_("telefoon"), blank=True)
    email = EncryptedTextField(_("e-mail"), blank=True)
    bsn_index = models.CharField(max_length=64, blank=True, db_index=True)
    name_birth_index = models.CharField(max_length=64, db_index=True)
    person_pseudonym = models.CharField(_("persoonspseudoniem"), max_length=64, blank=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("lid van een huishouden (werkzone)")
        verbose_name_plural = _("leden van huishoudens (werkzone)")

    def __str__(self) -> str:
        return f"lid {self.pk} van {self.household}"

    @property
    def born(self) -> dt.date:
        return dt.date.fromisoformat(self.birth_date)


class LegalGround(models.Model):
    """The ground for processing a household's data: its consent (date and scope) or a
    statutory task (the article). Ends when withdrawn."""

    class Kind(models.TextChoices):
        CONSENT = "toestemming", _("toestemming van het huishouden")
        STATUTORY = "wettelijke-taak", _("wettelijke taak")

    household = models.ForeignKey(CaseHousehold, on_delete=models.PROTECT, related_name="grounds")
    kind = models.CharField(_("grondslag"), max_length=20, choices=Kind.choices)
    given_on = models.DateField(_("datum"))
    scope = models.CharField(_("reikwijdte van de toestemming"), max_length=300, blank=True)
    article = models.CharField(_("wetsartikel"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    withdrawn_on = models.DateField(_("ingetrokken op"), null=True, blank=True)

    class Meta:
        ordering = ["given_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(kind="toestemming") & ~Q(scope=""))
                | (Q(kind="wettelijke-taak") & ~Q(article="")),
                name="casework_ground_scope_or_article",
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} van {self.household} ({self.given_on})"


class SharingConsent(models.Model):
    """The household's consent to share with one partner. Ends when withdrawn."""

    household = models.ForeignKey(
        CaseHousehold, on_delete=models.PROTECT, related_name="sharing_consents"
    )
    partner = models.ForeignKey(Partner, on_delete=models.PROTECT, related_name="+")
    given_on = models.DateField(_("gegeven op"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    withdrawn_on = models.DateField(_("ingetrokken op"), null=True, blank=True)

    class Meta:
        ordering = ["given_on", "pk"]

    def __str__(self) -> str:
        return f"toestemming om te delen met {self.partner} ({self.household})"


class CaseRole(models.Model):
    """A professional's role on a household, after the ZGW `Rol.omschrijvingGeneriek`: the one
    zaakcoördinator is the regisseur (the fixed contact person), the others behandelaars. The
    partner is the organisation she worked for in this role. Active while `ended_on` is empty."""

    class Kind(models.TextChoices):
        COORDINATOR = "zaakcoordinator", _("regisseur (zaakcoördinator)")
        HANDLER = "behandelaar", _("behandelaar")

    household = models.ForeignKey(CaseHousehold, on_delete=models.PROTECT, related_name="roles")
    professional = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="case_roles"
    )
    partner = models.ForeignKey(Partner, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("rol"), max_length=20, choices=Kind.choices)
    started_on = models.DateField(_("vanaf"))
    ended_on = models.DateField(_("tot"), null=True, blank=True)

    class Meta:
        ordering = ["started_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["household"],
                condition=Q(kind="zaakcoordinator", ended_on__isnull=True),
                name="casework_one_active_regisseur",
            ),
            models.UniqueConstraint(
                fields=["household", "professional"],
                condition=Q(ended_on__isnull=True),
                name="casework_one_active_role_per_professional",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} van {self.household}"


class Handover(models.Model):
    """An explicit change of regisseur: who from, who to, when, and a note."""

    household = models.ForeignKey(CaseHousehold, on_delete=models.PROTECT, related_name="handovers")
    from_professional = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    to_professional = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    on = models.DateField(_("datum"))
    note = EncryptedTextField(_("toelichting"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["on", "pk"]

    def __str__(self) -> str:
        return f"overdracht van {self.household} op {self.on}"


class EmergencyAccess(models.Model):
    """Break-the-glass: a colleague standing in opens a household she has no role in, with a
    reason, for a limited time; shown on the household's page."""

    household = models.ForeignKey(
        CaseHousehold, on_delete=models.PROTECT, related_name="emergency_accesses"
    )
    professional = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    reason = EncryptedTextField(_("reden"))  # free text may name someone: encrypted
    starts_at = models.DateTimeField(_("vanaf"))
    ends_at = models.DateTimeField(_("tot"))

    class Meta:
        ordering = ["starts_at", "pk"]

    def __str__(self) -> str:
        return f"noodtoegang tot {self.household} vanaf {self.starts_at:%Y-%m-%d %H:%M}"
