"""Linkage fixtures: the session region's partner mappings, and partners' deliveries made
the whole way a partner's file goes (pseudonymise with the partners' key, then import)."""

from pathlib import Path

import pytest

from doorbraak.intake.mappings import mappings_load
from doorbraak.intake.services import import_batch_run
from doorbraak.partners.models import Partner
from doorbraak.pseudonymise.files import address_register_read, file_pseudonymise
from doorbraak.sources.mapping import mapping_load
from tests.conftest import TEST_KEY

PARTNERS = ("woonstichting-veenhorst", "gemeente-veendam", "geldzorg-veenkolonien")


def pseudonymised_exports(synth_dir: Path, work_dir: Path, partners: tuple[str, ...]) -> list:
    """(partner code, path) of every identifying export of `partners`, pseudonymised with
    the partners' key (the test world's current one) as `doorbraak pseudonymise` does at
    each partner."""
    key = TEST_KEY
    mapping_set = mapping_load(synth_dir / "exports" / "mappings.yaml")
    buurt_of = address_register_read(synth_dir / "exports" / "adressen.csv")
    done = []
    for code in partners:
        partner_mapping = mapping_set.partners[code]
        out = work_dir / code
        out.mkdir(parents=True, exist_ok=True)
        for dataset in partner_mapping.datasets.values():
            if "given_name" not in dataset.columns.values():
                continue
            for name in dataset.files:
                file_pseudonymise(
                    synth_dir / "exports" / code / name,
                    out,
                    key=key,
                    partner=partner_mapping,
                    dataset=dataset,
                    buurt_of=buurt_of,
                )
                done.append((code, out / name))
    return done


def deliver(synth_dir: Path, work_dir: Path, partners: tuple[str, ...] = PARTNERS) -> int:
    """Pseudonymise and import every identifying export of `partners`; rows accepted."""
    return sum(
        import_batch_run(partner=Partner.objects.get(code=code), path=path).accepted
        for code, path in pseudonymised_exports(synth_dir, work_dir, partners)
    )


@pytest.fixture
def mappings(demo_world: None, synth_dir: Path) -> Path:
    path = synth_dir / "exports" / "mappings.yaml"
    mappings_load(path=path)
    return path
