"""The programme team's forms for the learning network's register and the experiments (Dutch).

Each plain record has a model form (`ACTIVITY_FORMS`, by the name in its address); a session,
a training and an experiment have their own, for what they record beside the record itself.
"""

from typing import Any

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

from doorbraak.areas.models import Area, AreaGroup, AreaGroupKind, AreaLevel
from doorbraak.learning import models as m
from doorbraak.partners.models import Partner

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _partners() -> Any:
    return Partner.objects.order_by("name")


class SessionForm(forms.ModelForm):
    partners = forms.ModelMultipleChoiceField(
        label=_("Deelnemende organisaties"),
        queryset=Partner.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    experts = forms.CharField(
        label=_("Deelnemende ervaringsdeskundigen (codes)"),
        help_text=_(
            "De codes die het programmateam uitgeeft, gescheiden door spaties of komma's "
            "(bijvoorbeeld ED-01 ED-02). Nooit een naam."
        ),
        required=False,
        max_length=1000,
    )
    knowledge_forms = forms.MultipleChoiceField(
        label=_("Ingebrachte vormen van kennis"),
        choices=m.KnowledgeForm.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = m.Session
        fields = ["title", "held_on", "agenda", "professionals", "residents", "lessons"]
        widgets = {"held_on": DATE}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["partners"].queryset = _partners()  # type: ignore[attr-defined]
        self.fields["agenda"].label = _("Hoort bij leeragenda (optioneel)")
        if self.instance.pk:
            self.initial["partners"] = [p.partner_id for p in self.instance.partners.all()]
            self.initial["experts"] = " ".join(e.expert.code for e in self.instance.experts.all())
            self.initial["knowledge_forms"] = [k.form for k in self.instance.knowledge.all()]

    def expert_codes(self) -> list[str]:
        text = self.cleaned_data.get("experts") or ""
        return [code for code in text.replace(",", " ").split() if code]


class TrainingForm(forms.ModelForm):
    class Meta:
        model = m.Training
        fields = ["title", "completed_on", "bejegening", "via"]
        widgets = {"completed_on": DATE}


class TrainedForm(forms.Form):
    """Per partner: how many of its professionals completed the training."""

    partner = forms.ModelChoiceField(label=_("Partner"), queryset=Partner.objects.none())
    number = forms.IntegerField(label=_("Aantal professionals"), min_value=1, max_value=10_000)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["partner"].queryset = _partners()  # type: ignore[attr-defined]


TrainedFormSet = forms.formset_factory(TrainedForm, extra=3)


def _form_field(field: Any, **kwargs: Any) -> Any:
    """Links without a scheme are read as https (Django 6's default)."""
    if isinstance(field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return field.formfield(**kwargs)


def _model_form(model: type[Any], fields: list[str], dates: tuple[str, ...]) -> type[Any]:
    widgets: dict[str, Any] = {name: DATE for name in dates}
    return forms.modelform_factory(
        model, fields=fields, widgets=widgets, formfield_callback=_form_field
    )


# address name -> (form, Dutch title of the page, the record's model)
ACTIVITY_FORMS: dict[str, tuple[type[Any], Any]] = {
    "leeragenda": (
        _model_form(m.LearningAgenda, ["title", "adopted_on", "questions"], ("adopted_on",)),
        _("Leeragenda vastleggen"),
    ),
    "conferentie": (
        _model_form(m.Conference, ["title", "held_on", "participants"], ("held_on",)),
        _("Conferentie vastleggen"),
    ),
    "publicatie": (
        _model_form(m.Publication, ["title", "kind", "published_on", "url"], ("published_on",)),
        _("Publicatie vastleggen"),
    ),
    "kennisontwikkellijn": (
        _model_form(m.KnowledgeSupport, ["partner", "started_on", "description"], ("started_on",)),
        _("Ondersteuning bij een kennisontwikkellijn vastleggen"),
    ),
    "aanbesteding": (
        _model_form(
            m.Procurement,
            ["title", "partner", "awarded_on", "long_term", "poverty_conditions"],
            ("awarded_on",),
        ),
        _("Aanbesteding vastleggen"),
    ),
    "verbinding": (
        _model_form(
            m.Commitment, ["partner", "committed_on", "ended_on"], ("committed_on", "ended_on")
        ),
        _("Verbinding van een partner aan het plan vastleggen"),
    ),
}


class InterventionForm(forms.ModelForm):
    databank_url = forms.URLField(
        label=_("Link naar de Databank Effectieve sociale interventies"),
        required=False,
        assume_scheme="https",
    )

    class Meta:
        model = m.Intervention
        fields = ["code", "name", "description", "databank_url"]


class ExperimentForm(forms.ModelForm):
    area = forms.ModelChoiceField(
        label=_("Gebied (gemeente, wijk of buurt)"),
        queryset=Area.objects.none(),
        required=False,
    )
    dorp = forms.ModelChoiceField(
        label=_("Of: dorp"), queryset=AreaGroup.objects.none(), required=False
    )
    interventions = forms.ModelMultipleChoiceField(
        label=_("Cocktail van interventies"),
        queryset=m.Intervention.objects.all(),
        widget=forms.CheckboxSelectMultiple,
    )
    comparison_areas = forms.ModelMultipleChoiceField(
        label=_("Vergelijkingsgebieden"),
        queryset=Area.objects.none(),
        required=False,
    )

    class Meta:
        model = m.Experiment
        fields = [
            "code", "name", "area", "dorp", "started_on", "ended_on", "status", "summary",
            "knowledge", "designed_with",
        ]  # fmt: skip
        widgets = {"started_on": DATE, "ended_on": DATE}
        help_texts = {
            "knowledge": _("Op welk onderzoek, welke praktijkervaring of ervaringsdeskundigheid "
                           "het experiment voortbouwt (E6)."),
            "designed_with": _("Met welke inwoners of groepen het experiment is ontworpen."),
            "summary": _("In eenvoudige taal (B1): wat er in het dorp of de wijk gebeurt. "
                         "Staat op de openbare pagina van het experiment."),
        }  # fmt: skip

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        places = Area.objects.exclude(level=AreaLevel.REGION).order_by("level", "name")
        self.fields["area"].queryset = places  # type: ignore[attr-defined]
        self.fields["comparison_areas"].queryset = places  # type: ignore[attr-defined]
        dorpen = AreaGroup.objects.filter(kind=AreaGroupKind.DORP).order_by("name")
        self.fields["dorp"].queryset = dorpen  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if bool(data.get("area")) == bool(data.get("dorp")):
            raise forms.ValidationError(
                _("Kies een gebied of een dorp (één van beide)."), code="experiment-gebied"
            )
        end, start = data.get("ended_on"), data.get("started_on")
        if end and start and end <= start:
            self.add_error("ended_on", _("Het einde ligt na de start."))
        return data
