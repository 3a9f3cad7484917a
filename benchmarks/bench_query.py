# SPDX-License-Identifier: MIT
"""Indexed Table queries against a list comprehension and a pandas boolean mask, in one run.

On a generated dataset (``benchmarks.generate``: 1,000,000 statements and 10,000
actors by default) this times, for a seeded sample of actors and topics:

* ``ds.statements.by(a)`` and ``ds.statements.by(a).about(t)``;
* the equivalent list comprehensions over ``ds.statements.records``;
* the equivalent pandas boolean masks over a DataFrame with categorical columns
  (``speaker`` and ``topic_0..2``, one per topic slot), selecting the rows.

Index build time is measured separately: the first ``by()`` and the first
``about()`` build their indexes, and those calls are reported on their own and
**excluded** from the per-query figures. Each figure is the median over all (interleaved)
repetitions of all sampled queries; ratios are peer median / ours. Every method's
result ids are checked to be equal before anything is timed.

Usage::

    python -m benchmarks.bench_query                       # 1M statements
    python -m benchmarks.bench_query --statements 100000 --repeat 5
"""

from __future__ import annotations

import argparse
import gc
import platform
import random
import statistics
import time
from collections.abc import Callable
from typing import Any

import mideastdata as md

__all__ = ["first_calls", "main"]


def _medians_ns(contenders: dict[str, Callable[[Any], Any]], args: list[Any], repeat: int) -> dict[str, float]:
    """Median wall time in ns of each contender's ``fn(arg)`` over every arg and repetition.

    Repetitions are interleaved (each repetition runs every contender over the whole
    sample), so drift in machine load hits all contenders alike.
    """
    times: dict[str, list[int]] = {name: [] for name in contenders}
    for _ in range(repeat):
        for name, fn in contenders.items():
            for arg in args:
                start = time.perf_counter_ns()
                fn(arg)
                times[name].append(time.perf_counter_ns() - start)
    return {name: statistics.median(values) for name, values in times.items()}


def _frame(ds: md.Dataset) -> Any:
    import pandas as pd

    records = ds.statements.records
    topic_cats = ds.topics.ids()
    columns: dict[str, Any] = {
        "id": [s.id for s in records],
        "speaker": pd.Categorical([s.speaker for s in records], categories=ds.actors.ids()),
    }
    for slot in range(3):
        values = [s.topics[slot] if len(s.topics) > slot else None for s in records]
        columns[f"topic_{slot}"] = pd.Categorical(values, categories=topic_cats)
    return pd.DataFrame(columns)


def _fmt(ns: float) -> str:
    return f"{ns / 1000:10.1f} µs"


