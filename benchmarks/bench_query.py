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

__all__ = ["main"]


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


def main(argv: list[str] | None = None) -> None:  # noqa: PLR0915 - one linear report
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

    # Index build: the first call of each query kind, reported apart.
    t0 = time.perf_counter_ns()
    ours_by(actors[0])
    build_by = time.perf_counter_ns() - t0
    t0 = time.perf_counter_ns()
    ds.statements.about(pairs[0][1])
    build_about = time.perf_counter_ns() - t0
    print(f"index build (first call, excluded below): by {build_by / 1e6:.0f} ms, about {build_about / 1e6:.0f} ms")

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
