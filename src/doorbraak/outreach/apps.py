from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OutreachConfig(AppConfig):
    name = "doorbraak.outreach"
    label = "outreach"
    verbose_name = _("Vroegsignalering (werkzone)")
    default_auto_field = "django.db.models.BigAutoField"
