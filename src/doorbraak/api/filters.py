"""Query parameters of the API: read, checked, and refused in Dutch (400) when wrong.

Names are lowercase kebab-case (`area-level`, `page-size`); an unknown parameter is an error,
so a typo never silently returns every cell.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace

from django.utils.translation import gettext as _

from doorbraak.api.selectors import ValueQuery, area_exists
from doorbraak.core.errors import UserError
from doorbraak.core.periods import period_parse
from doorbraak.monitor.compiler import LEVELS
from doorbraak.monitor.definitions.vocabulary import AREA_LEVELS, BREAKDOWNS
from doorbraak.monitor.gated import TOTAL
from doorbraak.monitor.grouping_levels import GROUPING_LEVELS, group_area, is_grouping_level

VALUE_PARAMETERS = ("period", "area-level", "area", "breakdown")
PAGE_PARAMETERS = ("page", "page-size")
EXPORT_PARAMETERS = ("indicator", *VALUE_PARAMETERS)
PAGE_SIZE = 100
PAGE_SIZE_MAX = 1000
TOTAL_WORD = "total"  # ?breakdown=total: only the totals


def refuse_unknown(params: Mapping[str, str], allowed: Iterable[str]) -> None:
    allowed = tuple(allowed)
    unknown = sorted(set(params) - set(allowed))
    if unknown:
        raise UserError(
            "onbekende-parameter",
            _("Onbekende parameter: %(names)s. Mogelijk: %(allowed)s.")
            % {"names": ", ".join(unknown), "allowed": ", ".join(allowed) or "-"},
        )


def _one(params: Mapping[str, str], name: str) -> str | None:
    text = params.get(name)
    if text is None:
        return None
    text = text.strip()
    if not text:
        raise UserError("lege-parameter", _("De parameter %(name)s is leeg.") % {"name": name})
    return text


def _level(text: str | None) -> str | None:
    """An area level: the hierarchy's, or a grouping's (dorp, experiment; ADR 0042)."""
    levels = (*LEVELS, *GROUPING_LEVELS)
    if text is not None and text not in levels:
        raise UserError(
            "onbekend-niveau",
            _("Onbekend gebiedsniveau '%(level)s'. Mogelijk: %(levels)s.")
            % {"level": text, "levels": ", ".join(levels)},
        )
    return text


def _grouping_query(query: ValueQuery) -> ValueQuery:
    """A dorp or experiment area asked for by its code is asked at its level; such a level has
    no further breakdown (its values are the region's breakdown cells already)."""
    level = query.level
    if level is None and query.area is not None:
        group = group_area(query.area)
        level = group.level if group is not None else None
    if not is_grouping_level(level):
        return query
    if query.breakdown:
        raise UserError(
            "uitsplitsing-niet-toegestaan",
            _("Een %(level)s heeft geen verdere uitsplitsing. Mogelijk: %(allowed)s.")
            % {"level": level, "allowed": TOTAL_WORD},
        )
    return replace(query, level=level, breakdown=TOTAL)


def _area(text: str | None) -> str | None:
    if text is not None and not area_exists(text):
        raise UserError(
            "onbekend-gebied",
            _("Onbekend gebied '%(area)s'. De codes staan op /api/v1/areas.") % {"area": text},
        )
    return text


def _breakdown(text: str | None, allowed: Iterable[str]) -> str | None:
    if text is None:
        return None
    if text == TOTAL_WORD:
        return TOTAL
    allowed = tuple(allowed)
    if text not in allowed:
        raise UserError(
            "onbekende-uitsplitsing",
            _("Onbekende uitsplitsing '%(breakdown)s'. Mogelijk: %(allowed)s.")
            % {"breakdown": text, "allowed": ", ".join((TOTAL_WORD, *allowed))},
        )
    return text


def level_of(params: Mapping[str, str]) -> str | None:
    refuse_unknown(params, ("area-level",))
    return _level(_one(params, "area-level"))


def value_query(
    params: Mapping[str, str],
    *,
    codes: tuple[str, ...] | None,
    breakdowns: Iterable[str] = (),
) -> ValueQuery:
    """The cells asked for; `breakdowns` are the dimensions the indicator(s) allow."""
    period = _one(params, "period")
    query = ValueQuery(
        codes=codes,
        period=period_parse(period).identifier if period is not None else None,
        level=_level(_one(params, "area-level")),
        area=_area(_one(params, "area")),
        breakdown=_breakdown(_one(params, "breakdown"), breakdowns),
    )
    return _grouping_query(query)


def export_breakdowns() -> tuple[str, ...]:
    """Every breakdown dimension that is not an area level of the hierarchy."""
    return tuple(b for b in BREAKDOWNS if b not in AREA_LEVELS)


def _positive(params: Mapping[str, str], name: str, default: int, most: int) -> int:
    text = _one(params, name)
    if text is None:
        return default
    # ASCII digits only ('²'.isdigit() is True, int('²') fails), and no more of them than the
    # largest allowed value has (int() refuses 4,300 digits and more)
    if not (text.isascii() and text.isdigit() and len(text) <= len(str(most))) or not (
        1 <= int(text) <= most
    ):
        raise UserError(
            "ongeldige-pagina",
            _("%(name)s moet een geheel getal zijn van 1 tot en met %(most)s.")
            % {"name": name, "most": most},
        )
    return int(text)


@dataclass(frozen=True)
class PageRequest:
    number: int
    size: int

    @property
    def offset(self) -> int:
        return (self.number - 1) * self.size


def page_of(params: Mapping[str, str]) -> PageRequest:
    return PageRequest(
        number=_positive(params, "page", 1, 10**9),
        size=_positive(params, "page-size", PAGE_SIZE, PAGE_SIZE_MAX),
    )
