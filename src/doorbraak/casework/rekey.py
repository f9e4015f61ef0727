"""Finish a rotation of the field key (ADR 0024, 0028): every encrypted value under the current
key, every blind index recomputed under it.

Each model of the work zone with `EncryptedTextField`s is walked in primary-key order, in
batches, each batch in its own transaction, so an interrupted run leaves every row either done
or untouched and a second run only does what is left (idempotent). A value is re-encrypted only
when its stored key id is not the current one (read from the raw column, without decrypting);
a member's blind indexes are recomputed from the plaintext and written only when they differ.
After a run that leaves nothing under an old key, the old keys can be dropped. Each run is one
line in the audit trail (the current key's id and the rows it changed; never a value).
"""

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.db import models, transaction
from django.db.models.functions import Cast

from doorbraak.casework.crypto import VERSION, blind_index, decrypt, name_normalise
from doorbraak.casework.fields import EncryptedTextField
from doorbraak.casework.keys import field_keys
from doorbraak.casework.models import CaseMember
from doorbraak.core.audit import audit_record
from doorbraak.core.models import AuditAction

BATCH_SIZE = 500
RAW = "rekey_raw_"  # prefix of the annotation that reads a column's stored text as it is


@dataclass
class Rekeyed:
    """What a run did with one model's rows."""

    model: str  # the model's label, e.g. casework.casemember
    rows: int = 0
    rows_changed: int = 0
    values: int = 0  # values re-encrypted under the current key
    indexes: int = 0  # members whose blind indexes were recomputed


def encrypted_models() -> list[tuple[type[models.Model], list[str]]]:
    """Every model of the work zone with its encrypted columns, the ones added later included."""
    found = []
    for model in apps.get_app_config("casework").get_models():
        names = [f.name for f in model._meta.fields if isinstance(f, EncryptedTextField)]
        if names:
            found.append((model, names))
    return found


def rekey(
    *, batch_size: int = BATCH_SIZE, progress: Callable[[Rekeyed], None] = lambda done: None
) -> list[Rekeyed]:
    current = f"{VERSION}.{field_keys().current_id}."
    done = []
    for model, names in encrypted_models():
        tally = Rekeyed(model._meta.label_lower)
        for ids in _batches(model, batch_size):
            with transaction.atomic():
                _batch_rekey(model, names, ids, current, tally)
        progress(tally)
        done.append(tally)
    audit_record(
        actor=None,
        action=AuditAction.CASEWORK_REKEY,
        object_type="casework.fieldkey",
        object_id=field_keys().current_id,
        result=f"{sum(t.rows_changed for t in done)} rijen",
        origin="doorbraak casework rekey",
    )
    return done


def _batches(model: type[models.Model], size: int) -> Iterator[list[Any]]:
    last = None
    while True:
        rows = model._default_manager.order_by("pk")
        if last is not None:
            rows = rows.filter(pk__gt=last)
        ids = list(rows.values_list("pk", flat=True)[:size])
        if not ids:
            return
        yield ids
        last = ids[-1]


def _batch_rekey(
    model: type[models.Model], names: list[str], ids: list[Any], current: str, tally: Rekeyed
) -> None:
    raw = {f"{RAW}{name}": Cast(name, output_field=models.TextField()) for name in names}
    rows = (
        model._default_manager.select_for_update()
        .filter(pk__in=ids)
        .annotate(**raw)
        .values("pk", *raw)
    )
    for row in rows:
        tally.rows += 1
        stale = {
            name: decrypt(stored, context=f"{model._meta.label_lower}.{name}")
            for name in names
            if (stored := row[f"{RAW}{name}"]) and not stored.startswith(current)
        }
        changes: dict[str, str] = dict(stale)  # saved as plaintext: the field encrypts anew
        if model is CaseMember:
            indexes = _indexes_changed(row["pk"])
            tally.indexes += bool(indexes)
            changes.update(indexes)
        if changes:
            model._default_manager.filter(pk=row["pk"]).update(**changes)
            tally.rows_changed += 1
            tally.values += len(stale)


def _indexes_changed(pk: Any) -> dict[str, str]:
    """The member's blind indexes under the current key, where they differ from the stored."""
    member = CaseMember.objects.get(pk=pk)
    birth = member.birth_date
    wanted = {
        "bsn_index": blind_index("bsn", member.bsn) if member.bsn else "",
        "name_birth_index": blind_index(
            "naam-geboortedatum", f"{name_normalise(member.name)}|{birth}"
        ),
    }
    return {name: value for name, value in wanted.items() if getattr(member, name) != value}
