"""Every computed indicator, the whole path against the synthetic truth (issue 13 item 5).

    PYTHONPATH=src python benchmarks/truth_compare.py [--seed N] [--households N]

Generates a synthetic region, sets up a fresh SQLite database (areas, plan, demo partners, a
fresh partners' key), loads the region's truth facts and computes every indicator on them,
then sends the raw exports the whole way (pseudonymise, intake, link, register) and computes
them again, with the same compiled rules before the disclosure gate (`doorbraak.pipeline.
truth`). Prints the deviation table (indicator, year, area, whole path, truth, deviation,
tolerance, within?) as Markdown for docs/benchmarks.md, the gemeente cells out of tolerance,
D2 and D8 on the gemeenten that deliver the BRP added up, and the seconds per step.
Tolerances were tuned on seed 7; tests/pipeline/test_truth_whole_path.py holds them on seed
23 (held out; the default here).
"""

import argparse
import os
import secrets
import shutil
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _django(work: Path) -> None:
    os.environ["DOORBRAAK_DATABASE_URL"] = f"sqlite:///{work / 'truth.sqlite3'}"
    os.environ["DOORBRAAK_DATA_DIR"] = str(work / "data")
    os.environ["DOORBRAAK_REGISTER_KEY"] = secrets.token_hex(32)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "doorbraak.conf.settings")
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()


def _world(key: bytes) -> None:
    from django.conf import settings
    from django.core.management import call_command

    from doorbraak.areas.services import region_load
    from doorbraak.core.pseudonyms import key_id
    from doorbraak.partners.keys import key_register
    from doorbraak.partners.services import partner_load, role_groups_sync
    from doorbraak.programme.services import plan_load_file
    from doorbraak.web.demo import DEMO_PARTNERS

    call_command("migrate", verbosity=0)
    role_groups_sync()
    region_load(name=settings.REGION)
    plan_load_file(path=settings.PLAN_FILE)
    partner_load(path=DEMO_PARTNERS)
    key_register(key_id=key_id(key))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seed", type=int, default=23)
    parser.add_argument("--households", type=int, default=4000)
    parser.add_argument("--all", action="store_true", help="every row, the gemeenten' too")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="truth-compare-"))
    try:
        _django(work)
        return _compare(work, args)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _compare(work: Path, args: argparse.Namespace) -> int:
    from doorbraak.pipeline.truth import (
        AS_OF,
        GEMEENTE_MINIMUM,
        compare,
        table,
        truth_tables,
        whole_path_tables,
    )
    from doorbraak.synth.generator import generate

    key = secrets.token_bytes(32)
    clock = time.perf_counter()
    seconds: dict[str, float] = {}

    def lap(step: str) -> None:
        nonlocal clock
        seconds[step] = time.perf_counter() - clock
        clock = time.perf_counter()

    generate(seed=args.seed, out_dir=work / "synth", scale=args.households)
    lap("generate")
    _world(key)
    lap("database")
    truth = truth_tables(synth_dir=work / "synth", key=key)
    lap("truth: load + compute")
    found = whole_path_tables(synth_dir=work / "synth", work_dir=work / "aanleveringen", key=key)
    lap("whole path + compute")
    rows = compare(found, truth)
    region = [r for r in rows if r.level == "region"]
    gemeenten = [r for r in rows if r.level == "gemeente"]
    print(f"seed {args.seed}, {args.households} households, data to {AS_OF}\n")
    print(table(rows if args.all else region))
    out = [r for r in gemeenten if r.tolerance.compared and not r.within]
    print(
        f"\ngemeente cells compared (truth >= {GEMEENTE_MINIMUM} units): {len(gemeenten)}, "
        f"{len(out)} out of tolerance" + (":" if out and not args.all else "")
    )
    if out and not args.all:
        print(table(out))
    _brp_gemeenten(found, truth)
    outside = Counter(r.indicator for r in rows if r.tolerance.compared and not r.within)
    print(f"\nout of tolerance (cells per indicator): {dict(sorted(outside.items())) or 'none'}")
    print("seconds: " + ", ".join(f"{step} {s:.0f}" for step, s in seconds.items()))
    return 0


def _brp_gemeenten(found: dict, truth: dict) -> None:
    """The indicators out at region level for Pekela (no BRP): the nine gemeenten that
    deliver it, every one whatever its size, added up (as the truth test holds them)."""
    from doorbraak.pipeline.truth import compare, summed, table
    from doorbraak.synth.partners import Roles, load_partners

    rows = compare(found, truth, minimum=0)
    held = {r.indicator for r in rows if "region" in r.tolerance.expected_out}
    if not held:
        return
    delivering = Roles(load_partners()).brp
    nine = summed(rows, areas=delivering, label=f"{len(delivering)} met BRP")
    print(f"\nthe gemeenten that deliver the BRP, added up ({', '.join(sorted(delivering))}):")
    print(table(r for r in nine if r.indicator in held))


if __name__ == "__main__":
    sys.exit(main())
