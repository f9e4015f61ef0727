"""`docs/register.md`, generated from `register.schema` (pure): every fact type with its fields,
types and code lists, the dataset kinds that deliver it, and the reference file's format.
`doorbraak register schema` prints it; a test fails when the file in docs/ differs."""

from doorbraak.register import schema as s

TYPE_NAMES = {
    "date": "datum",
    "integer": "geheel getal",
    "decimal": "bedrag",
    "boolean": "ja/nee",
    "code": "code",
    "text": "tekst",
    "household": "huishouden (pseudoniem)",
    "person": "persoon (pseudoniem)",
    "partner": "partner (code)",
    "buurt": "buurt (CBS-code)",
    "intervention": "interventie (code)",
    "experiment": "experiment (code)",
    "instrument": "instrument (code en versie)",
    "plan": "plan (kenmerk)",
}
HEAD = """# The register

Generated from `src/doorbraak/register/schema.py` by `doorbraak register schema`; do not edit
by hand (a test compares this file with the schema). Field labels and code labels are the
Dutch texts users see.

Every fact row also carries its provenance and recorded validity: the batch it came in
(`batch_id`), the delivering partner (`source_partner_id`), the delivery and the row number in
the partner's original file (`delivery`, `source_row`), the mapping version
(`mapping_version`), or the action that made it (`origin`); `recorded_at` and
`superseded_at` say from when to when the register held it. Nothing is deleted: a newer link
run or a correction supersedes. The monitor reads the `<table>_current` views (the rows not
superseded); `register.selectors.facts_as_of` answers what the register held at any moment.
"""
REFERENCE = """## The programme's reference file

Interventions and local experiments are the programme's own records, loaded with
`doorbraak register referentie FILE` (YAML, UTF-8):

```yaml
versie: 1
interventies:
  - code: budgetcoaching        # the code partners' enrolments use
    naam: Budgetcoaching
experimenten:
  - code: EXP-0037-1
    naam: Kansrijk Stadskanaal 2023-1
    gebied: WK003701           # CBS code of the wijk (or gemeente) of the experiment
    start: 2023-10-21
    einde: 2026-02-24          # may be empty while it runs
    cocktail: [budgetcoaching, maatjesproject]   # interventions listed above
```

Loading it again updates names, dates, areas and cocktails; nothing is removed.
"""


def _validity(fact: s.FactType) -> str:
    if fact.interval:
        return f"interval `{fact.interval[0]}` – `{fact.interval[1]}` (end exclusive, empty: open)"
    return f"point in time `{fact.point}`" if fact.point else "no date of its own"


def _fact_section(fact: s.FactType, kinds: dict[str, s.DatasetKind]) -> list[str]:
    lines = [
        f"### `{fact.name}`: {fact.label_plural}",
        "",
        fact.description,
        "",
        f"- table `{fact.db_table}` (model `{fact.model}`), current rows in `{fact.current}`",
        f"- unit: {fact.unit}; validity: {_validity(fact)}",
        "- delivered by dataset kinds: "
        + ", ".join(f"`{k}` ({kinds[k].label})" for k in fact.kinds),
    ]
    if fact.breakdowns:
        lines.append(
            "- monitor breakdowns: "
            + ", ".join(f"`{b}` → `{f}`" for b, f in sorted(fact.breakdowns.items()))
        )
    lines += ["", "| field | label | type | required | codes |", "| --- | --- | --- | --- | --- |"]
    for one in fact.fields:
        codes = f"[{one.codes.name}](#{one.codes.name.replace('_', '-')})" if one.codes else ""
        required = "yes" if one.required else "no"
        lines.append(
            f"| `{one.column}` | {one.label} | {TYPE_NAMES[one.type]} | {required} | {codes} |"
        )
    return [*lines, ""]


def _code_section(codes: s.CodeList) -> list[str]:
    lines = [f"### {codes.name.replace('_', '-')}", "", f"{codes.label}:", ""]
    lines += [f"- `{value}`: {label}" for value, label in codes.codes]
    return [*lines, ""]


def schema_markdown() -> str:
    kinds = s.dataset_kinds()
    lines = [HEAD, "## Fact types", ""]
    for fact in s.FACT_TYPES.values():
        lines += _fact_section(fact, kinds)
    lines += [
        "## Dataset kinds",
        "",
        "| kind | label | date field | facts |",
        "| --- | --- | --- | --- |",
    ]
    for kind in kinds.values():
        facts = ", ".join(f"`{f}`" for f in kind.facts)
        lines.append(f"| `{kind.name}` | {kind.label} | `{kind.date_field}` | {facts} |")
    lines += ["", "## Code lists", ""]
    for codes in s.CODE_LISTS.values():
        lines += _code_section(codes)
    lines.append(REFERENCE)
    return "\n".join(lines)
