"""The work zone's forms: what a professional types, checked before a service sees it."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from doorbraak.casework.models import LegalGround
from doorbraak.partners.models import Partner, Role, User


class MemberForm(forms.Form):
    name = forms.CharField(label=_("Naam"), max_length=200)
    birth_date = forms.DateField(label=_("Geboortedatum"), widget=forms.DateInput({"type": "date"}))
    bsn = forms.CharField(label=_("BSN (als het er is)"), max_length=12, required=False)
    phone = forms.CharField(label=_("Telefoon"), max_length=40, required=False)
    email = forms.EmailField(label=_("E-mail"), max_length=200, required=False)


MemberFormSet = forms.formset_factory(MemberForm, extra=4, max_num=12, min_num=1)


class GroundForm(forms.Form):
    ground_kind = forms.ChoiceField(label=_("Grondslag"), choices=LegalGround.Kind.choices)
    ground_given_on = forms.DateField(
        label=_("Datum van de toestemming of het besluit"),
        widget=forms.DateInput({"type": "date"}),
    )
    ground_scope = forms.CharField(
        label=_("Waarvoor gaf het huishouden toestemming?"), max_length=300, required=False
    )
    ground_article = forms.CharField(
        label=_("Wetsartikel (bij een wettelijke taak)"), max_length=200, required=False
    )


class HouseholdForm(GroundForm):
    street = forms.CharField(label=_("Straat"), max_length=200, required=False)
    house_number = forms.CharField(
        label=_("Huisnummer en toevoeging"), max_length=20, required=False
    )
    postcode = forms.CharField(label=_("Postcode"), max_length=7, required=False)
    city = forms.CharField(label=_("Woonplaats"), max_length=100, required=False)


def _professionals() -> Any:
    return User.objects.filter(role=Role.PROFESSIONAL, is_active=True).select_related("partner")


class ProfessionalChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        name = obj.get_full_name() or obj.get_username()
        return f"{name} ({obj.partner.name})" if obj.partner else name


class HandoverForm(forms.Form):
    to = ProfessionalChoiceField(label=_("Nieuwe regisseur"), queryset=User.objects.none())
    on = forms.DateField(label=_("Datum"), widget=forms.DateInput({"type": "date"}))
    note = forms.CharField(
        label=_("Toelichting voor de nieuwe regisseur"), widget=forms.Textarea, required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["to"].queryset = _professionals()  # type: ignore[attr-defined]


class ParticipantForm(forms.Form):
    professional = ProfessionalChoiceField(label=_("Professional"), queryset=User.objects.none())

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["professional"].queryset = _professionals()  # type: ignore[attr-defined]


class ConsentForm(forms.Form):
    partner = forms.ModelChoiceField(label=_("Partner"), queryset=Partner.objects.all())


class BreakGlassForm(forms.Form):
    reason = forms.CharField(
        label=_("Waarom neemt u waar?"),
        max_length=300,
        widget=forms.Textarea,
        help_text=_(
            "De regisseur en het huishouden zien de reden; het auditlog legt vast dat u "
            "het huishouden opende."
        ),
    )


class FindForm(forms.Form):
    bsn = forms.CharField(label=_("BSN"), max_length=12, required=False)
    name = forms.CharField(label=_("Naam"), max_length=200, required=False)
    birth_date = forms.DateField(
        label=_("Geboortedatum"), required=False, widget=forms.DateInput({"type": "date"})
    )


class CommentForm(forms.Form):
    """The household's remark or request for a correction, on its own page."""

    kind = forms.ChoiceField(
        label=_("Wat wilt u doen?"),
        choices=[
            ("opmerking", _("Iets zeggen of vragen")),
            ("correctie", _("Iets laten verbeteren dat niet klopt")),
        ],
        initial="opmerking",
        widget=forms.RadioSelect,
    )
    text = forms.CharField(
        label=_("Uw bericht"),
        max_length=2000,
        widget=forms.Textarea,
        help_text=_("Uw contactpersoon leest dit. Schrijf bij een verbetering wat er niet klopt."),
        error_messages={"required": _("Schrijf eerst wat u wilt zeggen.")},
    )


class HouseholdLoginForm(forms.Form):
    username = forms.CharField(
        label=_("Gebruikersnaam van de inlog van het huishouden"),
        max_length=150,
        help_text=_("De beheerder maakt de inlog aan met de rol huishouden; u koppelt hem hier."),
    )


class WorkPhoneForm(forms.Form):
    phone = forms.CharField(
        label=_("Telefoonnummer waarop huishoudens u bellen"), max_length=40, required=False
    )
