"""Hostile folder formats (JSON Lines, CSV): one DatasetError naming the folder, every problem at its path.

Record-level cases reuse the JSON suite's mutations (a bad record has the same path in
every format); file-level cases break one file of a valid export at a time.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

import attrs
import pytest

import mideastdata as md
from mideastdata import cli
from test_hostile_json import DOC_CASES, HAS_VALIDATE, DocCase

TABLES = ("sources", "actors", "topics", "statements", "demands", "events")
FOLDER_FORMATS = ("jsonl", "csv")

# Cases that change a whole table or the document itself: not expressible as records of a folder.
_DOCUMENT_ONLY = {"object-for-list", "unknown-top-level-field", "every-problem-listed"}


def _write_jsonl_folder(doc: dict[str, Any], folder: Path) -> None:
    """Write a (possibly broken) document as a JSON Lines folder, record by record."""
    folder.mkdir()
    meta = {k: v for k, v in doc.items() if k not in TABLES}
    (folder / "dataset.json").write_text(json.dumps({**meta, "format": "jsonl"}))
    for table in TABLES:
        lines = "".join(json.dumps(row) + "\n" for row in doc.get(table, []))
        (folder / f"{table}.jsonl").write_text(lines, encoding="utf-8", errors="surrogatepass")


def _raise_error(path: Path) -> md.DatasetError:
    with pytest.raises(md.DatasetError) as info:
        md.load(path)
    return info.value


def _check_validate(path: Path, problems: tuple[md.Problem, ...], capsys: pytest.CaptureFixture[str]) -> None:
    if not HAS_VALIDATE:
        return
    assert cli.main(["validate", str(path)]) == 1
    err = capsys.readouterr().err
    assert str(path) in err
    for problem in problems:
        assert str(problem) in err


_META_STRUCTURE = {"missing-metadata", "metadata-type"}
JSONL_CASES = [c for c in DOC_CASES if c.id not in _DOCUMENT_ONLY and not c.id.startswith("lone-surrogate")]


@pytest.mark.parametrize("case", JSONL_CASES, ids=[c.id for c in JSONL_CASES])
def test_bad_jsonl_record_lists_every_problem(
    small: md.Dataset, tmp_path: Path, capsys: pytest.CaptureFixture[str], case: DocCase
) -> None:
    """A bad record in a JSON Lines folder has the same paths as in a JSON document, and names the folder."""
    doc: dict[str, Any] = json.loads(md.to_json(small))
    case.mutate(doc)
    folder = tmp_path / "export"
    _write_jsonl_folder(doc, folder)
    error = _raise_error(folder)
    meta = case.id in _META_STRUCTURE  # these are problems of the metadata file
    assert [p.path for p in error.problems] == [f"dataset.json.{p}" if meta else p for p in case.paths]
    assert case.message in error.problems[0].message
    assert error.file == str(folder)
    assert len(str(error)) < 2_000
    _check_validate(folder, error.problems, capsys)


def _dump(small: md.Dataset, tmp_path: Path, fmt: str) -> Path:
    return md.dump(small, tmp_path / "export", format=fmt)  # type: ignore[arg-type]


class FileCase(NamedTuple):
    """A change to one file of a valid export, and the problem (path, message fragment) it must cause."""

    id: str
    file: str  # "actors" means actors.<format>
    change: Callable[[bytes], bytes | None]  # None deletes the file
    path: str
    message: str

    def apply(self, folder: Path, fmt: str) -> None:
        """Make the change to its file in *folder*, an export in *fmt*."""
        target = folder / (self.file if "." in self.file else f"{self.file}.{fmt}")
        changed = self.change(target.read_bytes())
        if changed is None:
            target.unlink()
        else:
            target.write_bytes(changed)


def _replace(old: bytes, new: bytes) -> Callable[[bytes], bytes]:
    def change(data: bytes) -> bytes:
        assert old in data
        return data.replace(old, new, 1)

    return change


FILE_CASES = [
    FileCase("missing-table", "topics", lambda _: None, "topics", "missing file"),
    FileCase("invalid-utf8", "actors", lambda d: d + b"\xff", "actors", "not valid UTF-8"),
    FileCase("bom", "actors", lambda d: b"\xef\xbb\xbf" + d, "actors", "byte order mark"),
    FileCase("missing-meta", "dataset.json", lambda _: None, "dataset.json", "missing file"),
    FileCase("meta-invalid-json", "dataset.json", lambda d: d[:-5], "dataset.json", "invalid JSON"),
    FileCase("meta-empty", "dataset.json", lambda _: b"", "dataset.json", "invalid JSON"),
    FileCase("meta-list", "dataset.json", lambda _: b"[]", "dataset.json", "expected a JSON object"),
    FileCase("meta-wrong-format", "dataset.json", _replace(b'"format": "', b'"format": "x'), "dataset.json.format", "expected"),
    FileCase("meta-unknown-key", "dataset.json", _replace(b'"name"', b'"nme": 1, "name"'), "dataset.json", "unknown field 'nme'"),
    FileCase("meta-int-name", "dataset.json", _replace(b'"name": "small"', b'"name": 1'), "dataset.json.name", "expected a string, got int"),
    FileCase("meta-duplicate-key", "dataset.json", _replace(b'"name": "small"', b'"name": "small", "name": "x"'), "dataset.json", "appears more than once"),
    FileCase("meta-nan", "dataset.json", _replace(b'"name": "small"', b'"name": NaN'), "dataset.json", "NaN is not a JSON number"),
    FileCase("meta-huge-int", "dataset.json", _replace(b'"name": "small"', b'"name": ' + b"9" * 5000), "dataset.json", "more than"),
    FileCase("meta-deep", "dataset.json", _replace(b'"name": "small"', b'"name": ' + b"[" * 50_000 + b"]" * 50_000), "dataset.json", "nested too deeply"),
]


@pytest.mark.parametrize("fmt", FOLDER_FORMATS)
@pytest.mark.parametrize("case", FILE_CASES, ids=[c.id for c in FILE_CASES])
def test_broken_file_in_folder(
    small: md.Dataset, tmp_path: Path, capsys: pytest.CaptureFixture[str], fmt: str, case: FileCase
) -> None:
    """Breaking one file of a valid folder export gives a DatasetError at that file, naming the folder."""
    folder = _dump(small, tmp_path, fmt)
    case.apply(folder, fmt)
    if case.id == "bom" and fmt == "csv":  # spreadsheets write one before CSV: it is read past
        assert md.load(folder) == small
        return
    error = _raise_error(folder)
    assert error.file == str(folder)
    assert [p.path for p in error.problems] == [case.path]
    assert case.message in error.problems[0].message
    _check_validate(folder, error.problems, capsys)


class LineCase(NamedTuple):
    """A new text for line 1 of actors.jsonl, the problem path and a message fragment."""

    id: str
    line: str
    path: str
    message: str


JSONL_LINE_CASES = [
    LineCase("truncated-line", '{"id":"hamas","name":"Ha', "actors[0]", "line 1: invalid JSON"),
    LineCase("empty-line", "", "actors[0]", "line 1 of actors.jsonl is empty"),
    LineCase("not-an-object", '["hamas"]', "actors[0]", "expected a JSON object"),
    LineCase("nan", '{"id":NaN}', "actors[0]", "NaN is not a JSON number"),
    LineCase("huge-int", '{"id":' + "9" * 5000 + "}", "actors[0]", "more than"),
    LineCase("deep", "[" * 50_000 + "]" * 50_000, "actors[0]", "nested too deeply"),
    LineCase("duplicate-key", '{"id":"hamas","id":"hamas2"}', "actors[0]", "key 'id' appears more than once"),
    LineCase("nul-byte", '{"id":"ha\x00mas"}', "actors[0]", "invalid JSON"),
]


@pytest.mark.parametrize("case", JSONL_LINE_CASES, ids=[c.id for c in JSONL_LINE_CASES])
def test_bad_jsonl_line(small: md.Dataset, tmp_path: Path, case: LineCase) -> None:
    """A broken line of a JSON Lines table is a problem at that record, never an exception of its own."""
    folder = _dump(small, tmp_path, "jsonl")
    table = folder / "actors.jsonl"
    lines = table.read_text().split("\n")
    lines[0] = case.line
    table.write_text("\n".join(lines))
    error = _raise_error(folder)
    assert [p.path for p in error.problems] == [case.path]
    assert case.message in error.problems[0].message


def test_truncated_jsonl_table(small: md.Dataset, tmp_path: Path) -> None:
    """A table file cut in the middle of its last line is a problem at that record."""
    folder = _dump(small, tmp_path, "jsonl")
    table = folder / "actors.jsonl"
    data = table.read_bytes()
    table.write_bytes(data[: len(data) - 20])
    error = _raise_error(folder)
    assert [p.path for p in error.problems] == ["actors[2]"]


# --------------------------------------------------------------------------- CSV


def _rfc4180_cell(cell: str) -> str:
    """A cell as ``csv.writer`` writes it (quoted only when it must be), NUL included on every Python."""
    return '"' + cell.replace('"', '""') + '"' if any(c in cell for c in '",\r\n') else cell


def _edit_csv(folder: Path, table: str, edit: Callable[[list[list[str]]], None]) -> None:
    """Parse a table's CSV with the stdlib, apply *edit* to its rows, and write it back (RFC 4180).

    Written by hand, as ``csv.writer`` would (an empty cell unquoted, but a row of one empty
    cell as ``""``): Python 3.10's ``csv.writer`` cannot write a NUL character.
    """
    path = folder / f"{table}.csv"
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))
    edit(rows)
    text = "".join(('""' if row == [""] else ",".join(map(_rfc4180_cell, row))) + "\r\n" for row in rows)
    path.write_text(text, encoding="utf-8", newline="")


def _cell(table: str, row: int, column: str, value: str) -> Callable[[Path], None]:
    def apply(folder: Path) -> None:
        def edit(rows: list[list[str]]) -> None:
            rows[row + 1][rows[0].index(column)] = value

        _edit_csv(folder, table, edit)

    return apply


def _columns(table: str, edit: Callable[[list[list[str]]], None]) -> Callable[[Path], None]:
    return lambda folder: _edit_csv(folder, table, edit)


def _rename(old: str, new: str) -> Callable[[list[list[str]]], None]:
    def edit(rows: list[list[str]]) -> None:
        rows[0][rows[0].index(old)] = new

    return edit


def _drop(column: str) -> Callable[[list[list[str]]], None]:
    def edit(rows: list[list[str]]) -> None:
        at = rows[0].index(column)
        for row in rows:
            del row[at]

    return edit


def _add(column: str) -> Callable[[list[list[str]]], None]:
    def edit(rows: list[list[str]]) -> None:
        rows[0].append(column)
        for row in rows[1:]:
            row.append("x")

    return edit


ACTOR_COLUMNS = len(attrs.fields(md.Actor))
"""The cells of a row of actors.csv: one per field of the model."""


def _extra_cell(rows: list[list[str]]) -> None:
    rows[1].append("surplus")


def _short_row(rows: list[list[str]]) -> None:
    del rows[1][-1]


def _duplicate_row(rows: list[list[str]]) -> None:
    rows.append(list(rows[1]))


def _raw(table: str, change: Callable[[bytes], bytes]) -> Callable[[Path], None]:
    def apply(folder: Path) -> None:
        path = folder / f"{table}.csv"
        path.write_bytes(change(path.read_bytes()))

    return apply


def _duplicate_column(rows: list[list[str]]) -> None:
    for row in rows:
        row.append(row[0])


def _cycle(folder: Path) -> None:
    _cell("actors", 0, "member_of", '["israel"]')(folder)
    _cell("actors", 1, "member_of", '["hamas"]')(folder)


class CsvCase(NamedTuple):
    """A change to a valid CSV export, the exact problem paths and a fragment of the first message."""

    id: str
    apply: Callable[[Path], None]
    paths: list[str]
    message: str


CSV_CASES = [
    CsvCase("missing-column", _columns("actors", _drop("kind")), ["actors"], "missing column 'kind'"),
    CsvCase("extra-column", _columns("actors", _add("colour")), ["actors"], "unknown column 'colour'"),
    CsvCase("renamed-column", _columns("events", _rename("status", "state")), ["events", "events"], "unknown column 'state'"),
    CsvCase("duplicate-column", _columns("topics", _duplicate_column), ["topics"], "duplicate column 'id'"),
    CsvCase("extra-cell", _columns("actors", _extra_cell), ["actors[0]"],
            f"row has {ACTOR_COLUMNS + 1} cells, the header {ACTOR_COLUMNS}"),
    CsvCase("missing-cell", _columns("actors", _short_row), ["actors[0]"], f"row has {ACTOR_COLUMNS - 1} cells"),
    CsvCase("empty-table-file", _raw("events", lambda _: b""), ["events"], "empty"),
    CsvCase("unclosed-quote", _raw("topics", lambda d: d + b'"open,'), ["topics"], "misplaced or unclosed quote"),
    CsvCase("truncated-file", _raw("actors", lambda d: d[: d.rindex(b'"')]), ["actors"], ""),  # inside a quoted cell
    CsvCase("duplicate-id", _columns("topics", _duplicate_row), ["topics[3].id"], "duplicate id 'hamas-disarmament'"),
    CsvCase("unknown-enum", _cell("actors", 0, "kind", "militia"), ["actors[0].kind"], "expected one of"),
    CsvCase("bad-bool", _cell("actors", 0, "anonymous", "yes"), ["actors[0].anonymous"], "expected true or false"),
    CsvCase("bad-date", _cell("events", 0, "date", "2025-13-40"), ["events[0].date"], "invalid date '2025-13-40'"),
    CsvCase("dangling-ref", _cell("statements", 0, "speaker", "hamass"), ["statements[0].speaker"], "did you mean 'hamas'"),
    CsvCase("nul-in-id", _cell("topics", 0, "id", "host\x00ages"), ["topics[0].id"], "lowercase slug"),
    CsvCase("json-cell-not-json", _cell("actors", 2, "aliases", "EU"), ["actors[2].aliases"], "invalid JSON"),
    CsvCase("json-cell-empty", _cell("actors", 2, "aliases", ""), ["actors[2].aliases"], "empty cell"),
    CsvCase("json-cell-string-offset", _cell("actors", 0, "evidence", '[{"source":"src","start":"0","end":5,"quote":"Hamas"}]'), ["actors[0].evidence[0].start"], "expected an integer, got str '0'"),
    CsvCase("json-cell-negative-offset", _cell("actors", 0, "evidence", '[{"source":"src","start":-1,"end":4,"quote":"Hama"}]'), ["actors[0].evidence[0].start"], "start must be an int >= 0"),
    CsvCase("json-cell-wrong-quote", _cell("actors", 0, "evidence", '[{"source":"src","start":0,"end":5,"quote":"Hamaz"}]'), ["actors[0].evidence[0].quote"], "differs from the source"),
    CsvCase("json-cell-huge-int", _cell("actors", 0, "evidence", '[{"source":"src","start":' + "9" * 5000 + "}]"), ["actors[0].evidence"], "more than"),
    CsvCase("json-cell-nan", _cell("actors", 0, "evidence", '[{"source":"src","start":NaN}]'), ["actors[0].evidence"], "NaN is not a JSON number"),
    CsvCase("json-cell-duplicate-key", _cell("actors", 0, "evidence", '[{"source":"src","source":"x","start":0,"end":5,"quote":"Hamas"}]'), ["actors[0].evidence"], "key 'source' appears more than once"),
    CsvCase("json-cell-deep", _cell("actors", 0, "roles", "[" * 50_000 + "]" * 50_000), ["actors[0].roles"], "nested too deeply"),
    CsvCase("json-cell-unknown-field", _cell("actors", 0, "roles", '[{"title":"x","rank":1}]'), ["actors[0].roles[0]"], "unknown field 'rank'"),
    CsvCase("member-of-cycle", _cycle, ["actors[1].member_of"], "membership cycle"),
]


@pytest.mark.parametrize("case", CSV_CASES, ids=[c.id for c in CSV_CASES])
def test_bad_csv_lists_every_problem(small: md.Dataset, tmp_path: Path, case: CsvCase) -> None:
    """A bad CSV table (columns, rows, cells) gives a DatasetError naming the folder, each problem at its path."""
    folder = _dump(small, tmp_path, "csv")
    case.apply(folder)
    error = _raise_error(folder)
    assert error.file == str(folder)
    assert [p.path for p in error.problems] == case.paths
    assert case.message in error.problems[0].message
    assert len(str(error)) < 2_000


def test_csv_nul_in_free_text_round_trips(small: md.Dataset, tmp_path: Path) -> None:
    """A NUL character in free text is data like any other: it is written and read back exactly."""
    src = small.sources[0]
    ds = small.evolve(citation="a\x00b", topics=(md.Topic(id="t", label="x\x00y"), *small.topics))
    folder = md.dump(ds, tmp_path / "nul", format="csv")
    assert b"\x00" in (folder / "topics.csv").read_bytes()
    assert md.load(folder) == ds
    assert src == md.load(folder).sources[0]


def test_csv_embedded_nul_bytes_in_structure(small: md.Dataset, tmp_path: Path) -> None:
    """NUL bytes in a header or in a CSV's structure are problems at that table, not a crash."""
    folder = _dump(small, tmp_path, "csv")
    path = folder / "topics.csv"
    path.write_bytes(path.read_bytes().replace(b"id,", b"i\x00d,", 1))
    error = _raise_error(folder)
    assert [p.path for p in error.problems] == ["topics", "topics"]
    assert "unknown column 'i\\x00d'" in error.problems[0].message
