from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvaluationConfig(AppConfig):
    name = "doorbraak.evaluation"
    label = "evaluation"
    verbose_name = _("Effectevaluatie en onderzoek")
    default_auto_field = "django.db.models.BigAutoField"
