# SPDX-License-Identifier: MIT
"""JSON: one deterministic UTF-8 document per dataset; also single records and tables."""

from __future__ import annotations

from pathlib import Path
from typing import Any, TypeVar, get_args, get_origin, overload

from .. import _schema
from .._codegen import Refused, check_list, unstructure
from ..dataset import Dataset, Table
from ..errors import DatasetError, Problem
from ..limits import DEFAULT_LIMITS, Limits, check_size
from ..model import Actor, Demand, Event, Record, Source, Statement, Topic
from ._atomic import atomic_write_bytes
from ._engine import build_table
from ._fast_write import document_bytes, document_text, dumps, plain_text, records_text
from ._files import read_document
from ._jsonload import load_json
from ._text import parse_value, strict

__all__ = ["dumps", "from_json", "parse_value", "read", "to_json", "write"]

T = TypeVar("T", Source, Actor, Topic, Statement, Demand, Event)


def to_json(value: Dataset | Table[Any] | Record | tuple[Record, ...]) -> str:
    """Serialise a dataset, a table, a tuple of records or one record as JSON text.

    Raises:
        DatasetError: a text holds a lone surrogate (possible only in records built in
            Python), which is not a character: one problem at the path of each such text.
    """
    try:
        if isinstance(value, Dataset):
            return document_text(value)  # the stdlib text of the plain document, written faster
        if isinstance(value, (Table, tuple)):
            return records_text(value.records if isinstance(value, Table) else value)
        return plain_text(unstructure(value))
    except UnicodeEncodeError as exc:
        from ._encodable import refuse  # noqa: PLC0415 - only when writing fails

        refuse(value, exc)


@overload
def from_json(text: str | bytes, *, limits: Limits | None = None) -> Dataset: ...
@overload
def from_json(text: str | bytes, type: type[Dataset], *, limits: Limits | None = None) -> Dataset: ...
@overload
def from_json(text: str | bytes, type: type[T], *, limits: Limits | None = None) -> T: ...
@overload
def from_json(text: str | bytes, type: type[tuple[T, ...]], *, limits: Limits | None = None) -> tuple[T, ...]: ...
def from_json(text: str | bytes, type: Any = Dataset, *, limits: Limits | None = None) -> Any:  # noqa: A002
    """Parse JSON text into a Dataset (default), a record class, or ``tuple[Record, ...]``.

    Args:
        text: the JSON text, as ``str`` or UTF-8 ``bytes``.
        type: what to build (the documented name shadows the builtin).
        limits: bounds on size and record count (default: those of :class:`~mideastdata.Limits`).

    Raises:
        DatasetError: the text is not valid JSON, does not fit the type, or passes a
            limit; every problem is listed with its path.
    """
    limits = DEFAULT_LIMITS if limits is None else limits
    if isinstance(text, (bytearray, memoryview)):  # bytes-like input is read as its bytes
        text = bytes(text)
    _check_text_size(text, limits)
    if type is Dataset:
        return load_json(text, None, limits)
    return _build_part(strict(text, None), type)


def _check_text_size(text: str | bytes, limits: Limits) -> None:
    if limits.max_bytes is None or len(text) * (1 if isinstance(text, bytes) else 4) <= limits.max_bytes:
        return  # a str of n characters is at most 4n bytes of UTF-8
    size = len(text) if isinstance(text, bytes) else len(text.encode("utf-8", "surrogatepass"))
    check_size(size, limits)


def read(path: Path, *, limits: Limits | None = None) -> Dataset:
    """Read a dataset document from *path*, never more than ``limits.max_bytes`` of it."""
    limits = DEFAULT_LIMITS if limits is None else limits
    data = read_document(path, limits)  # a regular file, read as far as it holds, within the limit
    return load_json(data, str(path), limits)


def _build_part(doc: Any, type_: Any) -> Any:
    """A record of class *type_*, or a tuple of them (``tuple[Statement, ...]``), from parsed JSON."""
    problems: list[Problem] = []
    args = get_args(type_)
    if get_origin(type_) is tuple and len(args) == 2 and args[1] is Ellipsis and args[0] in _schema.RECORD_CLASSES:
        try:
            rows = list(check_list(doc))
        except Refused as exc:
            exc.report(problems, "")
            raise DatasetError(problems) from None
        built = build_table(rows, args[0], "", problems, surrogates=True)
    elif type_ in _schema.RECORD_CLASSES:
        built = build_table([doc], type_, "", problems, surrogates=True)
        if not problems:
            return built[0]
        problems = [Problem(p.path.removeprefix("[0]"), p.message) for p in problems]
    else:
        msg = f"from_json builds a Dataset, a record class or tuple[Record, ...], not {type_!r}"
        raise TypeError(msg)
    if problems:
        raise DatasetError(problems)
    return built


def write(ds: Dataset, path: Path) -> Path:
    """Write *ds* as one JSON document at *path*, atomically (creating missing parent folders)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write_bytes(path, document_bytes(ds))  # the UTF-8 of to_json(ds), without the str in between
    return path
