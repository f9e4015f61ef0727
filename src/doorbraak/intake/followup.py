"""What follows an accepted delivery is not the intake's business: it calls each function
that `settings.INTAKE_ACCEPTED` names (by default the pipeline's), explicitly, from the
upload page and `doorbraak import`. No signal: the callers say where it happens."""

from typing import Any

from django.conf import settings
from django.utils.module_loading import import_string

from doorbraak.intake.models import ImportBatch


def delivery_followup(*, batch: ImportBatch, user: Any = None) -> bool:
    """Call the follow-ups of an accepted delivery; False when there is nothing to follow."""
    if batch.dry_run or batch.status != ImportBatch.Status.DONE:
        return False
    names = list(getattr(settings, "INTAKE_ACCEPTED", []))
    for name in names:
        import_string(name)(batch=batch, user=user)
    return bool(names)
