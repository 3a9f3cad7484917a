# SPDX-License-Identifier: MIT
"""Growth: JSON decode + validate time per record at 10k, 100k and 1M statements.

Target (issue 7): from 10k to 100k to 1M statements, the time per record stays
within 1.3x (loading is linear). msgspec Structs are measured alongside as the
reference for what the machine does at each size.

    python -m benchmarks.bench_growth --sizes 10000 100000 1000000 --repeat 3
"""

from __future__ import annotations

import gc
import sys

from benchmarks._harness import document_bytes, machine, measure, parser

__all__ = ["main"]


def main(argv: list[str] | None = None) -> int:
    p = parser(__doc__.splitlines()[0], repeat=3)
    p.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    args = p.parse_args(argv)
    import mideastdata as md
    from benchmarks.generate import shape
    from benchmarks.peers import msgspec_decoder

    unlimited = md.Limits(max_bytes=None, max_records=None)
    decoder = msgspec_decoder()
    rows = []
    for size in args.sizes:
        data = document_bytes(size, args.seed)
        records = sum(shape(size).values())
        med = measure(
            {
                "mideastdata": lambda data=data: md.from_json(data, limits=unlimited),
                "msgspec": lambda data=data: decoder.decode(data),
            },
            args.repeat,
        )
        rows.append((size, records, med["mideastdata"] / records, med["msgspec"] / records))
        del data
        gc.collect()
    lines = [
        f"### Growth: decode + validate per record, median of {args.repeat}",
        "",
        machine(),
        "",
        "| statements | records | mideastdata µs/record | msgspec µs/record | ratio to first size |",
        "|---:|---:|---:|---:|---:|",
    ]
    first = rows[0][2]
    lines += [
        f"| {s:,} | {r:,} | {ours * 1e6:.2f} | {theirs * 1e6:.2f} | {ours / first:.2f} |" for s, r, ours, theirs in rows
    ]
    print("\n".join(lines) + "\n")
    worst = max(r[2] for r in rows) / min(r[2] for r in rows)
    print(f"target per-record time within 1.3x across sizes: {worst:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
