"""CSV: RFC 4180 files, columns in schema order, a documented, reversible cell encoding."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import mideastdata as md
from mideastdata._codegen import builders
from mideastdata._schema import TABLES as TABLE_TYPES
from mideastdata._schema import fields
from mideastdata.io._csvrow import excel_safe_text, quote
from mideastdata.io.csv import parse_csv, table_csv
from strategies import datasets


def _rows(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))


def _with_tricky_text(small: md.Dataset) -> md.Dataset:
    """The small dataset with None, empty strings, formulas, Arabic and newlines in cells."""
    src = small.sources[0]
    sources = (
        attrs.evolve(src, publisher=None, url=""),
        md.Source(id="src-ar", title='=HYPERLINK("x")', text='قالت حماس, "لا"\nשלום', publisher="@evil", language="ar"),
    )
    topics = (attrs.evolve(small.topics[0], description=""), *small.topics[1:])
    formula = md.Source(id="src-formula", title="-", text="-2+3")
    stmt = attrs.evolve(small.statements[0], quote="-2+3", attribution=md.Attribution.DIRECT, summary="'already quoted",
                        evidence=(*small.statements[0].evidence, formula.evidence("-2+3")))
    return small.evolve(sources=(*sources, formula), topics=topics, statements=(stmt,))


def test_files_and_header_order(tmp_path: Path, small: md.Dataset) -> None:
    """One file per table plus dataset.json; each header is the record's field names in schema order."""
    out = md.dump(small, tmp_path / "out", format="csv")
    assert sorted(p.name for p in out.iterdir()) == sorted(["dataset.json", *(f"{t}.csv" for t in small.tables())])
    for name, table in small.tables().items():
        kind = type(table[0])
        rows = _rows(out / f"{name}.csv")
        assert rows[0] == [f.name for f in attrs.fields(kind)]
        assert len(rows) == len(table) + 1


def test_rfc4180_bytes(tmp_path: Path, small: md.Dataset) -> None:
    """UTF-8 without BOM, CRLF after every row, non-ASCII kept as is, embedded newlines quoted."""
    ds = _with_tricky_text(small)
    data = (md.dump(ds, tmp_path / "out", format="csv") / "sources.csv").read_bytes()
    assert not data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8")
    assert text.endswith("\r\n")
    assert "حماس" in text
    assert '"قالت حماس, ""لا""\nשלום"' in text


def test_none_and_empty_string_differ(tmp_path: Path, small: md.Dataset) -> None:
    """None is an unquoted empty cell, the empty string a quoted one, and both come back as they were."""
    ds = _with_tricky_text(small)
    out = md.dump(ds, tmp_path / "out", format="csv")
    line = (out / "sources.csv").read_bytes().decode("utf-8").split("\r\n")[1]
    assert ',,"",' in line  # publisher None, then url ""
    back = md.load(out)
    assert back.sources[0].publisher is None
    assert back.sources[0].url == ""
    assert back.topics[0].description == ""


def test_lists_and_records_are_json_cells(tmp_path: Path, small: md.Dataset) -> None:
    """A list or nested record is one cell of JSON, the same JSON as the document's."""
    out = md.dump(small, tmp_path / "out", format="csv")
    header, row = _rows(out / "statements.csv")
    cells = dict(zip(header, row, strict=True))
    doc = json.loads(md.to_json(small))["statements"][0]
    for field in ("topics", "mentions", "stances", "evidence"):
        assert json.loads(cells[field]) == doc[field]
    assert cells["date"] == ""
    assert cells["kind"] == small.statements[0].kind.value


def test_excel_safe_neutralises_formulas(tmp_path: Path, small: md.Dataset) -> None:
    """With excel_safe no cell starts with = + - @; without it they do; both read back exactly."""
    ds = _with_tricky_text(small)
    plain = md.dump(ds, tmp_path / "plain", format="csv")
    safe = md.dump(ds, tmp_path / "safe", format="csv", excel_safe=True)

    def starts(folder: Path) -> set[str]:
        return {cell[:1] for name in ds.tables() for row in _rows(folder / f"{name}.csv") for cell in row}

    assert {"=", "-", "@"} <= starts(plain)
    assert not {"=", "+", "-", "@", "\t", "\r"} & starts(safe)
    assert md.load(plain) == ds
    assert md.load(safe) == ds
    assert json.loads((safe / "dataset.json").read_text())["excel_safe"] is True


def test_excel_safe_only_for_csv(tmp_path: Path, small: md.Dataset) -> None:
    """excel_safe with another format is a ValueError, and nothing is written."""
    with pytest.raises(ValueError, match="excel_safe"):
        md.dump(small, tmp_path / "out", format="jsonl", excel_safe=True)
    assert not (tmp_path / "out").exists()


