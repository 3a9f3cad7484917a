"""The write-only event-data exports (event table CSV and Parquet, PLOVER JSON Lines) and the hive-partitioned Parquet folder."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings

import mideastdata as md
from mideastdata.eventdata import COLUMNS
from mideastdata.io.plover import MODES, QUAD_CODES
from strategies import datasets

pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")

SLOW = settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def read_events_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


@SLOW
@given(datasets())
def test_events_csv_holds_the_table(tmp_path: Path, ds: md.Dataset) -> None:
    """Header = the columns; each cell is the value as text, lists joined by ';', missing values empty."""
    out = md.dump(ds, tmp_path / "events.csv", format="events-csv")
    rows = read_events_csv(out)
    assert len(rows) == len(ds.event_table())
    for row, expected in zip(rows, ds.event_table().to_records(), strict=True):
        assert list(row) == list(COLUMNS)
        for key, value in expected.items():
            text = "" if value is None else ";".join(value) if isinstance(value, list) else str(value)
            assert row[key] == text


def test_events_csv_keeps_leading_zeros(tmp_path: Path) -> None:
    """CAMEO 010 stays 010 in the file."""
    rows = read_events_csv(md.dump(md.load(), tmp_path / "e.csv", format="events-csv"))
    (row,) = [r for r in rows if r["RecordId"] == "stmt-witkoff-announces-collaboration"]
    assert (row["EventCode"], row["EventRootCode"], row["QuadClass"], row["Actor1CountryCode"]) == ("010", "01", "1", "USA")


@SLOW
@given(datasets())
def test_events_parquet_is_the_arrow_table(tmp_path: Path, ds: md.Dataset) -> None:
    """The Parquet file reads back as exactly event_table().to_arrow()."""
    out = md.dump(ds, tmp_path / "events.parquet", format="events-parquet")
    assert pq.read_table(out).equals(ds.event_table().to_arrow())


def test_plover_records_of_the_bundled_data(tmp_path: Path) -> None:
    """One line per statement or event with a PLOVER category, with the specification's field names."""
    ds = md.load()
    out = md.dump(ds, tmp_path / "gaza.plover.jsonl", format="plover")
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    coded = [s.id for s in ds.statements if s.plover is not None] + [e.id for e in ds.events if e.plover is not None]
    assert [r["id"] for r in records] == coded
    by_id = {r["id"]: r for r in records}
    ban = by_id["evt-eu-arms-trade-ban"]
    assert ban["event"] == ["SANCTION"]
    assert ban["mode"] == ["discontinue"]
    assert ban["quad_code"] is None  # the manual gives SANCTION two quad categories
    assert ban["actor"] == [
        {
            "entity_text": "European Union", "code": "EUR", "sector": None, "identifier_text": "European Union",
            "office": None, "actor_id": "european-union",
        }
    ]
    assert [e["code"] for e in ban["recipient"]] == ["ISR"]
    visit = by_id["evt-witkoff-visit-israel"]
    assert (visit["event"], visit["mode"], visit["quad_code"]) == (["CONSULT"], ["visit"], 1)
    assert visit["actor"][0]["code"] == "USA"  # a person without a CAMEO code: the country
    assert visit["actor"][0]["office"] == "special envoy"
    hamas = by_id["stmt-hamas-armed-resistance"]
    assert (hamas["event"], hamas["mode"], hamas["quad_code"]) == (["REJECT"], ["yield"], 3)
    assert hamas["actor"][0]["code"] == "PSE"
    assert hamas["actor"][0]["sector"] == "REB"
    source = ds.sources[0]
    for record in records:
        start, end = record["text_info"]["start"], record["text_info"]["end"]
        assert source.text[start:end] == record["event_text"][0]
        assert record["date"] is None  # the bundled source is undated
        assert record["context"] is None
        assert record["cite_info"]["title"] == source.title


def test_plover_tables_use_plover_names() -> None:
    """Every mode and quad code maps onto a PLOVER type of mideastdata.codes."""
    from mideastdata.codes import PLOVER_TYPES

    assert {category for _, category in MODES} <= set(PLOVER_TYPES)
    assert set(QUAD_CODES) == set(PLOVER_TYPES) - {"SANCTION"}


def test_plover_date_only_at_day_precision() -> None:
    """A day-precise date is PLOVER's date; a coarser one stays in date_partial only."""
    from mideastdata.io.plover import plover_record

    ds = md.load()
    statement = ds.statements["stmt-hamas-armed-resistance"]
    for date, expected in ((md.PartialDate(year=2025, month=8, day=2), "2025-08-02"), (md.PartialDate(year=2025), None)):
        evolved = ds.evolve(statements=[s if s.id != statement.id else attrs.evolve(s, date=date) for s in ds.statements])
        record = plover_record(evolved, "statements", evolved.statements[statement.id])
        assert record["date"] == expected
        assert record["date_partial"] == str(date)


