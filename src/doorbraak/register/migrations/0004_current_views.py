"""The `<table>_current` views: each fact table's rows that are not superseded.

The monitor reads these (names from `register.schema`); `tests/register/test_schema.py`
checks that every view holds exactly its table's columns, so a migration that changes a fact
table must drop and recreate its view (copy this pattern).
"""

from django.db import migrations

VIEWS = (
    (
        "register_membership_current",
        "register_membership",
        "id, batch_id, source_partner_id, source_row, delivery, mapping_version, origin, recorded_at, superseded_at, household_id, person_id, role, valid_from, valid_to",
    ),
    (
        "register_residence_current",
        "register_residence",
        "id, batch_id, source_partner_id, source_row, delivery, mapping_version, origin, recorded_at, superseded_at, household_id, address_pseudonym, buurt_id, valid_from, valid_to",
    ),
    (
        "register_signal_current",
        "register_signal",
        "id, batch_id, source_partner_id, source_row, delivery, mapping_version, origin, recorded_at, superseded_at, household_id, person_id, source_kind, creditor_id, amount, origin_date, signal_date, crisis, first_attempt_on, attempt_method, reached_on, end_result, closed_on",
    ),
    (
        "register_supportplan_current",
        "register_supportplan",
        "id, batch_id, source_partner_id, source_row, delivery, mapping_version, origin, recorded_at, superseded_at, household_id, plan_ref, started_on, ended_on, status, route",
    ),
    (
        "register_plangoal_current",
        "register_plangoal",
        "id, batch_id, source_partner_id, source_row, delivery, mapping_version, origin, recorded_at, superseded_at, plan_id, capital, status",
    ),
    (
        "register_contactassignment_current",
        "register_contactassignment",
        "id, batch_id, source_partner_id, source_row, delivery, mapping_version, origin, recorded_at, superseded_at, household_id, partner_id, worker_ref, valid_from, valid_to",
    ),
    (
        "register_enrolment_current",
        "register_enrolment",
        "id, batch_id, source_partner_id, source_row, delivery, mapping_version, origin, recorded_at, superseded_at, household_id, person_id, intervention_id, experiment_id, started_on, ended_on, end_reason",
    ),
    (
        "register_capitalassessment_current",
        "register_capitalassessment",
        "id, batch_id, source_partner_id, source_row, delivery, mapping_version, origin, recorded_at, superseded_at, person_id, household_id, capital, assessed_on, level, instrument_id",
    ),
    (
        "register_outcome_current",
        "register_outcome",
        "id, batch_id, source_partner_id, source_row, delivery, mapping_version, origin, recorded_at, superseded_at, person_id, household_id, kind, observed_on, value",
    ),
    (
        "register_householdcomposition_current",
        "register_householdcomposition",
        "id, batch_id, source_partner_id, source_row, delivery, mapping_version, origin, recorded_at, superseded_at, household_id, person_id, role, source, valid_from, valid_to",
    ),
    (
        "register_contactmoment_current",
        "register_contactmoment",
        "id, batch_id, source_partner_id, source_row, delivery, mapping_version, origin, recorded_at, superseded_at, household_id, person_id, partner_id, worker_ref, contact_on, kind, reached",
    ),
)


def _create(view: str, table: str, columns: str) -> str:
    return f"CREATE VIEW {view} AS SELECT {columns} FROM {table} WHERE superseded_at IS NULL"


class Migration(migrations.Migration):
    dependencies = [("register", "0003_append_only_and_new_fact_types")]

    operations = [migrations.RunSQL(_create(*view), f"DROP VIEW {view[0]}") for view in VIEWS]
