"""Signals keep every partner that reported them (`reported_by`, docs/adr/0017): one event
reported by a creditor, a gemeente and a health insurer is one signal with three sources.

The current view is dropped before the column is added and made again with it (SQLite
rebuilds a table when it changes, and a view must hold exactly its table's columns).
"""

from django.db import migrations, models

VIEW, TABLE = "register_signal_current", "register_signal"
BEFORE = (
    "id, batch_id, source_partner_id, source_row, delivery, mapping_version, origin, "
    "recorded_at, superseded_at, household_id, person_id, source_kind, creditor_id, amount, "
    "origin_date, signal_date, crisis, first_attempt_on, attempt_method, reached_on, "
    "end_result, closed_on"
)
AFTER = BEFORE.replace("creditor_id, ", "creditor_id, reported_by, ")


def _create(columns: str) -> str:
    return f"CREATE VIEW {VIEW} AS SELECT {columns} FROM {TABLE} WHERE superseded_at IS NULL"


class Migration(migrations.Migration):
    dependencies = [("register", "0004_current_views")]

    operations = [
        migrations.RunSQL(f"DROP VIEW {VIEW}", _create(BEFORE)),
        migrations.AddField(
            model_name="signal",
            name="reported_by",
            field=models.CharField(blank=True, max_length=200, verbose_name="gemeld door"),
        ),
        migrations.RunSQL(_create(AFTER), f"DROP VIEW {VIEW}"),
    ]
