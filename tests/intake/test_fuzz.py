"""Fuzz the intake with generated mapping files and exports (issue 11): never a traceback.

Each case is made by `fuzz_inputs` from a valid mapping or export with a `random.Random`
seeded by the case's name, so every run sees the same cases, on any number of cores, and a
failure names the case that makes it again (`mapping_case(random.Random("mapping-17"), ...)`).

- A mapping file goes through `doorbraak mappings check` and through the partner's own reading
  of it in `doorbraak pseudonymise` (every tenth also through the command itself, `mappings
  load` and the synthetic pipeline's reader): it is accepted, or refused with its problems
  listed, each with a stable code and a Dutch message.
- A partner's export goes through `pseudonymise` (every fifth that it reads on through the
  intake) and a pseudonymised export through the intake (`import --proef`; every fourth
  imported for real, its records written, then rolled back): refused whole with a stable code
  and a Dutch message, or read with every row accounted for. Pseudonymise writes every row it
  read, and the intake reads every row pseudonymise wrote; the intake has read = accepted +
  warned + rejected, one row result per row read, and each warned or rejected row has a code
  and a Dutch reason.

What needs no database runs on every core (forked workers); the intake runs in this process.
"""

import io
import json
import multiprocessing
import os
import random
import re
import shutil
import tempfile
import time
import traceback
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

import pytest
from django.core.management import call_command
from django.db import transaction

from doorbraak.core.errors import UserError
from doorbraak.intake.delivery import source_mapping
from doorbraak.intake.mapping_check import mappings_validate
from doorbraak.intake.mappings import mapping_spec, mappings_load
from doorbraak.intake.models import ImportBatch, RowResult
from doorbraak.intake.services import import_batch_run
from doorbraak.partners.models import Partner
from doorbraak.pseudonymise.cli import _mappings_read  # the partner's reading of a mapping
from doorbraak.pseudonymise.files import file_pseudonymise
from doorbraak.sources.mapping import DatasetMapping, PartnerMapping, mapping_load
from tests.conftest import TEST_KEY
from tests.intake import fuzz_inputs as inputs
from tests.sources.broken import TECHNICAL

pytestmark = [pytest.mark.slow, pytest.mark.once]

MAPPING_CASES = 3_000
EXPORT_CASES = 5_500  # raw exports through pseudonymise; every fifth it reads on to the intake
INTAKE_CASES = 2_000  # pseudonymised exports through the intake
assert MAPPING_CASES + EXPORT_CASES + INTAKE_CASES >= 10_000  # what issue 11 asks
DEEP_EVERY, ONWARD_EVERY, REAL_EVERY = 10, 5, 4  # mapping cases loaded; exports imported
WORKERS = min(4, os.cpu_count() or 1)
ROWS = 10  # data rows kept of each valid export: small files, many cases
CODE = re.compile(r"[a-z][a-z0-9]*(-[a-z0-9]+)*")
DUTCH = re.compile(  # a message says in Dutch what is wrong: it holds at least one of these
    r"\b(het|een|geen|niet|zijn|wordt|hoort|bevat|staat|lever|gebruik|moet|verwacht|onbeken|"
    r"ontbre|regel|kolom|bestand|waarde|gegevens|instelling|sleutel|datum|teken)",
    re.IGNORECASE,
)
DISGUISED = "Het bestand kan niet gelezen worden."  # `readers._items_guarded`'s catch-all
# One valid export per dialect (separator, encoding, decimal sign, Excel with title rows). A
# workbook case takes some five times as long as a CSV one: each workbook comes up once in
# `ORDER`, each CSV export two or three times.
EXPORTS = (
    ("woonstichting-veenhorst", "huurachterstanden"),  # cp1252, ';', decimal ','
    ("noorderlicht-energie", "betalingsachterstanden"),  # utf-8, ',', decimal '.'
    ("gemeente-borger-odoorn", "vroegsignalering"),  # utf-8 with BOM, tab
    ("zorgverzekeraar-noordkroon", "premieachterstanden"),  # utf-8, tab, decimal '.'
    ("buurtwerk-oostermoer", "metingen"),  # cp1252, code lists and levels
    ("openbaar-onderwijs-kanaalstreek", "verzuimmeldingen"),  # school attendance, no BSN
    ("wonen-kanaalstreek", "huurachterstanden"),  # Excel, one title row
    ("gemeente-midden-groningen", "signalen"),  # Excel, two title rows
    ("ggz-kanaalzicht", "trajecten"),  # Excel
)
ORDER = (0, 1, 2, 3, 4, 5, 6, 0, 1, 2, 3, 4, 5, 7, 1, 2, 4, 8)  # which export each case mutates


