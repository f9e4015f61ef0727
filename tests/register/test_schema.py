"""`register.schema` is the one declaration of the fact types: the models, the current views,
the monitor's vocabulary and extract, the linked-facts writer, the synthetic adapter and
docs/register.md agree with it, or these tests say where they do not."""

import csv
import datetime as dt
from pathlib import Path

import pytest
from django.apps import apps
from django.db import connection, models

from doorbraak.monitor.definitions import vocabulary as v
from doorbraak.monitor.extract import column_types
from doorbraak.pseudonymise.records import IDENTIFYING
from doorbraak.register import models as r
from doorbraak.register import schema as s
from doorbraak.register.schema_doc import schema_markdown
from doorbraak.synth.dialects import (
    DATE_FIELDS,
    DECIMAL_FIELDS,
    IDENTITY,
    KEYS,
    NUMBER_FIELDS,
    load_dialects,
)

DOCS = Path(__file__).resolve().parents[2] / "docs"
DJANGO_TYPES: dict[str, tuple[type[models.Field], ...]] = {
    "date": (models.DateField,),
    "integer": (models.IntegerField,),  # every integer field derives from it
    "decimal": (models.DecimalField,),
    "boolean": (models.BooleanField,),
    "code": (models.CharField,),
    "text": (models.CharField,),
}


def _model(fact: s.FactType) -> type[models.Model]:
    return apps.get_model(s.APP, fact.model)


@pytest.mark.parametrize("name", list(s.FACT_TYPES))
def test_every_fact_type_has_its_model_field_for_field(name: str) -> None:
    fact = s.FACT_TYPES[name]
    model = _model(fact)
    assert model._meta.db_table == fact.db_table
    fields = {f.column: f for f in model._meta.concrete_fields if not f.primary_key}
    declared = {one.column for one in fact.fields}
    assert set(fields) == declared | set(s.PROVENANCE), (
        f"{fact.model}: not declared {set(fields) - declared - set(s.PROVENANCE)}, "
        f"no model field for {declared - set(fields)}"
    )
    for one in fact.fields:
        field = fields[one.column]
        if one.is_reference:
            assert field.is_relation, one.name
            assert field.related_model._meta.db_table == s.REFERENCES[one.type], one.name  # type: ignore[union-attr]
        else:
            assert isinstance(field, DJANGO_TYPES[one.type]), (one.name, type(field))
        if one.max_length:
            assert field.max_length == one.max_length, one.name
        optional = field.null or (field.blank and isinstance(field, models.CharField))
        if one.type not in ("code", "text"):
            assert field.null is (not one.required), one.name
        assert optional or one.required or one.type in ("code", "text"), one.name


def test_every_fact_model_is_declared() -> None:
    facts = {m for m in apps.get_app_config(s.APP).get_models() if issubclass(m, r.Fact)}
    assert {m.__name__ for m in facts} == {f.model for f in s.FACT_TYPES.values()}


@pytest.mark.django_db
def test_every_current_view_holds_its_tables_columns_and_only_current_rows() -> None:
    with connection.cursor() as cursor:
        described = connection.introspection.get_table_description
        for fact in s.FACT_TYPES.values():
            view = {c.name for c in described(cursor, fact.current)}
            table = {c.name for c in described(cursor, fact.db_table)}
            assert view == table, f"{fact.current}: recreate the view after changing the table"
            cursor.execute(
                f"SELECT COUNT(*) FROM {fact.current} WHERE superseded_at IS NOT NULL"  # noqa: S608
            )
            assert cursor.fetchone()[0] == 0


def test_the_monitors_vocabulary_derives_from_the_schema() -> None:
    for name, table in v.TABLES.items():
        not_facts = ("intake_", "learning_", "surveys_", "evaluation_")  # not register facts
        if table.db_table.startswith(not_facts):
            continue
        fact = s.FACT_TYPES[name]
        assert table.db_table == fact.current
        assert table.interval == fact.interval
        assert set(table.dates) == set(fact.dates)
        assert table.household == fact.household_column
        for breakdown, field in fact.breakdowns.items():
            assert table.breakdowns[breakdown] == fact.field(field).column
    assert s.FACT_TYPES["residences"].current == v.RESIDENCE


def test_the_extract_holds_no_pseudonym_or_text_column() -> None:
    texts = {(f.current, one.column) for f, one in s.all_fields() if one.type == "text"}
    for table, columns in column_types().items():
        assert not {(table, c) for c in columns} & texts, table
        assert "pseudonym" not in columns


