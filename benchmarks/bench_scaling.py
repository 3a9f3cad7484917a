# SPDX-License-Identifier: MIT
"""Scaling: 10x the records costs about 10x the time, for valid and for broken input.

Every path a user's file can take is timed at n and at 10n statements, the two sizes
interleaved in one run so that changes in the machine's load hit both alike: loading a
valid document (json, and a jsonl and a csv folder), loading a *broken* one (every
statement's speaker misspelt, so each record is a problem with a did-you-mean, and
every tenth record also of a wrong type: the slow, reference path), and writing
json. The peer of each size is the same path at the smaller size, measured in the
same run; the target is a ratio of at most 13 for a 10x size step (linear, with
room for cache effects), never the 100 a quadratic step would show.

    python -m benchmarks.bench_scaling --sizes 2000 20000 --repeat 3
"""

from __future__ import annotations

import gc
import json
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks._harness import machine, parser

__all__ = ["main"]

TARGET = 13.0


def _measure_cpu(contenders: dict[str, Callable[[], Any]], repeat: int) -> dict[str, float]:
    """Median CPU time of each contender, repetitions interleaved.

    CPU time, not wall time: on a shared machine the wall time of a call depends on
    what else runs, and a ratio of two noisy wall times says little about scaling.
    """
    times: dict[str, list[float]] = {name: [] for name in contenders}
    for _ in range(repeat):
        for name, fn in contenders.items():
            gc.collect()
            start = time.process_time()
            result = fn()
            times[name].append(time.process_time() - start)
            del result
    return {name: statistics.median(values) for name, values in times.items()}


def _broken(doc: dict[str, Any]) -> bytes:
    """The document with every statement's speaker misspelt and every tenth summary a number."""
    statements = []
    for i, original in enumerate(doc["statements"]):
        row = dict(original, speaker=original["speaker"] + "x")
        if i % 10 == 0:
            row["summary"] = i
        statements.append(row)
    return json.dumps({**doc, "statements": statements}, ensure_ascii=False).encode("utf-8")


def _paths(size: int, seed: int, folder: Path) -> dict[str, Callable[[], Any]]:
    import mideastdata as md
    from benchmarks.generate import generate_document

    unlimited = md.Limits(max_bytes=None, max_records=None)
    doc = generate_document(size, seed=seed)
    valid = json.dumps(doc, ensure_ascii=False).encode("utf-8")
    broken = _broken(doc)
    ds = md.from_json(valid, limits=unlimited)
    jsonl = md.dump(ds, folder / f"jsonl-{size}", format="jsonl")
    csv = md.dump(ds, folder / f"csv-{size}", format="csv")
    del doc
    gc.collect()

    def load_broken() -> int:
        try:
            md.from_json(broken, limits=unlimited)
        except md.DatasetError as exc:
            return len(exc.problems)
        msg = "the broken document loaded"
        raise AssertionError(msg)

    return {
        "load json": lambda: md.from_json(valid, limits=unlimited),
        "load broken json": load_broken,
        "load jsonl folder": lambda: md.load(jsonl, limits=unlimited),
        "load csv folder": lambda: md.load(csv, limits=unlimited),
        "dump json": lambda: md.to_json(ds),
    }


def main(argv: list[str] | None = None) -> int:
    p = parser(__doc__.splitlines()[0], repeat=3)
    p.add_argument("--sizes", type=int, nargs=2, default=[2_000, 20_000], metavar=("N", "TEN_N"))
    args = p.parse_args(argv)
    small, large = args.sizes
    with tempfile.TemporaryDirectory() as tmp:
        contenders: dict[str, Callable[[], Any]] = {}
        for size in (small, large):
            contenders.update({f"{name} @{size}": fn for name, fn in _paths(size, args.seed, Path(tmp)).items()})
        gc.collect()
        # One interleaved run: drift in the machine's load hits both sizes alike.
        timed = _measure_cpu(contenders, args.repeat)
    medians = {
        size: {key.rsplit(" @", 1)[0]: t for key, t in timed.items() if key.endswith(f" @{size}")}
        for size in (small, large)
    }
    step = large / small
    lines = [
        f"### Scaling: {small:,} → {large:,} statements ({step:g}x the records), median CPU time of {args.repeat}",
        "",
        machine(),
        "",
        f"| path | {small:,} (s) | {large:,} (s) | ratio | target ≤ {TARGET * step / 10:g} |",
        "|---|---:|---:|---:|:---:|",
    ]
    worst = 0.0
    for name in medians[small]:
        ratio = medians[large][name] / medians[small][name]
        worst = max(worst, ratio)
        ok = "yes" if ratio <= TARGET * step / 10 else "NO"
        lines.append(f"| {name} | {medians[small][name]:.3f} | {medians[large][name]:.3f} | {ratio:.1f} | {ok} |")
    print("\n".join(lines) + "\n")
    print(f"worst ratio {worst:.1f} for {step:g}x the records (linear: {step:g}, quadratic: {step * step:g})")
    return 0 if worst <= TARGET * step / 10 else 1


if __name__ == "__main__":
    sys.exit(main())
