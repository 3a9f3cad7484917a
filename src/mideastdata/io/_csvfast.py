# SPDX-License-Identifier: MIT
r"""The fast path for CSV folders: the reference reader's Dataset, or nothing.

The reference reader (:func:`mideastdata.io.csv.read_table`) splits each table with a
strict pure-Python tokenizer, decodes every cell through its column's decoder, parses
every JSON cell with the strict JSON parser and structures each record with the
converter's hooks, collecting problems with their paths. A valid folder needs none of
that bookkeeping. This module reads a *valid* folder faster and gives up on anything
else:

* split each table with the C :mod:`csv` reader, once the text is shown to be
  well-formed RFC 4180 (every ``"`` opens or closes a quoted cell or doubles one
  inside it, :data:`_WELL_FORMED`): on such a text the C reader and the reference
  tokenizer find the same cells. The C reader reads a quoted empty cell (``""``,
  the empty string) and an unquoted one (``None``) alike, so a table whose text
  holds a quoted empty cell is split by the reference tokenizer instead;
* decode column by column, parse the JSON cells with ``msgspec`` when the ``fast``
  extra is installed (else :mod:`json`), and build each record with a function
  generated from its class (:func:`row_code`; nested records with the generated
  structurers of :mod:`mideastdata.io._fast`), which checks types as the
  converter does and calls the class, so every attrs validator runs exactly as
  on the reference path;
* build the :class:`~mideastdata.Dataset`, which checks it whole, as always.

Anything the fast path is not sure of (a row or header that is not the schema's, a
cell its checks refuse, a possible key given twice in a JSON cell, a ``\ud...``
escape, a whole-dataset problem) makes :func:`load_folder` return ``None``, and the
caller runs the reference reader from the start. So errors and their messages always
come from the reference reader, and a folder the fast path accepts is one the
reference reader accepts with an equal result (``tests/test_csvfast.py`` checks both
claims on the hostile cases and on generated datasets).
"""

from __future__ import annotations

import csv
import io
import json
import re
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from types import CodeType
from typing import Any, get_args

import attrs

from ..dataset import Dataset
from ..errors import DatasetError, Problem
from ._columns import Column, columns
from ._document import TABLE_TYPES
from ._fast import _Fallback, _Run, nested_record_class
from ._folder import read_text

__all__ = ["load_folder", "row_builder", "row_code", "split_rows", "text_patterns", "well_formed"]

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

_SPACED_KEY_END = re.compile(r'"[ \t\n\r]+:')
"""A key written as ``"key" : value``, which the key count below misses."""

_ACCELERATE_FROM = 1 << 20
"""Tables smaller than this (1 MiB) have their JSON cells parsed by the stdlib: importing msgspec would cost more."""


def well_formed(text: str) -> bool:
    """Whether *text* is RFC 4180 as the reference tokenizer reads it (it would raise on nothing)."""
    return _WELL_FORMED.match(text) is not None


def split_rows(text: str) -> tuple[list[list[Cell]], bool] | None:
    """The rows of a well-formed CSV *text*, or ``None`` when it is not well-formed.

    Returns:
        ``(rows, empty_is_none)``. With ``empty_is_none`` the rows come from the C
        reader and an empty cell ``""`` stands for the reference tokenizer's ``None``
        (the text holds no quoted empty cell); otherwise they are the reference
        tokenizer's own rows. An empty line is a row of no cells here, where the
        reference tokenizer sees one empty cell: either way the row does not fit the header.
    """
    from .csv import parse_csv  # noqa: PLC0415 - csv imports this module

    if _NO_QUOTED_EMPTY.match(text) is not None:
        try:
            rows: list[list[Any]] = list(csv.reader(io.StringIO(text, newline=""), strict=True))
        except csv.Error:  # a cell beyond csv.field_size_limit(): the tokenizer has no such limit
            pass
        else:
            return rows, True
    elif not well_formed(text):
        return None
    return parse_csv(text), False


def _stdlib_decode() -> Callable[[str], Any]:
    def reject(name: str) -> Any:
        raise _Fallback(name)

    return json.JSONDecoder(parse_constant=reject).decode


