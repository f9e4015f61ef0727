"""The capitals and the instrument casework works with: the five capitals of the programme's
current plan (`programme`), and the configured instrument's scale (`DOORBRAAK_CASEWORK_INSTRUMENT`,
its level texts from the register's instruments configuration). Both are configuration, not
case data."""

from dataclasses import dataclass

from django.conf import settings

from doorbraak.core.errors import UserError
from doorbraak.programme.selectors import plan_version_current
from doorbraak.register.instruments import instrument_levels


@dataclass(frozen=True)
class CapitalChoice:
    code: str
    name: str


@dataclass(frozen=True)
class InstrumentScale:
    code: str
    version: str
    levels: dict[str, str]  # "1" .. "5" → the level's Dutch text

    def label(self, level: int) -> str:
        return f"{level}: {self.levels.get(str(level), '')}"


def capitals() -> list[CapitalChoice]:
    """The capitals of the programme's current plan, in its order (none before a plan is
    loaded)."""
    version = plan_version_current()
    if version is None:
        return []
    return [CapitalChoice(c.code, c.name) for c in version.capitals.all()]


def capital_names() -> dict[str, str]:
    return {c.code: c.name for c in capitals()}


def instrument() -> InstrumentScale:
    """The configured instrument; a UserError with a stable code when the setting names none
    that is configured."""
    code, _sep, version = settings.CASEWORK_INSTRUMENT.partition(":")
    levels = instrument_levels(code.strip(), version.strip())
    if levels is None:
        raise UserError(
            "werkzone-instrument-onbekend",
            f"DOORBRAAK_CASEWORK_INSTRUMENT noemt '{settings.CASEWORK_INSTRUMENT}', maar dat "
            "instrument (code:versie) staat niet in register/data/instruments.yaml.",
        )
    return InstrumentScale(code.strip(), version.strip(), levels)
