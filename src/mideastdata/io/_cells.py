# SPDX-License-Identifier: MIT
r"""CSV text to plain values: the rows of a table, and each column's cells decoded by its field's kind.

The cell encoding is documented for users in docs/formats.md and written by
:mod:`mideastdata.io.csv`. Here:

* :func:`split_rows` splits a well-formed RFC 4180 text with the C :mod:`csv` reader
  (every ``"`` opens or closes a quoted cell or doubles one inside it,
  :func:`well_formed`): on such a text it finds the cells the strict tokenizer
  (:func:`mideastdata.io.csv.parse_csv`) finds. The C reader reads a quoted empty cell
  (``""``, the empty string) and an unquoted one (``None``) alike, so a text holding a
  quoted empty cell is left to the tokenizer;
* :func:`decode_column` turns one column's cells into the plain values a JSON document
  holds for that field (text, ``None``, ``true``/``false``, numbers, parsed JSON lists and
  objects), from the field's kind alone; what it cannot decode it reports by row. The
  engine then checks every value, as for every format;
* :func:`mirrored_table` is the quick way for a large table (with msgspec, the ``fast``
  extra): the same cells, a slice of rows at a time, checked by msgspec against the mirrors
  the JSON reader decodes into, and built by the same mirror builders
  (:func:`._jsonload.build_mirrored`). On anything it cannot vouch for it declines, and
  the table is read the way above, which reports.
"""

from __future__ import annotations

import csv
import io
import re
import sys
from collections.abc import Iterable, Iterator, Sequence
from itertools import chain, islice
from typing import Any

from .. import _schema
from ..errors import DatasetError, Problem
from . import _text
from ._engine import plain_keys
from ._jsonload import build_mirrored, decode_cells
from ._text import has_escape, may_repeat_keys, parse_value, quick_values

__all__ = [
    "decode_column", "lines_pattern", "locate", "mirrored_table", "parse_csv", "split_rows", "text_patterns",
    "well_formed",
]

Cell = str | None


