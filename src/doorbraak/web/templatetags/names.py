"""`{{ code|area_name }}`: an area by the name people know ('Musselkanaal Centrum'), not its
CBS code ('BU00370200'). A code of no area in the register's division reads "onbekende
buurt"; no code at all stays "?"."""

from django import template
from django.utils.translation import gettext as _

from doorbraak.areas.models import Area

register = template.Library()


@register.filter
def area_name(code: object) -> str:
    if not code:
        return "?"
    name = Area.objects.filter(code=str(code)).order_by("-vintage").values_list("name", flat=True)
    found = name.first()
    return found if found is not None else _("onbekende buurt")
