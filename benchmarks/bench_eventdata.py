# SPDX-License-Identifier: MIT
"""The event-data views at scale: the event table, Arrow, the network, and the Parquet export under DuckDB and Spark.

Each part generates its dataset once and times mideastdata against the named peer in
the same run:

* ``event_table``: ``ds.event_table()`` (the rows) and its ``to_dataframe()``, against a
  pandas explode-and-merge of the exported tables (read from the Parquet export before
  timing) that builds the same rows and columns;
* ``to_arrow``: ``ds.statements.to_arrow()`` against ``pyarrow.Table.from_pylist`` of the
  statements' plain dicts (made before timing), in the same schema;
* ``network``: ``ds.network()`` of a dataset of about ``--network-records`` records;
* ``engines``: the export (hive-partitioned by year, and the event table as one Parquet
  file), then three queries each with DuckDB and with Spark in local mode.

    python -m benchmarks.bench_eventdata --statements 1000000 --repeat 1
    python -m benchmarks.bench_eventdata --parts network --network-records 100000 --repeat 3
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks._harness import machine, measure, parser, report

__all__ = ["ENGINE_QUERIES", "main", "pandas_event_table"]

PARTS = ("event_table", "to_arrow", "network", "engines")

ENGINE_QUERIES = {
    "statements per speaker, top 10": (
        "SELECT speaker, count(*) AS n FROM statements GROUP BY speaker ORDER BY n DESC, speaker LIMIT 10"
    ),
    "demands by actor-7 of actor-3": "SELECT id FROM demands WHERE {by} = 'actor-7' AND addressee = 'actor-3'",
    "dyads per year and QuadClass": (
        "SELECT Year, QuadClass, count(*) AS n FROM event_table GROUP BY Year, QuadClass ORDER BY Year, QuadClass"
    ),
}


def _dataset(n_statements: int, seed: int) -> Any:
    from benchmarks.generate import generate

    return generate(n_statements, seed=seed)


def pandas_event_table(frames: dict[str, Any]) -> Any:
    """The event table's rows built from the exported tables with pandas: explode the lists, merge the actors in."""
    import pandas as pd

    from mideastdata._goldstein import GOLDSTEIN_SCALE, QUAD_CLASSES
    from mideastdata.eventdata import actor_codes

    actors = frames["actors"]
    parts = [actor_codes(_ActorRow(row)) for row in actors.itertuples(index=False)]  # one per actor, not per row
    actor_cols = pd.DataFrame(
        {
            "Id": actors["id"],
            "Code": actors["cameo"],
            "Name": actors["name"],
            "CountryCode": [p[0] for p in parts],
            "KnownGroupCode": [p[1] for p in parts],
            "EthnicCode": [p[2] for p in parts],
            "Type1Code": [(p[3] + (None,))[0] for p in parts],
            "Kind": actors["kind"],
        }
    )
    a1 = actor_cols.add_prefix("Actor1")
    a2 = actor_cols.add_prefix("Actor2")

    def finish(frame: Any, table: str, first: str, second: str) -> Any:
        frame = frame.merge(a1, left_on=first, right_on="Actor1Id", how="left")
        frame = frame.merge(a2, left_on=second, right_on="Actor2Id", how="left")
        frame["RecordTable"] = table
        return frame

    st = frames["statements"][["id", "speaker", "mentions", "cameo", "kind", "plover", "date", "topics", "evidence"]]
    st = finish(st.explode("mentions"), "statements", "speaker", "mentions")
    de = frames["demands"][["id", "by", "addressee", "kind", "topic", "evidence"]]
    de = finish(de.assign(topics=de["topic"].map(lambda t: [t])), "demands", "by", "addressee")
    columns = ["id", "actors", "targets", "cameo", "kind", "status", "plover", "date", "topics", "evidence"]
    ev = frames["events"][columns]
    ev = finish(ev.explode("actors").explode("targets"), "events", "actors", "targets")
    out = pd.concat([st, de, ev], ignore_index=True)
    code = out["cameo"]
    out["EventBaseCode"] = code.str[:3]
    out["EventRootCode"] = code.str[:2]
    out["QuadClass"] = out["EventRootCode"].map(QUAD_CLASSES).astype("Int64")
    out["GoldsteinScale"] = code.map(GOLDSTEIN_SCALE).astype("Float64")
    out["Year"] = pd.to_numeric(out["date"].str[:4]).astype("Int64")
    out["SourceIds"] = out["evidence"].map(lambda spans: list(dict.fromkeys(s["source"] for s in spans)))
    out["Quote"] = out["evidence"].map(lambda spans: " … ".join(s["quote"] for s in spans))
    return out.rename(columns={"id": "RecordId", "cameo": "EventCode"}).drop(columns=["evidence"])


class _ActorRow:
    """An actors-frame row seen as the attributes ``actor_codes`` reads."""

    def __init__(self, row: Any) -> None:
        self.cameo = None if row.cameo != row.cameo else row.cameo  # NaN -> None
        self.country = None if row.country != row.country else row.country


def _frames(ds: Any, folder: Path) -> dict[str, Any]:
    import pandas as pd

    import mideastdata as md

    md.dump(ds, folder, format="parquet")
    return {name: pd.read_parquet(folder / f"{name}.parquet") for name in ("actors", "statements", "demands", "events")}


