from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "doorbraak.core"
    label = "core"
    verbose_name = "Basis"

    def ready(self) -> None:
        """Failed logins and admin actions go into the audit chain (`core.audit_hooks`)."""
        from django.contrib import admin
        from django.contrib.admin.models import LogEntry
        from django.contrib.auth.signals import user_login_failed
        from django.db.models.signals import post_save

        from doorbraak.core import audit_hooks

        user_login_failed.connect(audit_hooks.login_failed_record, dispatch_uid="audit-login")
        post_save.connect(
            audit_hooks.admin_entry_record, sender=LogEntry, dispatch_uid="audit-admin"
        )
        admin.site.add_action(audit_hooks.delete_selected_audited, "delete_selected")
