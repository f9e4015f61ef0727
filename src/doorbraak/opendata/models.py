"""Which indicators the programme publishes as open data. A row is a published indicator;
withdrawing a publication deletes the row (the audit log keeps the history)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class PublishedIndicator(models.Model):
    indicator_code = models.CharField(_("indicator"), max_length=40, unique=True)
    published_since = models.DateTimeField(_("gepubliceerd sinds"))
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("gepubliceerd door"),
    )
    note = models.TextField(_("toelichting"), blank=True)

    class Meta:
        ordering = ["indicator_code"]
        verbose_name = _("gepubliceerde indicator")
        verbose_name_plural = _("gepubliceerde indicatoren")

    def __str__(self) -> str:
        return self.indicator_code
