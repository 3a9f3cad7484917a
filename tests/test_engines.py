"""Spark (local mode) and DuckDB over one export give exactly the ids the Python query helpers give."""

from __future__ import annotations

import os
import subprocess
import sys
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import mideastdata as md

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def export(tmp_path_factory: pytest.TempPathFactory) -> tuple[md.Dataset, Path, Path]:
    """A synthetic dataset (dates of every precision, mentions, addressees, targets), exported once.

    The dataset's tables are written partitioned by year; the event table as one Parquet file.
    """
    folder = tmp_path_factory.mktemp("engines")
    document = folder / "synthetic.json"
    subprocess.run(
        [sys.executable, "-m", "benchmarks.generate", "--statements", "600", "--out", str(document)],
        cwd=ROOT, check=True, capture_output=True,
    )  # fmt: skip
    ds = md.load(document)
    tables = md.dump(ds, folder / "hive", format="parquet", partition_by="year")
    events = md.dump(ds, folder / "events.parquet", format="events-parquet")
    return ds, tables, events


@pytest.fixture(scope="module")
def spark() -> Iterator[Any]:
    """One local Spark session for the module: one core, no UI, bound to the loopback interface."""
    from pyspark.sql import SparkSession

    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    session = (
        SparkSession.builder.master("local[1]")
        .appName("mideastdata-tests")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.sql.shuffle.partitions", "1")
        .config("spark.sql.session.timeZone", "UTC")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


def expected(ds: md.Dataset) -> dict[str, Any]:
    """What each query must return, from the Python helpers."""
    actors = ds.actors.ids()
    return {
        "by_speaker": {a: sorted(ds.statements.by(a).ids()) for a in actors if ds.statements.by(a)},
        "demands": {
            (a, b): sorted(ds.demands.by(a).of(b).ids()) for a in actors for b in actors if ds.demands.by(a).of(b)
        },
        "involving": {a: sorted(ds.events.involving(a).ids()) for a in actors if ds.events.involving(a)},
        "per_year": _per_year(ds),
    }


def _per_year(ds: md.Dataset) -> dict[int | None, int]:
    counts: dict[int | None, int] = defaultdict(int)
    for s in ds.statements:
        counts[None if s.date is None else s.date.year] += 1
    return dict(counts)


def _grouped(rows: list[tuple[Any, ...]]) -> dict[Any, list[str]]:
    out: dict[Any, list[str]] = defaultdict(list)
    for *key, record_id in rows:
        out[key[0] if len(key) == 1 else tuple(key)].append(record_id)
    return {k: sorted(v) for k, v in out.items()}


QUERIES = {
    "by_speaker": "SELECT speaker, id FROM statements",
    "demands": "SELECT by, addressee, id FROM demands WHERE addressee IS NOT NULL",
    "involving": (
        "SELECT DISTINCT Actor1Id, RecordId FROM event_table WHERE RecordTable = 'events' AND Actor1Id IS NOT NULL "
        "UNION SELECT DISTINCT Actor2Id, RecordId FROM event_table WHERE RecordTable = 'events' AND Actor2Id IS NOT NULL"
    ),
    "dyad_demands": (
        "SELECT Actor1Id, Actor2Id, RecordId FROM event_table WHERE RecordTable = 'demands' AND Actor2Id IS NOT NULL"
    ),
    "dyad_speaker": "SELECT DISTINCT Actor1Id, RecordId FROM event_table WHERE RecordTable = 'statements'",
    "per_year": "SELECT year, count(*) FROM statements GROUP BY year",
}


def check(ds: md.Dataset, run: Any) -> None:
    want = expected(ds)
    assert _grouped(run(QUERIES["by_speaker"])) == want["by_speaker"]
    assert _grouped(run(QUERIES["demands"])) == want["demands"]
    assert _grouped(run(QUERIES["involving"])) == want["involving"]
    assert _grouped(run(QUERIES["dyad_demands"])) == want["demands"]
    assert _grouped(run(QUERIES["dyad_speaker"])) == want["by_speaker"]
    assert dict(run(QUERIES["per_year"])) == want["per_year"]


def test_spark_queries_give_the_python_ids(export: tuple[md.Dataset, Path, Path], spark: Any) -> None:
    """Spark reads the hive folders (with their year column) and the event table; every query matches."""
    ds, tables, events = export
    for name in ("statements", "demands"):
        spark.read.parquet(str(tables / name)).createOrReplaceTempView(name)
    spark.read.parquet(str(events)).createOrReplaceTempView("event_table")
    assert dict(spark.read.parquet(str(tables / "statements")).dtypes)["year"] == "int"

    def run(sql: str) -> list[tuple[Any, ...]]:
        return [tuple(row) for row in spark.sql(sql).collect()]

    check(ds, run)
    nested = spark.sql("SELECT id, size(mentions) AS n, evidence[0].quote AS q FROM statements").collect()
    assert {row["id"]: row["n"] for row in nested} == {s.id: len(s.mentions) for s in ds.statements}
    assert {row["id"]: row["q"] for row in nested} == {s.id: s.evidence[0].quote for s in ds.statements}


def test_duckdb_queries_give_the_python_ids(export: tuple[md.Dataset, Path, Path]) -> None:
    """DuckDB reads the same export with hive discovery; every query matches."""
    import duckdb

    ds, tables, events = export
    con = duckdb.connect()
    for name in ("statements", "demands"):
        con.execute(
            f"CREATE VIEW {name} AS SELECT * FROM read_parquet('{tables / name}/**/*.parquet', hive_partitioning = true)"  # noqa: S608
        )
    con.execute(f"CREATE VIEW event_table AS SELECT * FROM '{events}'")  # noqa: S608

    def run(sql: str) -> list[tuple[Any, ...]]:
        return con.execute(sql.replace(" by,", ' "by",')).fetchall()

    check(ds, run)
