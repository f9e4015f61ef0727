"""Partner pages: the directory, adding a partner, a data steward's own organisation, and the
one-time page where a new steward chooses his password."""

from django.contrib import messages
from django.contrib.auth.forms import SetPasswordForm
from django.contrib.auth.views import PasswordResetConfirmView
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _

from doorbraak.core.audit import audit_record
from doorbraak.core.errors import ProblemsError, UserError
from doorbraak.core.models import AuditAction
from doorbraak.partners.access import Capability, requires, user_can
from doorbraak.partners.forms import PartnerAddForm
from doorbraak.partners.selectors import partners_by_sector
from doorbraak.partners.services import partner_add


@requires(Capability.VIEW_PARTNERS)
def partner_list_view(request: HttpRequest) -> HttpResponse:
    groups = partners_by_sector()
    total = sum(len(partners) for _, partners in groups)
    can_add = user_can(request.user, Capability.ADD_PARTNERS)
    return render(
        request, "partners/list.html", {"groups": groups, "total": total, "can_add": can_add}
    )


@requires(Capability.ADD_PARTNERS)
def partner_add_view(request: HttpRequest) -> HttpResponse:
    form = PartnerAddForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            partner = partner_add(**form.cleaned_data, actor=request.user, origin="web")
        except UserError as error:
            problems = error.problems if isinstance(error, ProblemsError) else [error.message]
            for problem in problems:
                form.add_error(None, str(problem))
        else:
            messages.success(
                request,
                _(
                    "%(name)s is toegevoegd. Volgende stappen: het account van de "
                    "gegevensbeheerder ('doorbraak partners steward %(code)s --gebruiker NAAM "
                    "--email ADRES') en de mapping; zie 'Van niets naar een eerste aanlevering' "
                    "in docs/intake.md."
                )
                % {"name": partner.name, "code": partner.code},
            )
            return redirect("partners:list")
    return render(request, "partners/add.html", {"form": form})


@requires(Capability.OWN_ORGANISATION)
def own_organisation_view(request: HttpRequest) -> HttpResponse:
    partner = request.user.partner  # type: ignore[union-attr]
    colleagues = partner.users.order_by("username") if partner else []
    return render(request, "partners/own.html", {"partner": partner, "colleagues": colleagues})


class PasswordSetView(PasswordResetConfirmView):
    """The link `doorbraak partners steward` prints: valid once, then the steward logs in.
    Django checks the token; a used or expired link shows a Dutch explanation."""

    template_name = "partners/password_set.html"
    reset_url_token = "kies"  # noqa: S105 (the path segment Django swaps the token for)
    success_url = reverse_lazy("web:login")

    def form_valid(self, form: SetPasswordForm) -> HttpResponse:
        response = super().form_valid(form)
        audit_record(
            actor=form.user,
            action=AuditAction.PARTNER_PASSWORD_SET,
            object_type="gebruiker",
            object_id=form.user.get_username(),
            result="gekozen",
            origin="web",
        )
        messages.success(self.request, _("Uw wachtwoord is ingesteld. U kunt nu inloggen."))
        return response
