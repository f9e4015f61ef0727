"""Generated hostile inputs for the intake's fuzz test (`test_fuzz.py`): mapping files and
partner exports, each made from a valid one by a seeded `random.Random`, so that a case is
the same on every run and can be made again from its number alone.

Mapping files are mutated as data (wrong types, unknown, missing and renamed keys, huge
numbers, unicode) and as text (broken YAML, tags, aliases, binary, other encodings). Exports
are mutated as a table (cells, rows, columns, header and title rows) and as bytes (delimiters,
encodings, line ends, deleted, duplicated and inserted bytes, NUL, truncation); workbooks as
typed cells, sheets and the XML inside the zip.
"""

import copy
import csv
import datetime as dt
import io
import random
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import openpyxl
import yaml
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

# --- values -------------------------------------------------------------------------------

HOSTILE_TEXT = (
    "", " ", "\t", "é", "ë ï ü", "💥", "\u202e", "\u200b", "\ufeff", "漢字", "Ω≈ç√",
    "a" * 300, "-", "=1+1", "=cmd|' /C calc'!A0", "@SUM(A1)", "+31", "null", "~", "NaN",
    "Infinity", "-0", "1e400", "9" * 40, "-12,50", "1.234.567,89", "€ 123.456,78", "450,-",
    "0,000000001", "31-02-1980", "00-00-0000", "2031-01-01", "9999-12-31", "0001-01-01",
    "onbekend", "Totaal", "ja", "NEE", "true", "yes", "0", "123456782", "012345672",
    "1234 AB 12", "Ja\nNee", 'een "aanhalingsteken"', '"', '""', "'", ";", ",", "\r",
    "\x00", "a\x00b", "\x1b[31m", "%s", "%(x)s", "{0}", "<script>", "../../etc/passwd",
)  # fmt: skip
HOSTILE_SCALARS: tuple[Any, ...] = (
    None, 0, -1, 1, 2, 10**30, -(10**30), 2**63, 1.5, 1e308, float("nan"), float("inf"),
    True, False, dt.date(2024, 2, 29), dt.datetime(1, 1, 1, 0, 0), "%Y", "%d-%m-%", "%Q",
    "%", "utf-16", "latin-1", "rot13", "ascii", "nope", "xlsx", "XLSX", "csv ", "datum",
    "DATE", "janee", "geheel getal", "record_id", "bsn",
)  # fmt: skip
HOSTILE_CELLS: tuple[Any, ...] = (
    None, 0, -1, 10**20, 2**70, -(2**63), 1.5, 1e308, -1e-308, float("nan"), float("inf"),
    True, False, dt.date(1900, 1, 1), dt.date(9999, 12, 31), dt.datetime(1899, 12, 30, 12),
    dt.datetime(2031, 5, 5), dt.time(13, 37), dt.timedelta(days=3), "=1/0", "=SUM(A1:A3)",
    "=NOW()",
)  # fmt: skip


def hostile_text(rng: random.Random) -> str:
    if rng.random() < 0.15:
        return "".join(chr(rng.randrange(1, 0x3000)) for _ in range(rng.randrange(1, 20)))
    if rng.random() < 0.03:
        return rng.choice("x;\"'\n") * rng.randrange(1_000, 20_000)  # a very long cell
    return rng.choice(HOSTILE_TEXT)


def hostile_scalar(rng: random.Random) -> Any:
    roll = rng.random()
    if roll < 0.3:
        return hostile_text(rng)
    if roll < 0.4:
        return rng.choice([[], {}, [hostile_text(rng)], {hostile_text(rng): 1}, [[[]]]])
    return rng.choice(HOSTILE_SCALARS)


# --- mapping files ------------------------------------------------------------------------

