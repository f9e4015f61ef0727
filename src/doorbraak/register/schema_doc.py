"""`docs/register.md`, generated from `register.schema` (pure): every fact type with its fields,
types and code lists, the dataset kinds that deliver it, and the reference file's format.
`doorbraak register schema` prints it; a test fails when the file in docs/ differs."""

from doorbraak.register import schema as s

TYPE_NAMES = {
    "date": "datum",
    "integer": "geheel getal",
    "decimal": "decimaal getal",
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
EVENTS = """## One event, one fact

Several partners often report the same event; the register holds it once, with every source
kept (`linkage.facts`, decided in docs/adr/0017-one-event-one-fact.md):

- **Signals.** Records of the datasets `outreach` (the gemeente), `arrears` (a creditor, the
  health insurer) and `absence` (a school) are one signal when they are about the same linked
  person, the same signal kind and the same signal date. A record that names no kind (the
  health insurer's premium arrears file) has the kind its partner reports (`signal_source` in
  the partner list); an absence is `school`. Within one partner every record stays its own
  event (two arrears of one kind reported by one partner on one day are two signals), so the
  n-th record of each partner in a group makes the n-th signal. The signal takes the
  gemeente's follow-up (contact attempt, reached, end result, closed) and provenance; the
  creditor (the partner that itself reports this kind, before one that passed it on), the
  amount and the date the arrears began come from the creditor's or school's own record,
  else from the gemeente's; a creditor the gemeente names that is no partner stays empty;
  crisis holds when any report says so. `reported_by` lists every partner that reported it.
  Dates must agree exactly: the signal date is the day the creditor reported to the gemeente,
  which both record.
- **Enrolments.** An enrolment in an experiment's intervention is registered by the provider
  and by the gemeente: the same linked person, intervention and start date is one enrolment,
  with the experiment and the end (date and reason) from whichever record has them; the
  first delivered record is its provenance.

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
        codes = _codes_link(one)
        required = "yes" if one.required else "no"
        lines.append(
            f"| `{one.column}` | {one.label} | {TYPE_NAMES[one.type]} | {required} | {codes} |"
        )
    return [*lines, ""]


def _code_section(codes: s.CodeList) -> list[str]:
    lines = [f"### {codes.name.replace('_', '-')}", "", f"{codes.label}:", ""]
    lines += [f"- `{value}`: {label}" for value, label in codes.codes]
    return [*lines, ""]


def _codes_link(one: s.Field) -> str:
    return f"[{one.codes.name}](#{one.codes.name.replace('_', '-')})" if one.codes else ""


def delivered_field_rows(fields: tuple[s.Field, ...], keys: tuple[str, ...] = ()) -> list[str]:
    """A table of canonical fields a partner's mapping may name (docs/register.md, intake.md)."""
    lines = [
        "| field | label | type | required | key | codes |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for one in fields:
        required = "yes" if one.required else "no"
        key = "yes" if one.name in keys else ""
        lines.append(
            f"| `{one.name}` | {one.label} | {TYPE_NAMES[one.type]} | {required} | {key} "
            f"| {_codes_link(one)} |"
        )
    return lines


def _kind_section(kind: s.DatasetKind) -> list[str]:
    facts = ", ".join(f"`{f}`" for f in kind.facts)
    lines = [
        f"### `{kind.name}`: {kind.label}",
        "",
        f"- date field `{kind.date_field}`; keys {', '.join(f'`{k}`' for k in kind.keys)}; "
        f"becomes {facts}",
        "",
    ]
    return [*lines, *delivered_field_rows(kind.fields, kind.keys), ""]


def _identity_section() -> list[str]:
    kept = ", ".join(f"`{name}`" for name in sorted(s.IDENTITY_KEPT))
    lines = [
        "### Identity fields",
        "",
        "Every dataset kind may also map these columns. `doorbraak pseudonymise` replaces them "
        "at the partner by keyed pseudonyms and encodings (BSN, client number, address), the "
        f"birth year, the postcode's four digits and the buurt; only {kept} leaves as it is.",
        "",
    ]
    return [*lines, *delivered_field_rows(s.IDENTITY_FIELDS), ""]


def schema_markdown() -> str:
    kinds = s.dataset_kinds()
    lines = [HEAD, EVENTS, "## Fact types", ""]
    for fact in s.FACT_TYPES.values():
        lines += _fact_section(fact, kinds)
    lines += [
        "## Dataset kinds",
        "",
        "What partners deliver: each kind's canonical fields (the names a partner's mapping "
        "gives its columns; docs/intake.md describes the mapping), its keys and the fact types "
        "its records become.",
        "",
        "| kind | label | date field | facts |",
        "| --- | --- | --- | --- |",
    ]
    for kind in kinds.values():
        facts = ", ".join(f"`{f}`" for f in kind.facts)
        lines.append(f"| `{kind.name}` | {kind.label} | `{kind.date_field}` | {facts} |")
    lines.append("")
    for kind in kinds.values():
        lines += _kind_section(kind)
    lines += _identity_section()
    lines += ["## Code lists", ""]
    for codes in (*s.CODE_LISTS.values(), *s.INTAKE_CODE_LISTS.values()):
        lines += _code_section(codes)
    lines.append(REFERENCE)
    return "\n".join(lines)
