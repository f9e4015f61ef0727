"""The synthetic region: a pure engine (no Django) that generates the Veenkoloniën's data.

Owns the simulation of households, signals, support, interventions, outcomes and poverty
trajectories (from 2015, with generational transmission at known rates), the
partners' registration exports in their own dialects (with real-world faults), the ground
truth and the clean facts. Imports `core` (only its pure error hierarchy); it reads the
reference data files of areas (CBS buurten) and partners (demo partners). See `README.md`
here for every output file and column.

Entry points: `generate(seed=..., out_dir=..., scale=..., as_of=...)` and `cli.main(argv)`.
"""

from doorbraak.synth.generator import DEFAULT_AS_OF, ScaleError, SynthSummary, generate

__all__ = ["DEFAULT_AS_OF", "ScaleError", "SynthSummary", "generate"]
