"""The audit log: append-only and hash-chained, so a changed or removed line is detected.

Each line records actor, action, object, result, origin and time (BIO); never a name, a BSN
or any other content of the object read.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEvent(models.Model):
    at = models.DateTimeField(_("tijdstip"), auto_now_add=True)
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

    class Meta:
        ordering = ["id"]
        verbose_name = _("auditregel")
        verbose_name_plural = _("auditlog")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.object_type}:{self.object_id}"
