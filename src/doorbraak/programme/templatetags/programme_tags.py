"""Template helpers to show targets in Dutch ("streefwaarde nog niet vastgesteld")."""

from decimal import Decimal

from django import template
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from doorbraak.programme import models as m
from doorbraak.programme.selectors import region_target

register = template.Library()


def _number(value: Decimal) -> str:
    decimals = 0 if value == value.to_integral() else 1
    return number_format(value, decimal_pos=decimals, use_l10n=True, force_grouping=True)


@register.simple_tag
def target_text(indicator: m.Indicator) -> str:
    target = region_target(indicator)
    if target is None or target.value is None:
        return _("streefwaarde nog niet vastgesteld")
    unit = "%" if indicator.unit == "%" else f" {indicator.unit}"
    return _("streefwaarde %(value)s%(unit)s in %(year)s") % {
        "value": _number(target.value),
        "unit": unit,
        "year": target.horizon,
    }


@register.filter
def region_target_of(indicator: m.Indicator) -> m.Target | None:
    return region_target(indicator)


@register.filter
def figure_of(published: object, code: str) -> object:
    """The published figure of `code` in a page's `published` mapping (the public home page
    passes one); None where the page has none."""
    return published.get(code) if isinstance(published, dict) else None