MAPPING_KEYS = (
    "version", "partners", "name", "dialect", "file", "encoding", "delimiter", "decimal",
    "date_format", "dates", "title_rows", "notes_sheet", "datasets", "kind", "files", "keys",
    "header_row", "sheet", "columns", "types", "codes", "fixed", "initials", "combined",
    "delimeter", "colums", "Kind", "type", "code", "", " ", "é", "record_id", "amount",
)  # fmt: skip
SNIPPETS = (
    ":", ": ", "- ", "-", "[", "]", "{", "}", ",", "&a ", "*a", "*nergens ", "? ", "'", '"',
    "#", "|\n", ">\n", "\t", "\n", "\n  ", "\n    - ", "\x00", "\ufeff", "\u2028", "\x85", "é",
    "💥", "\r", "!!binary ", "!!set ", "!!str ", "!!int ", "!!float ", "!!timestamp ",
    "!!python/object/apply:os.system ['echo'] ", "!!python/name:os.system ", "!onbekend ",
    "<<: *a\n", "%YAML 1.1\n", "%TAG ! tag:x,2024:\n", "---\n", "...\n", "? [a, b]\n: 1\n",
    "&a [*a]", "@", "`", "%", "\\", "\\x", "'\\n'", '"\\ud800"', '"\\x00"', "0x1F", "0o17",
    "1_000", ".inf", ".nan", "~", "2024-13-45", "1e9999",
)  # fmt: skip


DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # libyaml's when there: quicker


def mapping_bases(synth_mappings: Path, docs: Path, fixture: Path) -> list[dict[str, Any]]:
    """Valid mapping files to start from, one partner each: the demo partners' mappings, the
    worked examples in docs/intake.md and the readers' test fixture."""
    partners: list[tuple[str, Any]] = []
    for text in [synth_mappings.read_text(encoding="utf-8"), fixture.read_text(encoding="utf-8")]:
        partners += list(yaml.safe_load(text)["partners"].items())
    for block in re.findall(r"```yaml\n(.*?)```", docs.read_text(encoding="utf-8"), re.S):
        partners += list(yaml.safe_load(block)["partners"].items())
    bases = []
    for code, spec in partners:
        for name, dataset in spec["datasets"].items():
            one = {**spec, "datasets": {name: dataset}}  # one dataset keeps the file small
            bases.append({"version": 1, "partners": {code: one}})
    return bases


