from pathlib import Path

import pytest

from doorbraak.synth.generator import generate


@pytest.fixture(scope="session")
def synth_region(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("synth")
    generate(seed=5, out_dir=out, scale=300)
    return out
