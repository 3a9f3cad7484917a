# SPDX-License-Identifier: MIT
"""The evidence commands of ``mideastdata``: ``view``, ``show`` and the listings' ``--evidence``.

Kept apart from :mod:`mideastdata.cli`, which calls in here, so the viewer loads only for them.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any, TextIO

from .dataset import Dataset
from .io._atomic import atomic_write_bytes
from .view import to_html
from .view._terminal import clean, find_record, render_evidence, render_record, use_colour
from .view._words import Names, describe

__all__ = ["listing_with_evidence", "run"]


def run(command: str, ds: Dataset, args: argparse.Namespace, out: TextIO) -> None:
    """Run ``view`` (write the page) or ``show`` (print one record with its evidence)."""
    if command == "view":
        path = Path(args.out)
        if path.is_dir():
            msg = f"{args.out!r} is a folder; give the file to write, e.g. {str(path / 'view.html')!r}"
            raise ValueError(msg)
        atomic_write_bytes(path, to_html(ds).encode("utf-8"))
        count = sum(len(ds.tables()[n]) for n in ("actors", "statements", "demands", "events"))
        out.write(f"wrote {args.out} ({count} records, {len(ds.sources)} sources)\n")
        return
    render_record(ds, find_record(ds, args.id), out, colour=use_colour(out))


def listing_with_evidence(ds: Dataset, table: str, records: tuple[Any, ...], fmt: str, out: TextIO) -> None:
    """Each record's id and words, then each of its evidence spans in its sentence.

    Raises:
        ValueError: *fmt* is not ``table`` (JSON and CSV carry the evidence already).
    """
    if fmt != "table":
        msg = f"--evidence applies to --format table; --format {fmt} already carries each record's evidence"
        raise ValueError(msg)
    colour = use_colour(out)
    names = Names.of(ds)
    for record in records:
        d = describe(record, names)
        out.write(f"{d.id}  {clean(d.head)}\n    {clean(d.text)}\n")
        render_evidence(ds, record, out, colour=colour, indent="  ")
    out.write(f"({len(records)} {table})\n" if len(records) != 1 else f"(1 {table[:-1]})\n")
