# SPDX-License-Identifier: MIT
"""Full-text search: the FTS5 index against Polars, DuckDB and the old pure-Python index, in one run.

On a generated dataset (``benchmarks.generate``) this measures, side by side:

* building the index: ``ds.build_search_index()`` (SQLite FTS5, in memory) against the
  old pure-Python inverted index (``tests/search_oracle.py``), each with the growth of the
  process (RSS) it causes, and against building the peers' frame;
* four top-20 searches -- a rare word, a common word, a two-word phrase, a word prefix --
  with ``ds.search(q)`` (the 20 best by BM25), the old search (every hit ranked, the first 20
  kept), Polars ``str.contains`` (``frame.filter(...).head(20)``: every row tested, the first
  20 matches kept) and DuckDB ``regexp_matches`` (``... LIMIT 20``, which may stop early),
  both unranked, over one lower-cased text column per record holding every searched field.

Before timing, the hit set of every query is checked to be the old implementation's,
and the peers' match counts are printed next to ours (they differ where lower-casing is
not folding: accents and apostrophes). Each figure is the median of interleaved repetitions.

Usage::

    python -m benchmarks.bench_search --statements 100000 --repeat 5
    python -m benchmarks.bench_search --statements 1000000 --repeat 3 --old-repeat 0 --first-calls
"""

from __future__ import annotations

import contextlib
import gc
import random
import re
import sys
import time
from pathlib import Path
from typing import Any

from benchmarks._harness import ROOT, machine, measure, parser

__all__ = ["QUERIES", "main"]

QUERIES = {
    "rare word": "{rare}",
    "common word": "ceasefire",
    "two-word phrase": '"hostages release"',
    "word prefix": "hostag",
}
"""The searches timed; ``{rare}`` is the number in one generated organisation's name."""


def _rss() -> int:
    """The resident set size of this process, in bytes."""
    with Path("/proc/self/statm").open() as f:
        return int(f.read().split()[1]) * 4096


def _peak_reset() -> None:
    with contextlib.suppress(OSError):
        Path("/proc/self/clear_refs").write_text("5")


def _peak() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024
    return 0


def _grown(build: Any) -> tuple[tuple[float, float], int, int, Any]:
    """((wall, CPU) seconds, RSS growth, peak RSS growth, result) of calling *build* once."""
    gc.collect()
    _peak_reset()
    before = _rss()
    start, cpu = time.perf_counter(), time.process_time()
    result = build()
    elapsed = (time.perf_counter() - start, time.process_time() - cpu)
    return elapsed, _rss() - before, max(0, _peak() - before), result


def _peer_texts(ds: Any) -> tuple[list[str], list[str], list[int]]:
    """(table, position, text) columns: every searched field of a record, joined and lower-cased."""
    tables, positions, texts = [], [], []
    for name in ("actors", "statements", "demands", "events"):
        for pos, r in enumerate(getattr(ds, name)):
            if name == "actors":
                parts = [r.name, *r.aliases]
            else:
                parts = [r.text if name == "demands" else r.summary]
                if name == "statements" and r.quote is not None:
                    parts.append(r.quote)
                parts.extend(e.quote for e in r.evidence)
            tables.append(name)
            positions.append(pos)
            texts.append("\n".join(parts).lower())
    return tables, texts, positions


def _pattern(query: str) -> str:
    """The regular expression the peers search for: a word prefix, or a phrase of whole words."""
    if query.startswith('"'):
        return r"\b" + r"\s+".join(map(re.escape, query.strip('"').lower().split())) + r"\b"
    return r"\b" + re.escape(query.lower())


def _report(title: str, medians: dict[str, float], base: str) -> None:
    """A Markdown table of medians in milliseconds, each divided by *base*'s (as the harness's, finer)."""
    lines = [f"### {title}", "", machine(), "", f"| contender | median (ms) | ratio to {base} |", "|---|---:|---:|"]
    lines += [f"| {name} | {value * 1e3:.2f} | {value / medians[base]:.2f} |" for name, value in medians.items()]
    print("\n".join(lines) + "\n")


def _row(what: str, seconds: tuple[float, float], rss: int, peak: int) -> str:
    return f"| {what} | {seconds[0]:.2f} | {seconds[1]:.2f} | {rss / 1e6:.0f} | {peak / 1e6:.0f} |"


def _first_calls(ds: Any, seed: int, repeat: int) -> None:
    from benchmarks.bench_query import first_calls
    from mideastdata._keyindex import SCANNED_KEYS

    rng = random.Random(seed)
    keys = SCANNED_KEYS + 1
    first_calls(ds, rng.sample(ds.actors.ids(), keys), rng.sample(ds.topics.ids(), keys), repeat)


