# SPDX-License-Identifier: MIT
"""The Parquet export partitioned hive style, for cluster engines.

``md.dump(ds, path, format="parquet", partition_by="year")`` (or ``"source"``) lands here.

A wrapper around the Parquet writer: each table is the same Arrow table
(:func:`mideastdata.io.parquet.arrow_table`, in :func:`~mideastdata.io.parquet.arrow_schema`),
written as a folder of files by ``pyarrow.dataset``::

    out/dataset.json
    out/statements/year=2025/part-0.parquet
    out/statements/year=__HIVE_DEFAULT_PARTITION__/part-0.parquet   (undated records)
    out/actors/part-0.parquet                                         (not partitioned)

``partition_by="year"`` splits sources (by ``published``), statements and events (by
``date``) on the year of the date; ``partition_by="source"`` splits sources (by id) and
actors, statements, demands and events by the source of their first evidence span in
reading order. Tables without the key, and empty tables, are written whole. Each file holds exactly the
table's columns (the key lives in the folder names), so Spark's and DuckDB's hive
discovery give the table plus one ``year`` (integer) or ``source`` (string) column.

Row order across partitions is not kept, and ``md.load`` reads only the unpartitioned
folder: this layout is for engines, the plain export for round trips.
"""

from __future__ import annotations

import contextlib
import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from .._schema import TABLES as TABLE_TYPES
from ._atomic import atomic_folder
from ._folder import META_FILE, write_meta
from .parquet import _pyarrow, arrow_table

if TYPE_CHECKING:
    from ..dataset import Dataset

__all__ = ["KEYS", "partition_values", "write_partitioned"]

PartitionBy = Literal["source", "year"]
KEYS: dict[PartitionBy, dict[str, str]] = {
    "year": {"sources": "published", "statements": "date", "events": "date"},
    "source": dict.fromkeys(("actors", "statements", "demands", "events"), "evidence") | {"sources": "id"},
}
"""For each key, the tables it partitions and the field the key is read from."""


def partition_values(ds: Dataset, table: str, by: PartitionBy) -> list[Any] | None:
    """The key of each record of *table* (``None`` where it has none), or ``None`` when *by* does not split it."""
    field = KEYS[by].get(table)
    if field is None:
        return None
    records = getattr(ds, table).records
    if by == "year":
        return [None if getattr(r, field) is None else getattr(r, field).year for r in records]
    if field == "id":
        return [r.id for r in records]
    order = {source_id: i for i, source_id in enumerate(ds.sources.ids())}
    return [
        min(r.evidence, key=lambda e: (order.get(e.source, len(order)), e.start, e.end)).source if r.evidence else None
        for r in records
    ]


def _is_partitioned_export(path: Path) -> bool:
    meta = path / META_FILE
    with contextlib.suppress(OSError, ValueError):
        if meta.is_symlink() or not meta.is_file() or meta.stat().st_size > _META_MAX:
            return False
        doc = json.loads(meta.read_bytes())
        return isinstance(doc, dict) and doc.get("partition_by") in KEYS
    return False


_META_MAX = 1 << 20


def _foreign(path: Path) -> list[str]:
    """The entries of the folder *path* that a partitioned export does not write (all, unless it is one).

    A partitioned export holds its ``dataset.json`` (which says it is partitioned) and one
    folder per table, holding folders (``year=2025``) and ``.parquet`` files only.
    """
    with os.scandir(path) as scan:
        entries = {e.name: e for e in scan}
    if not entries:
        return []
    if not _is_partitioned_export(path):
        return sorted(entries)
    tables = {n for n, e in entries.items() if n in TABLE_TYPES and e.is_dir(follow_symlinks=False)}
    foreign = [n for n in entries if n != META_FILE and n not in tables]
    for table in tables:
        for root, folders, files in os.walk(path / table):  # links to folders are listed, never followed
            where = Path(root).relative_to(path)
            foreign += [str(where / f) for f in files if not f.endswith(".parquet") or (Path(root) / f).is_symlink()]
            foreign += [str(where / f) for f in folders if (Path(root) / f).is_symlink()]
    return sorted(foreign)


def write_partitioned(ds: Dataset, path: Path, by: PartitionBy) -> Path:
    """Write *ds* at *path* as a hive-partitioned Parquet folder, swapped in whole when complete.

    Raises:
        ValueError: *by* is neither ``"source"`` nor ``"year"``.
        FileExistsError: *path* exists and is not an empty folder or an earlier partitioned export
            (its ``dataset.json``, table folders and ``.parquet`` files, nothing else).
        ImportError: pyarrow is not installed (``pip install 'mideastdata[parquet]'``).
    """
    if by not in KEYS:
        msg = f"partition_by must be 'source' or 'year', not {by!r}"
        raise ValueError(msg)
    pa, pq = _pyarrow()
    import pyarrow.dataset as pads  # noqa: PLC0415 - part of pyarrow, imported on first use

    path = Path(path)
    with atomic_folder(path, (), foreign=_foreign) as tmp:
        write_meta(tmp, ds, "parquet", partition_by=by)
        for name, kind in TABLE_TYPES.items():
            table = arrow_table(getattr(ds, name).records, kind)
            keys = partition_values(ds, name, by)
            if table.num_rows == 0:  # no partition to write: one empty file keeps the schema readable
                (tmp / name).mkdir()
                pq.write_table(table, tmp / name / "part-0.parquet")
                continue
            options: dict[str, Any] = {"format": "parquet", "basename_template": "part-{i}.parquet"}
            if keys is not None:
                key_type = pa.int64() if by == "year" else pa.string()
                table = table.append_column(pa.field(by, key_type), pa.array(keys, type=key_type))
                options["partitioning"] = pads.partitioning(pa.schema([pa.field(by, key_type)]), flavor="hive")
            pads.write_dataset(table, tmp / name, existing_data_behavior="error", **options)
    return path
