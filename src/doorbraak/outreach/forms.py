"""The outreach forms: what the worker types, checked before a service sees it. Choices are
the GGM's own code lists (`ggm`)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from doorbraak.outreach import ggm
from doorbraak.partners.models import Partner, Role, Sector, User

SIGNALLING = [Sector.WONEN, Sector.ENERGIE, Sector.WATER, Sector.ZORGVERZEKERAAR]

DATE = forms.DateInput({"type": "date"})


def _choices(values: tuple[str, ...], *, empty: bool = False) -> list[tuple[str, str]]:
    first = [("", "—")] if empty else []
    return first + [(value, value) for value in values]


class SignalForm(forms.Form):
    partner_type = forms.ChoiceField(
        label=_("Soort signaalpartner"), choices=_choices(ggm.SIGNAALPARTNER)
    )
    partner = forms.ModelChoiceField(
        label=_("Signaalpartner (organisatie, als die partner is)"),
        queryset=Partner.objects.filter(sector__in=SIGNALLING),
        required=False,
        empty_label="—",
    )
    record_key = forms.CharField(label=_("Kenmerk van de signaalpartner"), max_length=80)
    signal_date = forms.DateField(label=_("Signaaldatum"), widget=DATE)
    amount = forms.IntegerField(label=_("Bedrag (hele euro's)"), min_value=0, required=False)
    origin_date = forms.DateField(label=_("Ontstaansdatum"), widget=DATE, required=False)
    bsn = forms.CharField(label=_("BSN"), max_length=12, required=False)
    name = forms.CharField(label=_("Naam (uit de BRP)"), max_length=200, required=False)
    birth_date = forms.DateField(label=_("Geboortedatum"), widget=DATE, required=False)
    postcode = forms.CharField(label=_("Postcode"), max_length=7, required=False)
    house_number = forms.CharField(label=_("Huisnummer"), max_length=5, required=False)
    house_number_addition = forms.CharField(label=_("Toevoeging"), max_length=4, required=False)
    children = forms.IntegerField(
        label=_("Kinderen in het huishouden (uit de BRP)"), min_value=0, required=False
    )
    crisis = forms.BooleanField(label=_("Crisissignaal"), required=False)
    warm_handover = forms.BooleanField(label=_("Warme overdracht"), required=False)


class TakeUpForm(forms.Form):
    on = forms.DateField(label=_("Opgepakt op"), widget=DATE)


class AttemptForm(forms.Form):
    kind = forms.ChoiceField(label=_("Soort contact"), choices=_choices(ggm.CONTACTSOORT))
    on = forms.DateField(label=_("Datum"), widget=DATE)
    part_of_day = forms.ChoiceField(
        label=_("Dagdeel"), choices=_choices(ggm.DAGDEEL, empty=True), required=False
    )
    reached = forms.BooleanField(label=_("Bereikt"), required=False)


class CloseForm(forms.Form):
    result = forms.ChoiceField(label=_("Eindresultaat"), choices=_choices(ggm.EINDRESULTAAT))
    reason = forms.CharField(
        label=_("Reden (alleen voor de gemeente zelf)"),
        help_text=_(
            "Bij 'Niet opgepakt: andere reden'. De signaalpartner hoort alleen dát het signaal "
            "niet is opgepakt, nooit waarom."
        ),
        max_length=500,
        required=False,
        widget=forms.Textarea,
    )


class ReferralForm(forms.Form):
    partner = forms.ModelChoiceField(
        label=_("Naar partner"), queryset=Partner.objects.exclude(sector__in=SIGNALLING)
    )
    professional = forms.ModelChoiceField(
        label=_("Naar professional (als u die kent)"),
        queryset=User.objects.filter(role=Role.PROFESSIONAL, is_active=True),
        required=False,
        empty_label="—",
    )
    consent_on = forms.DateField(label=_("Toestemming van het huishouden gegeven op"), widget=DATE)
    consent_scope = forms.CharField(
        label=_("Waarvoor gaf het huishouden toestemming?"), max_length=300
    )


class ReferralAddressForm(forms.Form):
    """The address for the household registered from a referral: postcode and house number
    come from the signals, street and city she adds when she knows them."""

    street = forms.CharField(label=_("Straat"), max_length=200, required=False)
    house_number = forms.CharField(
        label=_("Huisnummer en toevoeging"), max_length=20, required=False
    )
    postcode = forms.CharField(label=_("Postcode"), max_length=7, required=False)
    city = forms.CharField(label=_("Woonplaats"), max_length=100, required=False)
