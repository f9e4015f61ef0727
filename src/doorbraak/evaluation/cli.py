"""`doorbraak evaluate`: an effect estimate from a synthetic region's facts or a research extract.

    doorbraak evaluate --data DIR (--intervention CODE | --experiment CODE[,CODE])
                       --outcome OUTCOME [--method did|regressie|matching|synth] [--json]

Standalone (no database). The pages compute the same through `evaluation.run.evaluate`.
Errors are Dutch with a stable code; nothing raises past `main`.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from doorbraak.core.cli_args import DutchArgumentParser
from doorbraak.evaluation.estimators import Estimate, EstimationError
from doorbraak.evaluation.labels import level_text
from doorbraak.evaluation.run import METHODS, Question, evaluate

EXIT_USAGE = 2
EXIT_FAILED = 1
JSON_FIELDS = (
    "estimate",
    "ci_low",
    "ci_high",
    "method",
    "design_level",
    "n_treated",
    "n_comparison",
)


def _parser() -> argparse.ArgumentParser:
    parser = DutchArgumentParser(
        prog="doorbraak evaluate",
        description="Schat het gemiddelde effect op de deelnemers (of de experimentgebieden), "
        "met 95%-interval, methode en ontwerpsterkte.",
    )
    parser.add_argument("--data", type=Path, required=True, help="map met schone feiten of extract")
    which = parser.add_mutually_exclusive_group(required=True)
    which.add_argument("--intervention", help="code van de interventie, bv. budgetcoaching")
    which.add_argument("--experiment", help="code(s) van experiment(en), komma-gescheiden")
    parser.add_argument(
        "--outcome", required=True, help="bv. capital:economisch of outcome:passend_werk"
    )
    parser.add_argument(
        "--method",
        choices=METHODS,
        help="schattingsmethode: did (experimentgebieden), regressie of matching (deelnemers "
        "aan een interventie), synth (één experimentgebied: synthetische controle)",
    )
    parser.add_argument("--json", action="store_true", help="uitvoer als JSON")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if not args.data.is_dir():
        print(f"Fout [map-niet-gevonden]: de map {args.data} bestaat niet.", file=sys.stderr)
        return EXIT_USAGE
    question = Question(
        intervention=args.intervention,
        experiments=args.experiment.split(",") if args.experiment else [],
        outcome=args.outcome,
        method=args.method,
    )
    try:
        result = evaluate(args.data, question)
    except EstimationError as problem:
        print(f"Fout [{problem.code}]: {problem.message}", file=sys.stderr)
        return EXIT_USAGE
    except Exception as problem:
        print(
            f"Interne fout ({type(problem).__name__}): de schatting stopte. Meld dit aan het "
            "ontwikkelteam, met de gebruikte opdracht.",
            file=sys.stderr,
        )
        return EXIT_FAILED
    print(json.dumps(_json(result), indent=2) if args.json else _text(result))
    return 0


def _json(result: Estimate) -> dict[str, object]:
    data = result.as_dict()
    return {**{key: data[key] for key in JSON_FIELDS}, **data}


def _text(result: Estimate) -> str:
    return "\n".join(
        [
            f"Effect: {result.estimate:.3f} "
            f"(95%-interval {result.ci_low:.3f} tot {result.ci_high:.3f})",
            f"Methode: {result.method}; onzekerheid: {result.inference}",
            f"Ontwerp: {level_text(result.design_level)}",
            f"Oordeel: {result.label}",
            f"Deelnemers/metingen: {result.n_treated} behandeld, "
            f"{result.n_comparison} vergelijking; "
            f"gebieden: {result.areas_treated} behandeld, {result.areas_comparison} vergelijking",
            f"Naïeve vergelijking (zonder correctie voor selectie): {result.naive:.3f}",
            *_balance(result),
        ]
    )


def _balance(result: Estimate) -> list[str]:
    if not result.balance:
        return []
    return ["Balans (gestandaardiseerd verschil, voor -> na matching):"] + [
        f"  {row['covariate']}: {row['smd_before']:.3f} -> {row['smd_after']:.3f}"
        for row in result.balance
    ]