def text_patterns(*, possessive: bool) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The patterns of well-formed CSV text, and of well-formed text with no quoted empty cell.

    Well-formed is RFC 4180 as :func:`mideastdata.io.csv.parse_csv` reads it: each quoted cell
    starts at the start of the text or after ``,`` CR or LF, holds no ``"`` but doubled ones,
    and ends at the end of the text or before ``,`` CR or LF; outside quoted cells there is no
    ``"`` at all. The grammar is unambiguous, so possessive quantifiers (Python 3.11 and later),
    which never backtrack, accept the same texts, in one pass.
    """
    return _pattern(possessive=possessive, empty=True), _pattern(possessive=possessive, empty=False)


_OTHER_BREAKS = "\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
"""What :meth:`str.splitlines` also breaks lines at, besides CR and LF (the C reader's line ends)."""


def _pattern(*, possessive: bool, empty: bool, other_breaks: bool = True) -> re.Pattern[str]:
    more = "*+" if possessive else "*"
    outside = '[^"]' if other_breaks else f'[^"{_OTHER_BREAKS}]'
    body = f'[^"]{more}(?:""[^"]{more}){more}'
    text = rf'(?:{outside}{more}(?<![^,\r\n])"{{}}"(?![^,\r\n])){more}{outside}{more}\Z'
    return re.compile(text.format(body if empty else f'(?:[^"]|""){body}'))


def lines_pattern(*, possessive: bool) -> re.Pattern[str]:
    """The pattern of well-formed text with no quoted empty cell, and outside quoted cells no line break but CR and LF.

    The lines :meth:`str.splitlines` (keeping their ends) gives of such a text are split by the
    C reader exactly as the lines of ``io.StringIO(text, newline="")``: where the two split lines
    differently, it is inside a quoted cell, whose line ends the reader keeps as text.
    """
    return _pattern(possessive=possessive, empty=False, other_breaks=False)


_POSSESSIVE = sys.version_info >= (3, 11)
_WELL_FORMED, _NO_QUOTED_EMPTY = text_patterns(possessive=_POSSESSIVE)
_PLAIN_LINES = lines_pattern(possessive=_POSSESSIVE)


def well_formed(text: str) -> bool:
    """Whether *text* is RFC 4180 as the strict tokenizer reads it (it would raise on nothing)."""
    return _WELL_FORMED.match(text) is not None


def split_rows(text: str) -> tuple[list[list[Any]], bool] | None:
    """The rows of a well-formed CSV *text*, or ``None`` when it is not well-formed.

    Returns:
        ``(rows, empty_is_none)``. With ``empty_is_none`` the rows come from the C
        reader and an empty cell ``""`` stands for the tokenizer's ``None`` (the text
        holds no quoted empty cell); otherwise they are the tokenizer's own rows.
    """
    if _NO_QUOTED_EMPTY.match(text) is not None:
        try:
            # An empty line is one empty cell, as the tokenizer reads it (the C reader: no cell).
            return [row or [""] for row in csv.reader(io.StringIO(text, newline=""), strict=True)], True
        except csv.Error:  # a cell beyond csv.field_size_limit(): the tokenizer has no such limit
            pass
    elif not well_formed(text):
        return None
    return parse_csv(text), False


_PLAIN = re.compile(r'[^,"\r\n]*')


def _misplaced(text: str, pos: int) -> ValueError:
    return ValueError(f"line {text.count(chr(10), 0, pos) + 1}: misplaced or unclosed quote")


def parse_csv(text: str) -> list[list[str | None]]:
    """Split RFC 4180 text into rows of cells: ``None`` for an unquoted empty cell.

    Accepts CRLF, LF or CR between rows. A quoted cell is found with :meth:`str.find`, one
    call per doubled quote inside it, so memory is the cells themselves and time is linear
    whatever a cell holds (a regular expression repeating per character kept a backtracking
    entry per character: ~136 bytes for each character of a quoted cell).

    Raises:
        ValueError: a quote is misplaced or unclosed (the message names the line).
    """
    rows: list[list[str | None]] = []
    row: list[str | None] = []
    pos, end = 0, len(text)
    find, plain = text.find, _PLAIN.match
    while pos < end:
        start = pos
        if text[pos] == '"':
            close = find('"', pos + 1)
            doubled = False
            while close >= 0 and text.startswith('"', close + 1):
                doubled = True
                close = find('"', close + 2)
            if close < 0:
                raise _misplaced(text, start)
            cell = text[pos + 1 : close]
            row.append(cell.replace('""', '"') if doubled else cell)
            pos = close + 1
        else:
            match = plain(text, pos)
            pos = match.end() if match is not None else pos
            row.append(text[start:pos] or None)
        if pos == end:
            rows.append(row)
            break
        sep = text[pos]
        if sep == ",":
            pos += 1
            if pos == end:  # a trailing comma: one more, empty cell
                row.append(None)
                rows.append(row)
        elif sep in "\r\n":
            pos += 2 if text.startswith("\r\n", pos) else 1
            rows.append(row)
            row = []
        else:  # a quote inside an unquoted cell, or text after a closing quote
            raise _misplaced(text, start)
    return rows


_EMPTY_JSON = "expected JSON (such as [] for an empty list), got an empty cell"
_FLAGS: dict[Cell, bool] = {"true": True, "false": False}
_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]*)(\.[0-9]+)?(?:[eE][-+]?[0-9]+)?")


def _number(cell: str, kind: str) -> Any:
    match = _NUMBER.fullmatch(cell)
    if match is None or (kind == "int" and (match.group(1) or "e" in cell.lower())):
        return cell  # the engine refuses the text: "expected an integer, got str '1.5'"
    return int(cell) if kind == "int" else float(cell)


