"""Reads for partners."""

from django.db.models import QuerySet

from doorbraak.partners.models import Partner, Sector


def partner_list() -> QuerySet[Partner]:
    return Partner.objects.order_by("sector", "name")


def partners_by_sector() -> list[tuple[str, list[Partner]]]:
    partners = list(partner_list())
    return [
        (str(sector.label), [p for p in partners if p.sector == sector.value])
        for sector in Sector
        if any(p.sector == sector.value for p in partners)
    ]
