from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnersConfig(AppConfig):
    name = "doorbraak.partners"
    label = "partners"
    verbose_name = _("Partners en gebruikers")

    def ready(self) -> None:
        """A login locked by django-axes is an audit line (`partners.lockout`); the login
        settings are checked (`partners.checks`)."""
        from axes.signals import user_locked_out

        from doorbraak.partners import checks  # noqa: F401 (registers the system checks)
        from doorbraak.partners.lockout import lockout_record

        user_locked_out.connect(lockout_record, dispatch_uid="audit-lockout")