def part_event_table(ds: Any, repeat: int, tmp: Path) -> str:
    from mideastdata.eventdata import build_event_table

    frames = _frames(ds, tmp / "tables")
    ours = build_event_table(ds)
    theirs = pandas_event_table(frames)
    assert len(theirs) == len(ours), (len(theirs), len(ours))  # the same rows
    del ours, theirs
    results = measure(
        {
            "pandas explode-and-merge of the exported tables": lambda: pandas_event_table(frames),
            "ds.event_table() (the rows)": lambda: build_event_table(ds),
            "ds.event_table().to_dataframe()": lambda: build_event_table(ds).to_dataframe(),
        },
        repeat,
    )
    return report(
        f"Event table, {len(ds.statements):,} statements ({len(build_event_table(ds)):,} rows), median of {repeat}",
        results,
        "pandas explode-and-merge of the exported tables",
    )


def part_to_arrow(ds: Any, repeat: int) -> str:
    import pyarrow as pa

    from mideastdata.io.parquet import arrow_schema
    from mideastdata.model import Statement

    records = ds.statements.to_records()
    schema = arrow_schema(Statement)
    assert pa.Table.from_pylist(records, schema=schema).equals(ds.statements.to_arrow())
    results = measure(
        {
            "pyarrow.Table.from_pylist(plain dicts)": lambda: pa.Table.from_pylist(records, schema=schema),
            "ds.statements.to_arrow()": ds.statements.to_arrow,
        },
        repeat,
    )
    return report(
        f"Statements to Arrow, {len(ds.statements):,} statements, median of {repeat}",
        results,
        "pyarrow.Table.from_pylist(plain dicts)",
    )


def part_network(n_records: int, seed: int, repeat: int) -> str:
    ds = _dataset(max(10, n_records * 2 // 3), seed)  # demands and events are a quarter of statements each
    total = len(ds.statements) + len(ds.demands) + len(ds.events)
    results = measure({"ds.network()": ds.network}, repeat)
    cpu = []
    for _ in range(repeat):  # the process's own CPU time: what an idle machine would take, near enough
        start = time.process_time()
        graph = ds.network()
        cpu.append(time.process_time() - start)
    text = (
        f"### Network, {total:,} records, median of {repeat}\n\n{machine()}\n\n"
        f"`ds.network()`: {results['ds.network()']:.2f} s wall, {sorted(cpu)[len(cpu) // 2]:.2f} s of CPU, for "
        f"{graph.number_of_nodes():,} nodes and {graph.number_of_edges():,} edges (target: under 10 s).\n"
    )
    print(text)
    return text


def _spark() -> Any:
    from pyspark.sql import SparkSession

    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    return (
        SparkSession.builder.master("local[2]")
        .appName("mideastdata-bench")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.driver.memory", "4g")
        .config("spark.sql.shuffle.partitions", "2")
        .getOrCreate()
    )


def part_engines(ds: Any, repeat: int, tmp: Path) -> str:
    import duckdb

    import mideastdata as md

    hive, events = tmp / "hive", tmp / "events.parquet"
    export = measure({"partitioned": lambda: md.dump(ds, hive, format="parquet", partition_by="year")}, 1)
    export |= measure({"event table": lambda: md.dump(ds, events, format="events-parquet")}, 1)
    size = sum(p.stat().st_size for p in hive.rglob("*.parquet"))
    con = duckdb.connect()
    for name in ("statements", "demands"):
        files = f"{hive / name}/**/*.parquet"
        con.execute(f"CREATE VIEW {name} AS SELECT * FROM read_parquet('{files}', hive_partitioning = true)")  # noqa: S608
    con.execute(f"CREATE VIEW event_table AS SELECT * FROM '{events}'")  # noqa: S608
    duck = measure(
        {name: (lambda sql=sql: con.execute(sql.format(by='"by"')).fetchall()) for name, sql in ENGINE_QUERIES.items()},
        repeat,
    )
    start = time.perf_counter()
    spark = _spark()
    spark.sparkContext.setLogLevel("ERROR")
    for name in ("statements", "demands"):
        spark.read.parquet(str(hive / name)).createOrReplaceTempView(name)
    spark.read.parquet(str(events)).createOrReplaceTempView("event_table")
    started = time.perf_counter() - start
    sparks = measure(
        {name: (lambda sql=sql: spark.sql(sql.format(by="`by`")).collect()) for name, sql in ENGINE_QUERIES.items()},
        repeat,
    )
    spark.stop()
    lines = [
        f"### The Parquet export under DuckDB and Spark, {len(ds.statements):,} statements, median of {repeat}",
        "",
        machine(),
        "",
        (
            f"Export: hive-partitioned by year {export['partitioned']:.2f} s ({size / 1e6:.0f} MB); the event "
            f"table as one Parquet file {export['event table']:.2f} s ({events.stat().st_size / 1e6:.0f} MB)."
        ),
        f"Spark (local[2]) session start and table discovery: {started:.1f} s.",
        "",
        "| query | DuckDB (s) | Spark (s) |",
        "|---|---:|---:|",
    ]
    lines += [f"| {name} | {duck[name]:.3f} | {sparks[name]:.3f} |" for name in ENGINE_QUERIES]
    text = "\n".join(lines) + "\n"
    print(text)
    return text


def main(argv: list[str] | None = None) -> int:
    p = parser(__doc__.splitlines()[0], repeat=1)
    p.add_argument("--parts", nargs="+", choices=PARTS, default=list(PARTS))
    p.add_argument("--network-records", type=int, default=100_000)
    args = p.parse_args(argv)
    if "network" in args.parts:
        part_network(args.network_records, args.seed, args.repeat)
    rest = [part for part in args.parts if part != "network"]
    if rest:
        ds = _dataset(args.statements, args.seed)
        with tempfile.TemporaryDirectory() as tmp:
            if "event_table" in rest:
                part_event_table(ds, args.repeat, Path(tmp))
            if "to_arrow" in rest:
                part_to_arrow(ds, args.repeat)
            if "engines" in rest:
                part_engines(ds, args.repeat, Path(tmp))
    return 0


if __name__ == "__main__":
    sys.exit(main())
