# SPDX-License-Identifier: MIT
"""The one engine from plain values to records, used by every format.

Each format turns its files into plain values and calls :func:`build_table` (a list of
plain records) or :func:`build_rows` (one list of values per field, for the column
formats). Records are built by the functions :mod:`mideastdata._codegen` generates: the
fast builder first, and from the first value it refuses on, the detailed builder, which
runs the same rules and says why at each path. Then :mod:`._document` checks the dataset
whole.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import chain
from typing import Any

from .. import _schema
from .._codegen import Refused, builders
from ..errors import FieldTypeError, FieldValueError, Problem
from ._encodable import unencodable

__all__ = ["REFUSALS", "build_rows", "build_table", "plain_keys"]

REFUSALS = (Refused, KeyError, FieldValueError, FieldTypeError)
"""What a fast builder raises for a value it refuses (KeyError: a required key left out)."""


def build_table(
    rows: list[Any], cls: type[Any], name: str, out: list[Problem], *, surrogates: bool = False
) -> tuple[Any, ...]:
    r"""The records of *rows* (plain values); problems are added to *out* (with the records that were fine).

    Each row is dropped once its record is built, so the plain values and the records are not
    both held whole. The fast builder runs first; from the first row it refuses on, the
    detailed builder says why, row by row. With *surrogates* (the text the values were parsed
    from may hold ``\ud800``-style escapes), every text of every record is also checked for a
    lone surrogate, which no format can write.

    Raises:
        RuntimeError: the fast builder refused a row in which the detailed one finds nothing
            wrong (a bug in the generator: the two run the same rules).
    """
    made = builders()
    fast = made.fast[cls]
    built: list[Any] = []
    append = built.append
    at = 0
    try:
        for at, row in enumerate(rows):
            append(fast(row))
            rows[at] = None
    except REFUSALS:
        pass
    else:
        if surrogates:
            _surrogates(built, name, out)
        return tuple(built)
    detailed = made.detailed[cls]
    before = len(out)
    for i in range(at, len(rows)):
        record = detailed(rows[i], f"{name}[{i}]", out)
        if record is not None:
            built.append(record)
    if len(out) == before:  # pragma: no cover - the two builders run the same rules
        msg = f"the fast builder refused {name}[{at}], the detailed one found nothing wrong"
        raise RuntimeError(msg)
    if surrogates:
        _surrogates(built, name, out)
    return tuple(built)


def _surrogates(records: list[Any], name: str, out: list[Problem]) -> None:
    for i, record in enumerate(records):
        out.extend(Problem(f"{name}[{i}]{'.' + p.path if p.path else ''}", p.message) for p in unencodable(record))


def build_rows(
    columns: list[list[Any]], cls: type[Any], name: str, out: list[Problem], *, surrogates: bool = False
) -> tuple[Any, ...]:
    """The records whose field values are *columns* (one list per field, in schema order).

    The positional builder runs first; on a refusal, the rows are handed to :func:`build_table`
    as plain records, so the problems are the detailed builder's.
    """
    try:
        built = list(map(builders().args[cls], *columns))
    except REFUSALS:
        names = [s.name for s in _schema.fields(cls)]
        rows = [dict(zip(names, values, strict=True)) for values in zip(*columns, strict=True)]
        return build_table(rows, cls, name, out, surrogates=surrogates)
    if surrogates:
        _surrogates(built, name, out)
    return tuple(built)


def plain_keys(values: Iterable[Any], cls: type[Any]) -> int:
    """How many keys *values* (plain records of *cls*) hold, all levels down, read from the schema.

    Only the objects where the schema puts records are counted (a list of them in a field
    of kind ``records``), each with C-level passes: never more keys than the values hold, so
    a text whose ``":`` outnumber this count is one :func:`._text.may_repeat_keys` doubts,
    and the strict parser then reports what it holds.
    """
    dicts = [v for v in values if type(v) is dict]
    total = sum(map(len, dicts))
    for spec in _schema.fields(cls):
        if spec.kind == "records":
            lists = [v for d in dicts if type(v := d.get(spec.name)) is list]
            total += plain_keys(chain.from_iterable(lists), spec.item)
    return total
