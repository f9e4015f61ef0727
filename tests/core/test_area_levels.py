"""One area-level type: the stored, the published and the Dutch name of each level agree."""

from doorbraak.areas.models import AreaLevel as AreaChoices
from doorbraak.core.area_levels import MONITOR_LEVEL_NAMES, AreaLevel


def test_the_region_is_stored_in_dutch_and_published_in_english() -> None:
    assert AreaLevel.from_stored("regio") is AreaLevel.REGION
    assert AreaLevel.from_api("region").stored == "regio"
    assert MONITOR_LEVEL_NAMES == ("region", "gemeente", "wijk")


def test_the_model_choices_are_the_levels() -> None:
    assert [value for value, _ in AreaChoices.choices] == [level.stored for level in AreaLevel]
