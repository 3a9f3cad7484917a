# SPDX-License-Identifier: MIT
"""Reading and writing datasets: one module per format, one strict converter."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from ..dataset import Dataset
from ..errors import DatasetError, Problem

__all__ = ["FORMATS", "Format", "detect_format", "dump", "load_path"]

Format = Literal["json", "jsonl", "csv", "datapackage", "parquet"]
FORMATS: tuple[Format, ...] = ("json", "jsonl", "csv", "datapackage", "parquet")


def detect_format(path: Path) -> Format:
    """Tell the format of *path* from its name and, for a folder, its contents.

    Raises:
        DatasetError: the format cannot be told; pass ``format=`` explicitly.
    """
    name = path.name.lower()
    if name.endswith(".json") and name != "datapackage.json":
        return "json"
    if name == "datapackage.json" or (path.is_dir() and (path / "datapackage.json").exists()):
        return "datapackage"
    if name.endswith(".parquet") or (path.is_dir() and any(path.glob("*.parquet"))):
        return "parquet"
    if path.is_dir() and any(path.glob("*.jsonl")):
        return "jsonl"
    if path.is_dir() and any(path.glob("*.csv")):
        return "csv"
    msg = f"cannot tell the format of {str(path)!r}; pass format= one of {', '.join(FORMATS)}"
    raise DatasetError([Problem("", msg)], file=str(path))


def _check_format(format: str) -> Format:  # noqa: A002 - the documented name
    if format not in FORMATS:
        msg = f"unknown format {format!r}; expected one of {', '.join(FORMATS)}"
        raise ValueError(msg)
    return format


def load_path(path: str | Path, *, format: Format | None = None) -> Dataset:  # noqa: A002
    """Load a dataset from a file or folder, in *format* or the one its path shows."""
    path = Path(path)
    fmt = _check_format(format) if format is not None else detect_format(path)
    if not path.exists():
        raise DatasetError([Problem("", "no such file or folder")], file=str(path))
    if fmt == "json":
        from . import json as json_format  # noqa: PLC0415 - formats load on demand

        return json_format.read(path)
    msg = f"format {fmt!r} is not available in this version"
    raise NotImplementedError(msg)


def dump(ds: Dataset, path: str | Path, *, format: Format | None = None) -> Path:  # noqa: A002
    """Write *ds* to *path* in *format* (default: from the path's suffix, else json)."""
    path = Path(path)
    if format is None:
        format = "json" if path.suffix.lower() == ".json" or not path.suffix else detect_format(path)  # noqa: A001
    fmt = _check_format(format)
    if fmt == "json":
        from . import json as json_format  # noqa: PLC0415

        return json_format.write(ds, path)
    msg = f"format {fmt!r} is not available in this version"
    raise NotImplementedError(msg)
