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
  engine then checks every value, as for every format.
"""

from __future__ import annotations

import csv
import io
import re
import sys
from collections.abc import Sequence
from itertools import chain
from typing import Any

from .. import _schema
from ..errors import DatasetError, Problem
from ._engine import plain_keys
from ._text import has_escape, may_repeat_keys, parse_value, quick_values

__all__ = ["decode_column", "locate", "parse_csv", "split_rows", "text_patterns", "well_formed"]

Cell = str | None


def text_patterns(*, possessive: bool) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The patterns of well-formed CSV text, and of well-formed text with no quoted empty cell.

    Well-formed is RFC 4180 as :func:`mideastdata.io.csv.parse_csv` reads it: each quoted cell
    starts at the start of the text or after ``,`` CR or LF, holds no ``"`` but doubled ones,
    and ends at the end of the text or before ``,`` CR or LF; outside quoted cells there is no
    ``"`` at all. The grammar is unambiguous, so possessive quantifiers (Python 3.11 and later),
    which never backtrack, accept the same texts, in one pass.
    """
    more = "*+" if possessive else "*"
    body = f'[^"]{more}(?:""[^"]{more}){more}'
    text = rf'(?:[^"]{more}(?<![^,\r\n])"{{}}"(?![^,\r\n])){more}[^"]{more}\Z'
    return re.compile(text.format(body)), re.compile(text.format(f'(?:[^"]|""){body}'))


_WELL_FORMED, _NO_QUOTED_EMPTY = text_patterns(possessive=sys.version_info >= (3, 11))


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
    cells: list[Cell]
    if spec.kind == "text" and not spec.optional and empty_is_none and not excel_safe:
        return list(col), []  # an empty cell is the empty text, as the C reader gives it
    if empty_is_none:
        cells = [(c[1:] if c[0] == "'" else c) if c else None for c in col] if excel_safe else [c or None for c in col]
    else:
        cells = [c[1:] if c and c[0] == "'" else c for c in col] if excel_safe else list(col)
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