def _json_parser(size: int) -> Callable[[str], Any]:
    if size >= _ACCELERATE_FROM:
        try:
            import msgspec  # noqa: PLC0415 - optional, imported on first use
        except ImportError:
            pass
        else:
            decode: Callable[[str], Any] = msgspec.json.decode
            return decode
    return _stdlib_decode()


class _Table:
    """One table's columns decoded as the reference reader's column decoders would decode them."""

    def __init__(self, excel_safe: bool, empty_is_none: bool, parse: Callable[[str], Any]) -> None:
        self.excel_safe = excel_safe
        self.empty_is_none = empty_is_none
        self.parse = parse
        self.key_ends = 0
        """How many ``":`` the JSON cells hold: at least as many as their keys (see :func:`_table`)."""

    def cells(self, col: Sequence[str]) -> Sequence[str | None]:
        """The column's cells as the reference reader passes them to a decoder (``None`` when empty, unquoted)."""
        if self.empty_is_none:
            if self.excel_safe:
                return [(c[1:] if c[0] == "'" else c) if c else None for c in col]
            return [c or None for c in col]
        if self.excel_safe:
            return [c[1:] if c and c[0] == "'" else c for c in col]
        return col

    def decode(self, column: Column, col: Sequence[str]) -> Sequence[Any]:
        """The values of *column*; raise :class:`_Fallback` where the reference reader would report a problem."""
        kind = column.kind
        if kind == "str" and not column.optional and self.empty_is_none and not self.excel_safe:
            return col  # an empty cell is "" either way
        cells = self.cells(col)
        if kind == "str":
            return cells if column.optional else ["" if c is None else c for c in cells]
        if kind in ("enum", "date"):
            return cells  # the structurers check them, as the converter does
        if kind == "bool":
            flags: dict[str | None, bool | None] = {"true": True, "false": False}
            if column.optional:
                flags[None] = None
            try:
                return [flags[c] for c in cells]
            except KeyError:
                raise _Fallback from None
        if kind == "json":
            return self.json_values(cells, column.optional)
        raise _Fallback  # an int column: none in the schema; the reference reader decodes it

    def json_values(self, cells: Sequence[str | None], optional: bool) -> list[Any]:
        """The parsed JSON cells; raise :class:`_Fallback` where the parser may read a cell unlike the reference."""
        texts = [c for c in cells if c is not None]
        if len(texts) != len(cells) and not optional:
            raise _Fallback  # the reference reader: "expected JSON ..., got an empty cell"
        joined = "\x00".join(texts)
        if _SPACED_KEY_END.search(joined) is not None:
            raise _Fallback
        if "\\u" in joined and re.search(r"\\u[dD]", joined) is not None:
            raise _Fallback  # a surrogate escape: the stdlib parser lets a lone one through, the reference refuses it
        self.key_ends += joined.count('":')
        del joined
        values = iter(list(map(self.parse, texts)))
        return list(values) if len(texts) == len(cells) else [None if c is None else next(values) for c in cells]


def _value_code(column: Column, v: str) -> str:
    """The expression that turns the decoded cell *v* of *column* into the field's value, as the structurers do."""
    args = get_args(column.type)
    if column.kind in ("str", "bool"):  # a str (or None) from the text; True, False (or None) from the decoder
        code = v
    elif column.kind == "enum":
        code = f"_enum_{column.type.__name__}[{v}]"
    elif column.kind == "date":
        code = f"_date({v})"
    elif column.kind == "json" and args == (str, Ellipsis):
        # Every tuple[str, ...] field's validator checks its items (slugs, or str instances).
        code = f"(tuple({v}) if type({v}) is list else _bad())"
    elif column.kind == "json" and (nested := nested_record_class(column.type)) is not None:
        code = f"_records({v}, _s_{nested.__name__}, {len(attrs.fields(nested))})"
    else:  # pragma: no cover - the schema has no other columns
        msg = f"no fast reading of column {column.name!r}"
        raise TypeError(msg)
    if column.optional and column.kind not in ("str", "bool"):
        code = f"(None if {v} is None else {code})"
    return code


