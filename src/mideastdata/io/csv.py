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

import contextlib
import csv
import io
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from .. import _schema
from ..dataset import SCHEMA_VERSION, Dataset
from ..errors import Problem
from ._atomic import atomic_folder, write_file
from ._cells import decode_column, locate, mirrored_table, parse_csv, split_rows
from ._csvrow import row_writer
from ._document import TABLE_TYPES
from ._engine import build_rows, build_table
from ._folder import build_dataset, file_names, read_meta, read_text, write_meta
from ._text import has_escape

__all__ = ["EXTENSION", "parse_csv", "read", "read_table", "table_csv", "write"]

EXTENSION = "csv"


_WRITERS: dict[tuple[type[Any], bool], Callable[[Any], str]] = {}


def table_csv(records: Iterable[Any], kind: type[Any], *, excel_safe: bool = False) -> str:
    """The CSV text (header and rows) of *records* of class *kind*."""
    row = _WRITERS.get((kind, excel_safe))
    if row is None:
        row = _WRITERS[kind, excel_safe] = row_writer(kind, excel_safe=excel_safe)
    lines = [",".join(column_names(kind))]
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


def _split(text: str) -> tuple[list[list[Any]], bool]:
    """The rows of *text* and whether an empty cell stands for ``None`` (see :func:`split_rows`).

    Raises:
        ValueError: a quote is misplaced or unclosed (the message names the line).
    """
    split = split_rows(text)
    if split is None:
        return parse_csv(text), False  # not well-formed: the strict tokenizer says where
    return split


def _header_problems(header: list[str], specs: dict[str, Any], name: str, *, older_schema: bool) -> list[Problem]:
    unknown = [h for h in header if h not in specs]
    missing = [n for n, s in specs.items() if n not in header and (s.required or not older_schema)]
    parts = [f"unknown column {h!r}" for h in unknown] + [f"missing column {n!r}" for n in missing]
    parts += [f"duplicate column {h!r}" for h in sorted({str(h) for h in header if header.count(h) > 1})]
    return [Problem(name, f"{name}.{EXTENSION}: {p}") for p in parts]


def _separator_problem(cell: str, specs: dict[str, Any], name: str) -> list[Problem]:
    """The problem of a header that is the schema's columns joined by another separator (a spreadsheet's ``;``)."""
    for separator, said in ((";", "semicolons"), ("\t", "tabs")):
        if set(cell.split(separator)) == set(specs):
            msg = (
                f"{name}.{EXTENSION} is separated by {said}, not commas: save it as CSV with commas "
                "(a spreadsheet's 'CSV UTF-8 (comma delimited)'), or re-export it with md.dump"
            )
            return [Problem(name, msg)]
    return []


def _decode(
    cells: dict[str, tuple[Any, ...]], specs: dict[str, Any], name: str, problems: list[Problem], **how: Any
) -> tuple[list[list[Any]], set[int]]:
    """Each column's plain values (in schema order), and the rows with a cell that cannot be decoded."""
    decoded: list[list[Any]] = []
    bad: set[int] = set()
    rows = len(next(iter(cells.values()))) if cells else 0
    for spec in specs.values():
        if spec.name not in cells:  # an optional field a table of an older schema does not have
            default = list(spec.default) if isinstance(spec.default, tuple) else spec.default
            decoded.append([default] * rows)
            continue
        values, refused = decode_column(spec, cells.pop(spec.name), **how)
        problems.extend(Problem(f"{name}[{i}].{spec.name}", message) for i, message in refused)
        bad.update(i for i, _ in refused)
        decoded.append(values)
    return decoded, bad


def read_table(  # noqa: PLR0913 - two keyword-only options of how the table was written
    text: str, name: str, kind: type[Any], problems: list[Problem], *, excel_safe: bool = False,
    older_schema: bool = False,
) -> tuple[Any, ...]:
    """Decode the CSV *text* of table *name*; add problems (with paths and lines) and return the records."""
    found = mirrored_table(text, kind, excel_safe=excel_safe)
    if found is not None:
        return found
    start = len(problems)
    records = _read_table(text, name, kind, problems, excel_safe=excel_safe, older_schema=older_schema)
    if len(problems) > start:
        problems[start:] = locate(problems[start:], name, f"{name}.{EXTENSION}", _row_lines(text))
    return records


def _row_lines(text: str) -> list[int]:
    """The line each row of *text* starts on (the header's is 1), as far as the C reader can tell."""
    starts: list[int] = []
    reader = csv.reader(io.StringIO(text, newline=""))
    line = 0
    with contextlib.suppress(csv.Error):  # past a broken row, rows have no line
        for _row in reader:
            starts.append(line + 1)
            line = reader.line_num
    return starts