class Ran(NamedTuple):
    """What one case came to, or where it crashed (with the traceback)."""

    case: str
    outcome: str
    crash: str = ""
    trace: str = ""


def ran(case: str, check: Callable[..., str], *args: Any, **kwargs: Any) -> Ran:
    """`check(*args, **kwargs)` as one case: its outcome, or the crash."""
    try:
        return Ran(case, check(*args, **kwargs))
    except Exception as error:
        frames = traceback.extract_tb(error.__traceback__)
        ours = [f for f in frames if "/doorbraak/" in f.filename] or frames
        where = f"{type(error).__name__} at {Path(ours[-1].filename).name}:{ours[-1].lineno}"
        return Ran(case, "", where, f"{case}:\n{traceback.format_exc(limit=-6)}")


@dataclass
class Fuzz:
    """Counts the cases and what each came to, and keeps every crash with its case, grouped
    by where it happened."""

    name: str
    cases: int = 0
    outcomes: Counter[str] = field(default_factory=Counter)
    crashes: dict[str, list[str]] = field(default_factory=dict)  # where -> cases
    first: dict[str, str] = field(default_factory=dict)  # where -> its first traceback
    started: float = field(default_factory=time.monotonic)

    def add(self, result: Ran) -> None:
        self.cases += 1
        if result.crash:
            self.crashes.setdefault(result.crash, []).append(result.case)
            self.first.setdefault(result.crash, result.trace)
        else:
            self.outcomes[result.outcome] += 1

    def assert_clean(self, expected: int) -> None:
        took = time.monotonic() - self.started
        common = ", ".join(f"{k} {n}" for k, n in self.outcomes.most_common(10))
        print(f"\n{self.name}: {self.cases} cases in {took:.0f} s ({common})")
        summary = "\n".join(f"{w}: {len(c)} cases, e.g. {c[:3]}" for w, c in self.crashes.items())
        assert not self.crashes, f"crashes:\n{summary}\n\n" + "\n".join(self.first.values())
        assert self.cases == expected


def refused(code: str, message: str, *, excel: bool = False) -> str:
    """A refusal as a user sees it: a stable code and a Dutch message, nothing technical. A
    text file is never refused by the readers' last resort (an exception no check foresaw,
    told as 'cannot be read': a crash in disguise); a damaged workbook may be."""
    assert message != DISGUISED or excel, "a reader's exception, told as 'cannot be read'"
    assert CODE.fullmatch(code), code
    assert DUTCH.search(message), message
    assert not TECHNICAL.search(message), message
    return code


@pytest.fixture
def scratch(tmp_path: Path) -> Iterator[Path]:
    """A folder for the cases' files: in memory where the system has one (thousands of small
    files are written and read again), else the test's own folder."""
    memory = Path("/dev/shm")  # noqa: S108 (only the parent of a private mkdtemp folder)
    if not memory.is_dir():
        yield tmp_path
        return
    with tempfile.TemporaryDirectory(dir=memory, prefix="doorbraak-fuzz-") as folder:
        yield Path(folder)


# What the forked workers share with this process (set before the workers are made).
_SHARED: dict[str, Any] = {}


def in_workers(job: Callable[[int], Ran], numbers: Iterable[int]) -> Iterator[Ran]:
    """`job` of each case number, in order, on every core. The workers are forked: they share
    what this process built and touch no database."""
    with multiprocessing.get_context("fork").Pool(WORKERS) as pool:
        yield from pool.imap(job, numbers, chunksize=20)


def _own_folder(name: str) -> Path:
    """A folder of this worker's own under the test's folder."""
    folder = _SHARED["tmp"] / f"{name}-{os.getpid()}"
    folder.mkdir(exist_ok=True)
    return folder


# --- mapping files ------------------------------------------------------------------------


def _platform_check(path: Path, partners: set[str]) -> str:
    """`mappings check`, and for a file it accepts, the intake's reading of each dataset."""
    try:
        data, problems, _warnings = mappings_validate(path=path, partners=partners)
    except UserError as error:
        return "check-weigert:" + refused(error.code, error.message)
    for problem in problems:
        assert problem.line
        refused(problem.code, problem.message)
    if problems:
        return "check-problemen"
    for code, spec in data["partners"].items():
        for name, dataset in spec["datasets"].items():
            source_mapping(mapping_spec(spec, dataset), (str(code), str(name)))
    return "check-in-orde"


def _partner_check(path: Path) -> str:
    """`doorbraak pseudonymise` reading the same file at the partner."""
    try:
        _mappings_read(path)
    except UserError as error:
        return "partner-weigert:" + refused(error.code, error.message)
    return "partner-leest"


