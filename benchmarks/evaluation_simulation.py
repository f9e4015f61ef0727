"""The evaluation's simulation study at full size: prints coverage, bias, naive bias and the
placebo rejection rates (docs/benchmarks.md, issue 18).

    PYTHONPATH=src python benchmarks/evaluation_simulation.py [--regions 1000]
        [--area-placebo-regions N]

The placebo with pretend experiment areas is a randomisation test of about a second per
region; `--area-placebo-regions` runs it on the first N regions only (0: none), so the
coverage, bias and fake-start figures of many regions take seconds, not a quarter of an hour.
"""

from __future__ import annotations

import argparse
import time

from doorbraak.evaluation.study import study_run


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--regions", type=int, default=1000)
    parser.add_argument("--first-seed", type=int, default=0)
    parser.add_argument("--area-placebo-regions", type=int, default=None)
    args = parser.parse_args()
    start = time.perf_counter()
    result = study_run(
        args.regions, first_seed=args.first_seed, area_placebo_regions=args.area_placebo_regions
    )
    for line in result.lines():
        print(line)
    print(f"tijd: {time.perf_counter() - start:.0f} s")


if __name__ == "__main__":
    main()
