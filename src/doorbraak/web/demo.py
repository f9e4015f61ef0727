"""Set up the demo on the embedded database: areas, plan, 42 fictitious partners, one user
per role, and the demo professional's casework (delivered by the work zone like a partner's
file, ADR 0028). Idempotent: running it again changes nothing."""

import datetime as dt
import hashlib
import io
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.db.models import Count

from doorbraak import synth
from doorbraak.areas.models import Area
from doorbraak.areas.services import region_load, statline_load
from doorbraak.core.errors import UserError
from doorbraak.core.pseudonyms import key_file_read_or_create, key_id
from doorbraak.evaluation.models import EvaluationDecision
from doorbraak.evaluation.selectors import decision_basis, experiment_choices
from doorbraak.evaluation.services import decision_record
from doorbraak.intake.mappings import mappings_load
from doorbraak.intake.services import import_batch_run
from doorbraak.learning.models import LearningAgenda
from doorbraak.learning.records_file import learning_file_load
from doorbraak.linkage.models import LinkRun
from doorbraak.monitor.services import monitor_run
from doorbraak.opendata.services import publish_defaults
from doorbraak.partners.keys import key_register
from doorbraak.partners.mfa import demo_account_mark
from doorbraak.partners.models import Partner, Role, User
from doorbraak.partners.services import partner_load, role_groups_sync, user_create
from doorbraak.pipeline.deliver import exports_deliver
from doorbraak.pipeline.models import PipelineJob
from doorbraak.pipeline.services import job_enqueue
from doorbraak.pipeline.worker import queue_drain
from doorbraak.programme.services import plan_load_file
from doorbraak.register import models as r
from doorbraak.register.reference import reference_file_load
from doorbraak.register.selectors import facts_current, households_current
from doorbraak.surveys.services import RoundToLoad, rounds_load
from doorbraak.synth.cbs import FILE as SYNTHETIC_CBS_FILE
from doorbraak.synth.generator import generate
from doorbraak.synth.surveys import survey_rounds

DEMO_PASSWORD = "doorbraak-demo"  # noqa: S105 - a published demo password, alleen demo
DEMO_PARTNERS = Path(__file__).resolve().parent.parent / "partners" / "data" / "demo-partners.yaml"
# the work zone's delivery (casework.delivery), named as files: the web app never imports it
WORK_ZONE_MAPPING = (
    DEMO_PARTNERS.parent.parent.parent / "casework" / "data" / "werkzone-mapping.yaml"
)
WORK_ZONE_PARTNER = "werkzone"
WORK_ZONE_FILES = (
    "werkzone-regie.csv",
    "werkzone-contacten.csv",
    "werkzone-plannen.csv",
    "werkzone-metingen.csv",
)

# username → (role, partner code or None)
DEMO_USERS: dict[str, tuple[Role, str | None]] = {
    "programma": (Role.PROGRAMME_TEAM, None),
    "bestuur": (Role.BOARD, None),
    "gegevensbeheerder": (Role.DATA_STEWARD, "woonstichting-veenhorst"),
    "professional": (Role.PROFESSIONAL, "gemeente-veendam"),
    "vroegsignalering": (Role.OUTREACH, "gemeente-veendam"),
    "huishouden": (Role.HOUSEHOLD, None),
    "onderzoeker": (Role.RESEARCHER, "hogeschool-noorderveen"),
    "beheerder": (Role.ADMINISTRATOR, None),
}

Progress = Callable[[str], None]


DEMO_SEED = 1


@dataclass(frozen=True)
class DemoSummary:
    region: str
    buurten: int
    partners: int
    plan_version: int
    households: int
    users: list[str]
    delivered: tuple[int, int, int, int] = (0, 0, 0, 0)  # rows read, accepted, warned, rejected
    linked: tuple[int, int, int, int] = (0, 0, 0, 0)  # records, persons, households, review