def main(argv: list[str] | None = None) -> int:
    p = parser(__doc__.splitlines()[0], statements=100_000, repeat=5)
    p.add_argument("--old-repeat", type=int, default=None,
                   help="repetitions of the old search (default --repeat; 0: leave the old index out)")
    p.add_argument("--first-calls", action="store_true",
                   help="also time the first by(), about(), involving() and where() against a comprehension")
    args = p.parse_args(argv)
    import duckdb
    import polars as pl

    import mideastdata as md
    from benchmarks.generate import generate

    sys.path.insert(0, str(ROOT / "tests"))
    import search_oracle

    print(f"{machine()}; mideastdata {md.__version__}, polars {pl.__version__}, duckdb {duckdb.__version__}")
    t0 = time.perf_counter()
    gc.disable()
    ds = generate(args.statements, seed=args.seed)
    gc.enable()
    docs = len(ds.actors) + len(ds.statements) + len(ds.demands) + len(ds.events)
    took = time.perf_counter() - t0
    print(f"generated {len(ds.statements):,} statements ({docs:,} searchable records) in {took:.1f} s")
    if args.first_calls:
        _first_calls(ds, args.seed, args.repeat)
    rare = next(a.name.split()[-1] for a in reversed(ds.actors) if a.name.split()[-1].isdigit())
    queries = {label: q.format(rare=rare) for label, q in QUERIES.items()}

    ours_s, ours_rss, ours_peak, _ = _grown(ds.build_search_index)
    old_repeat = args.repeat if args.old_repeat is None else args.old_repeat
    old_s, old_rss, old_peak, old_index = _grown(lambda: search_oracle.build(ds) if old_repeat else None)
    frame_s, frame_rss, frame_peak, frame = _grown(
        lambda: pl.DataFrame(dict(zip(("table", "text", "pos"), _peer_texts(ds), strict=True)))
    )
    con = duckdb.connect()
    con.register("docs", frame.to_arrow())
    lines = [
        f"### Index build, {args.statements:,} statements ({docs:,} records)",
        "",
        machine(),
        "",
        "| what | seconds | CPU seconds (this process) | RSS growth (MB) | peak RSS growth (MB) |",
        "|---|---:|---:|---:|---:|",
        _row("mideastdata: `ds.build_search_index()` (FTS5)", ours_s, ours_rss, ours_peak),
        *([_row("old pure-Python index", old_s, old_rss, old_peak)] if old_repeat else []),
        _row("peers' Polars frame (one lower-cased text per record)", frame_s, frame_rss, frame_peak),
    ]
    print("\n".join(lines) + "\n")

    for label, query in queries.items():
        new = {(h.table, h.record.id) for h in ds.search(query, limit=None)}
        if old_index is not None:
            old = {(h.table, h.record.id) for h in search_oracle.search(ds, query, old_index)}
            assert new == old, f"{label}: the new search's hits differ from the old search's"
        pattern = _pattern(query)
        n_polars = frame.filter(pl.col("text").str.contains(pattern)).height
        (n_duck,) = con.execute("SELECT count(*) FROM docs WHERE regexp_matches(text, ?)", [pattern]).fetchone()
        same = "the same set" if old_index is not None else "not run"
        print(f"{label} {query!r}: {len(new):,} hits (old: {same}); polars {n_polars:,}, duckdb {n_duck:,} rows")

    for label, query in queries.items():
        pattern = _pattern(query)
        contenders = {
            "mideastdata `ds.search(q)` (20 best, BM25)": lambda q=query: ds.search(q),
            "Polars `str.contains` (first 20)": lambda pat=pattern: (
                frame.filter(pl.col("text").str.contains(pat)).head(20)
            ),
            "DuckDB `regexp_matches` (first 20)": lambda pat=pattern: con.execute(
                'SELECT "table", pos FROM docs WHERE regexp_matches(text, ?) LIMIT 20', [pat]
            ).fetchall(),
        }
        medians = measure(contenders, args.repeat)
        if old_index is not None:
            medians["old implementation (all ranked, first 20)"] = measure(
                {"old": lambda q=query: search_oracle.search(ds, q, old_index)[:20]}, old_repeat
            )["old"]
        medians["mideastdata `.total` (count of all hits)"] = measure(
            {"total": lambda q=query: ds.search(q, limit=0).total}, args.repeat
        )["total"]
        base = "mideastdata `ds.search(q)` (20 best, BM25)"
        _report(f"Top 20, {label} `{query}`, {args.statements:,} statements, median of {args.repeat}", medians, base)
    return 0


if __name__ == "__main__":
    sys.exit(main())
