# SPDX-License-Identifier: MIT
"""Resident memory of a loaded dataset, against msgspec Structs holding the same data.

Target (issue 7): a loaded 1M-statement Dataset at most 1.5x the resident memory
of the msgspec Structs. Each contender loads the same JSON file in a fresh
subprocess; the figure is the growth of the resident set (RSS) from just before
the load to just after it, once the file's bytes are released and garbage
collected.

    python -m benchmarks.bench_memory --statements 1000000 --repeat 3
"""

from __future__ import annotations

import gc
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from benchmarks._harness import ROOT, document_bytes, machine, parser

__all__ = ["main"]

CONTENDERS = ("mideastdata", "msgspec Structs", "pydantic v2", "json.loads dicts")


def _rss() -> int:
    with Path("/proc/self/statm").open() as fh:
        return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def _child(kind: str, path: Path) -> None:
    import mideastdata as md
    from benchmarks.peers import PydDataset, msgspec_decoder

    decoder = msgspec_decoder()
    gc.collect()
    before = _rss()
    data = path.read_bytes()
    if kind == "mideastdata":
        loaded: object = md.from_json(data, limits=md.Limits(max_bytes=None, max_records=None))
    elif kind == "msgspec Structs":
        loaded = decoder.decode(data)
    elif kind == "pydantic v2":
        loaded = PydDataset.model_validate_json(data)
    else:
        loaded = json.loads(data)
    del data
    gc.collect()
    after = _rss()
    print(json.dumps({"growth": after - before, "alive": loaded is not None}))


def main(argv: list[str] | None = None) -> int:
    p = parser(__doc__.splitlines()[0], repeat=3)
    p.add_argument("--child", help=argparse_hidden())
    p.add_argument("--file", type=Path, help=argparse_hidden())
    args = p.parse_args(argv)
    if args.child:
        _child(args.child, args.file)
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "data.json"
        path.write_bytes(document_bytes(args.statements, args.seed))
        gc.collect()
        growth: dict[str, list[int]] = {k: [] for k in CONTENDERS}
        for _ in range(args.repeat):
            for kind in CONTENDERS:
                out = subprocess.run(  # noqa: S603 - this script, with its own arguments
                    [sys.executable, "-m", "benchmarks.bench_memory", "--child", kind, "--file", str(path)],
                    cwd=ROOT, check=True, capture_output=True, text=True,
                ).stdout
                result = json.loads(out.strip().splitlines()[-1])
                growth[kind].append(result["growth"])
    base = statistics.median(growth["msgspec Structs"])
    lines = [
        f"### Resident memory, {args.statements:,} statements, median of {args.repeat} subprocesses",
        "",
        machine(),
        "",
        "| contender | RSS growth (MB) | ratio to msgspec Structs |",
        "|---|---:|---:|",
    ]
    for kind in CONTENDERS:
        g = statistics.median(growth[kind])
        lines.append(f"| {kind} | {g / 1e6:.0f} | {g / base:.2f} |")
    print("\n".join(lines) + "\n")
    print(f"target at most 1.5x msgspec: {statistics.median(growth['mideastdata']) / base:.2f}x")
    return 0


def argparse_hidden() -> str:
    import argparse

    return argparse.SUPPRESS


if __name__ == "__main__":
    sys.exit(main())