def demo_setup(
    *, progress: Progress = lambda message: None, scale: str | int = "region"
) -> DemoSummary:
    steps = 9
    partner_key_path = demo_keys_place(progress=progress)
    progress(f"[1/{steps}] Database inrichten…")
    call_command("migrate", verbosity=0, interactive=False)
    role_groups_sync()
    progress(f"[2/{steps}] Gebieden laden uit de CBS-lijsten…")
    region = region_load(name=settings.REGION)
    progress(f"[3/{steps}] Programmaplan laden…")
    plan = plan_load_file(path=settings.PLAN_FILE)
    progress(f"[4/{steps}] Demopartners laden…")
    partners = partner_load(path=DEMO_PARTNERS)
    progress(f"[5/{steps}] Synthetische regio maken (seed {DEMO_SEED})…")
    out_dir = synthetic_region_ensure(scale=scale, progress=progress)
    mappings_load(path=out_dir / "exports" / "mappings.yaml")
    figures = statline_load(path=out_dir / SYNTHETIC_CBS_FILE, synthetic=True)
    progress(
        f"  CBS-cijfers van de synthetische regio: {figures.figures} cijfers, "
        f"jaren {', '.join(str(y) for y in figures.years)}"
    )
    progress(f"[6/{steps}] Partners pseudonimiseren hun exports en leveren ze aan…")
    started = time.perf_counter()
    partner_key = key_file_read_or_create(partner_key_path)
    key_register(key_id=key_id(partner_key), origin="doorbraak demo")  # as the programme team
    delivered = exports_deliver(
        out_dir / "exports",
        Path(settings.DATA_DIR) / "aanleveringen",
        partner_key=partner_key,
        progress=progress,
    )
    progress(
        f"  {delivered.files} bestanden: {delivered.read} rijen gelezen, "
        f"{delivered.accepted} geaccepteerd, {delivered.warned} met waarschuwing, "
        f"{delivered.rejected} afgewezen"
    )
    demo_casework_deliver(out_dir, partner_key_path, progress=progress)
    demo_surveys_load(progress=progress)
    progress(f"[7/{steps}] Pijplijn: koppelen, register bijwerken, monitor berekenen…")
    run = demo_pipeline_run(out_dir, progress=progress)
    progress(f"  van exports tot monitor: {time.perf_counter() - started:.0f} s")
    publish_defaults()  # the open-data page shows a first choice; the programme team decides
    progress(f"[8/{steps}] Demogebruikers aanmaken…")
    users = demo_users_create()
    if demo_evaluation_decide():
        progress("  evaluatiebesluit vastgelegd; monitor opnieuw berekend (E5)")
        monitor_run(progress=progress)
    progress(f"[9/{steps}] Eiland van reflectie: {REFLECTION_YEAR} bevriezen, rapport maken…")
    progress(demo_reflection_report())
    households = households_current().count()
    return DemoSummary(
        region.region.name,
        region.buurten,
        partners,
        plan.version.number,
        households,
        users,
        delivered=(delivered.read, delivered.accepted, delivered.warned, delivered.rejected),
        linked=(run.records, run.persons, run.households, run.review_size),
    )


REFLECTION_YEAR = 2025
DEMO_DECISION_TARGET = "capital:economisch"


def demo_evaluation_decide() -> int:
    """The programme team's decision on the first experiment's evaluation (economisch), as it
    would take it on /onderzoek/ with the estimate shown there, so E5 has a value. Once: a
    later demo run finds a decision and records none (0). Returns the partners it counts."""
    choices = experiment_choices()
    if EvaluationDecision.objects.exists() or not choices:
        return 0
    code = choices[0][0]
    record = decision_record(
        user=User.objects.get(username="programma"),
        experiment=code,
        target=DEMO_DECISION_TARGET,
        decision=EvaluationDecision.Choice.CONTINUE,
        note="Demo: besluit van het programmateam op de effectschatting.",
        basis=decision_basis(experiment=code, target=DEMO_DECISION_TARGET),
    )
    return record.partners.count()


def demo_reflection_report() -> str:
    """Freeze the reflection year and write its report (HTML, PDF, CSV annex) under the data
    folder, by the command's name (`doorbraak report`, ADR 0038): the web app does not import
    the reports app. A year frozen earlier with other figures keeps its frozen version."""
    out_dir = Path(settings.DATA_DIR) / "rapporten"
    year = str(REFLECTION_YEAR)
    out = io.StringIO()
    try:
        call_command("report", "--year", year, "--bevries", "--out", str(out_dir), stdout=out)
    except UserError as error:
        if error.code != "jaar-al-bevroren":
            raise
        call_command("report", "--year", year, "--out", str(out_dir), stdout=out)
    return "  " + out.getvalue().strip().replace("\n", "\n  ")


