"""Tables as Arrow (the Parquet export's schema), Polars and pandas; each optional library explained when missing."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

import mideastdata as md
from strategies import datasets

pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")


def test_to_arrow_is_the_parquet_export(tmp_path: Path) -> None:
    """Each table in memory is the Arrow table its Parquet file holds: same schema, same values."""
    ds = md.load()
    folder = md.dump(ds, tmp_path / "out", format="parquet")
    for name, table in ds.tables().items():
        exported = pq.read_table(folder / f"{name}.parquet")
        assert table.to_arrow().equals(exported), name


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(datasets())
def test_to_arrow_matches_the_export_on_random_datasets(tmp_path: Path, ds: md.Dataset) -> None:
    """On random datasets too, including empty tables, which keep their schema."""
    folder = md.dump(ds, tmp_path / "out", format="parquet")
    for name, table in ds.tables().items():
        assert table.to_arrow().equals(pq.read_table(folder / f"{name}.parquet")), name


def test_nested_fields_are_lists_and_structs() -> None:
    """Topics are lists of strings, stances and evidence lists of structs; required fields are not nullable."""
    schema = md.load().statements.to_arrow().schema
    assert schema.field("topics").type == pa.list_(pa.field("item", pa.string(), nullable=False))
    stance = schema.field("stances").type.value_type
    assert [stance.field(i).name for i in range(stance.num_fields)] == ["topic", "position", "condition"]
    evidence = schema.field("evidence").type.value_type
    assert evidence.field("start").type == pa.int64()
    assert not schema.field("speaker").nullable
    assert schema.field("cameo").nullable


def test_query_results_and_empty_tables_keep_their_kind() -> None:
    """A query result converts; an empty result still has its table's schema; a free empty Table is refused."""
    ds = md.load()
    hamas = ds.statements.by("hamas").to_arrow()
    assert hamas.column("id").to_pylist() == ds.statements.by("hamas").ids()
    empty = ds.statements.where(kind=md.StatementKind.DENIAL)
    assert len(empty) == 0
    assert empty.to_arrow().schema == ds.statements.to_arrow().schema
    with pytest.raises(TypeError, match="no schema"):
        md.Table().to_arrow()


def test_to_polars_keeps_codes_as_strings_and_enums_as_enums() -> None:
    """The Polars frame is the Arrow table; enum fields are polars.Enum with every member as a category."""
    pl = pytest.importorskip("polars")
    ds = md.load()
    frame = ds.events.to_polars()
    assert frame.height == len(ds.events)
    assert frame["id"].to_list() == ds.events.ids()
    assert frame.schema["status"] == pl.Enum([s.value for s in md.EventStatus])
    assert frame.schema["cameo"] == pl.String
    assert frame.filter(pl.col("id") == "evt-witkoff-visit-israel")["cameo"].item() == "042"
    lazy = ds.statements.to_polars().lazy().group_by("speaker").len().collect()
    assert dict(zip(lazy["speaker"], lazy["len"], strict=True))["steve-witkoff"] == 3


def test_to_dataframes_one_frame_per_table_with_categories() -> None:
    """Six frames by table name; enum fields categorical in declaration order; codes strings with leading zeros."""
    pd = pytest.importorskip("pandas")
    ds = md.load()
    frames = ds.to_dataframes()
    assert list(frames) == list(ds.tables())
    for name, frame in frames.items():
        assert len(frame) == len(ds.tables()[name])
    kind = frames["statements"]["kind"]
    assert isinstance(kind.dtype, pd.CategoricalDtype)
    assert list(kind.cat.categories) == [k.value for k in md.StatementKind]
    assert frames["statements"].set_index("id").loc["stmt-witkoff-announces-collaboration", "cameo"] == "010"
    assert list(frames["events"]["status"].cat.categories) == [s.value for s in md.EventStatus]


def test_to_dataframes_of_an_empty_dataset_has_every_column() -> None:
    """An empty table still gives its columns, enums categorical."""
    pytest.importorskip("pandas")
    frames = md.Dataset(name="empty", version="0.1.0").to_dataframes()
    assert list(frames["events"].columns)[:3] == ["id", "kind", "summary"]
    assert list(frames["events"]["kind"].cat.categories) == [k.value for k in md.EventKind]


@pytest.mark.parametrize(
    ("module", "call"),
    [
        ("polars", lambda ds: ds.events.to_polars()),
        ("pyarrow", lambda ds: ds.events.to_arrow()),
        ("pyarrow", lambda ds: ds.event_table().to_arrow()),
        ("pandas", lambda ds: ds.event_table().to_dataframe()),
    ],
)
def test_a_missing_extra_is_named_with_its_install_command(monkeypatch: pytest.MonkeyPatch, module: str, call: object) -> None:
    """Without the optional library, the error says which extra to install."""
    for name in list(sys.modules):
        if name == module or name.startswith(f"{module}."):
            monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, module, None)
    with pytest.raises(ImportError, match=r"pip install 'mideastdata\["):
        call(md.load())  # type: ignore[operator]
