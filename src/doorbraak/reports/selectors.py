"""Reads of the reflection: frozen years, their integrity, interpretations and decisions."""

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from doorbraak.core.errors import UserError
from doorbraak.reports.models import Decision, Interpretation, ReflectionSnapshot
from doorbraak.reports.sections import sha256_of


def snapshot_latest(year: int) -> ReflectionSnapshot | None:
    return ReflectionSnapshot.objects.filter(year=year).order_by("-version").first()


def snapshot_get(year: int, version: int | None = None) -> ReflectionSnapshot | None:
    if version is None:
        return snapshot_latest(year)
    return ReflectionSnapshot.objects.filter(year=year, version=version).first()


def snapshots() -> QuerySet[ReflectionSnapshot]:
    return ReflectionSnapshot.objects.select_related("plan_version", "frozen_by").order_by(
        "-year", "-version"
    )


def snapshot_verified(snapshot: ReflectionSnapshot) -> ReflectionSnapshot:
    """The snapshot when its sections still match the hashes taken at freeze time; a
    snapshot changed behind the application's back is refused, never shown."""
    hashes = {key: sha256_of(data) for key, data in snapshot.sections.items()}
    if hashes != snapshot.section_hashes or sha256_of(hashes) != snapshot.content_sha256:
        raise UserError(
            "bevroren-jaar-aangetast",
            _(
                "De bevroren cijfers van {year} (versie {version}) kloppen niet meer met hun "
                "vingerafdruk. Meld dit aan de beheerder; het rapport wordt niet gemaakt."
            ).format(year=snapshot.year, version=snapshot.version),
        )
    return snapshot


def interpretations(year: int) -> QuerySet[Interpretation]:
    return Interpretation.objects.filter(year=year).select_related("written_by", "snapshot")


def interpretations_included(year: int) -> list[Interpretation]:
    return list(interpretations(year).filter(included=True))


def decisions(year: int) -> QuerySet[Decision]:
    return Decision.objects.filter(year=year).select_related("plan_version", "recorded_by")
