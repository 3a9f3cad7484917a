# SPDX-License-Identifier: MIT
"""Merge: md.merge of many datasets against loading the merged result from one JSON document.

Target (issue 17): merging 100 datasets of 10k records each takes at most 3x the time of
``md.load`` of the merged dataset's JSON document (both give the same checked Dataset).

The datasets are coded from the same sources, actors and topics (equal in every dataset:
kept once), each with its own statements, demands and events, plus a share of records that
every dataset holds under the same id with evidence of its own (combined: the union of
their evidence).

    python -m benchmarks.bench_merge --datasets 100 --records 10000 --repeat 1
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path
from typing import Any

from benchmarks._harness import machine, measure, report

__all__ = ["build_datasets", "main"]


def _renamed(records: tuple[Any, ...], k: int, shared: set[str], spans: list[Any]) -> list[Any]:
    """Dataset *k*'s copy of *records*: own ids, except the *shared* ones, which get evidence of their own."""
    import attrs

    out = []
    for i, r in enumerate(records):
        if r.id in shared:  # the same in every dataset but its evidence (and no link to an unshared record)
            extra = {"statement": None} if hasattr(r, "statement") else {}
            own = spans[(i + k) % len(spans)]
            # a direct statement keeps the span its quote is cut from (a quote is words of its evidence)
            evidence = (own,) if getattr(r, "quote", None) is None else (r.evidence[0], own)
            out.append(attrs.evolve(r, evidence=evidence, **extra))
            continue
        changes: dict[str, Any] = {"id": f"{r.id}-d{k}"}
        if getattr(r, "statement", None) is not None and r.statement not in shared:
            changes["statement"] = f"{r.statement}-d{k}"
        out.append(attrs.evolve(r, **changes))
    return out


def build_datasets(n_datasets: int, n_records: int, *, shared_share: float = 0.05, seed: int = 0) -> list[Any]:
    """*n_datasets* checked datasets of about *n_records* statements, demands and events each."""
    import mideastdata as md
    from benchmarks.generate import generate

    base = generate(max(1, round(n_records / 1.5)), seed=seed)  # statements + demands + events = 1.5x statements
    parts = {t: getattr(base, t).records for t in ("statements", "demands", "events")}
    shared = {r.id for rs in parts.values() for r in rs[: max(1, int(len(rs) * shared_share))]}
    spans = [ev for r in parts["statements"] for ev in r.evidence]
    return [
        md.Dataset(
            name=f"coder-{k}", version="1.0.0", license=base.license, citation=base.citation,
            sources=base.sources, actors=base.actors, topics=base.topics,
            **{t: _renamed(rs, k, shared, spans) for t, rs in parts.items()},
        )
        for k in range(n_datasets)
    ]


def main(argv: list[str] | None = None) -> int:
    import argparse

    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--datasets", type=int, default=100)
    p.add_argument("--records", type=int, default=10_000, help="statements, demands and events per dataset")
    p.add_argument("--repeat", type=int, default=1)
    p.add_argument("--seed", type=int, default=0)
    args = p.parse_args(argv)
    import mideastdata as md

    datasets = build_datasets(args.datasets, args.records, seed=args.seed)
    merged = md.merge(*datasets)
    n = sum(len(t) for name, t in merged.tables().items() if name in ("statements", "demands", "events"))
    unlimited = md.Limits(max_bytes=None, max_records=None)
    with tempfile.TemporaryDirectory() as tmp:
        path = md.dump(merged, Path(tmp) / "merged.json")
        if md.load(path, limits=unlimited) != merged:  # pragma: no cover - a benchmark of the wrong thing
            print("the loaded document differs from the merge", file=sys.stderr)
            return 1
        medians = measure(
            {
                "md.load(merged.json)": lambda: md.load(path, limits=unlimited),
                f"md.merge(*{args.datasets} datasets)": lambda: md.merge(*datasets),
            },
            args.repeat,
        )
    print(f"{args.datasets} datasets, {n} statements, demands and events merged; {machine()}")
    report("merge against load", medians, "md.load(merged.json)")
    ratio = medians[f"md.merge(*{args.datasets} datasets)"] / medians["md.load(merged.json)"]
    print(f"merge / load = {ratio:.2f} (target <= 3)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