def demo_surveys_load(*, progress: Progress) -> int:
    """The synthetic region's survey rounds (`synth.surveys`): professionals per partner and
    residents per wijk, 2024 and 2025, closed, so the monitor computes W1.1-W1.6 and D4."""
    partners = list(Partner.objects.order_by("code").values_list("code", flat=True))
    wijken = list(
        Area.objects.filter(level="wijk").order_by("code").values_list("code", flat=True).distinct()
    )
    rounds = [
        RoundToLoad(r.survey, r.period, r.invited, [(x.group, x.answers) for x in r.responses])
        for r in survey_rounds(seed=DEMO_SEED, partners=partners, wijken=wijken)
    ]
    stored = rounds_load(rounds=rounds, today=dt.date(2026, 1, 5))
    progress(f"  enquêtes: {stored} synthetische antwoorden van professionals en inwoners")
    return stored


def demo_casework_deliver(out_dir: Path, partner_key_path: Path, *, progress: Progress) -> int:
    """The demo professional's caseload, made in the work zone (`doorbraak casework demo`),
    and its regie, contact moments, plans and readings delivered through the intake as the work
    zone's files, so they reach the monitor by linkage and the register like every partner's.
    Rows accepted."""
    started = time.perf_counter()
    demo_users_create()  # the professional first; her register caseload is linked at the end
    _casework("demo", "--regio", str(out_dir), "--partnersleutel", str(partner_key_path))
    folder = Path(settings.DATA_DIR) / "aanleveringen" / WORK_ZONE_PARTNER
    addresses = out_dir / "exports" / "adressen.csv"
    _casework("aanleveren", "--uit", str(folder), "--adressen", str(addresses))
    mappings_load(path=WORK_ZONE_MAPPING)
    partner = Partner.objects.get(code=WORK_ZONE_PARTNER)
    accepted = sum(
        import_batch_run(partner=partner, path=folder / name).accepted
        for name in WORK_ZONE_FILES
        if (folder / name).exists()  # a dataset without rows has no file
    )
    progress(
        f"  Werkproces: {accepted} regels (regie, contactmomenten, plannen, metingen) "
        f"aangeleverd als partner {WORK_ZONE_PARTNER} ({time.perf_counter() - started:.1f} s)"
    )
    return accepted


def _casework(*argv: str) -> str:
    """`doorbraak casework …`, named by its command: the work zone is not imported."""
    out = io.StringIO()
    call_command("casework", *argv, stdout=out)
    return out.getvalue()


def demo_keys_dir() -> Path:
    """Where the demo keeps the key its fictitious partners share: beside the data folder,
    never in it (in real use only the partners hold that key, ADR 0010)."""
    data = Path(settings.DATA_DIR)
    return data.parent / f"{data.name}-demosleutels"


def demo_keys_place(*, progress: Progress) -> Path:
    """The demo partners' key file, and say where every key of the demo lives. Key files an
    earlier demo left in the data folder move out of it (the same keys: pseudonyms stay)."""
    data = Path(settings.DATA_DIR)
    partner_key = demo_keys_dir() / "partnersleutel.txt"
    moves = [(data / "partnersleutel.txt", partner_key)]
    if not str(settings.REGISTER_KEY).strip():
        moves.append((data / "demo-sleutel.txt", Path(settings.REGISTER_KEY_FILE)))
    for old, new in moves:
        if old.exists():
            _key_file_move(old, new, progress=progress)
    register = (
        "DOORBRAAK_REGISTER_KEY"
        if str(settings.REGISTER_KEY).strip()
        else str(settings.REGISTER_KEY_FILE)
    )
    progress(
        f"Sleutels, buiten de datamap {data}: de gedeelde sleutel van de demopartners in "
        f"{partner_key} (alleen demo; echt houden alleen de partners die, ADR 0010), de "
        f"registersleutel van het platform in {register}."
    )
    return partner_key


