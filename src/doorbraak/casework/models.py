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


class HouseholdPlan(models.Model):
    """One version of a household's own plan (issue 14, item 4; ADR 0026). A change makes a new
    version with all its goals and actions; older versions are kept as they were. The texts are
    the household's own words and may name people, so they are encrypted."""

    household = models.ForeignKey(CaseHousehold, on_delete=models.PROTECT, related_name="plans")
    version = models.PositiveIntegerField(_("versie"))
    talents = EncryptedTextField(_("talenten en wat goed gaat"), blank=True)
    first = EncryptedTextField(_("wat eerst komt"), blank=True)
    review_on = models.DateField(_("bespreken op"), null=True, blank=True)
    aftercare = EncryptedTextField(_("nazorg"), blank=True)
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    made_at = models.DateTimeField(_("gemaakt op"), auto_now_add=True)

    class Meta:
        ordering = ["household", "version"]
        constraints = [
            models.UniqueConstraint(fields=["household", "version"], name="casework_plan_version")
        ]
        verbose_name = _("plan van een huishouden")
        verbose_name_plural = _("plannen van huishoudens")

    def __str__(self) -> str:
        return f"plan v{self.version} van {self.household}"


class PlanGoal(models.Model):
    """A goal for one capital (a code of the programme's capitals), in the household's words,
    with where it stands (delivered to the register as the goal's status)."""

    class Status(models.TextChoices):
        ONGOING = "lopend", _("lopend")
        REACHED = "behaald", _("behaald")
        STOPPED = "gestopt", _("gestopt")

    plan = models.ForeignKey(HouseholdPlan, on_delete=models.PROTECT, related_name="goals")
    capital = models.SlugField(_("kapitaalvorm"), max_length=40)
    text = EncryptedTextField(_("doel in eigen woorden"))
    status = models.CharField(
        _("stand van het doel"), max_length=20, choices=Status.choices, default=Status.ONGOING
    )
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["plan", "position", "pk"]

    def __str__(self) -> str:
        return f"doel {self.capital} in {self.plan}"


class PlanAction(models.Model):
    """Who does what by when: a partner, a professional or the family itself."""

    class Who(models.TextChoices):
        PARTNER = "partner", _("een partner")
        PROFESSIONAL = "professional", _("een professional")
        FAMILY = "huishouden", _("het huishouden zelf")

    class Status(models.TextChoices):
        OPEN = "open", _("nog te doen")
        BUSY = "bezig", _("bezig")
        DONE = "gedaan", _("gedaan")
        DROPPED = "vervallen", _("vervallen")

    plan = models.ForeignKey(HouseholdPlan, on_delete=models.PROTECT, related_name="actions")
    capital = models.SlugField(_("kapitaalvorm"), max_length=40, blank=True)
    who = models.CharField(_("wie"), max_length=20, choices=Who.choices)
    partner = models.ForeignKey(
        Partner, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    professional = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    what = EncryptedTextField(_("wat"))
    due_on = models.DateField(_("uiterlijk op"), null=True, blank=True)
    status = models.CharField(
        _("stand"), max_length=20, choices=Status.choices, default=Status.OPEN
    )
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["plan", "position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(who="partner", partner__isnull=False, professional__isnull=True)
                | Q(who="professional", professional__isnull=False, partner__isnull=True)
                | Q(who="huishouden", partner__isnull=True, professional__isnull=True),
                name="casework_action_who",
            )
        ]

    def __str__(self) -> str:
        return f"actie {self.position} in {self.plan}"


