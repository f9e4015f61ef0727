"""Forms for the plan, contact moments and capital readings: what a professional types,
checked before `plans` sees it. The capitals and the instrument's levels are configuration,
so the fields per capital are made when a form is made."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from doorbraak.casework.capitals import CapitalChoice, InstrumentScale
from doorbraak.casework.forms import ProfessionalChoiceField
from doorbraak.casework.models import (
    CaseHousehold,
    ContactMoment,
    PlanAction,
    PlanAgreement,
    PlanGoal,
)
from doorbraak.partners.models import Partner, Role, User

DATE = forms.DateInput({"type": "date"})


class PlanForm(forms.Form):
    talents = forms.CharField(
        label=_("Talenten en wat goed gaat"), widget=forms.Textarea, required=False
    )
    first = forms.CharField(label=_("Wat komt eerst?"), widget=forms.Textarea, required=False)
    review_on = forms.DateField(label=_("Samen bespreken op"), widget=DATE, required=False)
    aftercare = forms.CharField(
        label=_("Nazorg: wat blijft er na afloop?"), widget=forms.Textarea, required=False
    )

    def __init__(self, *args: Any, capitals: list[CapitalChoice], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.capitals = capitals
        for capital in capitals:
            self.fields[f"doel_{capital.code}"] = forms.CharField(
                label=_("Doel voor %(name)s, in eigen woorden") % {"name": capital.name.lower()},
                widget=forms.Textarea,
                required=False,
            )
            self.fields[f"stand_{capital.code}"] = forms.ChoiceField(
                label=_("Stand van het doel voor %(name)s") % {"name": capital.name.lower()},
                choices=PlanGoal.Status.choices,
                initial=PlanGoal.Status.ONGOING,
                required=False,  # not sent (an older form): the goal is ongoing
            )

    def goal_fields(self) -> list[Any]:
        """Per capital the goal's text and its status, in that order."""
        return [self[f"{kind}_{c.code}"] for c in self.capitals for kind in ("doel", "stand")]

    def goal_status(self, code: str) -> str:
        return str(self.cleaned_data.get(f"stand_{code}") or PlanGoal.Status.ONGOING)

    def plain_fields(self) -> list[Any]:
        return [self[name] for name in ("talents", "first", "review_on", "aftercare")]


class ActionForm(forms.Form):
    what = forms.CharField(
        label=_("Wat gebeurt er?"),
        max_length=500,
        required=False,
        help_text=_("Laat leeg om de actie te schrappen."),
    )
    who = forms.ChoiceField(label=_("Wie doet het?"), choices=PlanAction.Who.choices)
    partner = forms.ModelChoiceField(
        label=_("Partner (als een partner het doet)"),
        queryset=Partner.objects.all(),
        required=False,
    )
    professional = ProfessionalChoiceField(
        label=_("Professional (als een professional het doet)"),
        queryset=User.objects.none(),
        required=False,
    )
    capital = forms.ChoiceField(label=_("Bij welke kapitaalvorm?"), required=False)
    due_on = forms.DateField(label=_("Uiterlijk op"), widget=DATE, required=False)
    status = forms.ChoiceField(label=_("Stand"), choices=PlanAction.Status.choices)

    def __init__(self, *args: Any, capitals: list[CapitalChoice], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["professional"].queryset = User.objects.filter(  # type: ignore[attr-defined]
            role=Role.PROFESSIONAL, is_active=True
        ).select_related("partner")
        self.fields["capital"].choices = [  # type: ignore[attr-defined]
            ("", _("geen")),
            *((c.code, c.name) for c in capitals),
        ]


ActionFormSet = forms.formset_factory(ActionForm, extra=1, max_num=30)


class AgreementForm(forms.Form):
    on = forms.DateField(label=_("Datum van het akkoord"), widget=DATE)
    how = forms.ChoiceField(
        label=_("Hoe gaf het huishouden akkoord?"), choices=PlanAgreement.How.choices
    )


class ContactForm(forms.Form):
    on = forms.DateField(label=_("Datum van het contact"), widget=DATE)
    kind = forms.ChoiceField(label=_("Soort contact"), choices=ContactMoment.Kind.choices)
    reached = forms.TypedChoiceField(
        label=_("Bereikt?"),
        choices=[("ja", _("ja, we spraken elkaar")), ("nee", _("nee, niet bereikt"))],
        coerce=lambda value: value == "ja",
    )
    note = forms.CharField(label=_("Notitie"), widget=forms.Textarea, required=False)


class ReadingForm(forms.Form):
    member = forms.ModelChoiceField(label=_("Over wie?"), queryset=CaseHousehold.objects.none())
    on = forms.DateField(label=_("Datum van de meting"), widget=DATE)

    def __init__(
        self,
        *args: Any,
        household: CaseHousehold,
        capitals: list[CapitalChoice],
        scale: InstrumentScale,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.capitals = capitals
        members = self.fields["member"]
        members.queryset = household.members.all()  # type: ignore[attr-defined]
        members.label_from_instance = lambda member: member.name  # type: ignore[attr-defined]
        levels = [
            ("", _("niet gemeten")),
            *((n, scale.label(int(n))) for n in sorted(scale.levels)),
        ]
        for capital in capitals:
            self.fields[f"niveau_{capital.code}"] = forms.TypedChoiceField(
                label=capital.name,
                choices=levels,
                coerce=int,
                empty_value=None,
                required=False,
            )

    def levels(self) -> dict[str, int | None]:
        return {c.code: self.cleaned_data.get(f"niveau_{c.code}") for c in self.capitals}
