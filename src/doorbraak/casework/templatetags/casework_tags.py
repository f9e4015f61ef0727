"""Template filters for the work zone's pages."""

from collections.abc import Mapping
from typing import Any

from django import template

register = template.Library()


@register.filter
def get_item(mapping: Mapping[str, Any], key: str) -> Any:
    """`{{ names|get_item:code }}`: a dict's value by a variable key ('' when absent)."""
    return mapping.get(key, "") if mapping else ""
