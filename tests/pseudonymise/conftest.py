from pathlib import Path

import pytest

from doorbraak.pseudonymise.cli import main
from doorbraak.synth.generator import generate

KEY_A = "11" * 32
KEY_B = "22" * 32


@pytest.fixture(scope="session")
def region(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("synth")
    generate(seed=5, out_dir=out, scale=300)
    return out


def _run_all(region: Path, out: Path, key_hex: str) -> Path:
    key = out / "sleutel.hex"
    out.mkdir(parents=True, exist_ok=True)
    key.write_text(key_hex + "\n")
    exports = region / "exports"
    for partner in sorted(p for p in exports.iterdir() if p.is_dir()):
        files = [str(f) for f in sorted(partner.iterdir())]
        args = [
            "--mapping",
            str(exports / "mappings.yaml"),
            "--partner",
            partner.name,
            "--sleutel",
            str(key),
        ]
        assert main([*args, "--uit", str(out / "uit" / partner.name), *files]) == 0
    return out / "uit"


@pytest.fixture(scope="session")
def pseudonymised(region, tmp_path_factory) -> Path:
    return _run_all(region, tmp_path_factory.mktemp("pseudo-a"), KEY_A)


@pytest.fixture(scope="session")
def pseudonymised_other_key(region, tmp_path_factory) -> Path:
    return _run_all(region, tmp_path_factory.mktemp("pseudo-b"), KEY_B)
