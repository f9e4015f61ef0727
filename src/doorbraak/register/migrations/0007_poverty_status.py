"""Poverty status per person, household and year (issue 20, docs/poverty.md), and its current
view (the pattern of 0004: the view holds exactly the table's columns)."""

import django.db.models.deletion
import django.utils.timezone
from django.db import migrations, models

VIEW, TABLE = "register_povertystatus_current", "register_povertystatus"
COLUMNS = (
    "id, batch_id, source_partner_id, source_row, delivery, mapping_version, origin, "
    "recorded_at, superseded_at, household_id, person_id, year, basis, income_pct, "
    "threshold_pct, definition, valid_from, valid_to"
)


class Migration(migrations.Migration):
    dependencies = [
        ("partners", "0004_key_generations"),
        ("register", "0006_household_source"),
    ]

    operations = [
        migrations.CreateModel(
            name="PovertyStatus",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("source_row", models.PositiveIntegerField(null=True, verbose_name="regel in bronbestand")),
                ("delivery", models.PositiveIntegerField(null=True, verbose_name="aanlevering")),
                ("mapping_version", models.CharField(blank=True, max_length=60, verbose_name="versie mapping")),
                ("origin", models.CharField(blank=True, max_length=120, verbose_name="herkomst")),
                ("recorded_at", models.DateTimeField(default=django.utils.timezone.now, verbose_name="vastgelegd op")),
                ("superseded_at", models.DateTimeField(null=True, verbose_name="vervangen op")),
                ("year", models.PositiveSmallIntegerField(verbose_name="jaar")),
                ("basis", models.CharField(max_length=30, verbose_name="grond")),
                ("income_pct", models.DecimalField(decimal_places=2, max_digits=10, null=True, verbose_name="inkomen in % van het sociaal minimum")),
                ("threshold_pct", models.IntegerField(null=True, verbose_name="grens van de gemeente")),
                ("definition", models.CharField(max_length=60, verbose_name="gebruikte definitie")),
                ("valid_from", models.DateField(verbose_name="vanaf")),
                ("valid_to", models.DateField(null=True, verbose_name="tot")),
                ("batch", models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="+", to="register.factbatch")),
                ("household", models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="+", to="register.household")),
                ("person", models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="+", to="register.person")),
                ("source_partner", models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name="+", to="partners.partner")),
            ],
            options={"abstract": False},
        ),
        migrations.RunSQL(
            f"CREATE VIEW {VIEW} AS SELECT {COLUMNS} FROM {TABLE} WHERE superseded_at IS NULL",
            f"DROP VIEW {VIEW}",
        ),
    ]
