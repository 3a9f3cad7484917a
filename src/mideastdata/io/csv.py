# SPDX-License-Identifier: MIT
"""CSV: a folder with one RFC 4180 ``<table>.csv`` per table and ``dataset.json``.

The encoding of a cell (documented for users in docs/formats.md):

* UTF-8 without BOM, CRLF between rows, a header row of field names in schema order;
  a cell is quoted (``"..."``, inner ``"`` doubled) when it holds ``,`` ``"`` CR or LF.
* ``None`` is an empty, unquoted cell; the empty string is a quoted empty cell ``""``.
  (In a column that cannot be ``None``, an unquoted empty cell also reads as ``""``.)
* Text is written as is; enums as their value; booleans as ``true``/``false``;
  dates as ISO 8601 reduced precision (``2025``, ``2025-08``, ``2025-08-02``).
* Lists and nested records (aliases, roles, topics, stances, evidence, ...) are one
  cell of compact JSON, exactly as in the JSON document: ``["hamas","israel"]``,
  ``[]`` for an empty list.
* ``excel_safe=True`` (recorded in dataset.json) prefixes ``'`` to every cell that starts
  with ``=``, ``+``, ``-``, ``@``, tab or CR, and to every cell that already starts with
  ``'``; the reader strips one leading ``'`` from every cell that starts with one, so the
  round trip stays exact.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from ..dataset import SCHEMA_VERSION, Dataset
from ..errors import DatasetError, Problem
from ._atomic import atomic_folder, write_file
from ._columns import columns
from ._csvfast import load_folder
from ._csvrow import row_writer
from ._folder import build_dataset, file_names, read_meta, read_text, write_meta
from .converter import TABLE_TYPES, structure_records

__all__ = ["EXTENSION", "parse_csv", "read", "read_reference", "read_table", "table_csv", "write"]

EXTENSION = "csv"

_TOKEN = re.compile(r'(?:"((?:[^"]|"")*)"|([^,"\r\n]*))(,|\r\n|\n|\r|\Z)')


_WRITERS: dict[tuple[type[Any], bool], Callable[[Any], str]] = {}


def table_csv(records: Iterable[Any], kind: type[Any], *, excel_safe: bool = False) -> str:
    """The CSV text (header and rows) of *records* of class *kind*."""
    row = _WRITERS.get((kind, excel_safe))
    if row is None:
        row = _WRITERS[kind, excel_safe] = row_writer(kind, excel_safe=excel_safe)
    lines = [",".join(c.name for c in columns(kind))]
    lines.extend(map(row, records))
    lines.append("")
    return "\r\n".join(lines)


def write(ds: Dataset, path: Path, *, excel_safe: bool = False) -> Path:
    """Write *ds* as a CSV folder at *path*, atomically."""
    with atomic_folder(path, file_names(EXTENSION)) as tmp:
        write_meta(tmp, ds, EXTENSION, excel_safe=excel_safe)
        for name, kind in TABLE_TYPES.items():
            text = table_csv(getattr(ds, name), kind, excel_safe=excel_safe)
            write_file(tmp / f"{name}.{EXTENSION}", text.encode("utf-8"))
    return path


# --------------------------------------------------------------------------- reading


def parse_csv(text: str) -> list[list[str | None]]:
    """Split RFC 4180 text into rows of cells: ``None`` for an unquoted empty cell.

    Accepts CRLF, LF or CR between rows.

    Raises:
        ValueError: a quote is misplaced or unclosed (the message names the line).
    """
    rows: list[list[str | None]] = []
    row: list[str | None] = []
    pos, end = 0, len(text)
    match = _TOKEN.match
    while pos < end:
        m = match(text, pos)
        if m is None or (m.end() == pos and pos < end):
            line = text.count("\n", 0, pos) + 1
            msg = f"line {line}: misplaced or unclosed quote"
            raise ValueError(msg)
        quoted, plain, sep = m.groups()
        if quoted is not None:
            row.append(quoted.replace('""', '"'))
        else:
            row.append(plain or None)
        pos = m.end()
        if sep != ",":
            rows.append(row)
            row = []
        elif pos == end:  # a trailing comma: one more, empty cell
            row.append(None)
            rows.append(row)
    return rows


def _unsafe(cell: str | None) -> str | None:
    return cell[1:] if cell and cell[0] == "'" else cell


def read_table(  # noqa: PLR0913 - two keyword-only options of how the table was written
    text: str, name: str, kind: type[Any], problems: list[Problem], *, excel_safe: bool = False,
    older_schema: bool = False,
) -> tuple[Any, ...]:
    """Decode the CSV *text* of table *name*; add problems (with paths) and return the records.

    In a table of an *older_schema* (migrated on reading), a column of an optional field may
    be absent: the field takes its default.
    """
    try:
        rows = parse_csv(text)
    except ValueError as exc:
        problems.append(Problem(name, f"{name}.{EXTENSION}: {exc}"))
        return ()
    if not rows:
        problems.append(Problem(name, f"{name}.{EXTENSION} is empty: expected a header row"))
        return ()
    by_name = {c.name: c for c in columns(kind)}
    header = rows[0]
    unknown = [h for h in header if h not in by_name]
    missing = [n for n, c in by_name.items() if n not in header and (c.required or not older_schema)]
    if unknown or missing or len(set(header)) != len(header):
        parts = [f"unknown column {h!r}" for h in unknown] + [f"missing column {n!r}" for n in missing]
        parts += [f"duplicate column {h!r}" for h in sorted({str(h) for h in header if header.count(h) > 1})]
        problems.extend(Problem(name, f"{name}.{EXTENSION}: {p}") for p in parts)
        return ()
    decoders: list[tuple[str, Callable[[str | None], Any]]] = [
        (str(h), by_name[str(h)].decode) for h in header
    ]
    docs: list[dict[str, Any]] = []
    ok = True
    for i, row in enumerate(rows[1:]):
        if len(row) != len(header):
            problems.append(Problem(f"{name}[{i}]", f"row has {len(row)} cells, the header {len(header)}"))
            ok = False
            continue
        doc: dict[str, Any] = {}
        for (field, decode), cell in zip(decoders, row, strict=True):
            value = _unsafe(cell) if excel_safe else cell
            try:
                doc[field] = decode(value)
            except ValueError as exc:
                problems.append(Problem(f"{name}[{i}].{field}", str(exc)))
                ok = False
        docs.append(doc)
    if not ok:
        return ()
    try:
        return structure_records(docs, kind, name)
    except DatasetError as exc:
        problems.extend(exc.problems)
        return ()


def read(path: Path) -> Dataset:
    """Read a CSV folder.

    A valid folder is read by the fast path (:mod:`._csvfast`); anything it cannot
    vouch for is read again by the reference reader below, which reports every problem.

    Raises:
        DatasetError: with every problem found, each at its ``table[index].field`` path.
    """
    folder = path.parent if path.is_file() else path
    meta, options = read_meta(folder, EXTENSION, {"excel_safe": bool})
    excel_safe = bool(options.get("excel_safe", False))
    found = load_folder(folder, meta, excel_safe=excel_safe)
    if found is not None:
        return found
    return read_reference(folder, meta, excel_safe=excel_safe)


def read_reference(folder: Path, meta: dict[str, str], *, excel_safe: bool) -> Dataset:
    """Read the tables of a CSV *folder* (metadata *meta*) the strict way, collecting every problem.

    Raises:
        DatasetError: with every problem found, each at its ``table[index].field`` path.
    """

    def one_table(name: str, kind: type[Any], problems: list[Problem]) -> tuple[Any, ...]:
        text = read_text(folder / f"{name}.{EXTENSION}", problems, name)
        if text is None:
            return ()
        return read_table(text, name, kind, problems, excel_safe=excel_safe, older_schema=older_schema(meta))

    return build_dataset(folder, meta, one_table)


def older_schema(meta: dict[str, Any]) -> bool:
    """Whether a folder's metadata names a schema older than the one written (read migrated)."""
    return bool(meta.get("schema_version", SCHEMA_VERSION) != SCHEMA_VERSION)


def column_names(kind: type[Any]) -> list[str]:
    """The CSV header of a table of *kind* records: its field names in schema order."""
    return [c.name for c in columns(kind)]