def _paths(node: Any, at: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [at]
    if isinstance(node, dict):
        for key, value in node.items():
            found += _paths(value, (*at, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            found += _paths(value, (*at, i))
    return found


def _parent(data: Any, at: tuple[Any, ...]) -> Any:
    for key in at[:-1]:
        data = data[key]
    return data


def _typo(rng: random.Random, key: str) -> str:
    if len(key) < 2:
        return key + "x"
    i = rng.randrange(len(key) - 1)
    return rng.choice([key[:i] + key[i + 1] + key[i] + key[i + 2 :], key.upper(), f" {key}"])


def _data_mutate(rng: random.Random, data: dict[str, Any]) -> None:
    paths = _paths(data)[1:]
    if not paths:
        data[rng.choice(MAPPING_KEYS)] = hostile_scalar(rng)
        return
    at = rng.choice(paths)
    parent, key = _parent(data, at), at[-1]
    roll = rng.random()
    if roll < 0.4:
        parent[key] = hostile_scalar(rng)
    elif roll < 0.55 and isinstance(parent, dict):
        del parent[key]
    elif roll < 0.65 and isinstance(parent, list):
        parent.pop(key)
    elif roll < 0.8:
        target = parent[key] if isinstance(parent[key], dict) else parent
        if isinstance(target, dict):
            target[rng.choice(MAPPING_KEYS)] = hostile_scalar(rng)
    elif roll < 0.9 and isinstance(parent, dict):
        new = _typo(rng, str(key)) if rng.random() < 0.7 else rng.choice(HOSTILE_SCALARS[:8])
        parent[new] = parent.pop(key)
    else:
        parent[key] = rng.choice([[parent[key]], {"x": parent[key]}, {}, []])


def _text_mutate(rng: random.Random, text: str) -> str:
    lines = text.split("\n")
    i = rng.randrange(len(lines))
    roll = rng.random()
    if roll < 0.15:
        del lines[i]
    elif roll < 0.25:
        lines.insert(i, lines[rng.randrange(len(lines))])
    elif roll < 0.4:
        lines[i] = rng.choice(["", " ", "  ", "\t", "   "]) + lines[i].lstrip(" ")
    elif roll < 0.5:
        return text[: rng.randrange(len(text) + 1)]
    else:
        at = rng.randrange(len(lines[i]) + 1)
        lines[i] = lines[i][:at] + rng.choice(SNIPPETS) + lines[i][at:]
    return "\n".join(lines)


def _whole_file(rng: random.Random, text: str) -> bytes:
    """A mapping file that is hardly one at all."""
    depth = rng.choice([10, 100, 1_000, 20_000])
    choices: list[Callable[[], bytes]] = [
        lambda: b"",
        lambda: rng.randbytes(rng.randrange(1, 3_000)),
        lambda: text.encode("utf-16"),
        lambda: text.replace("partners", "partnërs").encode("cp1252", errors="replace"),
        lambda: b"\xef\xbb\xbf" + text.encode(),
        lambda: ("version: 1\npartners: " + "[" * depth + "]" * depth).encode(),
        lambda: ("version: 1\npartners:\n" + "{a: " * depth + "1" + "}" * depth).encode(),
        lambda: b"version: 1\npartners: &p {x: *p}\n",
        lambda: b"version: 1\npartners:\n  p: &p\n    datasets: {d: *p}\n",
        lambda: _laughs().encode(),
        lambda: ("\n---\n".join([text] * 3)).encode(),
        lambda: ("version: 1\npartners:\n  " + "x" * 200_000 + ": {}\n").encode(),
        lambda: b"version: 1\npartners:\n" + b"  - " * 3 + b"\n",
        lambda: b"\x00" * 100,
        lambda: b"[]",
        lambda: b"42",
        lambda: b"!!python/object/apply:os.system ['echo']",
    ]
    return rng.choice(choices)()


def _laughs() -> str:
    """A small 'billion laughs': aliases that expand to 2**12 strings."""
    lines = ["version: 1", "l0: &l0 [ha, ha]"]
    lines += [f"l{i}: &l{i} [*l{i - 1}, *l{i - 1}]" for i in range(1, 12)]
    lines.append("partners: {p: {name: *l11, datasets: {d: {kind: arrears, columns: {a: b}}}}}")
    return "\n".join(lines) + "\n"


def mapping_case(rng: random.Random, bases: list[dict[str, Any]]) -> bytes:
    """One generated mapping file: a valid one, mutated as data, as text, or replaced."""
    data = copy.deepcopy(rng.choice(bases))
    for _ in range(rng.choice([0, 1, 1, 1, 2, 3, 5])):
        _data_mutate(rng, data)
    text = yaml.dump(data, Dumper=DUMPER, allow_unicode=True, sort_keys=False)
    roll = rng.random()
    if roll < 0.08:
        return _whole_file(rng, text)
    if roll < 0.45:
        for _ in range(rng.choice([1, 1, 2, 4])):
            text = _text_mutate(rng, text)
    return text.encode("utf-8", errors="surrogatepass")


# --- exports --------------------------------------------------------------------------------


@dataclass(frozen=True)
class ExportBase:
    """A valid export to mutate: its file name, type, rows (typed cells for a workbook) and
    the dialect it was written in."""

    name: str
    excel: bool
    rows: list[list[Any]]
    header_row: int
    encoding: str
    delimiter: str
    sheet: str | None


def csv_table(content: bytes, encoding: str, delimiter: str) -> list[list[Any]]:
    text = content.decode(encoding).removeprefix("\ufeff")
    return [list(row) for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)]


def xlsx_table(content: bytes) -> tuple[list[list[Any]], str]:
    book = openpyxl.load_workbook(io.BytesIO(content), read_only=True)
    sheet = book.worksheets[0]
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    return rows, sheet.title


DELIMITERS = (";", ",", "\t", "|", " ", ":")
ENCODINGS = (
    "utf-8", "utf-8-sig", "cp1252", "latin-1", "utf-16", "utf-16-le", "utf-32", "mac_roman",
    "cp437", "shift_jis", "koi8-r", "ascii",
)  # fmt: skip
LINE_ENDS = ("\r\n", "\n", "\r")


def _cell(rng: random.Random, excel: bool) -> Any:
    if excel and rng.random() < 0.5:
        return rng.choice(HOSTILE_CELLS)
    if rng.random() < 0.003:
        return "x" * 1_100_000  # past the readers' limit for one field or line
    return hostile_text(rng)


def _row_mutate(rng: random.Random, rows: list[list[Any]], header: int, excel: bool) -> None:
    i = rng.randrange(len(rows))
    row = rows[i]
    roll = rng.random()
    if roll < 0.35 and row:
        row[rng.randrange(len(row))] = _cell(rng, excel)
    elif roll < 0.45:
        del rows[i]
    elif roll < 0.52:
        rows.insert(i, list(rows[rng.randrange(len(rows))]))
    elif roll < 0.58:
        rows.insert(i, [] if rng.random() < 0.5 else [""] * len(row))
    elif roll < 0.64:
        rows.insert(i, [_cell(rng, excel) for _ in range(rng.randrange(1, len(row) + 3))])
    elif roll < 0.7:
        row.extend(_cell(rng, excel) for _ in range(rng.randrange(1, 4)))
    elif roll < 0.76 and row:
        del row[rng.randrange(len(row)) :]
    elif roll < 0.82:
        rows.insert(i, ["Totaal", *[""] * max(0, len(row) - 2), "€ 123.456,78"])
    else:
        _column_mutate(rng, rows, header, excel)


def _column_mutate(rng: random.Random, rows: list[list[Any]], header: int, excel: bool) -> None:
    """The header row or a whole column: what a changed export layout does."""
    if header > len(rows) or not rows[header - 1]:
        rows.insert(0, ["Titel", hostile_text(rng)])
        return
    head = rows[header - 1]
    j = rng.randrange(len(head))
    roll = rng.random()
    if roll < 0.55:
        head[j] = _header_cell(rng, head, j)
    elif roll < 0.7:
        for row in rows:
            if len(row) > j:
                del row[j]
    elif roll < 0.8:
        for row in rows:
            row.insert(min(j, len(row)), _cell(rng, excel))
    elif roll < 0.9:
        rows.insert(0, [hostile_text(rng)])  # an unexpected title row
    else:
        del rows[: rng.randrange(1, header + 1)]  # the header (and titles) gone


def _header_cell(rng: random.Random, head: list[Any], j: int) -> Any:
    """A header renamed: case, spaces, a typo, nonsense, identifying, or another's name."""
    roll = rng.random()
    if roll < 0.45:
        return rng.choice(
            [str(head[j]).upper(), f" {head[j]} ", _typo(rng, str(head[j])), hostile_text(rng)]
        )
    if roll < 0.7:
        return rng.choice(["BSN", "Geboortedatum", "Klantnaam", "Woonadres", "Postcode"])
    return head[rng.randrange(len(head))]  # the same header twice


def table_mutate(rng: random.Random, base: ExportBase) -> list[list[Any]]:
    rows = [list(row) for row in base.rows]
    for _ in range(rng.choice([0, 1, 1, 1, 2, 2, 3, 6])):
        if rows:
            _row_mutate(rng, rows, base.header_row, base.excel)
    if rng.random() < 0.02:
        rows = rows[: base.header_row] + rows[base.header_row :] * 30  # many rows
    return rows


def _as_text(value: Any) -> str:
    return "" if value is None else str(value)


def csv_write(rng: random.Random, base: ExportBase, rows: list[list[Any]]) -> bytes:
    keep = rng.random() < 0.75
    delimiter = base.delimiter if keep else rng.choice(DELIMITERS)
    encoding = base.encoding if keep or rng.random() < 0.4 else rng.choice(ENCODINGS)
    end = rng.choice(LINE_ENDS) if rng.random() < 0.3 else "\r\n"
    cells = [[_as_text(c) for c in row] for row in rows]
    if rng.random() < 0.15:  # a hand-made export that never quotes
        text = "".join(delimiter.join(row) + end for row in cells)
        return text.encode(encoding, errors="replace")
    quoting = csv.QUOTE_ALL if rng.random() < 0.2 else csv.QUOTE_MINIMAL
    return _csv_bytes(cells, delimiter, encoding, end, quoting)


def _csv_bytes(
    cells: list[list[str]], delimiter: str, encoding: str, end: str, quoting: int
) -> bytes:
    out = io.StringIO(newline="")
    csv.writer(out, delimiter=delimiter, lineterminator=end, quoting=quoting).writerows(cells)
    return out.getvalue().encode(encoding, errors="replace")


def bytes_mutate(rng: random.Random, content: bytes) -> bytes:
    data = bytearray(content)
    for _ in range(rng.choice([1, 1, 2, 3, 8])):
        at = rng.randrange(len(data) + 1)
        span = rng.randrange(1, 40)
        roll = rng.random()
        if roll < 0.2:
            del data[at : at + span]
        elif roll < 0.35:
            data[at:at] = data[at : at + span]
        elif roll < 0.55:
            data[at:at] = rng.choice([b"\x00", b'"', b"\r", b"\n", b";", b"\xef\xbb\xbf", b"\xff"])
        elif roll < 0.7:
            data[at:at] = rng.randbytes(span)
        elif roll < 0.85 and data:
            data[min(at, len(data) - 1)] ^= 1 << rng.randrange(8)
        else:
            del data[at:]
    return bytes(data)


def _xlsx_value(value: Any) -> Any:
    if isinstance(value, str):
        return ILLEGAL_CHARACTERS_RE.sub("", value)[:32_000]  # what Excel can hold
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > 2**63:
        return str(value)
    return value


def _book(base: ExportBase, rows: list[list[Any]]) -> openpyxl.Workbook:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = base.sheet or "Blad1"
    for row in rows:
        sheet.append([_xlsx_value(c) for c in row])
    return book


def _saved(book: openpyxl.Workbook) -> bytes:
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def xlsx_write(rng: random.Random, base: ExportBase, rows: list[list[Any]]) -> bytes:
    book = _book(base, rows)
    sheet = book.worksheets[0]
    roll = rng.random()
    if roll < 0.1:
        sheet.title = rng.choice(["Blad1", "Gegevens", "signalen", "Sheet 2", "Ω"])
    elif roll < 0.15:
        book.create_sheet("Leeg", 0)  # an empty sheet in front
    elif roll < 0.2:
        book.create_sheet("Toelichting").append(["alleen tekst"])
    if rng.random() < 0.1 and sheet.max_row > 2:
        cell = sheet.cell(row=rng.randrange(1, sheet.max_row + 1), column=1)
        cell.number_format = rng.choice(["dd-mm-yyyy", "0.00", "@", "yyyy-mm-dd hh:mm"])
        if rng.random() < 0.5:
            cell.value = rng.choice([1e10, -5, 2_958_466, 0.5, 10**15])  # out of Excel's dates
    if rng.random() < 0.05 and sheet.max_row > 2:
        sheet.merge_cells(start_row=2, start_column=1, end_row=3, end_column=2)
    return _saved(book)


def export_plain(base: ExportBase) -> bytes:
    """The base written back as it came: the starting point, unmutated."""
    if base.excel:
        return _saved(_book(base, base.rows))
    cells = [[_as_text(c) for c in row] for row in base.rows]
    return _csv_bytes(cells, base.delimiter, base.encoding, "\r\n", csv.QUOTE_MINIMAL)


def zip_xml_mutate(rng: random.Random, content: bytes) -> bytes:
    """A workbook whose zip is sound but whose sheet or shared strings XML is not."""
    source = zipfile.ZipFile(io.BytesIO(content))
    names = [n for n in source.namelist() if n.endswith(".xml")]
    target_name = rng.choice([n for n in names if "sheet" in n or "sharedStrings" in n] or names)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name in source.namelist():
            data = source.read(name)
            target.writestr(name, bytes_mutate(rng, data) if name == target_name else data)
    return out.getvalue()


def export_case(rng: random.Random, base: ExportBase) -> bytes:
    """One generated export: the valid one, mutated as a table, then perhaps as bytes."""
    rows = table_mutate(rng, base)
    if base.excel:
        content = xlsx_write(rng, base, rows)
        roll = rng.random()
        if roll < 0.15:
            return zip_xml_mutate(rng, content)
        if roll < 0.2:
            return bytes_mutate(rng, content)
        return content
    content = csv_write(rng, base, rows)
    return bytes_mutate(rng, content) if rng.random() < 0.35 else content
