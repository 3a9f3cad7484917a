"""Parquet: one file per table, nested fields as Arrow lists and structs, read by DuckDB and pandas."""

from __future__ import annotations

import sys
from pathlib import Path

import attrs
import pytest

import mideastdata as md

pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return md.dump(md.load(), tmp_path_factory.mktemp("pq") / "out", format="parquet")


def test_duckdb_sees_the_same_rows(folder: Path) -> None:
    """DuckDB reads every table file and sees the same ids, text and nested values."""
    duckdb = pytest.importorskip("duckdb")
    ds = md.load()
    con = duckdb.connect()
    for name, table in ds.tables().items():
        rows = con.execute("SELECT id FROM read_parquet(?)", [str(folder / f"{name}.parquet")]).fetchall()
        assert [r[0] for r in rows] == table.ids()
    got = con.execute(
        "SELECT id, summary, topics, len(evidence), evidence[1].quote FROM read_parquet(?)",
        [str(folder / "statements.parquet")],
    ).fetchall()
    assert got == [(s.id, s.summary, list(s.topics), len(s.evidence), s.evidence[0].quote) for s in ds.statements]
    positions = con.execute(
        "SELECT s.position FROM read_parquet(?), unnest(stances) AS t(s)", [str(folder / "statements.parquet")]
    ).fetchall()
    assert [p[0] for p in positions] == [st.position.value for s in ds.statements for st in s.stances]


def test_pandas_sees_the_same_rows(folder: Path) -> None:
    """Pandas reads the Parquet files with the same rows as the dataset."""
    pd = pytest.importorskip("pandas")
    ds = md.load()
    for name, table in ds.tables().items():
        frame = pd.read_parquet(folder / f"{name}.parquet")
        assert list(frame.columns) == [f.name for f in attrs.fields(type(table[0]))]
        assert list(frame["id"]) == table.ids()


def test_nested_fields_are_arrow_lists_and_structs(folder: Path) -> None:
    """Lists are Arrow lists, nested records Arrow structs, and required fields are non-nullable."""
    schema = pq.read_schema(folder / "statements.parquet")
    assert schema.field("topics").type == pa.list_(pa.field("item", pa.string(), nullable=False))
    stance = schema.field("stances").type.value_type
    assert pa.types.is_struct(stance)
    assert [stance.field(i).name for i in range(stance.num_fields)] == [f.name for f in attrs.fields(md.Stance)]
    evidence = schema.field("evidence").type.value_type
    assert evidence.field("start").type == pa.int64()
    assert not schema.field("speaker").nullable
    assert schema.field("date").nullable


def test_extra_column_is_reported(folder: Path, tmp_path: Path) -> None:
    """A Parquet file with a column the schema lacks is a DatasetError naming the table and field."""
    import shutil

    broken = tmp_path / "broken"
    shutil.copytree(folder, broken)
    table = pq.read_table(broken / "topics.parquet")
    table = table.append_column("colour", pa.array(["red"] * table.num_rows))
    pq.write_table(table, broken / "topics.parquet")
    with pytest.raises(md.DatasetError) as info:
        md.load(broken)
    assert [p.path for p in info.value.problems] == [f"topics[{i}]" for i in range(table.num_rows)]
    assert "unknown field 'colour'" in info.value.problems[0].message


def test_missing_pyarrow_names_the_extra(tmp_path: Path, small: md.Dataset, monkeypatch: pytest.MonkeyPatch) -> None:
    """Without pyarrow, the parquet format raises ImportError naming pip install 'mideastdata[parquet]'."""
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)
    with pytest.raises(ImportError, match=r"pip install 'mideastdata\[parquet\]'"):
        md.dump(small, tmp_path / "out", format="parquet")
    assert not (tmp_path / "out").exists()
