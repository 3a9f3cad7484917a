# SPDX-License-Identifier: MIT
"""JSON encode of a whole dataset, against msgspec, pydantic v2 and plain ``json.dumps``.

Target (issue 7): ``md.to_json`` within 2x of msgspec encoding its Structs. Note
that ``md.to_json`` writes the library's stable, indented document (``indent=1``)
as a ``str``, while the peers write compact JSON as ``bytes`` (their defaults).
Two more rows make the comparison fair both ways: "mideastdata document bytes"
is the UTF-8 that ``md.dump(ds, "x.json")`` writes (the same text, no ``str``),
and "msgspec Structs + format(indent=1)" is msgspec writing the same indented
layout as ours. The run prints each of our rows against both msgspec rows.

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
    from mideastdata.io._fast_write import document_bytes as md_document_bytes

    data = document_bytes(args.statements, args.seed)
    ds = md.from_json(data, limits=md.Limits(max_bytes=None, max_records=None))
    structs = msgspec_decoder().decode(data)
    models = PydDataset.model_validate_json(data)
    plain = json.loads(data)
    del data
    text = md.to_json(ds)
    assert md_document_bytes(ds) == text.encode("utf-8")
    assert md.from_json(text, limits=md.Limits(max_bytes=None, max_records=None)) == ds
    del text
    encoder = msgspec.json.Encoder()
    medians = measure(
        {
            "mideastdata to_json": lambda: md.to_json(ds),
            "mideastdata document bytes (md.dump)": lambda: md_document_bytes(ds),
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
    compact, indented = medians["msgspec Structs"], medians["msgspec Structs + format(indent=1)"]
    for name in ("mideastdata to_json", "mideastdata document bytes (md.dump)"):
        ours = medians[name]
        print(
            f"{name}: {ours / compact:.2f}x msgspec Structs (target within 2x), "
            f"{ours / indented:.2f}x msgspec writing the same indented layout"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
