"""The Parquet column ways: the column writer gives the reference table, the column reader the row reader's outcome.

A file that holds exactly the export's Arrow schema is read a column at a time and built by the
engine's positional builder; any other file row by row, as plain values. Reading every file row
by row is the reference here.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import mideastdata as md
from mideastdata._codegen import unstructure
from mideastdata._schema import TABLES as TABLE_TYPES
from mideastdata.io import parquet
from strategies import datasets

pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")


def _reference_table(records: tuple[Any, ...], kind: type[Any]) -> Any:
    """The table as the writer made it before the column writer: a dict per record through the converter."""
    rows = [unstructure(r) for r in records]
    return pa.Table.from_pylist(rows, schema=parquet.arrow_schema(kind))


def _outcome(read: Any, path: Path) -> tuple[str, Any]:
    try:
        return "ok", read(path)
    except md.DatasetError as exc:
        return "error", [(p.path, p.message) for p in exc.problems]


def _read_rows(path: Path) -> md.Dataset:
    """Read every file row by row (as plain values), whatever its schema."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(parquet, "arrow_schema", lambda _kind: pa.schema([]))  # no file holds it
        return parquet.read(path)


def _check_same(path: Path) -> tuple[str, Any]:
    """Both readers give the same dataset or the same problems; return that outcome."""
    fast = _outcome(parquet.read, path)
    assert fast == _outcome(_read_rows, path)
    return fast


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ds=datasets())
def test_the_column_writer_gives_the_reference_table(ds: md.Dataset) -> None:
    for name, kind in TABLE_TYPES.items():
        records = getattr(ds, name).records
        assert parquet.arrow_table(records, kind).equals(_reference_table(records, kind), check_metadata=True)


def test_the_column_writer_on_the_bundled_data() -> None:
    ds = md.load()
    for name, kind in TABLE_TYPES.items():
        records = getattr(ds, name).records
        assert parquet.arrow_table(records, kind).equals(_reference_table(records, kind), check_metadata=True)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ds=datasets())
def test_both_readers_read_an_export_alike(tmp_path_factory: pytest.TempPathFactory, ds: md.Dataset) -> None:
    path = md.dump(ds, tmp_path_factory.mktemp("pq") / "out", format="parquet")
    assert _check_same(path) == ("ok", ds)