def first_calls(ds: md.Dataset, actors: list[str], topics: list[str], repeat: int) -> None:
    """The first by(), about(), involving() and where() (each builds its index), against a comprehension.

    Each query's comprehension answers the same question in one pass over the records
    (median of *repeat* runs, timed in this run before the first calls). Then each query is
    timed on its first call (one pass testing every record), on the first call for a second
    key (another such pass), on the first call for the key after the first
    ``SCANNED_KEYS`` (the whole index grouped) and on one more call (a lookup). Every timed
    call, comprehensions included, starts after a ``gc.collect()``. Names are resolved once
    before timing (the actor and topic name indexes are not part of any figure). Needs
    ``SCANNED_KEYS + 1`` distinct actors and topics.
    """
    from mideastdata._keyindex import SCANNED_KEYS

    records = ds.statements.records
    kinds = list(dict.fromkeys(s.kind for s in records))
    wanted = SCANNED_KEYS + 1
    actors, topics = list(dict.fromkeys(actors))[:wanted], list(dict.fromkeys(topics))[:wanted]
    if min(len(actors), len(topics), len(kinds)) < wanted:
        msg = f"first_calls needs {wanted} distinct actors, topics and statement kinds"
        raise ValueError(msg)
    for name in actors:
        ds.actor(name)
    for name in topics:
        ds.topic(name)
    cases: list[tuple[str, Callable[[Any], Any], Callable[[Any], Any], list[Any]]] = [
        ("by(a)", ds.statements.by, lambda x: [s for s in records if s.speaker == x], actors),
        ("about(t)", ds.statements.about, lambda x: [s for s in records if x in s.topics], topics),
        ("involving(a)", ds.statements.involving,
         lambda x: [s for s in records if s.speaker == x or x in s.mentions], actors),
        ("where(kind=k)", lambda x: ds.statements.where(kind=x), lambda x: [s for s in records if s.kind == x],
         kinds[:wanted]),
    ]

    def timed(fn: Callable[[Any], Any], arg: Any) -> tuple[int, int]:
        gc.collect()
        wall, cpu = time.perf_counter_ns(), time.thread_time_ns()
        fn(arg)
        return time.perf_counter_ns() - wall, time.thread_time_ns() - cpu

    def cell(ns: tuple[float, float], base: tuple[float, float] | None = None) -> str:
        if base is None:
            return f"{ns[0] / 1e6:.1f} / {ns[1] / 1e6:.1f}"
        return f"{ns[0] / base[0]:.2f} / {ns[1] / base[1]:.2f}"

    comps = {}
    for label, _, comp, keys in cases:
        runs = [timed(comp, keys[0]) for _ in range(repeat)]
        comps[label] = (statistics.median(w for w, _ in runs), statistics.median(c for _, c in runs))
    rows = []
    for label, ours, _, keys in cases:
        first, second = timed(ours, keys[0]), timed(ours, keys[1])
        for key in keys[2:-1]:
            ours(key)
        grouped, then = timed(ours, keys[-1]), timed(ours, keys[-1])
        c = comps[label]
        rows.append(f"| statements.{label} | {cell(c)} | {cell(first)} | {cell(first, c)} | {cell(second)} "
                    f"| {cell(second, c)} | {cell(grouped)} | {cell(grouped, c)} | {then[0] / 1e3:.0f} |")
    print("\nFirst calls; each cell is wall / CPU time (the CPU time of this thread, which a busy machine "
          "inflates less)")
    print(f"\n| first calls | comprehension (ms) | first call (ms) | ratio | second key (ms) | ratio "
          f"| key {wanted}: grouped (ms) | ratio | then (µs) |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    print("\n".join(rows) + "\n")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--statements", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=5, help="repetitions of the whole query sample")
    parser.add_argument("--queries", type=int, default=20, help="sampled (actor, topic) pairs")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)

    from benchmarks._harness import machine
    from benchmarks.generate import generate

    print(f"{machine()}; {platform.system()}; mideastdata {md.__version__}")
    t0 = time.perf_counter()
    gc.disable()
    ds: md.Dataset = generate(args.statements, seed=args.seed)
    gc.enable()
    print(f"generated {len(ds.statements):,} statements, {len(ds.actors):,} actors, "
          f"{len(ds.topics)} topics in {time.perf_counter() - t0:.1f} s")

    rng = random.Random(args.seed)
    records = ds.statements.records
    actors = rng.sample(ds.actors.ids(), args.queries)
    # a topic each actor actually speaks about, so by(a).about(t) is not trivially empty
    pairs = []
    for a in actors:
        spoken = sorted({t for s in records if s.speaker == a for t in s.topics}) or ds.topics.ids()
        pairs.append((a, rng.choice(spoken)))

    import pandas as pd

    t0 = time.perf_counter()
    frame = _frame(ds)
    print(f"pandas {pd.__version__}: DataFrame with categorical columns built in {time.perf_counter() - t0:.1f} s")

    def ours_by(a: str) -> md.Table[md.Statement]:
        return ds.statements.by(a)

    def ours_by_about(pair: tuple[str, str]) -> md.Table[md.Statement]:
        return ds.statements.by(pair[0]).about(pair[1])

    def comp_by(a: str) -> list[md.Statement]:
        return [s for s in records if s.speaker == a]

    def comp_by_about(pair: tuple[str, str]) -> list[md.Statement]:
        a, t = pair
        return [s for s in records if s.speaker == a and t in s.topics]

    def pandas_by(a: str) -> Any:
        return frame[frame["speaker"] == a]

    def pandas_by_about(pair: tuple[str, str]) -> Any:
        a, t = pair
        mask = (frame["speaker"] == a) & (
            (frame["topic_0"] == t) | (frame["topic_1"] == t) | (frame["topic_2"] == t)
        )
        return frame[mask]

    first_calls(ds, actors + ds.actors.ids(), [t for _, t in pairs] + ds.topics.ids(), args.repeat)
    # Index build: the first by() and about() were made above; reported apart, excluded below.
    print("index build (first call, excluded below): see the first-call table above")

    # Same answers from all three before timing anything.
    for a, t in pairs:
        want = [s.id for s in comp_by_about((a, t))]
        assert ours_by_about((a, t)).ids() == want
        assert list(pandas_by_about((a, t))["id"]) == want
        assert ours_by(a).ids() == list(pandas_by(a)["id"]) == [s.id for s in comp_by(a)]
    hits = statistics.mean(len(ours_by(a)) for a in actors)
    both = statistics.mean(len(ours_by_about(p)) for p in pairs)
    print(f"{args.queries} sampled queries x {args.repeat} interleaved repetitions; "
          f"mean hits: by {hits:.0f}, by+about {both:.0f}")

    head = f"{'mideastdata':>14}{'comprehension':>16}{'pandas mask':>16}{'comp/ours':>12}{'pandas/ours':>13}"
    print(f"\n{'query':<28}{head}")
    for label, ours, comp, pand, arg in (
        ("statements.by(a)", ours_by, comp_by, pandas_by, actors),
        ("statements.by(a).about(t)", ours_by_about, comp_by_about, pandas_by_about, pairs),
    ):
        medians = _medians_ns({"ours": ours, "comp": comp, "pandas": pand}, arg, args.repeat)
        o, c, p = medians["ours"], medians["comp"], medians["pandas"]
        print(f"{label:<28}{_fmt(o)}{_fmt(c):>16}{_fmt(p):>16}{c / o:11.0f}x{p / o:12.0f}x")


if __name__ == "__main__":
    main()