def _mapping_job(number: int) -> Ran:
    case = f"mapping-{number}"
    path = _own_folder("mappings") / "mappings.yaml"
    path.write_bytes(inputs.mapping_case(random.Random(case), _SHARED["bases"]))
    partners = _SHARED["partners"]
    return ran(case, _mapping_check, path, partners)


def _mapping_check(path: Path, partners: set[str]) -> str:
    return f"{_platform_check(path, partners)} {_partner_check(path)}"


def _deep_check(path: Path) -> str:
    """The command itself, `mappings load` (which stores nothing when anything is wrong) and
    the synthetic pipeline's reader."""
    code, err = _command(path)
    assert code in (0, 1)
    assert code == 0 or "regel" in err
    try:
        mapping_load(path)
    except UserError as error:
        refused(error.code, error.message)
    try:
        with transaction.atomic():
            mappings_load(path=path)
            transaction.set_rollback(True)  # each case against the mappings the world has
    except UserError as error:
        return "load-weigert:" + refused(error.code, error.message)
    return "load-in-orde"


def _command(path: Path) -> tuple[int, str]:
    """`doorbraak mappings check FILE`: its exit code and what it wrote to stderr."""
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("mappings", "check", str(path), stdout=out, stderr=err)
    except SystemExit as done:
        text = err.getvalue()
        if done.code == 1 and text.startswith("Fout: "):  # a file it cannot read at all
            message = text.removeprefix("Fout: ")
            assert DUTCH.search(message), message
            assert not TECHNICAL.search(message), message
            return 1, "regel " + text
        return int(done.code or 0), text
    except UserError as error:  # raised before the command's own handling
        return 1, "regel " + refused(error.code, error.message)
    return 0, err.getvalue()


def test_generated_mapping_files_never_crash(mappings: Path, scratch: Path) -> None:
    docs = Path(__file__).parents[2] / "docs" / "intake.md"
    fixture = Path(__file__).parents[1] / "sources" / "fixtures" / "mappings.yaml"
    bases = inputs.mapping_bases(mappings, docs, fixture)
    _SHARED.update(
        tmp=scratch, bases=bases, partners=set(Partner.objects.values_list("code", flat=True))
    )
    fuzz, path = Fuzz("mapping files"), scratch / "mappings.yaml"
    for result in in_workers(_mapping_job, range(MAPPING_CASES)):
        number = int(result.case.split("-")[1])
        if number % DEEP_EVERY or result.crash:
            fuzz.add(result)
            continue
        path.write_bytes(inputs.mapping_case(random.Random(result.case), bases))
        deep = ran(result.case, _deep_check, path)
        fuzz.add(deep if deep.crash else Ran(result.case, f"{result.outcome} {deep.outcome}"))
    fuzz.assert_clean(MAPPING_CASES)


# --- exports --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Source:
    """A valid export and the mapping it is read with, at the partner and on the platform."""

    base: inputs.ExportBase
    partner: PartnerMapping
    dataset: DatasetMapping
    platform: Partner


def _base(path: Path, partner: PartnerMapping, dataset: DatasetMapping) -> inputs.ExportBase:
    content = path.read_bytes()
    excel = partner.file_type == "xlsx"
    if excel:
        rows, sheet = inputs.xlsx_table(content)
    else:
        rows, sheet = inputs.csv_table(content, partner.encoding, partner.delimiter), None
    return inputs.ExportBase(
        name=path.name,
        excel=excel,
        rows=rows[: dataset.header_row + ROWS],
        header_row=dataset.header_row,
        encoding=partner.encoding,
        delimiter=partner.delimiter,
        sheet=sheet,
    )


def _sources(exports: Path, work: Path, *, pseudonymised: bool) -> list[Source]:
    """The valid exports to start from: as the partner has them, or pseudonymised."""
    mapping = mapping_load(exports / "mappings.yaml")
    found = []
    for code, name in EXPORTS:
        partner = mapping.partners[code]
        dataset = partner.datasets[name]
        path = exports / code / sorted(dataset.files)[-1]
        if pseudonymised:
            small = work / "klein" / code / path.name
            small.parent.mkdir(parents=True, exist_ok=True)
            small.write_bytes(inputs.export_plain(_base(path, partner, dataset)))
            out = small.parent / "uit"
            out.mkdir()
            report = file_pseudonymise(small, out, key=TEST_KEY, partner=partner, dataset=dataset)
            assert report.refused is None, report.problems
            assert report.rows_written == ROWS, report.problems
            path = out / path.name
        platform = Partner.objects.get(code=code)
        found.append(Source(_base(path, partner, dataset), partner, dataset, platform))
    return found