def _read_table(  # noqa: PLR0913 - two keyword-only options of how the table was written
    text: str, name: str, kind: type[Any], problems: list[Problem], *, excel_safe: bool, older_schema: bool
) -> tuple[Any, ...]:
    """Decode the CSV *text* of table *name*; add problems (with paths) and return the records.

    (A large table is first tried through msgspec mirrors, :func:`._cells.mirrored_table`.)
    The cells are split (by the C reader when the text is well-formed, else by the strict
    tokenizer, which says where it is not), decoded column by column into plain values
    (:mod:`._cells`) and built into records by the engine. A row with a cell that cannot be
    decoded is left out and the others are still checked, so every problem is reported; a
    table with problems gives no records. In a table of an *older_schema* (migrated on
    reading), a column of an optional field may be absent: the field takes its default.
    """
    try:
        rows, empty_is_none = _split(text)
    except ValueError as exc:
        problems.append(Problem(name, f"{name}.{EXTENSION}: {exc}"))
        return ()
    if not rows:
        problems.append(Problem(name, f"{name}.{EXTENSION} is empty: expected a header row"))
        return ()
    specs = {s.name: s for s in _schema.fields(kind)}
    header = ["" if h is None else h for h in rows[0]]  # an empty header cell, however it is split
    wrong = _header_problems(header, specs, name, older_schema=older_schema)
    if wrong and len(header) == 1:
        wrong = _separator_problem(header[0], specs, name) or wrong
    if wrong:
        problems.extend(wrong)
        return ()
    body = rows[1:]
    rows.clear()
    width = len(header)
    short = {i for i, row in enumerate(body) if len(row) != width}
    problems.extend(Problem(f"{name}[{i}]", f"row has {len(body[i])} cells, the header {width}") for i in sorted(short))
    if not body:
        return ()
    cells = dict(
        zip(
            header,
            zip(*([None] * width if i in short else row for i, row in enumerate(body)), strict=True),
            strict=True,
        )
    )
    del body
    before = len(problems)
    how = {"empty_is_none": empty_is_none, "excel_safe": excel_safe, "size": len(text)}
    decoded, bad = _decode(cells, specs, name, problems, **how)
    problems[before:] = [p for p in problems[before:] if _row_of(p, name) not in short]
    surrogates = has_escape(text)
    before = len(problems)
    if not bad and not short:
        built = build_rows(decoded, kind, name, problems, surrogates=surrogates)
        return built if len(problems) == before else ()
    keep = [i for i in range(len(decoded[0])) if i not in bad and i not in short]
    names = list(specs)
    rows_left = [{n: decoded[j][i] for j, n in enumerate(names)} for i in keep]
    build_table(rows_left, kind, name, problems, surrogates=surrogates)  # to report their problems too
    problems[before:] = [_renumber(p, name, keep) for p in problems[before:]]  # in the table's numbering
    return ()


def _row_of(problem: Problem, name: str) -> int | None:
    index = problem.path.removeprefix(f"{name}[").partition("]")[0]
    return int(index) if index.isdigit() else None


def _renumber(problem: Problem, name: str, keep: list[int]) -> Problem:
    row = _row_of(problem, name)
    if row is None:
        return problem
    return Problem(f"{name}[{keep[row]}]{problem.path.partition(']')[2]}", problem.message)


def read(path: Path) -> Dataset:
    """Read a CSV folder.

    Raises:
        DatasetError: with every problem found, each at its ``table[index].field`` path.
    """
    folder = path.parent if path.is_file() else path
    meta, options = read_meta(folder, EXTENSION, {"excel_safe": bool})
    excel_safe = bool(options.get("excel_safe", False))

    def one_table(name: str, kind: type[Any], problems: list[Problem]) -> tuple[Any, ...]:
        text = read_text(folder / f"{name}.{EXTENSION}", problems, name, bom=True)
        if text is None:
            return ()
        return read_table(text, name, kind, problems, excel_safe=excel_safe, older_schema=older_schema(meta))

    return build_dataset(folder, meta, one_table)


def older_schema(meta: dict[str, Any]) -> bool:
    """Whether a folder's metadata names a schema older than the one written (read migrated)."""
    return bool(meta.get("schema_version", SCHEMA_VERSION) != SCHEMA_VERSION)


def column_names(kind: type[Any]) -> list[str]:
    """The CSV header of a table of *kind* records: its field names in schema order."""
    return [s.name for s in _schema.fields(kind)]
