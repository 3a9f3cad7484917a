# SPDX-License-Identifier: MIT
"""What the folder formats (jsonl, csv, parquet) share: the ``dataset.json`` metadata file.

A folder export holds one file per table, named after the table (``statements.csv``),
and ``dataset.json``: the dataset's metadata and the format it was written in::

    {"schema_version": "1.0", "name": "...", "version": "1.0.0", "license": "...",
     "citation": "...", "format": "csv"}
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from ..dataset import Dataset
from ..errors import DatasetError, Problem, short_repr
from ._atomic import write_file
from ._document import META_KEYS, TABLE_TYPES, structure_meta
from ._document import build_dataset as build_checked
from ._files import read_text
from ._text import parse_value

__all__ = ["META_FILE", "build_dataset", "file_names", "read_meta", "read_text", "write_meta"]

META_FILE = "dataset.json"
"""The metadata file of every folder format."""


def file_names(extension: str) -> frozenset[str]:
    """The names a folder export of tables ending in *extension* holds (what it may replace)."""
    return frozenset({META_FILE, *(f"{name}.{extension}" for name in TABLE_TYPES)})


def write_meta(folder: Path, ds: Dataset, fmt: str, **extra: Any) -> None:
    """Write ``dataset.json`` into *folder*."""
    doc: dict[str, Any] = {key: getattr(ds, key) for key in META_KEYS}
    doc["format"] = fmt
    doc.update(extra)
    text = json.dumps(doc, ensure_ascii=False, indent=1) + "\n"
    write_file(folder / META_FILE, text.encode("utf-8"))


def read_json_file(folder: Path, name: str) -> Any:
    """Read and strictly parse the JSON file *name* in *folder*; problems name the folder.

    Raises:
        DatasetError: the file is missing, unreadable or not strict JSON (NaN, keys given
            twice, huge integers and deep nesting are refused).
    """
    problems: list[Problem] = []
    text = read_text(folder / name, problems, name)
    if text is None:
        raise DatasetError(problems, file=str(folder))
    try:
        return parse_value(text, name)
    except DatasetError as exc:
        raise DatasetError(exc.problems, file=str(folder)) from None


def read_meta(folder: Path, fmt: str, extra: Mapping[str, type] | None = None) -> tuple[dict[str, str], dict[str, Any]]:
    """Read and check ``dataset.json``: the metadata, and the format-specific *extra* keys.

    Raises:
        DatasetError: the file is missing, not JSON, or holds wrong or unknown keys.
    """
    extra = extra or {}
    doc = read_json_file(folder, META_FILE)
    problems: list[Problem] = []
    if not isinstance(doc, dict):
        raise DatasetError([Problem(META_FILE, "expected a JSON object")], file=str(folder))
    if doc.get("format") != fmt:
        problems.append(Problem(f"{META_FILE}.format", f"expected {fmt!r}, got {short_repr(doc.get('format'))}"))
    options: dict[str, Any] = {}
    for key, kind in extra.items():
        if key in doc:
            if type(doc[key]) is not kind:
                problems.append(Problem(f"{META_FILE}.{key}", f"expected {kind.__name__}, got {short_repr(doc[key])}"))
            options[key] = doc[key]
    meta_doc = {k: v for k, v in doc.items() if k != "format" and k not in extra}
    meta_problems: list[Problem] = []
    meta = structure_meta(meta_doc, meta_problems)
    problems.extend(Problem(f"{META_FILE}.{p.path}" if p.path else META_FILE, p.message) for p in meta_problems)
    if problems:
        raise DatasetError(problems, file=str(folder))
    return meta, options


def build_dataset(
    folder: Path,
    meta: Mapping[str, str],
    read_table: Callable[[str, type[Any], list[Problem]], tuple[Any, ...]],
) -> Dataset:
    """Read every table with *read_table* (which adds problems) and build the checked Dataset.

    Raises:
        DatasetError: with every problem of every table, or of the whole dataset.
    """
    problems: list[Problem] = []
    tables = {name: read_table(name, kind, problems) for name, kind in TABLE_TYPES.items()}
    if problems:
        raise DatasetError(problems, file=str(folder))
    return build_checked(meta, tables, [], file=str(folder))
