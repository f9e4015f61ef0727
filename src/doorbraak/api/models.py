"""API tokens (ADR 0014): hashed at rest, scoped to a role, with an expiry.

The token itself is shown once, by `doorbraak api token`; the database keeps its SHA-256 (a
token is 256 random bits, so a fast hash is enough) and its first characters to recognise it
by. A token works only while it has not expired or been revoked, its user is active and still
has the role it was issued for.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ApiToken(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gebruiker"),
        on_delete=models.CASCADE,
        related_name="api_tokens",
    )
    role = models.CharField(_("rol"), max_length=30)
    prefix = models.CharField(_("begint met"), max_length=12)
    digest = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("uitgegeven op"), auto_now_add=True)
    expires_at = models.DateTimeField(_("verloopt op"))
    revoked_at = models.DateTimeField(_("ingetrokken op"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("API-token")
        verbose_name_plural = _("API-tokens")

    def __str__(self) -> str:
        return f"{self.prefix}…"
