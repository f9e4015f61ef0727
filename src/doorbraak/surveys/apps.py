from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    name = "doorbraak.surveys"
    label = "surveys"
    verbose_name = _("Enquêtes")
    default_auto_field = "django.db.models.BigAutoField"
