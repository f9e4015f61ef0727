"""`{{ value|number_nl }}`: a figure as every page shows it, by the one rounding rule of
`doorbraak.core.numbers` (the chart, the downloads and the API use the same rule), written
the Dutch way: 171.288, 92,9, 0,040. A value that is not a number is shown as it is."""

from decimal import Decimal

from django import template

from doorbraak.core.numbers import nl

register = template.Library()


@register.filter
def number_nl(value: object) -> object:
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        return value
    return nl(value)
