# SPDX-License-Identifier: MIT
"""JSON: one deterministic UTF-8 document per dataset; also single records and tables."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TypeVar, overload

from ..dataset import Dataset, Table
from ..errors import DatasetError, Problem
from ..limits import DEFAULT_LIMITS, Limits, check_size
from ..model import Actor, Demand, Event, Record, Source, Statement, Topic
from ._atomic import atomic_write_bytes
from ._fast import gc_paused, load_document
from ._fast_write import document_bytes, document_text, records_text
from ._files import read_document
from .converter import converter, problems_from, structure_dataset

__all__ = ["dumps", "from_json", "parse_value", "read", "to_json", "write"]

T = TypeVar("T", Source, Actor, Topic, Statement, Demand, Event)


def dumps(doc: Any) -> str:
    """Serialise a JSON-ready value the one way this library does (stable, UTF-8 kept)."""
    return json.dumps(doc, ensure_ascii=False, indent=1, allow_nan=False) + "\n"


def to_json(value: Dataset | Table[Any] | Record | tuple[Record, ...]) -> str:
    """Serialise a dataset, a table, a tuple of records or one record as JSON text.

    Raises:
        DatasetError: a text holds a lone surrogate (possible only in records built in
            Python), which is not a character: one problem at the path of each such text.
    """
    try:
        if isinstance(value, Dataset):
            return document_text(value)  # the text dumps(unstructure_dataset(value)) gives, written faster
        if isinstance(value, (Table, tuple)):
            records = value.records if isinstance(value, Table) else value
            fast = records_text(records)  # with msgspec, for records of one table's class
            if fast is not None:
                return fast
            text = dumps([converter.unstructure(r, type(r)) for r in records])
        else:
            text = dumps(converter.unstructure(value, type(value)))
        if not text.isascii():
            text.encode("utf-8")  # as document_text does: text a file could not hold is refused here
    except UnicodeEncodeError as exc:
        from ._encodable import refuse  # noqa: PLC0415 - only when writing fails

        refuse(value, exc)
    return text


def _constant(name: str) -> Any:
    raise ValueError(name)


def _children(path: str, value: object) -> Iterator[tuple[str, Any]]:
    if isinstance(value, dict):
        return ((f"{path}.{k}" if path else str(k), v) for k, v in value.items())
    if isinstance(value, list):
        return ((f"{path}[{i}]", v) for i, v in enumerate(value))
    return iter(())


def _path_of(doc: Any, target: object) -> str | None:
    """The path of the object *target* (by identity) inside *doc*, or None."""
    if doc is target:
        return ""
    stack = [_children("", doc)]  # iterative: never deeper than the parser
    while stack:
        for path, value in stack[-1]:
            if value is target:
                return path
            if isinstance(value, (dict, list)):
                stack.append(_children(path, value))
                break
        else:
            stack.pop()
    return None


def _loads(text: str) -> tuple[Any, list[Problem]]:
    """``json.loads`` that reports keys given twice in one object (it would keep the last)."""
    duplicates: list[tuple[dict[str, Any], str]] = []

    def pairs_hook(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        obj = dict(pairs)
        if len(obj) != len(pairs):
            seen: set[str] = set()
            for key, _ in pairs:
                if key in seen:
                    duplicates.append((obj, key))
                seen.add(key)
        return obj

    doc = json.loads(text, object_pairs_hook=pairs_hook, parse_constant=_constant)
    return doc, [Problem(_path_of(doc, obj) or "", f"key {key!r} appears more than once") for obj, key in duplicates]


def _decode(data: str | bytes, file: str | None) -> str:
    """UTF-8 without a byte order mark, or a DatasetError naming *file*."""
    if isinstance(data, bytes):
        try:
            data = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            problem = Problem("", f"not valid UTF-8: {exc.reason} at byte {exc.start}")
            raise DatasetError([problem], file=file) from None
    if data.startswith("\ufeff"):
        raise DatasetError([Problem("", "starts with a byte order mark (BOM); save as UTF-8 without BOM")], file=file)
    return data


def _syntax_problem(exc: ValueError | RecursionError) -> Problem:
    if isinstance(exc, json.JSONDecodeError):
        return Problem("", f"invalid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}")
    if isinstance(exc, RecursionError):
        return Problem("", "invalid JSON: nested too deeply")
    what = str(exc)  # NaN/Infinity from _constant, or an integer beyond Python's digit limit
    if what in ("NaN", "Infinity", "-Infinity"):
        return Problem("", f"invalid JSON: {what} is not a JSON number")
    if what.startswith("Exceeds the limit"):
        return Problem("", f"invalid JSON: an integer has more than {sys.get_int_max_str_digits()} digits")
    return Problem("", f"invalid JSON: {what}")  # pragma: no cover - json raises no other ValueError


def _at(where: str, path: str) -> str:
    if not path:
        return where
    if not where or path.startswith("["):
        return where + path
    return f"{where}.{path}"


def parse_value(text: str, where: str = "") -> Any:
    """Parse one JSON value (a JSON Lines line, a CSV cell, a metadata file) as strictly as a document.

    Args:
        text: the JSON text.
        where: the path of the value, prefixed to the path of each problem.

    Raises:
        DatasetError: invalid JSON, ``NaN``, an integer beyond the digit limit, a key
            given twice, or nesting too deep (the caller names the file).
    """
    try:
        doc, problems = _loads(text)
    except (ValueError, RecursionError) as exc:
        problems = [_syntax_problem(exc)]
    else:
        if not problems:
            return doc
    raise DatasetError([Problem(_at(where, p.path), p.message) for p in problems])


def _parse(text: str | bytes, file: str | None) -> Any:
    """Decode and parse JSON text strictly; every failure is a DatasetError naming *file*.

    Strict beyond :func:`json.loads`: UTF-8 only, no byte order mark, no ``NaN`` or
    ``Infinity``, no key given twice in one object (``json.loads`` keeps the last one).
    """
    text = _decode(text, file)
    try:
        doc, problems = _loads(text)
    except (ValueError, RecursionError) as exc:
        raise DatasetError([_syntax_problem(exc)], file=file) from None
    if problems:
        raise DatasetError(problems, file=file)
    return doc


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
        return _load_dataset(text, None, limits)
    doc = _parse(text, None)
    try:
        return converter.structure(doc, type)
    except Exception as exc:  # noqa: BLE001 - every failure becomes a DatasetError
        raise DatasetError(problems_from(exc)) from None


def _check_text_size(text: str | bytes, limits: Limits) -> None:
    if limits.max_bytes is None or len(text) * (1 if isinstance(text, bytes) else 4) <= limits.max_bytes:
        return  # a str of n characters is at most 4n bytes of UTF-8
    size = len(text) if isinstance(text, bytes) else len(text.encode("utf-8", "surrogatepass"))
    check_size(size, limits)


def read(path: Path, *, limits: Limits | None = None) -> Dataset:
    """Read a dataset document from *path*, never more than ``limits.max_bytes`` of it."""
    limits = DEFAULT_LIMITS if limits is None else limits
    data = read_document(path, limits)  # a regular file, read as far as it holds, within the limit
    return _load_dataset(data, str(path), limits)


def _load_dataset(data: str | bytes, file: str | None, limits: Limits) -> Dataset:
    """A whole document: the fast path when it vouches for the result, else the reference path.

    Both give the same Dataset; every error comes from the reference path (see :mod:`._fast`).
    """
    with gc_paused():
        found = load_document(data, limits)
        if found is not None:
            return found
        return structure_dataset(_parse(data, file), file=file, limits=limits)


def write(ds: Dataset, path: Path) -> Path:
    """Write *ds* as one JSON document at *path*, atomically (creating missing parent folders)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write_bytes(path, document_bytes(ds))  # the UTF-8 of to_json(ds), without the str in between
    return path
