# SPDX-License-Identifier: MIT
"""JSON decode + validate into a Dataset, against msgspec, pydantic v2 and plain ``json.loads``.

Targets (issue 7): mideastdata within 2x of msgspec Structs, and at most half of
pydantic v2's time. Every contender reads the same bytes in the same run.

The whole-dataset checks (references, evidence spans against their texts, quotes inside
evidence, one stance per topic) are part of ``from_json`` and have no counterpart in the
peers; their time on the loaded dataset is measured alone in the same run, and the ratio
without them is printed too.

    python -m benchmarks.bench_decode --statements 1000000 --repeat 5
"""

from __future__ import annotations

import json
import sys

from benchmarks._harness import document_bytes, measure, parser, report

__all__ = ["main"]


def main(argv: list[str] | None = None) -> int:
    args = parser(__doc__.splitlines()[0]).parse_args(argv)
    import mideastdata as md
    from benchmarks.peers import PydDataset, msgspec_decoder
    from mideastdata._checks import check_dataset
    from mideastdata._gc import gc_paused

    data = document_bytes(args.statements, args.seed)
    decoder = msgspec_decoder()
    unlimited = md.Limits(max_bytes=None, max_records=None)
    ds = md.from_json(data, limits=unlimited)
    assert len(ds.statements) == args.statements
    assert decoder.decode(data).statements[-1].id == ds.statements[-1].id

    def checks() -> object:
        with gc_paused():  # as inside from_json
            return check_dataset(ds)

    medians = measure(
        {
            "mideastdata from_json": lambda: md.from_json(data, limits=unlimited),
            "msgspec Structs": lambda: decoder.decode(data),
            "pydantic v2 (strict)": lambda: PydDataset.model_validate_json(data),
            "json.loads (floor)": lambda: json.loads(data),
            "of from_json: the whole-dataset checks": checks,
        },
        args.repeat,
    )
    report(
        f"Decode + validate, {args.statements:,} statements ({len(data) / 1e6:.0f} MB), median of {args.repeat}",
        medians,
        "msgspec Structs",
        per=args.statements,
    )
    ours = medians["mideastdata from_json"]
    print(f"target within 2x of msgspec: {ours / medians['msgspec Structs']:.2f}x")
    print(f"target at most 0.5x pydantic: {ours / medians['pydantic v2 (strict)']:.2f}x")
    rest = ours - medians["of from_json: the whole-dataset checks"]
    print(f"without the whole-dataset checks: {rest / medians['msgspec Structs']:.2f}x msgspec")
    return 0


if __name__ == "__main__":
    sys.exit(main())