def _case(kind: str, number: int, sources: list[Source]) -> tuple[str, Source, bytes]:
    source = sources[ORDER[number % len(ORDER)]]
    case = f"{kind}-{number}"
    content = inputs.export_case(random.Random(case), source.base)
    return f"{case} ({source.base.name} of {source.partner.code})", source, content


def _case_file(folder: Path, source: Source, content: bytes) -> Path:
    path = folder / source.partner.code / source.base.name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    return path


def _pseudonymise(source: Source, path: Path, out: Path) -> str:
    """`doorbraak pseudonymise`: refused with a reason, or every row it read written."""
    written = out / path.name
    written.unlink(missing_ok=True)
    report = file_pseudonymise(
        path, out, key=TEST_KEY, partner=source.partner, dataset=source.dataset
    )
    if report.refused is not None:
        problem = report.refused
        return "weigert:" + refused(problem.code, problem.message, excel=source.base.excel)
    assert report.rows_written == report.rows_read, report.problems
    return "leest"


def _export_job(number: int) -> Ran:
    case, source, content = _case("export", number, _SHARED["sources"])
    path = _case_file(_own_folder("export"), source, content)
    out = _own_folder("uit") / source.partner.code
    out.mkdir(exist_ok=True)
    result = ran(case, _pseudonymise, source, path, out)
    if result.outcome == "leest" and number % ONWARD_EVERY == 0:  # on to the intake
        onward = _SHARED["tmp"] / "verder" / f"{number}-{path.name}"
        shutil.copy(out / path.name, onward)
        shutil.copy(out / f"{path.name}.rapport.json", f"{onward}.rapport.json")
    return result


def _intake(source: Source, path: Path, written: int | None = None, *, real: bool = False) -> str:
    """`doorbraak import --proef` (or, `real`, the import itself, its records written and then
    rolled back): refused whole, or every row read accounted for (and every row pseudonymise
    `written`, when the file is what it wrote)."""
    try:
        with transaction.atomic():
            batch = import_batch_run(
                partner=source.platform, path=path, dry_run=not real, file_name=source.base.name
            )
            _accounted(batch, written)
            transaction.set_rollback(True)  # the next case finds no records of this one
    except UserError as error:
        return "intake-weigert:" + refused(error.code, error.message, excel=source.base.excel)
    return "intake-leest"


def _accounted(batch: ImportBatch, written: int | None) -> None:
    assert batch.status == ImportBatch.Status.DONE, batch.message
    assert batch.read == batch.accepted + batch.warned + batch.rejected
    assert written is None or batch.read == written, (batch.read, written)
    results = RowResult.objects.filter(batch=batch).values_list("result", "error_code", "message")
    assert len(results) == batch.read
    for result, code, message in results:
        if result in (RowResult.Result.REJECTED, RowResult.Result.WARNED):
            refused(code, message)


def test_generated_exports_never_crash_pseudonymise(mappings: Path, scratch: Path) -> None:
    sources = _sources(mappings.parent, scratch, pseudonymised=False)
    _SHARED.update(tmp=scratch, sources=sources)
    (scratch / "verder").mkdir()
    fuzz = Fuzz("exports through pseudonymise")
    for result in in_workers(_export_job, range(EXPORT_CASES)):
        number = int(result.case.split()[0].split("-")[1])
        onward = scratch / "verder" / f"{number}-{sources[ORDER[number % len(ORDER)]].base.name}"
        if not onward.exists():
            fuzz.add(result)
            continue
        source = sources[ORDER[number % len(ORDER)]]
        report = json.loads(Path(f"{onward}.rapport.json").read_text(encoding="utf-8"))
        intake = ran(result.case, _intake, source, onward, report["rijen_geschreven"])
        fuzz.add(intake if intake.crash else Ran(result.case, f"leest {intake.outcome}"))
    fuzz.assert_clean(EXPORT_CASES)


def test_generated_pseudonymised_exports_never_crash_the_intake(
    mappings: Path, scratch: Path
) -> None:
    sources = _sources(mappings.parent, scratch, pseudonymised=True)
    fuzz = Fuzz("pseudonymised exports through the intake")
    for number in range(INTAKE_CASES):
        case, source, content = _case("intake", number, sources)
        path = _case_file(scratch / "in", source, content)
        fuzz.add(ran(case, _intake, source, path, real=number % REAL_EVERY == 0))
    fuzz.assert_clean(INTAKE_CASES)
