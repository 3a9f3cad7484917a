# SPDX-License-Identifier: MIT
r"""JSON Lines: a folder with one ``<table>.jsonl`` per table and ``dataset.json``.

Each line of a table file is one record as a compact JSON object, exactly as it
appears in the JSON document (same keys, same order, UTF-8 kept as is), ended by
``\n``. Line *n* of ``statements.jsonl`` is ``statements[n-1]``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..dataset import Dataset
from ..errors import DatasetError, Problem
from ._atomic import atomic_folder, write_file
from ._cells import locate
from ._document import TABLE_TYPES
from ._engine import build_table
from ._fast_write import compact_writers
from ._folder import build_dataset, file_names, read_meta, read_text, write_meta
from ._jsonload import load_lines
from ._text import parse_value

__all__ = ["EXTENSION", "read", "write"]

EXTENSION = "jsonl"

def table_lines(records: tuple[Any, ...], kind: type[Any]) -> str:
    """The JSON Lines text of *records* of class *kind*: each its compact JSON (see :func:`compact_writers`)."""
    line = compact_writers()[f"_json_{kind.__name__}"]
    return "".join([line(r) + "\n" for r in records])


def write(ds: Dataset, path: Path) -> Path:
    """Write *ds* as a JSON Lines folder at *path*, atomically."""
    with atomic_folder(path, file_names(EXTENSION)) as tmp:
        write_meta(tmp, ds, EXTENSION)
        for name, kind in TABLE_TYPES.items():
            text = table_lines(getattr(ds, name).records, kind)
            write_file(tmp / f"{name}.{EXTENSION}", text.encode("utf-8"))
    return path


def _parse_lines(text: str, name: str, problems: list[Problem]) -> list[Any] | None:
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    rows: list[Any] = []
    ok = True
    for i, line in enumerate(lines):
        if not line.strip():
            problems.append(Problem(f"{name}[{i}]", f"line {i + 1} of {name}.{EXTENSION} is empty"))
            ok = False
            continue
        try:
            rows.append(parse_value(line, f"{name}[{i}]"))
        except DatasetError as exc:  # strict: NaN, keys given twice, huge integers, deep nesting
            problems.extend(Problem(p.path, f"line {i + 1}: {p.message}") for p in exc.problems)
            ok = False
    return rows if ok else None


def read(path: Path) -> Dataset:
    """Read a JSON Lines folder.

    Raises:
        DatasetError: with every problem found, each at its ``table[index].field`` path.
    """
    folder = path.parent if path.is_file() else path
    meta, _ = read_meta(folder, EXTENSION)

    def read_table(name: str, kind: type[Any], problems: list[Problem]) -> tuple[Any, ...]:
        text = read_text(folder / f"{name}.{EXTENSION}", problems, name)
        if text is None:
            return ()
        start = len(problems)
        found = load_lines(text.encode("utf-8"), kind, name, problems)
        if found is None:
            rows = _parse_lines(text, name, problems)  # strict, line by line: says what is wrong
            found = () if rows is None else build_table(rows, kind, name, problems, surrogates=True)
        if len(problems) > start:  # line n of the file is record n - 1
            lines = range(text.count("\n") + 2)
            problems[start:] = locate(problems[start:], name, f"{name}.{EXTENSION}", lines)
        return found

    return build_dataset(folder, meta, read_table)
