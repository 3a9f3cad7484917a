# SPDX-License-Identifier: MIT
"""Reading and writing datasets: a registry of formats, each a thin adapter over one engine.

Each format module turns its files into plain values and back (``read(path)``,
``write(ds, path)``); the records are built and checked by :mod:`._engine` for all of them.

=============  ===================================================  ==========================
format         what is written at *path*                            detected from
=============  ===================================================  ==========================
json           one JSON document                                    ``*.json``
jsonl          a folder: ``<table>.jsonl`` per table, dataset.json  a folder of ``*.jsonl``
csv            a folder: ``<table>.csv`` per table, dataset.json    a folder of ``*.csv``
datapackage    a folder: ``datapackage.json`` and CSV resources     ``datapackage.json``
parquet        a folder: ``<table>.parquet`` per table, dataset.json  a folder of ``*.parquet``
=============  ===================================================  ==========================

Event data read in, always named with ``format=``: ``plover`` (PLOVER records, see
:mod:`.plover_read`; also written) and ``polecat`` (POLECAT's released files, see :mod:`.polecat`).

Written only (views for other tools, see :mod:`mideastdata.io.eventdata`): ``events-csv``
and ``events-parquet`` (the dyadic event table), ``plover`` (PLOVER JSON Lines, read back too),
``graphml`` and ``gexf`` (the actor graph). ``format="parquet"`` also takes
``partition_by="source"`` or ``"year"``: a hive-partitioned folder for cluster engines
(see :mod:`mideastdata.io.hive`).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any, Literal

from ..dataset import Dataset
from ..errors import DatasetError, Problem
from ..limits import DEFAULT_LIMITS, Limits, check_records, check_size, input_size
from ._annotation.reading import RepairWarning

if TYPE_CHECKING:
    from pathlib import Path

__all__ = [
    "ANNOTATION_FORMATS",
    "EVENT_DATA_FORMATS",
    "EXPORT_FORMATS",
    "FORMATS",
    "ExportFormat",
    "Format",
    "RepairWarning",
    "detect_format",
    "dump",
    "load_path",
]

Format = Literal[
    "json", "jsonl", "csv", "datapackage", "parquet", "brat", "label-studio", "inception", "w3c", "plover", "polecat"
]
FORMATS: tuple[Format, ...] = (
    *("json", "jsonl", "csv", "datapackage", "parquet"),
    *("brat", "label-studio", "inception", "w3c"),
    *("plover", "polecat"),
)
ANNOTATION_FORMATS: tuple[Format, ...] = ("brat", "label-studio", "inception", "w3c")
"""The annotation-tool formats (see docs/annotation.md): always named with ``format=``."""
EVENT_DATA_FORMATS: tuple[Format, ...] = ("plover", "polecat")
"""Event-data records read in (see docs/formats.md): always named with ``format=``; ``plover`` is written too."""
ExportFormat = Literal["events-csv", "events-parquet", "plover", "graphml", "gexf"]
"""Formats that are written, never read: views of a dataset for event-data and graph tools."""
EXPORT_FORMATS: tuple[ExportFormat, ...] = ("events-csv", "events-parquet", "plover", "graphml", "gexf")

_SUFFIXES: dict[str, Format] = {".jsonl": "jsonl", ".csv": "csv", ".parquet": "parquet"}


def detect_format(path: Path) -> Format:
    """Tell the format of *path* from its name and, for a folder, its contents.

    Raises:
        DatasetError: the format cannot be told; pass ``format=`` explicitly.
    """
    name = path.name.lower()
    if name == "datapackage.json" or (path.is_dir() and (path / "datapackage.json").exists()):
        return "datapackage"
    if name.endswith(".json"):
        return "json"
    if name.endswith(".parquet") or (path.is_dir() and any(path.glob("*.parquet"))):
        return "parquet"
    if path.is_dir() and any(path.glob("*.jsonl")):
        return "jsonl"
    if path.is_dir() and any(path.glob("*.csv")):
        return "csv"
    if not path.is_dir() and path.suffix.lower() in _SUFFIXES:  # a table file names its folder
        return _SUFFIXES[path.suffix.lower()]
    msg = f"cannot tell the format of {str(path)!r}; pass format= one of {', '.join(FORMATS)}"
    raise DatasetError([Problem("", msg)], file=str(path))


def _check_format(format: str) -> Format:  # noqa: A002 - the documented name
    if format not in FORMATS:
        msg = f"unknown format {format!r}; expected one of {', '.join(FORMATS)}"
        raise ValueError(msg)
    return format


_REGISTRY: dict[str, str] = {**{fmt: "." + fmt.replace("-", "_") for fmt in FORMATS}, "plover": ".plover_read"}
"""The module of each format, relative to this package: its ``read`` and ``write``."""


def _module(fmt: str) -> Any:
    """The module of *fmt*, imported on demand (parquet and the annotation tools need optional extras)."""
    return importlib.import_module(_REGISTRY[fmt], __name__)


_ATTEMPTS = 10
"""How often a load is tried when dumps replace the path while it is read."""


def load_path(
    path: str | Path,
    *,
    format: Format | None = None,  # noqa: A002
    limits: Limits | None = None,
) -> Dataset:
    """Load a dataset from a file or folder, in *format* or the one its path shows.

    The size limit is checked before anything is read, and again on every file as it is
    read; the record limit before records are built (json) or as soon as they are (the
    other formats). A folder is read from one snapshot (see :mod:`._files`): when a dump
    replaced it during the load, the load is tried again on the new export.
    """
    from pathlib import Path  # noqa: PLC0415 - not needed by `import mideastdata`

    if isinstance(path, str) and not path:
        raise DatasetError([Problem("", "the path is empty: name a file or folder")], file="")
    path = Path(path)
    limits = DEFAULT_LIMITS if limits is None else limits
    if str(format) in EXPORT_FORMATS and format not in FORMATS:  # a caller without a type checker may pass one
        msg = f"format {format!r} is written by dump() only; load one of {', '.join(FORMATS)}"
        raise ValueError(msg)
    try:
        return _load(path, format, limits)
    except OSError as exc:  # the path itself: a name too long for the file system, no permission, ...
        raise DatasetError([Problem("", f"cannot read: {exc.strerror or exc}")], file=str(path)) from None


class _Retry(Exception):  # noqa: N818 - a signal, never raised to callers
    """The folder was swapped while it was read: load it again."""


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return st.st_dev, st.st_ino


def _load(path: Path, format: Format | None, limits: Limits) -> Dataset:  # noqa: A002
    """Load *path*; when it fails while a dump replaces it, wait for the dump and load the new export.

    A dump swaps a folder in by two renames, so for an instant the path is missing, and a
    load that started before the swap may find the old folder's files being removed. Such
    a failure (the path's identity changed, or a dump holds the lock of its folder) is not
    the data's: the load is tried again, up to 10 times.
    """
    from ._files import wait_for_dump  # noqa: PLC0415 - formats and their helpers load on demand

    for attempt in range(1, _ATTEMPTS + 1):
        before = _identity(path)
        try:
            return _load_once(path, format, limits)
        except _Retry:
            continue
        except (DatasetError, OSError):
            if attempt == _ATTEMPTS:
                raise
            folder = path.parent if path.parent.exists() else path.parent.parent
            if not wait_for_dump(folder) and _identity(path) == before:
                raise
    raise AssertionError  # pragma: no cover - the loop returns or raises


def _load_once(path: Path, format: Format | None, limits: Limits) -> Dataset:  # noqa: A002
    from ._files import snapshot  # noqa: PLC0415 - formats and their helpers load on demand

    fmt = _check_format(format) if format is not None else detect_format(path)
    if not path.exists():
        raise DatasetError([Problem("", "no such file or folder")], file=str(path))
    if limits.max_bytes is not None:
        measured = path.parent if fmt == "datapackage" and not path.is_dir() else path  # a descriptor's folder
        check_size(input_size(measured, stop_after=limits.max_bytes), limits, str(path))
    folder = None if fmt in ("json", "plover", "polecat") else path if path.is_dir() else path.parent
    with snapshot(folder, limits, str(path)) as snap:
        try:
            return _read(fmt, path, limits)
        except (DatasetError, OSError) as exc:
            if snap.replaced():
                raise _Retry from exc
            raise


def _read(fmt: Format, path: Path, limits: Limits) -> Dataset:
    if fmt == "json":
        return _module(fmt).read(path, limits=limits)  # type: ignore[no-any-return]
    from ._text import gc_paused  # noqa: PLC0415 - formats and their helpers load on demand

    # A load allocates millions of containers and frees none: with the collector running,
    # each collection pass walks everything built so far and the load grows superlinearly.
    with gc_paused():
        dataset: Dataset = _module(fmt).read(path)
    check_records(sum(len(table) for table in dataset.tables().values()), limits, str(path))
    return dataset


def dump(
    ds: Dataset,
    path: str | Path,
    *,
    format: Format | ExportFormat | None = None,  # noqa: A002
    excel_safe: bool = False,
    partition_by: Literal["source", "year"] | None = None,
) -> Path:
    """Write *ds* to *path* in *format*, atomically; return the path written.

    Args:
        ds: the dataset.
        path: a file (json) or a folder (the other formats; ``datapackage.json``
            inside a folder also names a data package).
        format: json, jsonl, csv, datapackage or parquet. By default it is told from
            the path: ``*.json`` is json, ``datapackage.json`` a data package, a
            ``.jsonl``, ``.csv`` or ``.parquet`` suffix that format, an existing
            export folder its own format; a path with no suffix is json.
            Or one of the write-only formats events-csv, events-parquet, plover, graphml
            and gexf, which write one file and are never told from the path.
        excel_safe: csv only: neutralise spreadsheet formulas (see docs/formats.md).
        partition_by: parquet only: write a hive-partitioned folder, by ``"source"`` or
            by ``"year"`` of the date, for Spark, DuckDB or BigQuery (see
            docs/past-one-machine.md); ``md.load`` reads the unpartitioned folder only.

    Raises:
        ValueError: an unknown format, or an option the format does not take.
        FileExistsError: *path* is a folder holding files this library did not write.
        DatasetError: a text holds a lone surrogate (possible only in records built in
            Python), which no format can write: one problem at the path of each such text.
    """
    from pathlib import Path  # noqa: PLC0415 - not needed by `import mideastdata`

    path = Path(path)
    if not isinstance(ds, Dataset):
        msg = f"dump() writes a Dataset, not {type(ds).__name__}"
        raise TypeError(msg)
    if partition_by is not None and format != "parquet":
        msg = f"partition_by applies to the parquet format only, not {format!r}"
        raise ValueError(msg)
    if partition_by is not None:  # the parquet format (checked above)
        hive = importlib.import_module(f"{__name__}.hive")
        partitioned: Path = hive.write_partitioned(ds, path, partition_by)
        return partitioned
    if format is None:
        format = "json" if not path.suffix and not path.is_dir() else detect_format(path)  # noqa: A001
    fmt: str = format if format in EXPORT_FORMATS else _check_format(format)
    if excel_safe and fmt != "csv":
        msg = f"excel_safe applies to the csv format only, not {fmt!r}"
        raise ValueError(msg)
    if fmt in EXPORT_FORMATS:
        exported: Path = importlib.import_module(f"{__name__}.eventdata").EXPORTS[fmt](ds, path)
        return exported
    module = _module(fmt)
    try:
        written: Path = module.write(ds, path, excel_safe=excel_safe) if fmt == "csv" else module.write(ds, path)
    except UnicodeEncodeError as exc:  # the writes are atomic: the earlier output at *path* is whole
        from ._encodable import refuse  # noqa: PLC0415 - only when writing fails

        refuse(ds, exc)
    return written
