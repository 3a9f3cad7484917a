# SPDX-License-Identifier: MIT
"""Past one machine's Python: export a dataset to Parquet and query it with DuckDB.

The Parquet folder ``md.dump(ds, path, format="parquet")`` writes is the hand-off
to DuckDB and Spark. This script times the export and three DuckDB queries over
it (no Python objects are built for the query), the load of the folder back into a
checked Dataset, and the same questions answered by mideastdata in memory (the indexed query, after its first call) for comparison.

    python -m benchmarks.bench_duckdb --statements 1000000 --repeat 3
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from benchmarks._harness import document_bytes, machine, measure, parser

__all__ = ["QUERIES", "main"]

QUERIES = {
    "statements per speaker, top 10": """
        SELECT speaker, count(*) AS n FROM '{dir}/statements.parquet'
        GROUP BY speaker ORDER BY n DESC, speaker LIMIT 10""",
    "statements by actor-7 about topic-3": """
        SELECT id, date FROM '{dir}/statements.parquet'
        WHERE speaker = 'actor-7' AND list_contains(topics, 'topic-3')""",
    "events involving actor-7, by year": """
        SELECT substr(date, 1, 4) AS year, count(*) AS n FROM '{dir}/events.parquet'
        WHERE list_contains(actors, 'actor-7') OR list_contains(targets, 'actor-7')
        GROUP BY year ORDER BY year""",
}


def main(argv: list[str] | None = None) -> int:
    args = parser(__doc__.splitlines()[0], repeat=3).parse_args(argv)
    import duckdb

    import mideastdata as md

    ds = md.from_json(document_bytes(args.statements, args.seed), limits=md.Limits(max_bytes=None, max_records=None))
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "parquet"
        export = measure({"export": lambda: md.dump(ds, folder, format="parquet")}, 1)["export"]
        size = sum(p.stat().st_size for p in folder.iterdir())
        unlimited = md.Limits(max_bytes=None, max_records=None)
        back = measure({"load": lambda: md.load(folder, format="parquet", limits=unlimited)}, 1)["load"]
        con = duckdb.connect()
        contenders = {
            f"duckdb: {name}": (lambda sql=sql: con.execute(sql.format(dir=folder)).fetchall())
            for name, sql in QUERIES.items()
        }
        contenders["mideastdata in memory: statements.by('actor-7').about('topic-3')"] = lambda: (
            ds.statements.by("actor-7").about("topic-3").records
        )
        results = measure(contenders, args.repeat)
    lines = [
        f"### Parquet export and DuckDB queries, {args.statements:,} statements, median of {args.repeat}",
        "",
        machine(),
        "",
        f"Export with `md.dump(ds, folder, format='parquet')`: {export:.2f} s, {size / 1e6:.0f} MB of Parquet.",
        f"Read back into a checked Dataset with `md.load(folder)`: {back:.2f} s.",
        "",
        "| query | median (s) |",
        "|---|---:|",
    ]
    lines += [f"| {name} | {value:.3f} |" for name, value in results.items()]
    print("\n".join(lines) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
