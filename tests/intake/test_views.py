"""The steward's pages: only their own partner's deliveries, downloads audited, and no
traceback whatever the file."""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from doorbraak.core.models import AuditEvent
from doorbraak.intake.mappings import mapping_store
from doorbraak.intake.models import ImportBatch
from doorbraak.intake.services import import_batch_run
from doorbraak.partners.models import Partner, Role
from tests.intake.conftest import MakeFile


@pytest.fixture
def steward_client(user_of, partner) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(user_of(Role.DATA_STEWARD))
    return client


@pytest.fixture
def other_batch(partner, export_file: MakeFile) -> ImportBatch:
    other = Partner.objects.exclude(pk=partner.pk).first()
    mapping_store(partner=other, dataset="huurachterstanden", spec=dict(partner_spec(partner)))
    path = export_file(name="andere-partner.csv")
    return import_batch_run(partner=other, path=path, dataset="huurachterstanden")


def partner_spec(partner: Partner) -> dict:  # type: ignore[type-arg]
    from doorbraak.intake.mappings import mapping_latest

    mapping = mapping_latest(partner=partner, dataset="huurachterstanden")
    assert mapping is not None
    return mapping.spec


def test_steward_never_sees_another_partners_delivery(
    steward_client: Client, other_batch: ImportBatch
) -> None:
    listing = steward_client.get(reverse("intake:list"))
    assert listing.status_code == 200
    assert "andere-partner.csv" not in listing.content.decode()
    for name in ("intake:detail", "intake:result_file"):
        assert steward_client.get(reverse(name, args=[other_batch.pk])).status_code == 404


def test_other_roles_are_refused(user_of) -> None:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(user_of(Role.PROFESSIONAL))
    assert client.get(reverse("intake:list")).status_code == 403


def test_upload_shows_counters_and_download_is_audited(
    steward_client: Client, export_file: MakeFile
) -> None:
    path = export_file()
    upload = SimpleUploadedFile(path.name, path.read_bytes())
    response = steward_client.post(reverse("intake:list"), {"file": upload}, follow=True)
    page = response.content.decode()
    batch = ImportBatch.objects.get()
    assert f'data-counter="accepted">{batch.accepted}<' in page
    download = steward_client.get(reverse("intake:result_file", args=[batch.pk]))
    assert download.status_code == 200
    assert b"resultaat;opmerking" in download.content
    event = AuditEvent.objects.get(action="intake.result_file.download")
    assert event.object_id == str(batch.pk)


BROKEN = {
    "binary.csv": bytes(range(256)) * 8,
    "empty.csv": b"",
    "header-only.csv": b"Dossiernummer;Soort\r\n",
    "wrong-encoding.csv": "Dossiernummer;Soort\r\nHA1;Huur\r\n".encode("utf-16"),
    "truncated.xlsx": b"PK\x03\x04" + b"\x00" * 50,
    "unknown-columns.csv": b"a;b;c\r\n1;2;3\r\n",
    "only-spaces.csv": b"   \r\n  \r\n",
}


@pytest.mark.parametrize("name", list(BROKEN))
def test_no_traceback_whatever_the_file(steward_client: Client, name: str) -> None:
    upload = SimpleUploadedFile(f"huurachterstanden-{name}", BROKEN[name])
    response = steward_client.post(reverse("intake:list"), {"file": upload}, follow=True)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Traceback" not in page
    assert "utrecht-alert" in page or "Afgewezen" in page


def test_a_raw_export_is_refused_in_the_browser(steward_client: Client, synth_dir) -> None:  # type: ignore[no-untyped-def]
    raw = synth_dir / "exports" / "woonstichting-veenhorst" / "huurachterstanden-2025.csv"
    upload = SimpleUploadedFile(raw.name, raw.read_bytes())
    page = steward_client.post(reverse("intake:list"), {"file": upload}, follow=True)
    assert "doorbraak pseudonymise" in page.content.decode()
    assert ImportBatch.objects.get().status == ImportBatch.Status.FAILED


CORPUS = Path(__file__).resolve().parents[1] / "sources" / "fixtures"


@pytest.mark.parametrize(
    "fixture",
    sorted(p.name for p in CORPUS.glob("*") if p.suffix in (".csv", ".xlsx"))
    if CORPUS.exists()
    else [],
)
def test_no_traceback_on_the_sources_corpus(steward_client: Client, fixture: str) -> None:
    upload = SimpleUploadedFile(f"huurachterstanden-{fixture}", (CORPUS / fixture).read_bytes())
    response = steward_client.post(reverse("intake:list"), {"file": upload}, follow=True)
    assert response.status_code == 200
    assert "Traceback" not in response.content.decode()
    for batch in ImportBatch.objects.all():
        assert batch.read == batch.accepted + batch.rejected
