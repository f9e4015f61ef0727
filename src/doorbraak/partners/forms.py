from django import forms
from django.utils.translation import gettext_lazy as _

from doorbraak.partners.models import Sector


class PartnerAddForm(forms.Form):
    code = forms.CharField(
        label=_("Code"),
        max_length=80,
        help_text=_(
            "Vast en uniek: kleine letters, cijfers en streepjes, bijv. waterbedrijf-noord."
        ),
    )
    name = forms.CharField(label=_("Naam van de organisatie"), max_length=200)
    sector = forms.ChoiceField(label=_("Sector"), choices=Sector.choices)
    gemeente_code = forms.CharField(
        label=_("Gemeentecode van de vestiging (CBS, bijv. GM0047; mag leeg)"),
        max_length=6,
        required=False,
    )