def decode_column(
    spec: _schema.FieldSpec, col: Sequence[Cell], *, empty_is_none: bool, excel_safe: bool, size: int
) -> tuple[list[Any], list[tuple[int, str]]]:
    """The plain values of one column, and the cells that cannot be decoded, by row.

    Args:
        spec: the field the column holds.
        col: its cells, ``None`` for an unquoted empty cell (with *empty_is_none*, ``""``).
        empty_is_none: the cells came from the C reader: ``""`` stands for ``None``.
        excel_safe: the table was written with ``excel_safe=True``: one leading ``'`` is stripped.
        size: the length of the table's text: JSON cells are parsed by msgspec when it is large.
    """
    if spec.kind == "text" and not spec.optional and empty_is_none and not excel_safe:
        return list(col), []  # an empty cell is the empty text, as the C reader gives it
    cells = _normalized(col, empty_is_none=empty_is_none, excel_safe=excel_safe)
    kind = spec.kind
    if kind == "text":
        return (cells if spec.optional else ["" if c is None else c for c in cells]), []
    if kind in ("enum", "date"):
        return cells, []  # the engine checks the text
    if kind == "bool":
        return [c if c is None else _FLAGS.get(c, c) for c in cells], []
    if kind in ("int", "float"):
        return [c if c is None else _number(c, kind) for c in cells], []
    return _json_column(cells, spec, size)


def _normalized(col: Sequence[Cell], *, empty_is_none: bool, excel_safe: bool) -> list[Cell]:
    """The cells of a column with ``None`` for an empty one and, when *excel_safe*, one leading ``'`` stripped."""
    if empty_is_none:
        return [(c[1:] if c[0] == "'" else c) if c else None for c in col] if excel_safe else [c or None for c in col]
    return [c[1:] if c and c[0] == "'" else c for c in col] if excel_safe else list(col)


_FORMS = {
    "texts": 'a list is written as JSON: ["end-of-war", "ceasefire"], or [] for none',
    "records": 'a list of records is written as JSON, as in the JSON document: [{"title": "..."}], or [] for none',
}
"""How a cell of each JSON kind is written, told with a cell that is not JSON."""


def _json_column(cells: list[Cell], spec: _schema.FieldSpec, size: int) -> tuple[list[Any], list[tuple[int, str]]]:
    """Cells of compact JSON (lists, nested records) parsed; strictly, cell by cell, when in doubt."""
    refused = [] if spec.optional else [(i, _EMPTY_JSON) for i, c in enumerate(cells) if c is None]
    texts = [c for c in cells if c is not None]
    joined = "\n".join(texts)
    if not has_escape(joined):
        values = quick_values(texts, joined, size)
        keys = 0  # a list of texts holds no key
        if values is not None and spec.kind == "records":
            keys = plain_keys(chain.from_iterable(v for v in values if type(v) is list), spec.item)
        if values is not None and not may_repeat_keys(joined, keys):
            found = iter(values)
            return [None if c is None else next(found) for c in cells], refused
    out: list[Any] = []
    for i, cell in enumerate(cells):
        if cell is None:
            out.append(None)
            continue
        try:
            out.append(parse_value(cell))
        except DatasetError as exc:  # strict: NaN, keys given twice, huge integers, deep nesting
            message = "; ".join(str(p).replace("invalid JSON", "invalid JSON in the cell", 1) for p in exc.problems)
            message += f" ({_FORMS[spec.kind]})"
            refused.append((i, message))
            out.append(None)
    refused.sort()
    return out, refused


def locate(problems: list[Problem], name: str, file: str, lines: Sequence[int]) -> list[Problem]:
    """*problems* of table *name* with where each is in *file*: ``demands.csv line 11, column topics``.

    *lines* holds the line each row starts on, the header's first (so row ``name[i]`` starts on
    ``lines[i + 1]``); for a JSON Lines table, pass ``lines[i + 1] == i + 1``.
    """
    out = []
    for problem in problems:
        head, sep, rest = problem.path.partition("]")
        index = head.removeprefix(f"{name}[")
        if not sep or not index.isdigit() or int(index) + 1 >= len(lines):
            out.append(problem)
            continue
        column = rest.removeprefix(".").split(".")[0].split("[")[0]
        where = f"{file} line {lines[int(index) + 1]}" + (f", column {column}" if column else "")
        out.append(Problem(problem.path, problem.message, where))
    return out


