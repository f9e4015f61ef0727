"""`doorbraak leren laad FILE` (issue 17): the learning network's YAML recorded through the
services; a bad row is reported with its section, row and a Dutch reason and left out while the
good rows are recorded; loading the same file again changes nothing (no record, no audit line).
"""

import io
from pathlib import Path

import pytest
import yaml
from django.core.management import call_command

from doorbraak.core.models import AuditEvent
from doorbraak.learning import models as m
from doorbraak.partners.models import Partner

pytestmark = pytest.mark.django_db
MODELS = (
    m.LearningAgenda,
    m.Session,
    m.SessionPartner,
    m.Training,
    m.TrainingCompletion,
    m.Conference,
    m.Publication,
    m.KnowledgeSupport,
    m.Procurement,
    m.Experiment,
)


def _load(path: Path) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("leren", "laad", str(path), stdout=out, stderr=err)
    except SystemExit as done:
        return int(done.code or 0), out.getvalue() + err.getvalue()
    return 0, out.getvalue() + err.getvalue()


def _counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in (*MODELS, AuditEvent)}


def test_bad_rows_are_reported_and_the_rest_recorded(demo_world: None, tmp_path: Path) -> None:
    partner = Partner.objects.order_by("code").first()
    assert partner is not None
    data = {
        "leeragendas": [
            {"titel": "Leeragenda 2025-1", "datum": "2025-02-01"},
            {"titel": "Zonder datum"},
            {"titel": "Verkeerde datum", "datum": "2025-13-40"},
        ],
        "publicaties": [{"titel": "Boek", "soort": "roman", "datum": "2025-03-01"}],
        "aanbestedingen": [
            {"titel": "Schuldhulp", "partner": partner.code, "datum": "2025-04-01", "armoede": 1},
            {"titel": "Fout", "partner": "bestaat-niet", "datum": "2025-04-01", "armoede": 1},
        ],
        "sessies": [
            {"onderwerp": "Sessie", "datum": "2025-05-01", "partners": [partner.code],
             "kennis": ["onbekende-vorm"]},
        ],
        "trainingen": [
            {"titel": "Bejegening", "datum": "2025-06-01", "bejegening": True,
             "geschoold": {partner.code: 3}},
        ],
        "onzin": [{"a": 1}],
    }  # fmt: skip
    path = tmp_path / "leren.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    before = _counts()
    code, output = _load(path)
    assert code == 1
    assert "3 vastgelegd, 0 al vastgelegd (ongewijzigd), 6 afgewezen." in output
    assert "leeragendas, rij 2: het veld 'datum' ontbreekt" in output
    assert "leeragendas, rij 3:" in output
    assert "publicaties, rij 1:" in output
    assert "aanbestedingen, rij 2: onbekende partner 'bestaat-niet'" in output
    assert "sessies, rij 1: onbekende vorm van kennis: onbekende-vorm" in output
    assert "onzin, rij 0: onbekend onderdeel" in output
    assert "Traceback" not in output
    after = _counts()
    assert after["LearningAgenda"] == before["LearningAgenda"] + 1
    assert after["Procurement"] == before["Procurement"] + 1
    assert after["TrainingCompletion"] == before["TrainingCompletion"] + 3
    assert after["Session"] == before["Session"]  # the refused session left nothing behind
    assert after["SessionPartner"] == before["SessionPartner"]
    assert after["AuditEvent"] == before["AuditEvent"] + 3
    code, output = _load(path)  # again: nothing changes
    assert "0 vastgelegd, 3 al vastgelegd (ongewijzigd), 6 afgewezen." in output
    assert _counts() == after


def test_the_synthetic_file_loads_once(demo_world: None, synth_dir: Path) -> None:
    path = synth_dir / "programma" / "leren.yaml"
    code, output = _load(path)
    assert code == 0, output
    loaded = _counts()
    assert loaded["LearningAgenda"] > 0
    assert loaded["TrainingCompletion"] > 0
    rows = sum(len(v or []) for v in yaml.safe_load(path.read_text(encoding="utf-8")).values())
    assert ", 0 afgewezen." in output
    recorded = int(output.rsplit(": ", 1)[1].split(" vastgelegd")[0])
    assert 50 < recorded <= rows
    code, output = _load(path)
    assert code == 0
    assert "leren.yaml: 0 vastgelegd" in output
    assert _counts() == loaded
