# SPDX-License-Identifier: MIT
"""JSON: one deterministic UTF-8 document per dataset; also single records and tables."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, TypeVar, overload

from ..dataset import Dataset, Table
from ..errors import DatasetError, Problem
from ..model import Actor, Demand, Event, Record, Source, Statement, Topic
from ._atomic import atomic_write_bytes
from .converter import converter, problems_from, structure_dataset, unstructure_dataset

__all__ = ["dumps", "from_json", "read", "to_json", "write"]

T = TypeVar("T", Source, Actor, Topic, Statement, Demand, Event)


def dumps(doc: Any) -> str:
    """Serialise a JSON-ready value the one way this library does (stable, UTF-8 kept)."""
    return json.dumps(doc, ensure_ascii=False, indent=1, allow_nan=False) + "\n"


def to_json(value: Dataset | Table[Any] | Record | tuple[Record, ...]) -> str:
    """Serialise a dataset, a table, a tuple of records or one record as JSON text."""
    if isinstance(value, Dataset):
        return dumps(unstructure_dataset(value))
    if isinstance(value, Table):
        return dumps([converter.unstructure(r, type(r)) for r in value])
    if isinstance(value, tuple):
        return dumps([converter.unstructure(r, type(r)) for r in value])
    return dumps(converter.unstructure(value, type(value)))


def _parse(text: str | bytes, file: str | None) -> Any:
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8")
        except UnicodeDecodeError as exc:
            problem = Problem("", f"not valid UTF-8: {exc.reason} at byte {exc.start}")
            raise DatasetError([problem], file=file) from None
    if text.startswith("\ufeff"):
        raise DatasetError([Problem("", "starts with a byte order mark (BOM); save as UTF-8 without BOM")], file=file)
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        problem = Problem("", f"invalid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}")
        raise DatasetError([problem], file=file) from None
    except RecursionError:
        raise DatasetError([Problem("", "invalid JSON: nested too deeply")], file=file) from None


@overload
def from_json(text: str | bytes) -> Dataset: ...
@overload
def from_json(text: str | bytes, type: type[Dataset]) -> Dataset: ...
@overload
def from_json(text: str | bytes, type: type[T]) -> T: ...
@overload
def from_json(text: str | bytes, type: type[tuple[T, ...]]) -> tuple[T, ...]: ...
def from_json(text: str | bytes, type: Any = Dataset) -> Any:  # noqa: A002 - the documented name
    """Parse JSON text into a Dataset (default), a record class, or ``tuple[Record, ...]``.

    Raises:
        DatasetError: the text is not valid JSON or does not fit the type; every
            problem is listed with its path.
    """
    doc = _parse(text, None)
    if type is Dataset:
        return structure_dataset(doc)
    try:
        return converter.structure(doc, type)
    except Exception as exc:  # noqa: BLE001 - every failure becomes a DatasetError
        raise DatasetError(problems_from(exc)) from None


def read(path: Path) -> Dataset:
    """Read a dataset document from *path*."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise DatasetError([Problem("", f"cannot read: {exc.strerror}")], file=str(path)) from None
    return structure_dataset(_parse(data, str(path)), file=str(path))


def write(ds: Dataset, path: Path) -> Path:
    """Write *ds* as one JSON document at *path*, atomically."""
    atomic_write_bytes(path, to_json(ds).encode("utf-8"))
    return path