def test_docs_register_md_is_the_schemas() -> None:
    written = (DOCS / "register.md").read_text(encoding="utf-8")
    regenerate = "regenerate: doorbraak register schema --uit docs/register.md"
    assert written == schema_markdown(), regenerate


def test_every_synthetic_dataset_kind_is_declared() -> None:
    """The synthetic partners deliver only dataset kinds the schema knows, each with the
    date field the schema names for it."""
    kinds = s.dataset_kinds()
    for dialect in load_dialects().values():
        for kind in dialect.layouts:
            assert kind in kinds, kind
            assert kinds[kind].date_field in DATE_FIELDS, kind


def test_code_lists_hold_every_value_the_synthetic_region_writes(synth_dir: Path) -> None:
    checks = {
        ("signals", "source_kind"): s.SIGNAL_KIND,
        ("signals", "end_result"): s.END_RESULT,
        ("signals", "contact_method"): s.CONTACT_METHOD,
        ("memberships", "role"): s.MEMBER_ROLE,
        ("plans", "status"): s.PLAN_STATUS,
        ("plans", "route"): s.PLAN_ROUTE,
        ("plan_goals", "capital"): s.CAPITAL,
        ("enrolments", "end_reason"): s.END_REASON,
        ("outcomes", "outcome"): s.OUTCOME,
    }
    for (table, column), codes in checks.items():
        with (synth_dir / "truth" / "facts" / f"{table}.csv").open(encoding="utf-8") as handle:
            values = {row[column] for row in csv.DictReader(handle)} - {""}
        assert values <= set(codes.values), (table, column, values - set(codes.values))


def test_dates_in_the_schema_are_dates() -> None:
    for fact in s.FACT_TYPES.values():
        for name in (fact.point, *(fact.interval or ())):
            if name:
                assert fact.field(name).type == "date", (fact.name, name)
    assert dt.date  # the module is used for typed rows in the write-path tests


def test_every_field_the_synthetic_partners_deliver_is_declared() -> None:
    """Each column of each synthetic export names a canonical field its dataset kind declares
    (or an identity field), and the kind's keys and required fields are among them."""
    identity = {f.name for f in s.IDENTITY_FIELDS}
    kinds = s.dataset_kinds()
    for dialect in load_dialects().values():
        assert {name for _header, name in dialect.identity} <= identity, dialect.name
        for kind, layout in dialect.layouts.items():
            declared = {f.name for f in kinds[kind].fields}
            used = {name for header, name in layout.columns if header != IDENTITY}
            assert used <= declared, (dialect.name, kind, used - declared)
            assert set(kinds[kind].required) <= used, (dialect.name, kind)
            assert set(kinds[kind].keys) <= set(kinds[kind].required), kind


def test_declared_types_are_the_synthetic_types() -> None:
    kinds = s.dataset_kinds()
    fields = [f for kind in kinds.values() for f in kind.fields] + list(s.IDENTITY_FIELDS)
    used = {
        name
        for d in load_dialects().values()
        for lay in d.layouts.values()
        for _, name in lay.columns
    }
    used |= {name for d in load_dialects().values() for _, name in d.identity}
    for one in (f for f in fields if f.name in used):  # brp and contact_moment: none synthetic
        assert (one.type == "date") == (one.name in DATE_FIELDS), one.name
        assert (one.type == "decimal") == (one.name in DECIMAL_FIELDS), one.name
        assert (one.type == "integer") == (one.name in NUMBER_FIELDS), one.name
    for kind in kinds.values():
        assert kind.field(kind.date_field) is not None, kind.name
        assert kind.field(kind.date_field).type == "date", kind.name  # type: ignore[union-attr]
        assert tuple(KEYS.get(kind.name, ("record_id",))) == kind.keys, kind.name


def test_identity_fields_are_what_pseudonymise_replaces() -> None:
    names = {f.name for f in s.IDENTITY_FIELDS}
    assert names - s.IDENTITY_KEPT == IDENTIFYING
    assert names >= s.IDENTITY_KEPT


def test_code_lists_of_delivered_fields_hold_every_synthetic_code() -> None:
    kinds = s.dataset_kinds()
    fields = {f.name: f for kind in kinds.values() for f in kind.fields}
    fields |= {f.name: f for f in s.IDENTITY_FIELDS}
    for dialect in load_dialects().values():
        for name, table in dialect.codes.items():
            one = fields[name]
            if one.type == "boolean":
                assert set(table) == {"yes", "no"}, (dialect.name, name)
            elif one.codes is not None:
                assert set(table) <= set(one.codes.values), (dialect.name, name)
            else:  # codes of the programme's reference file (interventions)
                assert one.type == "code", (dialect.name, name)
