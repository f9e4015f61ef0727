"""The experiments and interventions the register knew from the reference file become the
programme's own records (ADR 0036); the register's rows stay, as the copy enrolments use."""

import datetime as dt

from django.db import migrations


def forwards(apps, schema_editor):  # type: ignore[no-untyped-def]
    old_intervention = apps.get_model("register", "Intervention")
    old_experiment = apps.get_model("register", "Experiment")
    intervention = apps.get_model("learning", "Intervention")
    experiment = apps.get_model("learning", "Experiment")
    for one in old_intervention.objects.all():
        intervention.objects.get_or_create(code=one.code, defaults={"name": one.name})
    today = dt.date.today()
    for old in old_experiment.objects.all():
        if experiment.objects.filter(code=old.code).exists():
            continue
        areas = sorted(old.areas.all(), key=lambda a: a.level != "wijk")
        status = "lopend"
        if today < old.started_on:
            status = "voorbereiding"
        elif old.ended_on is not None and old.ended_on <= today:
            status = "afgerond"
        new = experiment.objects.create(
            code=old.code,
            name=old.name,
            area=areas[0] if areas else None,
            started_on=old.started_on,
            ended_on=old.ended_on,
            status=status,
        )
        codes = [i.code for i in old.interventions.all()]
        new.interventions.set(intervention.objects.filter(code__in=codes))


class Migration(migrations.Migration):
    dependencies = [
        ("learning", "0001_initial"),
        ("register", "0007_poverty_status"),
    ]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