def test_pandas_reads_the_same_rows(tmp_path: Path) -> None:
    """Pandas reads every CSV of the bundled data and sees the same rows, ids and text."""
    pd = pytest.importorskip("pandas")
    ds = md.load()
    out = md.dump(ds, tmp_path / "out", format="csv")
    for name, table in ds.tables().items():
        frame = pd.read_csv(out / f"{name}.csv", dtype=str, keep_default_na=False)
        assert list(frame.columns) == [f.name for f in attrs.fields(type(table[0]))]
        assert list(frame["id"]) == table.ids()
    statements = pd.read_csv(out / "statements.csv", dtype=str, keep_default_na=False)
    assert list(statements["summary"]) == [s.summary for s in ds.statements]
    assert [json.loads(t) for t in statements["topics"]] == [list(s.topics) for s in ds.statements]


@given(st.lists(st.lists(st.text(min_size=1), min_size=1, max_size=4), min_size=1, max_size=5))
def test_parser_agrees_with_the_stdlib(rows: list[list[str]]) -> None:
    """parse_csv reads what Python's csv module writes, cell for cell."""
    buf = io.StringIO()
    csv.writer(buf).writerows(rows)
    assert parse_csv(buf.getvalue()) == rows


@pytest.mark.parametrize(
    ("table", "old", "new", "path", "message"),
    [
        ("statements", ",position,", ",opinion,", "statements[0].kind", "expected one of"),
        ("statements", '"[""hamas-disarmament""]"', '"[""hamas-disarmament"""', "statements[0].topics", "invalid JSON"),
        ("statements", '"[""hamas-disarmament""]"', "", "statements[0].topics", "empty cell"),
        ("actors", ",false,", ",no,", "actors[0].anonymous", "expected true or false"),
        ("statements", ",hamas,", ",hamass,", "statements[0].speaker", "did you mean 'hamas'"),
        ("events", "id,kind", "id,kind,extra", "events", "unknown column 'extra'"),
        ("events", "id,kind", "id", "events", "missing column 'kind'"),
        ("demands", ",hostages,", ',hostages"x,', "demands", "line 2: misplaced or unclosed quote"),
    ],
)
def test_bad_cells_are_reported_with_paths(tmp_path: Path, small: md.Dataset, table: str, old: str, new: str, path: str, message: str) -> None:  # noqa: PLR0913, PLR0917 - one parametrised case
    """A bad cell, header or quote is a DatasetError naming the folder, the record and the field."""
    out = md.dump(small, tmp_path / "out", format="csv")
    file = out / f"{table}.csv"
    text = file.read_text(encoding="utf-8")
    assert old in text
    file.write_text(text.replace(old, new, 1), encoding="utf-8", newline="")
    with pytest.raises(md.DatasetError) as info:
        md.load(out)
    assert info.value.file == str(out)
    assert [p.path for p in info.value.problems] == [path]
    assert message in info.value.problems[0].message


def test_every_table_problem_is_listed(tmp_path: Path, small: md.Dataset) -> None:
    """Problems in several files are reported together, not one at a time."""
    out = md.dump(small, tmp_path / "out", format="csv")
    (out / "topics.csv").write_text("id,label\r\n", encoding="utf-8")
    (out / "events.csv").unlink()
    with pytest.raises(md.DatasetError) as info:
        md.load(out)
    assert {p.path for p in info.value.problems} == {"topics", "events"}


_CELL_TEXT: dict[str, Callable[[Any], str]] = {
    "enum": lambda v: str(v.value),
    "bool": lambda v: "true" if v else "false",
    "float": repr,
}
"""The documented cell of each kind of value that is not its ``str`` (docs/formats.md)."""


@settings(max_examples=40, deadline=None)
@given(ds=datasets(), excel_safe=st.booleans())
def test_compiled_rows_match_the_cell_rules(ds: md.Dataset, excel_safe: bool) -> None:
    """The generated row writers write exactly the cells the column rules give: JSON as json.dumps writes it."""
    for name, table in ds.tables().items():
        kind = TABLE_TYPES[name]
        specs = fields(kind)
        expected = [",".join(s.name for s in specs)]
        for record in table:
            cells = []
            for s in specs:
                value = getattr(record, s.name)
                text: str | None
                if value is None:
                    text = None
                elif s.kind in ("texts", "records"):
                    plain = [builders().plain[s.item](v) for v in value] if s.kind == "records" else list(value)
                    text = json.dumps(plain, ensure_ascii=False, separators=(",", ":"))
                else:
                    text = _CELL_TEXT.get(s.kind, str)(value)
                    if excel_safe and s.kind == "text":
                        text = excel_safe_text(text)
                cells.append(quote(text))
            expected.append(",".join(cells))
        assert table_csv(table, kind, excel_safe=excel_safe) == "\r\n".join([*expected, ""])


@pytest.mark.parametrize("kind", list(TABLE_TYPES.values()), ids=lambda k: k.__name__)
def test_generated_row_writers_depend_on_the_schema_alone(kind: type) -> None:
    """A generated row writer reads nothing but the record's own fields, and takes no other input."""
    import inspect
    import re

    from mideastdata.io._csvrow import row_writer

    assert list(inspect.signature(row_writer).parameters) == ["kind", "excel_safe"]
    for excel_safe in (False, True):
        source = row_writer(kind, excel_safe=excel_safe).__source__  # type: ignore[attr-defined]
        assert set(re.findall(r"\br\.(\w+)", source)) == {f.name for f in attrs.fields(kind)}
