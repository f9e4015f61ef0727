"""Which dataset a file is: `doorbraak pseudonymise` (at the partner) and the intake choose
with one function, `sources.mapping.dataset_choose`."""

from pathlib import Path

import pytest
import yaml

from doorbraak.core.errors import UserError
from doorbraak.intake.mappings import mapping_for_file, mapping_store, mappings_load
from doorbraak.partners.models import Partner
from doorbraak.sources.mapping import dataset_choose, mapping_load

FILES = {"signalen": ("signalen-2024.csv",), "plannen": ("plannen-2024.csv",), "plan": ()}


@pytest.mark.parametrize(
    ("file_name", "requested", "chosen"),
    [
        ("anders.csv", "plannen", "plannen"),  # asked for
        ("Signalen-2024.CSV", None, "signalen"),  # declared file, any case
        ("signalen_2025.xlsx", None, "signalen"),  # name starts the file name
        ("plan-2025.csv", None, "plan"),
        ("plannen 2025.csv", None, "plannen"),  # the longest name that fits
    ],
)
def test_the_rules_in_order(file_name: str, requested: str | None, chosen: str) -> None:
    assert dataset_choose(FILES, file_name=file_name, requested=requested) == chosen


def test_an_unclear_file_names_every_dataset_once() -> None:
    with pytest.raises(UserError) as error:
        dataset_choose(FILES, file_name="export.csv", requested=None)
    assert error.value.message.endswith("Kies een van: plan, plannen, signalen.")
    with pytest.raises(UserError) as unknown:
        dataset_choose(FILES, file_name="x.csv", requested="doelen")
    assert "Gegevensset 'doelen' staat niet in de mapping" in unknown.value.message


def test_the_only_dataset_is_chosen() -> None:
    assert dataset_choose({"deelnames": ()}, file_name="export.csv", requested=None) == "deelnames"


def test_pseudonymise_and_import_choose_alike(demo_world: None, synth_dir: Path) -> None:
    path = synth_dir / "exports" / "mappings.yaml"
    mappings_load(path=path)
    names = ["export.csv", "x-2024.csv", "deelnames-2025.csv", "metingen.xlsx", "trajecten.csv"]
    for code, partner_mapping in mapping_load(path).partners.items():
        partner = Partner.objects.get(code=code)
        declared = [f for d in partner_mapping.datasets.values() for f in d.files]
        for name in [*declared, *names]:
            try:
                at_partner: str | None = partner_mapping.dataset_for_file(name).name
            except UserError:
                at_partner = None
            try:
                at_intake: str | None = mapping_for_file(
                    partner=partner, file_name=name, dataset=None
                ).dataset
            except UserError:
                at_intake = None
            assert at_partner == at_intake, (code, name)


def test_a_second_version_does_not_make_the_choice_unclear(
    demo_world: None, synth_dir: Path
) -> None:
    """Once a dataset has two versions, import without --dataset still finds it (it said
    'Kies een van: huurachterstanden, huurachterstanden')."""
    path = synth_dir / "exports" / "mappings.yaml"
    mappings_load(path=path)
    partner = Partner.objects.get(code="woonstichting-veenhorst")
    data = yaml.safe_load(path.read_text(encoding="utf-8"))["partners"][partner.code]
    spec = {**data["datasets"]["huurachterstanden"], "codes": {}}
    second, created = mapping_store(partner=partner, dataset="huurachterstanden", spec=spec)
    assert created
    assert second.version == 2
    chosen = mapping_for_file(partner=partner, file_name="export.csv", dataset=None)
    assert chosen == second
    other = Partner.objects.get(code="gemeente-veendam")
    with pytest.raises(UserError) as error:
        mapping_for_file(partner=other, file_name="export.csv", dataset=None)
    listed = error.value.message.split("Kies een van: ")[1].rstrip(".").split(", ")
    assert len(listed) == len(set(listed)) > 1
