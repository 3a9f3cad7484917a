# SPDX-License-Identifier: MIT
"""JSON encode of a whole dataset, against msgspec, pydantic v2 and plain ``json.dumps``.

Target (issue 7): ``md.to_json`` within 2x of msgspec encoding its Structs. Note
that ``md.to_json`` writes the library's stable, indented document (``indent=1``)
while the peers write compact JSON (their defaults); the row "msgspec + format"
shows msgspec writing the same indented text.

    python -m benchmarks.bench_encode --statements 1000000 --repeat 5
"""

from __future__ import annotations

import json
import sys

from benchmarks._harness import document_bytes, measure, parser, report

__all__ = ["main"]


def main(argv: list[str] | None = None) -> int:
    args = parser(__doc__.splitlines()[0]).parse_args(argv)
    import msgspec

    import mideastdata as md
    from benchmarks.peers import PydDataset, msgspec_decoder

    data = document_bytes(args.statements, args.seed)
    ds = md.from_json(data, limits=md.Limits(max_bytes=None, max_records=None))
    structs = msgspec_decoder().decode(data)
    models = PydDataset.model_validate_json(data)
    plain = json.loads(data)
    del data
    assert md.from_json(md.to_json(ds), limits=md.Limits(max_bytes=None, max_records=None)) == ds
    encoder = msgspec.json.Encoder()
    medians = measure(
        {
            "mideastdata to_json": lambda: md.to_json(ds),
            "msgspec Structs": lambda: encoder.encode(structs),
            "msgspec Structs + format(indent=1)": lambda: msgspec.json.format(encoder.encode(structs), indent=1),
            "pydantic v2 model_dump_json": models.model_dump_json,
            "json.dumps of plain dicts (compact)": lambda: json.dumps(plain, ensure_ascii=False),
        },
        args.repeat,
    )
    report(
        f"Encode to JSON, {args.statements:,} statements, median of {args.repeat}",
        medians,
        "msgspec Structs",
        per=args.statements,
    )
    ours = medians["mideastdata to_json"]
    print(f"target within 2x of msgspec: {ours / medians['msgspec Structs']:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