ROWS_AT_ONCE = 1000
"""Rows the quick way splits, decodes and builds at a time: they are still in the processor's cache."""


def mirrored_table(text: str, kind: type[Any], *, excel_safe: bool) -> tuple[Any, ...] | None:
    r"""The records of CSV *text* (a table of *kind* records) read through msgspec mirrors, or ``None``.

    Taken for a text of at least :data:`._text.ACCELERATE_FROM` characters that holds no
    ``\ud`` escape, is well-formed with no quoted empty cell (the C reader splits it as
    the tokenizer would) and whose header is the table's columns. Each slice of
    :data:`ROWS_AT_ONCE` rows has its columns decoded as :func:`decode_column` does, but
    JSON cells parsed by msgspec into the mirrors (:func:`._jsonload.decode_cells`), and
    its records built by :func:`._jsonload.build_mirrored`. It declines (``None``) without
    msgspec, and at the first thing it cannot vouch for: a row of another width, an empty
    cell where JSON is required, a cell msgspec refuses, a value a record refuses. The caller
    then reads the table with :func:`split_rows`, :func:`decode_column` and the engine,
    which report every problem.
    """
    if len(text) < _text.ACCELERATE_FROM or has_escape(text):
        return None
    if _PLAIN_LINES.match(text) is not None:
        lines: Iterable[str] = text.splitlines(keepends=True)  # a list: quicker to read than a StringIO
    elif _NO_QUOTED_EMPTY.match(text) is not None:
        lines = io.StringIO(text, newline="")
    else:
        return None
    reader = csv.reader(lines, strict=True)
    try:
        return _mirrored_rows(reader, kind, excel_safe=excel_safe)
    except csv.Error:  # a cell beyond csv.field_size_limit(): the tokenizer has no such limit
        return None


def _mirrored_rows(reader: Iterator[list[str]], kind: type[Any], *, excel_safe: bool) -> tuple[Any, ...] | None:
    specs = _schema.fields(kind)
    header: list[str] = next(reader, [])
    if sorted(header) != sorted(s.name for s in specs):
        return None  # an unknown, missing or duplicate column: the caller reports it
    width, at = len(header), [header.index(s.name) for s in specs]
    records: list[Any] = []
    for rows in iter(lambda: list(islice(reader, ROWS_AT_ONCE)), []):
        if any(len(row) != width for row in rows):
            return None
        columns = list(zip(*rows, strict=True))
        values = [_mirror_column(spec, columns[i], excel_safe=excel_safe) for spec, i in zip(specs, at, strict=True)]
        built = None if None in values else build_mirrored(list(zip(*values, strict=True)), kind, positional=True)
        if built is None:
            return None
        records.extend(built)
    return tuple(records)


def _mirror_column(spec: _schema.FieldSpec, col: Sequence[str], *, excel_safe: bool) -> list[Any] | None:
    """One column of a slice as its mirror takes it (see :func:`mirrored_table`), or ``None``."""
    if spec.kind not in _FORMS:
        return decode_column(spec, col, empty_is_none=True, excel_safe=excel_safe, size=0)[0]  # it refuses JSON only
    cells = _normalized(col, empty_is_none=True, excel_safe=excel_safe)
    texts = [c for c in cells if c is not None]
    if len(texts) < len(cells) and not spec.optional:
        return None  # an empty cell where JSON is required: the caller says so
    values = decode_cells(texts, spec)
    if values is None or len(texts) == len(cells):
        return values
    found = iter(values)
    return [None if c is None else next(found) for c in cells]