def _key_file_move(old: Path, new: Path, *, progress: Progress) -> None:
    if new.exists():
        old.unlink()
        progress(f"  oud sleutelbestand {old} verwijderd (de sleutel staat in {new})")
        return
    new.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    shutil.move(old, new)  # also from a data folder on another disk
    new.chmod(0o600)
    progress(f"  sleutelbestand {old} verplaatst naar {new}, buiten de datamap")


def demo_pipeline_run(out_dir: Path, *, progress: Progress) -> LinkRun:
    """The pipeline's own job, run in this process until the queue is empty; first the
    programme's reference file (interventions, experiments), as the programme team keeps it."""
    interventions, experiments = reference_file_load(path=out_dir / "programma" / "referentie.yaml")
    progress(f"  referentie: {interventions} interventies, {experiments} experimenten")
    recorded = demo_learning_record(out_dir)
    progress(f"  lerend netwerk: {recorded} activiteiten en experimenten vastgelegd")
    job = job_enqueue()
    queue_drain(progress=progress)
    job.refresh_from_db()
    if job.status != PipelineJob.Status.DONE or job.link_run is None:
        raise UserError("demo-pijplijn-mislukt", job.reason or "De pijplijn is niet afgerond.")
    return job.link_run


def demo_learning_record(out_dir: Path) -> int:
    """The synthetic region's learning network (`programma/leren.yaml`), recorded once as the
    programme team would; a second demo run finds it recorded and adds nothing."""
    if LearningAgenda.objects.exists():
        return 0
    return learning_file_load(path=out_dir / "programma" / "leren.yaml")


def synthetic_region_ensure(*, scale: str | int, progress: Progress) -> Path:
    """Generate the demo's synthetic region once; later runs reuse the files."""
    out_dir = Path(settings.DATA_DIR) / "synth" / f"seed-{DEMO_SEED}-{scale}-{_generator_hash()}"
    if not (out_dir / "truth" / "summary.json").exists():
        generate(
            seed=DEMO_SEED,
            out_dir=out_dir,
            scale=scale,
            progress=lambda step, done, total: progress(f"  {step}: {done}/{total}"),
        )
    return out_dir


def _generator_hash() -> str:
    """Changes whenever the generator's code or inputs change, so a cached region is redone."""
    package = Path(synth.__file__).parent
    digest = hashlib.sha256(DEMO_PARTNERS.read_bytes())
    for path in sorted(package.glob("*.py")):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def demo_users_create() -> list[str]:
    """The demo accounts, marked as such: only with DOORBRAAK_DEMO on (as `doorbraak demo`
    runs) do they log in without the second step (`partners.mfa`)."""
    for username, (role, partner_code) in DEMO_USERS.items():
        user = User.objects.filter(username=username).first()
        if user is None:
            partner = Partner.objects.get(code=partner_code) if partner_code else None
            user = user_create(
                username=username, password=DEMO_PASSWORD, role=role, partner=partner
            )
        demo_account_mark(user)
    _demo_caseload_link()
    return list(DEMO_USERS)


def _demo_caseload_link() -> None:
    """Make the demo professional the contact person with the largest current caseload at
    their organisation, and the demo household one of their households."""
    professional = User.objects.get(username="professional")
    busiest = (
        facts_current("contact_assignments")
        .filter(partner=professional.partner, valid_to__isnull=True)
        .values("worker_ref")
        .annotate(n=Count("id"))
        .order_by("-n", "worker_ref")
        .first()
    )
    if busiest is None:
        return
    professional.worker_ref = busiest["worker_ref"]
    professional.save(update_fields=["worker_ref"])
    household = (
        r.Household.objects.filter(
            assignments__worker_ref=busiest["worker_ref"],
            assignments__valid_to__isnull=True,
            assignments__superseded_at__isnull=True,
        )
        .annotate(n=Count("assessments", distinct=True))
        .order_by("-n", "pk")
        .first()
    )
    if household is not None:
        User.objects.filter(username="huishouden").update(household_ref=household.pseudonym)
