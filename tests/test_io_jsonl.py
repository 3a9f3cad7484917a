"""JSON Lines: a folder, one line per record, the same JSON as the document's records."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings

import mideastdata as md
from mideastdata._codegen import unstructure
from mideastdata._schema import TABLES
from mideastdata.io.jsonl import table_lines
from strategies import datasets


def test_one_line_per_record(tmp_path: Path) -> None:
    """Line n of <table>.jsonl is record n of the JSON document, and dataset.json holds the metadata."""
    ds = md.load()
    out = md.dump(ds, tmp_path / "out.jsonl")
    doc = json.loads(md.to_json(ds))
    for name in ds.tables():
        lines = (out / f"{name}.jsonl").read_text(encoding="utf-8").split("\n")
        assert lines[-1] == ""
        assert [json.loads(line) for line in lines[:-1]] == doc[name]
    meta = json.loads((out / "dataset.json").read_text(encoding="utf-8"))
    assert meta == {**{k: doc[k] for k in ("schema_version", "name", "version", "license", "citation")}, "format": "jsonl"}


@settings(max_examples=40, deadline=None)
@given(ds=datasets())
def test_each_line_is_the_records_compact_json(ds: md.Dataset) -> None:
    """A line is ``json.dumps`` of the record's plain values, compact, UTF-8 kept: byte for byte."""
    for name, kind in TABLES.items():
        records = getattr(ds, name).records
        expected = [json.dumps(unstructure(r), ensure_ascii=False, separators=(",", ":")) for r in records]
        assert table_lines(records, kind).split("\n") == [*expected, ""]


def test_a_table_file_names_its_folder(tmp_path: Path, small: md.Dataset) -> None:
    """Loading one table file of a JSON Lines export loads the whole folder."""
    out = md.dump(small, tmp_path / "out", format="jsonl")
    assert md.load(out / "statements.jsonl") == small


@pytest.mark.parametrize(
    ("table", "line", "path", "message"),
    [
        ("actors", '{"id": "hamas"', "actors[0]", "line 1: invalid JSON"),
        ("actors", "", "actors[0]", "line 1 of actors.jsonl is empty"),
        ("statements", '{"id": "x"}', "statements[0].speaker", "required field is missing"),
    ],
)
def test_bad_lines_are_reported_with_paths(tmp_path: Path, small: md.Dataset, table: str, line: str, path: str, message: str) -> None:  # noqa: PLR0913, PLR0917 - one parametrised case
    """A broken line is a DatasetError at its table[index] path, naming the line."""
    out = md.dump(small, tmp_path / "out", format="jsonl")
    file = out / f"{table}.jsonl"
    rest = file.read_text(encoding="utf-8").split("\n")[1:]
    file.write_text("\n".join([line, *rest]), encoding="utf-8")
    with pytest.raises(md.DatasetError) as info:
        md.load(out)
    assert info.value.file == str(out)
    problems = [p for p in info.value.problems if p.path.startswith(path)]
    assert problems
    assert message in problems[0].message


def test_wrong_metadata_is_reported(tmp_path: Path, small: md.Dataset) -> None:
    """dataset.json with a wrong format or a non-string version is an error naming the key."""
    out = md.dump(small, tmp_path / "out", format="jsonl")
    meta = json.loads((out / "dataset.json").read_text(encoding="utf-8"))
    (out / "dataset.json").write_text(json.dumps({**meta, "format": "csv", "version": 1}), encoding="utf-8")
    with pytest.raises(md.DatasetError) as info:
        md.load(out, format="jsonl")
    assert [p.path for p in info.value.problems] == ["dataset.json.format", "dataset.json.version"]