def test_export_formats_are_not_loadable_and_refuse_options(tmp_path: Path) -> None:
    """load() says the event-data formats are written only; options of other formats are refused."""
    ds = md.load()
    with pytest.raises(ValueError, match="written by dump"):
        md.load(tmp_path, format="events-csv")  # type: ignore[call-overload]
    with pytest.raises(ValueError, match="excel_safe"):
        md.dump(ds, tmp_path / "e.csv", format="events-csv", excel_safe=True)
    with pytest.raises(ValueError, match="partition_by"):
        md.dump(ds, tmp_path / "x", format="csv", partition_by="year")


# --------------------------------------------------------------------------- hive partitions


def read_partitioned(folder: Path, table: str, by: str) -> Any:
    """The table read back with hive discovery, the key's type given (all-null keys cannot be inferred)."""
    import pyarrow.dataset as pads

    from mideastdata.io.hive import KEYS

    if table not in KEYS[by]:  # type: ignore[index]
        return pads.dataset(folder / table, format="parquet").to_table()
    key = pa.field(by, pa.int64() if by == "year" else pa.string())
    partitioning = pads.partitioning(pa.schema([key]), flavor="hive")
    return pads.dataset(folder / table, format="parquet", partitioning=partitioning).to_table()


@pytest.mark.parametrize("by", ["year", "source"])
def test_partitioned_export_holds_every_record_in_its_schema(tmp_path: Path, by: str) -> None:
    """Each table's files hold the export's Arrow schema; read with hive discovery, the rows are the table's."""
    ds = md.load()
    folder = md.dump(ds, tmp_path / "hive", format="parquet", partition_by=by)  # type: ignore[arg-type]
    meta = json.loads((folder / "dataset.json").read_text(encoding="utf-8"))
    assert (meta["format"], meta["partition_by"], meta["name"]) == ("parquet", by, ds.name)
    for name, table in ds.tables().items():
        files = sorted((folder / name).rglob("*.parquet"))
        assert files, name
        for file in files:
            assert pq.read_schema(file).remove_metadata() == table.to_arrow().schema.remove_metadata()
        read = read_partitioned(folder, name, by)
        expected = table.to_arrow()
        assert sorted(read.column("id").to_pylist()) == sorted(expected.column("id").to_pylist())
    statements = read_partitioned(folder, "statements", by)
    if by == "source":
        assert set(statements.column("source").to_pylist()) == {"gaza-negotiations-article"}
    else:
        assert set(statements.column("year").to_pylist()) == {None}  # the bundled source is undated


def test_year_partitions_split_dated_records(tmp_path: Path) -> None:
    """Dated statements land in year=YYYY folders, undated ones in the default partition."""
    ds = md.load()
    dated = [attrs.evolve(s, date=md.PartialDate(year=2024 + i % 2)) for i, s in enumerate(ds.statements)]
    ds = ds.evolve(statements=dated)
    folder = md.dump(ds, tmp_path / "hive", format="parquet", partition_by="year")
    assert sorted(p.name for p in (folder / "statements").iterdir()) == ["year=2024", "year=2025"]
    read = read_partitioned(folder, "statements", "year")
    years = dict(zip(read.column("id").to_pylist(), read.column("year").to_pylist(), strict=True))
    assert years == {s.id: s.date.year for s in ds.statements if s.date is not None}


def test_partitioned_export_replaces_only_its_own_output(tmp_path: Path) -> None:
    """A second dump replaces an earlier partitioned export; a folder of other files is refused."""
    ds = md.load()
    folder = md.dump(ds, tmp_path / "hive", format="parquet", partition_by="year")
    md.dump(ds, folder, format="parquet", partition_by="source")
    assert json.loads((folder / "dataset.json").read_text(encoding="utf-8"))["partition_by"] == "source"
    other = tmp_path / "mine"
    other.mkdir()
    (other / "notes.txt").write_text("keep me", encoding="utf-8")
    with pytest.raises(FileExistsError, match="refusing"):
        md.dump(ds, other, format="parquet", partition_by="year")
    assert (other / "notes.txt").read_text(encoding="utf-8") == "keep me"
    with pytest.raises(ValueError, match="partition_by must be"):
        md.dump(ds, tmp_path / "bad", format="parquet", partition_by="month")  # type: ignore[arg-type]


@pytest.mark.parametrize("fmt", ["events-csv", "events-parquet", "plover", "graphml", "gexf"])
def test_cli_exports_the_event_data_formats(tmp_path: Path, fmt: str) -> None:
    """`mideastdata export --format F --out FILE` writes the same file md.dump writes."""
    import shutil
    import subprocess
    import sys

    pytest.importorskip("networkx")
    out = tmp_path / f"out.{fmt}"
    exe = shutil.which("mideastdata")
    command = [exe] if exe else [sys.executable, "-m", "mideastdata"]
    result = subprocess.run([*command, "export", "--format", fmt, "--out", str(out)], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    again = md.dump(md.load(), tmp_path / f"again.{fmt}", format=fmt)  # type: ignore[arg-type]
    if fmt == "events-parquet":
        assert pq.read_table(out).equals(pq.read_table(again))
    else:
        assert out.read_bytes() == again.read_bytes()
