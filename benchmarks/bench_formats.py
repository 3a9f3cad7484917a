# SPDX-License-Identifier: MIT
"""Every format's read of the same data, against the JSON read; and a document without its optional keys.

Targets (the one-engine rebuild): CSV, JSON Lines and data-package reads within 1.3x of the
JSON read of the same dataset; a JSON document whose optional keys are left out loads within
1.1x of the same document with them written as null (or as their defaults). Every contender
reads the same dataset in the same run.

    python -m benchmarks.bench_formats --statements 200000 --repeat 3
    python -m benchmarks.bench_formats --statements 100000 --repeat 5 --without-mirrors

``--without-mirrors`` also times the CSV and data-package reads with the msgspec mirrors of CSV
tables switched off (the column-at-a-time way alone, as before they were added), in the same run.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks._harness import document_bytes, measure, parser, report

__all__ = ["main"]


def _without_defaults(data: bytes) -> bytes:
    """The document with every record key whose value is its field's default left out."""
    import attrs

    from mideastdata._schema import TABLES

    doc: dict[str, Any] = json.loads(data)
    for name, kind in TABLES.items():
        plain = {
            f.name: list(f.default) if isinstance(f.default, tuple) else f.default
            for f in attrs.fields(kind)
            if f.default is not attrs.NOTHING
        }
        for row in doc[name]:
            for key in [k for k, v in row.items() if k in plain and v == plain[k]]:
                del row[key]
    return json.dumps(doc, ensure_ascii=False).encode("utf-8")


def _without_mirrors(read: Callable[[], Any]) -> Callable[[], Any]:
    """*read* with the CSV tables read the column-at-a-time way only."""
    from unittest import mock

    from mideastdata.io import csv as csv_format

    def run() -> Any:
        with mock.patch.object(csv_format, "mirrored_table", return_value=None):
            return read()

    return run


def main(argv: list[str] | None = None) -> int:
    cli = parser(__doc__.splitlines()[0])
    cli.add_argument("--without-mirrors", action="store_true", help="also read CSV without the msgspec mirrors")
    args = cli.parse_args(argv)
    import mideastdata as md

    data = document_bytes(args.statements, args.seed)
    unlimited = md.Limits(max_bytes=None, max_records=None)
    ds = md.from_json(data, limits=unlimited)
    with tempfile.TemporaryDirectory() as tmp:
        folders = {fmt: md.dump(ds, Path(tmp) / fmt, format=fmt) for fmt in ("jsonl", "csv", "datapackage", "parquet")}
        for fmt, folder in folders.items():
            assert md.load(folder, format=fmt, limits=unlimited) == ds, fmt
        sparse = _without_defaults(data)
        assert md.from_json(sparse, limits=unlimited) == ds
        del ds
        contenders = {"json": lambda: md.from_json(data, limits=unlimited)}
        contenders["json, optional keys left out"] = lambda: md.from_json(sparse, limits=unlimited)
        for fmt, folder in folders.items():
            contenders[fmt] = lambda fmt=fmt, folder=folder: md.load(folder, format=fmt, limits=unlimited)  # type: ignore[misc]
            if args.without_mirrors and fmt in ("csv", "datapackage"):
                contenders[f"{fmt}, without the mirrors"] = _without_mirrors(contenders[fmt])
        medians = measure(contenders, args.repeat)
    report(
        f"Reading {args.statements:,} statements in every format, median of {args.repeat}",
        medians,
        "json",
        per=args.statements,
    )
    for name in ("jsonl", "csv", "datapackage"):
        print(f"target {name} within 1.3x of json: {medians[name] / medians['json']:.2f}x")
    print(f"target optional keys left out within 1.1x: {medians['json, optional keys left out'] / medians['json']:.2f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
