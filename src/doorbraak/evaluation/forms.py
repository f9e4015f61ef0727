"""Forms of the evaluation pages (Dutch labels)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from doorbraak.evaluation.models import EvaluationDecision
from doorbraak.evaluation.selectors import TARGETS

METHOD_CHOICES = [
    ("", _("verschil in verschillen (experimentgebieden)")),
    ("synth", _("synthetische controle (één experimentgebied)")),
    ("matching", _("matching (deelnemers aan het experiment)")),
]


class EstimateForm(forms.Form):
    experiment = forms.ChoiceField(label=_("Experiment"))
    target = forms.ChoiceField(label=_("Uitkomst"), choices=[(t, t) for t in TARGETS])
    method = forms.ChoiceField(label=_("Methode"), choices=METHOD_CHOICES, required=False)

    def __init__(self, *args: Any, experiments: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["experiment"].choices = experiments  # type: ignore[attr-defined]


class ExtractRequestForm(EstimateForm):
    method = None  # type: ignore[assignment]  # an extract is data, not an estimate
    question = forms.CharField(label=_("Onderzoeksvraag"), widget=forms.Textarea(attrs={"rows": 3}))
    target = forms.MultipleChoiceField(
        label=_("Variabelen"),
        choices=[(t, t) for t in TARGETS],
        widget=forms.CheckboxSelectMultiple,
    )
    period_start = forms.DateField(label=_("Periode vanaf (jjjj-mm-dd)"))
    period_end = forms.DateField(label=_("Periode tot en met (jjjj-mm-dd)"))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if (
            data.get("period_start")
            and data.get("period_end")
            and data["period_end"] < data["period_start"]
        ):
            self.add_error("period_end", _("Het einde ligt voor het begin van de periode."))
        return data


class DecisionForm(EstimateForm):
    method = None  # type: ignore[assignment]  # a decision rests on the did estimate
    decision = forms.ChoiceField(label=_("Besluit"), choices=EvaluationDecision.Choice.choices)
    note = forms.CharField(
        label=_("Toelichting"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