class PlanAgreement(models.Model):
    """The household agreed to this version of its plan: when and how."""

    class How(models.TextChoices):
        SPOKEN = "mondeling", _("mondeling, in een gesprek")
        SIGNED = "getekend", _("op papier getekend")
        ONLINE = "eigen-pagina", _("op de eigen pagina van het huishouden")

    plan = models.ForeignKey(HouseholdPlan, on_delete=models.PROTECT, related_name="agreements")
    on = models.DateField(_("datum"))
    how = models.CharField(_("hoe"), max_length=20, choices=How.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["on", "pk"]

    def __str__(self) -> str:
        return f"akkoord met {self.plan} op {self.on}"


class ContactMoment(models.Model):
    """A contact with the household (issue 14, item 5): when, how, and whether it reached them."""

    class Kind(models.TextChoices):
        HOME_VISIT = "huisbezoek", _("huisbezoek")
        PHONE = "telefoon", _("telefoon")
        VIDEO = "beeldbellen", _("beeldbellen")
        OFFICE = "op-kantoor", _("op kantoor")

    household = models.ForeignKey(CaseHousehold, on_delete=models.PROTECT, related_name="contacts")
    on = models.DateField(_("datum"))
    kind = models.CharField(_("soort"), max_length=20, choices=Kind.choices)
    reached = models.BooleanField(_("bereikt"))
    note = EncryptedTextField(_("notitie"), blank=True)
    professional = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["on", "pk"]

    def __str__(self) -> str:
        return f"contact met {self.household} op {self.on}"


class CapitalReading(models.Model):
    """A reading of one capital of one member, on the configured instrument's scale (as the
    register's `assessments`: person, capital, date, level 1-5, instrument and version)."""

    household = models.ForeignKey(CaseHousehold, on_delete=models.PROTECT, related_name="readings")
    member = models.ForeignKey(CaseMember, on_delete=models.PROTECT, related_name="readings")
    capital = models.SlugField(_("kapitaalvorm"), max_length=40)
    assessed_on = models.DateField(_("datum"))
    level = models.PositiveSmallIntegerField(_("niveau"))
    instrument = models.SlugField(_("instrument"), max_length=60)
    instrument_version = models.CharField(_("versie van het instrument"), max_length=20)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["assessed_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(level__gte=1, level__lte=5), name="casework_reading_level"
            )
        ]

    def __str__(self) -> str:
        return f"meting {self.capital} van {self.household} op {self.assessed_on}"


class HouseholdLogin(models.Model):
    """The link from a household's own login (role huishouden) to its case: what that login may
    see (ADR 0027). Set by the regisseur; ends by a date, never by deletion. One active link
    per login, so a login never sees two households; a household may have several logins."""

    household = models.ForeignKey(CaseHousehold, on_delete=models.PROTECT, related_name="logins")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="casework_logins"
    )
    linked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    linked_on = models.DateField(_("gekoppeld op"))
    ended_on = models.DateField(_("ontkoppeld op"), null=True, blank=True)

    class Meta:
        ordering = ["linked_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["user"],
                condition=Q(ended_on__isnull=True),
                name="casework_one_active_household_per_login",
            )
        ]

    def __str__(self) -> str:
        return f"inlog {self.user_id} van {self.household}"


class HouseholdComment(models.Model):
    """What the household wrote on its own page: a remark, or a request to correct what is
    recorded (AVG art. 16). The text is encrypted (it may name anyone); the regisseur sees it
    on the household's page."""

    class Kind(models.TextChoices):
        REMARK = "opmerking", _("opmerking")
        CORRECTION = "correctie", _("verzoek om iets te verbeteren")

    household = models.ForeignKey(CaseHousehold, on_delete=models.PROTECT, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("soort"), max_length=20, choices=Kind.choices)
    text = EncryptedTextField(_("tekst"))
    written_at = models.DateTimeField(_("geschreven op"), auto_now_add=True)

    class Meta:
        ordering = ["written_at", "pk"]

    def __str__(self) -> str:
        return f"{self.kind} van {self.household} op {self.written_at:%Y-%m-%d}"


class WorkPhone(models.Model):
    """The phone number a household calls to reach a professional: shown on the household's own
    page beside her name, organisation and e-mail. A work number, not a household's data."""

    professional = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="work_phone"
    )
    phone = models.CharField(_("telefoonnummer voor huishoudens"), max_length=40)

    def __str__(self) -> str:
        return f"werktelefoon van gebruiker {self.professional_id}"