_ROW_CODE: dict[type[Any], CodeType] = {}


def row_code(kind: type[Any]) -> CodeType:
    """The compiled ``row(v0, v1, ...)`` that builds a record of *kind* from one row's decoded cells, in schema order.

    Generated from the record class alone, once per class (the cells are its arguments, never its text).
    """
    code = _ROW_CODE.get(kind)
    if code is None:
        cols = columns(kind)
        params = ", ".join(f"v{i}" for i in range(len(cols)))
        args = ", ".join(f"{c.name}={_value_code(c, f'v{i}')}" for i, c in enumerate(cols))
        source = f"def row({params}):\n    return {kind.__name__}({args})\n"
        code = _ROW_CODE[kind] = compile(source, f"<csv row reader for {kind.__name__}>", "exec")
    return code


def row_builder(kind: type[Any], run: _Run) -> Callable[..., Any]:
    """:func:`row_code` of *kind*, bound to this load's structurers, date cache and key count.

    The row reader takes each column's values as this module decodes them (text, ``None``
    for an empty optional cell, ``True``/``False``, parsed JSON lists and objects); the
    Parquet reader gives it the same kinds of values, read from Arrow columns.
    """
    namespace: dict[str, Any] = {
        kind.__name__: kind,
        "_bad": run.bad,
        "_date": run.date,
        "_records": run.records,
        **{f"_s_{name}": structure for name, structure in run.structure.items()},
        **{f"_enum_{c.type.__name__}": {m.value: m for m in c.type} for c in columns(kind) if c.kind == "enum"},
    }
    exec(row_code(kind), namespace)  # noqa: S102 - code generated from the schema, no input in it
    row: Callable[..., Any] = namespace["row"]
    return row


def _records(rows: list[list[Any]], kind: type[Any], run: _Run, table: _Table) -> tuple[Any, ...]:
    by_name = {c.name: c for c in columns(kind)}
    header = rows[0]
    if len(header) != len(by_name) or set(header) != by_name.keys():
        raise _Fallback  # unknown, missing or duplicate columns: the reference reader names them
    body = rows[1:]
    rows.clear()
    width = len(header)
    if any(len(row) != width for row in body):
        raise _Fallback
    if not body:
        return ()
    decoded = {h: table.decode(by_name[h], col) for h, col in zip(header, zip(*body, strict=True), strict=True)}
    del body
    return tuple(map(row_builder(kind, run), *(decoded.pop(name) for name in by_name)))


def _table(folder: Path, name: str, kind: type[Any], run: _Run, excel_safe: bool) -> tuple[Any, ...]:
    problems: list[Problem] = []
    text = read_text(folder / f"{name}.csv", problems, name)
    if text is None:
        raise _Fallback
    split = split_rows(text)
    if split is None or not split[0]:
        raise _Fallback
    rows, empty_is_none = split
    table = _Table(excel_safe, empty_is_none, _json_parser(len(text)))
    del text
    keys_before = run.keys
    built = _records(rows, kind, run, table)
    # Keys given twice in one JSON object: the parsers keep the last; the reference parser refuses.
    # Every key in a cell ends with '":'; the count equals the keys the structured records hold
    # only when no key was given twice (and no key is written as "key" : value).
    if table.key_ends != run.keys - keys_before:
        raise _Fallback
    return built


def load_folder(folder: Path, meta: dict[str, str], *, excel_safe: bool) -> Dataset | None:
    """The Dataset in the CSV folder when the fast path can vouch for it, else ``None`` (use the reference reader).

    Args:
        folder: the folder (its ``dataset.json`` already read and checked into *meta*).
        meta: the dataset's metadata.
        excel_safe: the folder was written with ``excel_safe=True``.
    """
    run = _Run()
    try:
        tables = {name: _table(folder, name, kind, run, excel_safe) for name, kind in TABLE_TYPES.items()}
        return Dataset(**meta, **tables)  # type: ignore[arg-type]
    except (_Fallback, DatasetError):
        return None
    except Exception:  # noqa: BLE001 - a parser or validator error: the reference reader reports it
        return None
