"""The audit log: append-only and chained with a key kept outside the database (`core.audit`),
so a changed, inserted or removed line, a cut-off end and a chain recomputed without the key
are all detected (`doorbraak audit verify`).

Each line records actor, action, object, result, origin and time (BIO); never a name, a BSN
or any other content of the object read.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AuditAction(models.TextChoices):
    """Every audited action, in one style: `<app>.<object>.<verb>`, dotted, lower case,
    English (as code identifiers are); the label says it in Dutch."""

    ADMIN_OBJECT_ADD = "admin.object.add", _("beheer: object toegevoegd")
    ADMIN_OBJECT_CHANGE = "admin.object.change", _("beheer: object gewijzigd")
    ADMIN_OBJECT_DELETE = "admin.object.delete", _("beheer: object verwijderd")
    API_READ = "api.resource.read", _("API gelezen")
    API_TOKEN_ISSUE = "api.token.issue", _("API-sleutel uitgegeven")
    API_TOKEN_REVOKE = "api.token.revoke", _("API-sleutel ingetrokken")
    AUTH_LOGIN = "auth.login.success", _("ingelogd")
    AUTH_LOGIN_FAIL = "auth.login.fail", _("inloggen mislukt")
    AUTH_LOGIN_LOCKOUT = "auth.login.lockout", _("inloggen geblokkeerd na te veel pogingen")
    AUTH_MFA_FAIL = "auth.mfa.fail", _("tweede stap mislukt")
    AUTH_MFA_DEVICE_ADD = "auth.mfa.device.add", _("app voor de tweede stap ingesteld")
    AUTH_MFA_DEVICE_RESET = "auth.mfa.device.reset", _("tweede stap opnieuw in te stellen")
    AUTH_MFA_KEY_ADD = (
        "auth.mfa.key.add",
        _("beveiligingssleutel voor de tweede stap geregistreerd"),
    )
    AUTH_MFA_KEY_REMOVE = "auth.mfa.key.remove", _("beveiligingssleutel verwijderd")
    AUTH_PASSWORD_RESET_SEND = "auth.password_reset.send", _("link voor nieuw wachtwoord verstuurd")
    AUTH_PASSWORD_RESET = "auth.password.reset", _("nieuw wachtwoord gekozen via link")
    AUTH_SUPERUSER_CREATE = "auth.superuser.create", _("supergebruiker aangemaakt")
    # the evaluation's research extracts and decisions (ADR 0037)
    EVALUATION_EXTRACT_REQUEST = "evaluation.extract.request", _("onderzoeksextract aangevraagd")
    EVALUATION_EXTRACT_DECIDE = "evaluation.extract.decide", _("besluit over onderzoeksextract")
    EVALUATION_EXTRACT_DOWNLOAD = "evaluation.extract.download", _("onderzoeksextract gedownload")
    EVALUATION_DECISION = "evaluation.decision.record", _("besluit over een evaluatie vastgelegd")
    CASEWORK_BREAK_GLASS = "casework.break_glass.open", _("noodtoegang tot een huishouden")
    CASEWORK_CASELOAD_READ = "casework.caseload.read", _("eigen huishoudens met namen gelezen")
    CASEWORK_CONSENT_GIVE = "casework.consent.give", _("toestemming om te delen vastgelegd")
    CASEWORK_CONSENT_WITHDRAW = (
        "casework.consent.withdraw",
        _("toestemming om te delen ingetrokken"),
    )
    CASEWORK_CONTACT_RECORD = "casework.contact.record", _("contactmoment vastgelegd")
    CASEWORK_GROUND_RECORD = "casework.ground.record", _("grondslag vastgelegd")
    CASEWORK_GROUND_WITHDRAW = "casework.ground.withdraw", _("grondslag ingetrokken")
    CASEWORK_HANDOVER = "casework.handover", _("huishouden overgedragen")
    # the household's own page (ADR 0027): what the household did, and its login's link
    CASEWORK_OWN_READ = "casework.own.read", _("eigen huishouden gelezen door het huishouden")
    CASEWORK_OWN_PLAN_PDF = "casework.own.plan_pdf", _("plan als pdf gedownload (huishouden)")
    CASEWORK_OWN_EXPORT = "casework.own.export", _("alle gegevens gedownload door het huishouden")
    CASEWORK_OWN_COMMENT = "casework.own.comment", _("reactie of verbeterverzoek (huishouden)")
    CASEWORK_LOGIN_LINK = "casework.login.link", _("inlog van het huishouden gekoppeld")
    CASEWORK_LOGIN_END = "casework.login.end", _("inlog van het huishouden ontkoppeld")
    CASEWORK_HOUSEHOLD_FIND = "casework.household.find", _("huishouden gezocht")
    CASEWORK_HOUSEHOLD_READ = "casework.household.read", _("huishouden met namen gelezen")
    CASEWORK_HOUSEHOLD_REGISTER = "casework.household.register", _("huishouden geregistreerd")
    CASEWORK_PLAN_AGREE = "casework.plan.agree", _("akkoord met een plan vastgelegd")
    CASEWORK_PLAN_READ = "casework.plan.read", _("plan van een huishouden gelezen")
    CASEWORK_PLAN_SAVE = "casework.plan.save", _("nieuwe versie van een plan")
    CASEWORK_PROFESSIONAL_DEACTIVATE = (
        "casework.professional.deactivate",
        _("professional gedeactiveerd"),
    )
    CASEWORK_READING_RECORD = "casework.reading.record", _("kapitaalmeting vastgelegd")
    CASEWORK_REKEY = "casework.rekey", _("werkzone opnieuw versleuteld onder de huidige sleutel")
    CASEWORK_ROLE_ADD = "casework.role.add", _("betrokken professional toegevoegd")
    OUTREACH_ATTEMPT_RECORD = "outreach.attempt.record", _("contactpoging vastgelegd")
    OUTREACH_CASE_CLOSE = "outreach.case.close", _("vroegsignaalzaak afgesloten")
    OUTREACH_CASE_READ = "outreach.case.read", _("vroegsignaalzaak met persoonsgegevens gelezen")
    OUTREACH_CASE_TAKE_UP = "outreach.case.take_up", _("vroegsignaalzaak opgepakt")
    OUTREACH_EXPORT = "outreach.export", _("vroegsignaalzaken uitgevoerd (GGM-JSON)")
    OUTREACH_IMPORT = "outreach.import", _("vroegsignaalzaken ingelezen (GGM-JSON)")
    OUTREACH_REFERRAL_MAKE = "outreach.referral.make", _("huishouden toegeleid (met toestemming)")
    OUTREACH_REFERRAL_READ = "outreach.referral.read", _("toeleidingen met namen gelezen")
    OUTREACH_REFERRAL_TAKE_ON = "outreach.referral.take_on", _("toeleiding opgepakt")
    OUTREACH_SIGNAL_RECEIVE = "outreach.signal.receive", _("vroegsignaal ontvangen")
    OUTREACH_WORKLIST_READ = "outreach.worklist.read", _("werklijst vroegsignalen gelezen")
    INTAKE_RESULT_FILE_DOWNLOAD = "intake.result_file.download", _("resultaatbestand gedownload")
    # the learning network's register and the experiments (ADR 0036)
    LEARNING_RECORD_SAVE = "learning.record.save", _("activiteit lerend netwerk vastgelegd")
    LEARNING_EXPERIMENT_SAVE = "learning.experiment.save", _("experiment of interventie vastgelegd")
    LINKAGE_RUN = "linkage.run", _("koppeling uitgevoerd")
    LINKAGE_DECIDE = "linkage.decide", _("koppelpaar beoordeeld")
    LINKAGE_REVIEW_VIEW = "linkage.review.view", _("beoordelingslijst bekeken")
    MONITOR_INDICATOR_DOWNLOAD = "monitor.indicator.download", _("indicatorwaarden gedownload")
    OPENDATA_CSV_DOWNLOAD = "opendata.csv.download", _("open-databestand gedownload")
    OPENDATA_INDICATOR_PUBLISH = "opendata.indicator.publish", _("indicator gepubliceerd")
    OPENDATA_INDICATOR_WITHDRAW = "opendata.indicator.withdraw", _("publicatie ingetrokken")
    OPENDATA_INDICATOR_NOTE = "opendata.indicator.note", _("toelichting gewijzigd")
    PARTNER_ADD = "partners.partner.add", _("partner toegevoegd")
    PARTNER_KEY_REGISTER = "partners.key.register", _("sleutel-id vastgelegd")
    PARTNER_KEY_WITHDRAW = "partners.key.withdraw", _("sleutel-id ingetrokken")
    PARTNER_STEWARD_ADD = "partners.steward.add", _("gegevensbeheerder aangemaakt")
    PARTNER_STEWARD_LINK = "partners.steward.link", _("link om een wachtwoord te kiezen")
    PARTNER_PASSWORD_SET = "partners.password.set", _("wachtwoord gekozen via link")
    PIPELINE_RETRY = "pipeline.retry", _("taak opnieuw gestart")
    # the eiland van reflectie (ADR 0038)
    REPORTS_SNAPSHOT_FREEZE = "reports.snapshot.freeze", _("jaar bevroren voor de reflectie")
    REPORTS_INTERPRETATION_ADD = "reports.interpretation.add", _("duiding vastgelegd")
    REPORTS_INTERPRETATION_DECIDE = (
        "reports.interpretation.decide",
        _("besloten of een duiding in het rapport komt"),
    )
    REPORTS_DECISION_RECORD = "reports.decision.record", _("besluit van de reflectie vastgelegd")
    REPORTS_DECISIONS_APPLY = "reports.decisions.apply", _("besluiten verwerkt in een planversie")
    REGISTER_HOUSEHOLD_TIMELINE_READ = (
        "register.household.timeline.read",
        _("tijdlijn van een huishouden gelezen"),
    )


class AuditEvent(models.Model):
    """One line of the chain. `seq` numbers the lines without gaps; `hash` is the HMAC-SHA256,
    under the key named by `key_id`, of the line and the `hash` of the line before it. A line
    with an empty `key_id` dates from before the key (migration 0005): its `hash` is a plain
    SHA-256, and the keyed chain starts on it at an anchor (docs/audit.md).

    `action` holds an `AuditAction` value; the column has no choices, so a new action needs no
    migration (a test keeps every call site on the enumeration)."""

    at = models.DateTimeField(_("tijdstip"), default=timezone.now, editable=False)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    actor_role = models.CharField(_("rol"), max_length=30, blank=True)
    action = models.CharField(_("handeling"), max_length=60)
    object_type = models.CharField(_("soort object"), max_length=60)
    object_id = models.CharField(_("object"), max_length=64)
    result = models.CharField(_("resultaat"), max_length=20)
    origin = models.CharField(_("herkomst"), max_length=64, blank=True)
    reason = models.CharField(_("reden"), max_length=200, blank=True)
    previous_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)
    seq = models.PositiveBigIntegerField(_("volgnummer"), unique=True)
    key_id = models.CharField(_("sleutel"), max_length=16, blank=True)

    class Meta:
        ordering = ["seq"]
        verbose_name = _("auditregel")
        verbose_name_plural = _("auditlog")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.object_type}:{self.object_id}"
