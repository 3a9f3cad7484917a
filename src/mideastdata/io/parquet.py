# SPDX-License-Identifier: MIT
"""Parquet (optional extra ``pyarrow``): a folder with one ``<table>.parquet`` per table and ``dataset.json``.

Each record field is a column: text, enums and dates as Arrow strings (dates in ISO 8601
reduced precision), booleans as booleans, lists as Arrow lists and nested records
(roles, stances, evidence) as lists of Arrow structs, so DuckDB, pandas or Spark read
them as native nested types. Fields that cannot be ``None`` are non-nullable columns.
pyarrow is imported on first use only.
"""

from __future__ import annotations

from collections.abc import Sequence
from operator import attrgetter
from pathlib import Path
from typing import Any

from .. import _schema
from ..dataset import Dataset
from ..errors import DatasetError, Problem
from ._arrowread import read_parquet
from ._atomic import atomic_folder, write_file
from ._document import TABLE_TYPES
from ._engine import build_rows, build_table
from ._fast_write import unstructurer
from ._files import UnreadableFileError, read_bytes
from ._folder import build_dataset, file_names, read_meta, write_meta
from ._text import gc_paused

__all__ = ["EXTENSION", "arrow_schema", "arrow_table", "read", "write"]

EXTENSION = "parquet"
INSTALL_HINT = "pip install 'mideastdata[parquet]'"


def _pyarrow() -> tuple[Any, Any]:
    """Import pyarrow and pyarrow.parquet, or explain how to install them."""
    try:
        import pyarrow as pa  # noqa: PLC0415 - an optional extra, imported on first use
        import pyarrow.parquet as pq  # noqa: PLC0415
    except ImportError as exc:
        msg = f"the parquet format needs pyarrow: {INSTALL_HINT}"
        raise ImportError(msg, name="pyarrow") from exc
    return pa, pq


_ARROW: dict[_schema.Kind, str] = {"bool": "bool_", "int": "int64", "float": "float64"}
"""The Arrow type of each kind of field that is not text (text, enums and dates are strings)."""


def _arrow_fields(pa: Any, kind: type[Any]) -> list[Any]:
    """The Arrow fields of the fields of record class *kind* (a table's columns, or a nested record's struct)."""
    return [pa.field(s.name, _arrow_type(pa, s), nullable=s.optional) for s in _schema.fields(kind)]


def _arrow_type(pa: Any, spec: _schema.FieldSpec) -> Any:
    if spec.kind in _ARROW:
        return getattr(pa, _ARROW[spec.kind])()
    if spec.kind in ("texts", "records"):
        item = pa.string() if spec.kind == "texts" else pa.struct(_arrow_fields(pa, spec.item))
        return pa.list_(pa.field("item", item, nullable=False))
    return pa.string()


def arrow_schema(kind: type[Any]) -> Any:
    """The ``pyarrow.Schema`` of a table of *kind* records, derived from the model."""
    pa, _ = _pyarrow()
    return pa.schema(_arrow_fields(pa, kind))


def _column_values(spec: _schema.FieldSpec, records: Sequence[Any]) -> list[Any]:
    """The values of field *spec* in *records*, as Arrow takes them (text, bool, lists, dicts for structs)."""
    values = list(map(attrgetter(spec.name), records))
    if spec.kind == "date":
        return [None if v is None else str(v) for v in values]
    if spec.kind == "records":
        unstructure = unstructurer(spec.item)
        return [None if v is None else list(map(unstructure, v)) for v in values]
    return values  # str (an enum is the str of its value), bool, int, a tuple of str: as they are


def arrow_table(records: Sequence[Any], kind: type[Any]) -> Any:
    """The ``pyarrow.Table`` of *records* (all of class *kind*), built a column at a time, in :func:`arrow_schema`."""
    pa, _ = _pyarrow()
    schema = arrow_schema(kind)
    with gc_paused():  # the values of one column at a time: many small containers, none kept
        arrays = [pa.array(_column_values(s, records), type=schema.field(s.name).type) for s in _schema.fields(kind)]
    return pa.Table.from_arrays(arrays, schema=schema)


def write(ds: Dataset, path: Path) -> Path:
    """Write *ds* as a Parquet folder at *path*, atomically.

    Raises:
        ImportError: pyarrow is not installed (``pip install 'mideastdata[parquet]'``).
    """
    pa, pq = _pyarrow()
    with atomic_folder(path, file_names(EXTENSION)) as tmp:
        write_meta(tmp, ds, EXTENSION)
        for name, kind in TABLE_TYPES.items():
            table = arrow_table(getattr(ds, name).records, kind)
            sink = pa.BufferOutputStream()
            pq.write_table(table, sink, write_page_checksum=True)
            write_file(tmp / f"{name}.{EXTENSION}", sink.getvalue().to_pybytes())
    return path


def read(path: Path) -> Dataset:
    """Read a Parquet folder.

    A file that holds exactly :func:`arrow_schema` is read a column at a time (each column
    taken out of Arrow whole, no dict per row) and its records built by the engine's
    positional builder; any other file row by row, as plain values. Either way the engine
    checks every value.

    Raises:
        DatasetError: with every problem found, each at its ``table[index].field`` path.
        ImportError: pyarrow is not installed.
    """
    pa, pq = _pyarrow()
    folder = path.parent if path.is_file() else path
    meta, _ = read_meta(folder, EXTENSION)

    def read_table(name: str, kind: type[Any], problems: list[Problem]) -> tuple[Any, ...]:
        file = folder / f"{name}.{EXTENSION}"
        try:  # through the file layer: a regular file, bounded as read and as decoded
            table = read_parquet(pa, pq, read_bytes(file), file.name)
        except UnreadableFileError as exc:  # missing, a link, a pipe, a device
            problems.append(Problem(name, str(exc)))
            return ()
        except DatasetError:  # the load's size limit
            raise
        except Exception as exc:  # noqa: BLE001 - pyarrow raises several kinds on a bad file
            problems.append(Problem(name, f"cannot read {file.name}: {exc}"))
            return ()
        if table.schema.equals(arrow_schema(kind)):  # names, order, types and nullability
            values = [table.column(s.name).to_pylist() for s in _schema.fields(kind)]
            del table
            return build_rows(values, kind, name, problems)
        return build_table(table.to_pylist(), kind, name, problems)

    return build_dataset(folder, meta, read_table)
