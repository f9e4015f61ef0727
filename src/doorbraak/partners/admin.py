"""The admin (/beheer/) for partners and accounts, as the functional administrator uses it.

The administrator keeps configuration, partners and accounts, but never reaches case content
(ADR 0014): the account form has no superuser, staff, group or permission fields (rights follow
from the role, `accounts.account_role_apply`), no password field and no password page (a link
to choose one goes to the user, `accounts.reset_link_send`), and the e-mail address and user
name are fixed once the account exists (changing them would let the administrator receive that
link or log in through the organisation's provider as someone else). Nobody edits their own
role. Every change is in Django's admin log and so in the audit chain (`core.audit_hooks`).

The admin's own login page sends to the site's login, which has the second step.
"""

from typing import Any

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential

from doorbraak.core.errors import UserError
from doorbraak.partners import accounts, mfa
from doorbraak.partners.models import Partner, User

ACCOUNT_FIELDS = ("username", "email", "first_name", "last_name", "role", "partner")


def admin_login(request: HttpRequest, extra_context: Any = None) -> HttpResponse:
    """The admin's login page: the site's login (with its second step) instead."""
    if request.user.is_authenticated:
        raise PermissionDenied  # logged in, but not for the admin: no login loop
    return redirect_to_login(
        request.GET.get("next") or reverse("admin:index"), login_url=settings.LOGIN_URL
    )


admin.site.login = admin_login  # type: ignore[method-assign]


@admin.register(Partner)
class PartnerAdmin(admin.ModelAdmin[Partner]):
    list_display = ["name", "sector", "gemeente_code", "signal_source", "is_fictitious"]
    list_filter = ["sector", "is_fictitious"]
    search_fields = ["name", "code"]


class AccountAddForm(forms.ModelForm[User]):
    """A new account: who, which role, which partner; no password (a link is e-mailed)."""

    class Meta:
        model = User
        fields = ACCOUNT_FIELDS

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["email"].required = True
        self.fields["email"].help_text = _(
            "Het werkadres van de gebruiker: daarheen gaat de link om een wachtwoord te kiezen. "
            "Het is later niet te wijzigen."
        )
        self.fields["role"].required = True


class AccountChangeForm(forms.ModelForm[User]):
    class Meta:
        model = User
        fields = (*ACCOUNT_FIELDS, "is_active")


@admin.register(User)
class DoorbraakUserAdmin(UserAdmin):
    list_display = ["username", "role", "partner", "is_active", "last_login", "second_step"]
    list_filter = ["role", "partner__sector", "is_active"]
    form = AccountChangeForm
    add_form = AccountAddForm
    add_form_template = None  # Django's asks for a password first
    fieldsets = (
        (None, {"fields": ("username", "email", "first_name", "last_name")}),
        (gettext_lazy("Rol"), {"fields": ("role", "partner", "is_active")}),
        (gettext_lazy("Datums"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = ((None, {"fields": ACCOUNT_FIELDS}),)
    actions = ["reset_link_send", "second_step_reset"]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        fixed = ["last_login", "date_joined"]
        if obj is None:
            return fixed
        fixed += ["username", "email"]
        if obj.pk == request.user.pk:
            fixed += ["role", "partner", "is_active"]  # nobody changes their own rights
        return fixed

    @admin.display(description=gettext_lazy("tweede stap"), boolean=True)
    def second_step(self, obj: User) -> bool:
        return mfa.has_any_device(obj)

    def save_model(self, request: HttpRequest, obj: User, form: Any, change: bool) -> None:
        if not change:
            obj.set_unusable_password()
        super().save_model(request, obj, form, change)
        accounts.account_role_apply(obj)
        if not change:
            self._link_send(request, obj)

    def user_change_password(self, request: HttpRequest, id: str, form_url: str = "") -> Any:
        """Nobody sets another user's password here: a link goes to the user instead."""
        raise PermissionDenied

    @admin.action(
        description=gettext_lazy("Stuur een link om een nieuw wachtwoord te kiezen"),
        permissions=["change"],
    )
    def reset_link_send(self, request: HttpRequest, queryset: QuerySet[User]) -> None:
        for user in queryset:
            self._link_send(request, user)

    @admin.action(
        description=gettext_lazy("Laat de tweede stap opnieuw instellen (telefoon kwijt)"),
        permissions=["change"],
    )
    def second_step_reset(self, request: HttpRequest, queryset: QuerySet[User]) -> None:
        for user in queryset:
            accounts.second_step_reset(user=user, actor=request.user)
        messages.success(
            request,
            _(
                "Bij de volgende keer inloggen stellen deze gebruikers, na hun eigen "
                "wachtwoord, een nieuwe app in."
            ),
        )

    def _link_send(self, request: HttpRequest, user: User) -> None:
        try:
            accounts.reset_link_send(user=user, request=request)
        except UserError as error:
            messages.warning(request, error.message)
        else:
            messages.success(
                request,
                _("Link om een wachtwoord te kiezen verstuurd naar %(email)s.")
                % {"email": user.email},
            )


if admin.site.is_registered(TOTPDevice):  # django-otp's own shows the secret as a QR code
    admin.site.unregister(TOTPDevice)


@admin.register(TOTPDevice)
class SecondStepDeviceAdmin(admin.ModelAdmin[TOTPDevice]):
    """Which accounts have set up an app, never its secret."""

    list_display = ["user", "name", "confirmed", "created_at", "last_used_at"]
    list_filter = ["confirmed"]
    fields = readonly_fields = ("user", "name", "confirmed", "created_at", "last_used_at")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(WebAuthnCredential)
class SecurityKeyAdmin(admin.ModelAdmin[WebAuthnCredential]):
    """Which accounts have registered a security key; read only, unlike the library's own
    (unregistered) admin class, where a key could be given another owner. A lost key goes
    through the user's 'tweede stap opnieuw instellen'."""

    list_display = ["user", "confirmed", "created_at", "last_used_at"]
    list_filter = ["confirmed"]
    fields = readonly_fields = ("user", "confirmed", "created_at", "last_used_at")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
