"""Pipeline fixtures: partners' identifying exports pseudonymised with one partners' key (as
`doorbraak pseudonymise` does at each partner), the programme's reference files, and the
intake's mappings."""

from pathlib import Path

import pytest
from django.test import Client

from doorbraak.intake.services import import_batch_run
from doorbraak.partners.models import Partner, Role
from doorbraak.register.reference import reference_file_load
from tests.conftest import UserOf
from tests.intake.conftest import mappings  # noqa: F401 (a fixture used here)
from tests.linkage.conftest import pseudonymised_exports

STEWARD_PARTNER = "woonstichting-veenhorst"  # the demo data steward's organisation
OTHERS = ("gemeente-veendam", "geldzorg-veenkolonien")


@pytest.fixture
def exports(mappings: Path, synth_dir: Path, tmp_path: Path) -> list:  # noqa: F811
    return pseudonymised_exports(synth_dir, tmp_path / "exports", (STEWARD_PARTNER, *OTHERS))


@pytest.fixture
def others_delivered(exports: list) -> None:
    """The other partners' files, imported by an operator (no pipeline job yet)."""
    for code, path in exports:
        if code != STEWARD_PARTNER:
            import_batch_run(partner=Partner.objects.get(code=code), path=path)


@pytest.fixture
def reference(synth_dir: Path) -> Path:
    """The synthetic programme's reference file, loaded as the programme team would."""
    path = synth_dir / "programma" / "referentie.yaml"
    reference_file_load(path=path)
    return path


def client_for(user_of: UserOf, role: Role) -> Client:
    client = Client()
    client.force_login(user_of(role))
    return client
