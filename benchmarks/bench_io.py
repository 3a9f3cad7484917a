# SPDX-License-Identifier: MIT
"""CSV export and import against pandas on the same rows; JSON encode and decode for the record.

Targets: writing the CSV folder (``md.dump(ds, path, format="csv")``, from the
records) is faster than pandas writing the same rows (``DataFrame.to_csv`` of frames
already holding the cell texts, one file per table). Both write to the same disk; the
CSV text of both is checked to hold the same rows before timing. Reading the folder back
into a checked Dataset (``md.load(path, format="csv")``) is within 1.5x of pandas
``read_csv`` of the same files with dtype conversion (text as str, the enum columns as
categories, ``anonymous`` as boolean); pandas checks no reference, quote or code.

    python -m benchmarks.bench_io --statements 1000000 --repeat 3
    python -m benchmarks.bench_io --statements 200000 --repeat 3 --phases   # where a CSV read spends its time
"""

from __future__ import annotations

import argparse
import csv
import io
import shutil
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks._harness import document_bytes, measure, parser, report

__all__ = ["main"]


def _frames(ds: Any) -> dict[str, Any]:
    """One DataFrame per table holding exactly the cells the CSV export writes (None for empty)."""
    import pandas as pd

    from mideastdata._schema import TABLES as TABLE_TYPES
    from mideastdata.io.csv import table_csv

    frames = {}
    for name, kind in TABLE_TYPES.items():
        header, *rows = csv.reader(io.StringIO(table_csv(getattr(ds, name), kind), newline=""))
        frames[name] = pd.DataFrame([[c or None for c in row] for row in rows], columns=header, dtype=object)
    return frames


def _same_rows(ours: Path, frames: dict[str, Any], theirs: Path) -> None:
    """Both folders hold the same rows, cell for cell, as a CSV reader sees them."""
    for name, frame in frames.items():
        frame.to_csv(theirs / f"{name}.csv", index=False)
        a = list(csv.reader(io.StringIO((ours / f"{name}.csv").read_bytes().decode("utf-8"), newline="")))
        b = list(csv.reader(io.StringIO((theirs / f"{name}.csv").read_bytes().decode("utf-8"), newline="")))
        assert a == b, name


_CATEGORIES = ("kind", "status", "attribution")


def _pandas_read(folder: Path, names: list[str]) -> None:
    """pandas reads every table file, then converts the dtypes a typed reader would."""
    import pandas as pd

    for name in names:
        frame = pd.read_csv(folder / f"{name}.csv", dtype=str, keep_default_na=False)
        for column in _CATEGORIES:
            if column in frame:
                frame[column] = frame[column].astype("category")
        if "anonymous" in frame:
            frame["anonymous"] = frame["anonymous"].map({"true": True, "false": False}).astype("boolean")


def _read_phases(folder: Path, ds: Any, repeat: int, statements: int) -> None:
    """Time the steps of a CSV read one by one (each step includes the ones above it, but the last two)."""
    from mideastdata._schema import TABLES as TABLE_TYPES
    from mideastdata.dataset import Dataset
    from mideastdata.errors import Problem
    from mideastdata.io import _cells
    from mideastdata.io import csv as csv_format
    from mideastdata.io._folder import read_meta, read_text

    meta, _ = read_meta(folder, "csv", {"excel_safe": bool})

    def read() -> list[str | None]:
        problems: list[Problem] = []
        return [read_text(folder / f"{name}.csv", problems, name) for name in TABLE_TYPES]

    def split() -> list[Any]:
        return [_cells.split_rows(text or "") for text in read()]

    def whole() -> Any:
        return csv_format.read(folder)

    medians = measure(
        {
            "read the files (UTF-8)": read,
            "... and split the rows (pattern, C csv reader)": split,
            "... and decode cells, build records, check the dataset": whole,
            "the dataset checks alone (Dataset of the built records)": lambda: Dataset(**meta, **ds.tables()),
        },
        repeat,
    )
    report(
        f"CSV read phases, {statements:,} statements, median of {repeat} (garbage collector paused, as in md.load)",
        medians,
        "... and decode cells, build records, check the dataset",
        per=statements,
    )


def _compare(what: str, contenders: dict[str, Callable[[], Any]], args: argparse.Namespace) -> float:
    """Time mideastdata (the first contender) against its peer (the second); report; return the ratio."""
    medians = measure(contenders, args.repeat)
    ours, peer = contenders
    report(
        f"{what}, {args.statements:,} statements (all six tables), median of {args.repeat}",
        medians,
        peer,
        per=args.statements,
    )
    return medians[ours] / medians[peer]


def main(argv: list[str] | None = None) -> int:
    p = parser(__doc__.splitlines()[0], repeat=3)
    p.add_argument("--phases", action="store_true", help="also time the steps of a CSV read")
    args = p.parse_args(argv)
    import mideastdata as md

    unlimited = md.Limits(max_bytes=None, max_records=None)
    data = document_bytes(args.statements, args.seed)
    ds = md.from_json(data, limits=unlimited)
    frames = _frames(ds)
    tmp = Path(tempfile.mkdtemp(prefix="bench-io-"))
    try:
        ours, theirs = tmp / "ours", tmp / "theirs"
        theirs.mkdir()
        md.dump(ds, ours, format="csv")
        _same_rows(ours, frames, theirs)

        def pandas_write() -> None:
            for name, frame in frames.items():
                frame.to_csv(theirs / f"{name}.csv", index=False)

        ratio = _compare(
            "CSV write",
            {
                "mideastdata dump csv": lambda: md.dump(ds, ours, format="csv"),
                "pandas DataFrame.to_csv": pandas_write,
            },
            args,
        )
        print(f"target faster than pandas: {ratio:.2f}x of pandas' time")

        names = list(frames)
        ratio = _compare(
            "CSV read",
            {
                "mideastdata load csv": lambda: md.load(ours, format="csv", limits=unlimited),
                "pandas read_csv + dtypes": lambda: _pandas_read(ours, names),
            },
            args,
        )
        print(f"target read within 1.5x of pandas: {ratio:.2f}x of pandas' time")
        if args.phases:
            from mideastdata.io._text import gc_paused

            with gc_paused():
                _read_phases(ours, ds, args.repeat, args.statements)

        text = md.to_json(ds)
        json_medians = measure(
            {
                "mideastdata to_json": lambda: md.to_json(ds),
                "mideastdata from_json": lambda: md.from_json(text, limits=unlimited),
            },
            args.repeat,
        )
        report(
            f"JSON encode and decode (for the record), {args.statements:,} statements, median of {args.repeat}",
            json_medians,
            "mideastdata to_json",
            per=args.statements,
        )
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