def test_an_export_is_read_a_column_at_a_time(
    tmp_path: Path, small: md.Dataset, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every table of an export is read by the column way: no table is read as rows."""
    path = md.dump(small, tmp_path / "out", format="parquet")

    def refuse(*args: Any, **_kwargs: Any) -> Any:
        raise AssertionError(f"a table was read row by row: {args[2]}")

    monkeypatch.setattr(parquet, "build_table", refuse)
    assert md.load(path) == small


# --------------------------------------------------------------------------- broken files


def _rows(folder: Path, name: str) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = pq.read_table(folder / f"{name}.parquet").to_pylist()
    return rows


_ARROW_REFUSES = (pa.ArrowInvalid, pa.ArrowTypeError, pa.ArrowNotImplementedError, TypeError, ValueError, OverflowError)


def _write_rows(folder: Path, name: str, rows: list[dict[str, Any]], *, our_schema: bool = True) -> bool:
    """Write *rows* with the schema when Arrow can hold them in it, else with the schema Arrow infers.

    Returns whether Arrow could hold them at all (a column mixing text and numbers it cannot).
    """
    for schema in ([parquet.arrow_schema(TABLE_TYPES[name])] if our_schema else []) + [None]:
        try:
            pq.write_table(pa.Table.from_pylist(rows, schema=schema), folder / f"{name}.parquet")
        except _ARROW_REFUSES:
            continue
        return True
    return False


def _edit_table(name: str, edit: Any) -> Any:
    def apply(folder: Path) -> None:
        table = pq.read_table(folder / f"{name}.parquet")
        pq.write_table(edit(table), folder / f"{name}.parquet")

    return apply


def _set(name: str, row: int | None, field: str, value: Any, *, our_schema: bool = True) -> Any:
    """Set *field* of one row (every row for ``None``) to *value*."""

    def apply(folder: Path) -> None:
        rows = _rows(folder, name)
        for r in rows if row is None else [rows[row]]:
            r[field] = value
        assert _write_rows(folder, name, rows, our_schema=our_schema)

    return apply


def _nullable(table: Any) -> Any:
    """The same table with every top-level column nullable."""
    return table.cast(pa.schema([f.with_nullable(nullable=True) for f in table.schema]))


def _replace_file(name: str, make: Any) -> Any:
    def apply(folder: Path) -> None:
        file = folder / f"{name}.parquet"
        file.unlink()
        make(file)

    return apply


CASES = {
    "extra-column": _edit_table("topics", lambda t: t.append_column("colour", pa.array(["red"] * t.num_rows))),
    "missing-column": _edit_table("actors", lambda t: t.drop_columns(["kind"])),
    "columns-reordered": _edit_table("topics", lambda t: t.select(list(reversed(t.column_names)))),
    "nullable-columns": _edit_table("statements", _nullable),
    "string-as-int": _set("topics", None, "label", 7, our_schema=False),
    "null-required-text": _set("statements", 0, "summary", None, our_schema=False),
    "empty-required-text": _set("statements", 0, "summary", ""),
    "bad-enum": _set("actors", 0, "kind", "militia"),
    "bad-date": _set("statements", 0, "date", "2025-02-30"),
    "bad-slug": _set("actors", 0, "id", "Hamas"),
    "dangling-speaker": _set("statements", 0, "speaker", "hamass"),
    "wrong-quote": _set("demands", 0, "evidence", [{"source": "src", "start": 0, "end": 5, "quote": "Hamaz"}]),
    "evidence-missing-key": _set("events", 0, "evidence", [{"source": "src", "start": 0, "end": 5}], our_schema=False),
    "evidence-extra-key": _set(
        "events", 0, "evidence", [{"source": "src", "start": 0, "end": 5, "quote": "Hamas", "x": 1}], our_schema=False
    ),
    "evidence-int-as-text": _set(
        "events", None, "evidence", [{"source": "src", "start": "0", "end": 5, "quote": "Hamas"}], our_schema=False
    ),
    "list-of-ints": _set("statements", None, "topics", [1, 2], our_schema=False),
    "duplicate-id": lambda folder: _write_rows(folder, "topics", _rows(folder, "topics") * 2),
    "empty-table": lambda folder: _write_rows(folder, "demands", []),
    "not-parquet": _replace_file("events", lambda f: f.write_bytes(b"PAR1 not really")),
    "missing-file": _replace_file("sources", lambda _: None),
    "folder-for-file": _replace_file("topics", lambda f: f.mkdir()),
}


@pytest.mark.parametrize("case", list(CASES), ids=list(CASES))
def test_broken_files_get_the_reference_outcome(tmp_path: Path, small: md.Dataset, case: str) -> None:
    folder = md.dump(small, tmp_path / "ok", format="parquet")
    broken = tmp_path / "broken"
    shutil.copytree(folder, broken)
    CASES[case](broken)
    outcome, _ = _check_same(broken)
    if case not in {"columns-reordered", "nullable-columns", "empty-table"}:
        assert outcome == "error", case  # the case does break the folder


POOL: list[Any] = [None, "", "x", "Hamas", "hamas", "2025", "2025-13-01", 0, -1, 10**20, True, [], ["hamas"], {}, [{}]]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_a_random_edit_gets_the_reference_outcome(tmp_path: Path, small: md.Dataset, data: st.DataObject) -> None:
    name = data.draw(st.sampled_from([n for n in TABLE_TYPES if len(getattr(small, n))]))
    rows = [unstructure(r) for r in getattr(small, name).records]
    row = data.draw(st.integers(0, len(rows) - 1))
    field = data.draw(st.sampled_from(sorted(rows[row])))
    rows[row][field] = data.draw(st.sampled_from(POOL))
    folder = tmp_path / data.draw(st.uuids()).hex
    md.dump(small, folder, format="parquet")
    assume(_write_rows(folder, name, rows, our_schema=data.draw(st.booleans())))
    _check_same(folder)
